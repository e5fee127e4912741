"""What the record dialogs collect and the undoable operations take: plain values, no Qt.

A dialog (ui/dialogs/, the Findings page's new-finding dialog) returns one of these; the
operation for its noun (ui/operations/) turns it into core calls. Kept apart from both so an
operation's signature does not depend on a widget module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict


@dataclass
class ChallengeData:
    council: str
    programme_title: str
    onsite_start: str | None
    onsite_end: str | None
    scope: str = ""


@dataclass
class MeetingData:
    date: str
    title: str
    type: str = "interview"
    start_time: str | None = None
    end_time: str | None = None
    location: str = ""
    notes: str = ""
    peer_ids: list[str] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)  # names to add as people met
    new_people_group: str | None = None  # the stakeholder group of the new people
    new_people_organisation: str = ""  # their organisation, as the Person dialog records it
    headcounts: str = ""  # people met without names, as typed: "12 carers; 3 providers"


@dataclass
class PersonData:
    name: str
    group_id: str | None = None
    job_title: str = ""
    organisation: str = ""


@dataclass
class PeerData:
    name: str
    role: str = "officer_peer"
    job_title: str = ""
    organisation: str = ""


@dataclass
class DocumentData:
    title: str
    provided_by: str = ""
    doc_date: str | None = None


class NewFindingValues(TypedDict):
    """A new finding's fields, as `findings.create_finding` takes them as keywords."""

    statement: str
    kind: str
    heading_id: str | None
    group_id: str | None
