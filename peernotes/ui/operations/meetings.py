"""Meetings: add, edit, delete, import the programme, and people met without names
(undoable). A meeting saved from its dialog, with the people typed there and the headcounts,
is one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peernotes.core import headcounts
from peernotes.core.errors import ValidationError
from peernotes.core.records import people, programme, read_models
from peernotes.core.records.programme import Saved
from peernotes.core.store import ChallengeFile
from peernotes.core.vocab import group_plural
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable

if TYPE_CHECKING:
    from peernotes.core.programme_columns import Layout
    from peernotes.core.programme_import import ImportPlan
    from peernotes.core.sheets import Table
    from peernotes.ui.operations.inputs import MeetingData


def add_meeting(session: Session, data: MeetingData) -> Saved:
    """Add a meeting with its team, people and headcounts; the id and any warnings."""

    def operation(cf: ChallengeFile) -> Saved:
        saved = programme.add_meeting(
            cf,
            date=data.date,
            title=data.title,
            type=data.type,
            start_time=data.start_time,
            end_time=data.end_time,
            location=data.location,
            notes=data.notes,
            peer_ids=data.peer_ids,
            person_ids=data.person_ids,
        )
        _save_people_and_counts(cf, saved.id, data)
        return saved

    return run_undoable(session, "Add meeting", operation)


def edit_meeting(session: Session, meeting_id: str, data: MeetingData) -> Saved:
    """Save the meeting dialog over a meeting: its details, who was there, its headcounts."""

    def operation(cf: ChallengeFile) -> Saved:
        saved = programme.update_meeting(
            cf,
            meeting_id,
            date=data.date,
            title=data.title,
            type=data.type,
            start_time=data.start_time,
            end_time=data.end_time,
            location=data.location,
            notes=data.notes,
        )
        programme.set_meeting_members(
            cf, meeting_id, peer_ids=data.peer_ids, person_ids=data.person_ids
        )
        _save_people_and_counts(cf, meeting_id, data)
        return saved

    return run_undoable(session, "Edit meeting", operation)


def _save_people_and_counts(cf: ChallengeFile, meeting_id: str, data: MeetingData) -> None:
    """The people added in the dialog and the unnamed headcounts, in the same transaction
    (and so the same undo step) as the meeting itself."""
    for text in data.new_people:
        name, role = people.name_and_role(text)  # "Jo Reid (Carer lead)"
        person_id = people.add_person(
            cf,
            name,
            group_id=data.new_people_group,
            job_title=role,
            organisation=data.new_people_organisation,
            allow_duplicate=True,
        )
        programme.add_person_to_meeting(cf, meeting_id, person_id)
    counts = headcounts.parse_counts(data.headcounts, headcounts.group_lookup(cf))
    headcounts.set_for_meeting(cf, meeting_id, counts)


def delete_meeting(
    session: Session, meeting_id: str, *, observations: str = "delete", move_to: str | None = None
) -> list[str]:
    """Delete a meeting; its observations are deleted with it or moved to `move_to`."""
    return run_undoable(
        session,
        "Delete meeting",
        lambda cf: programme.delete_meeting(
            cf, meeting_id, observations=observations, move_to=move_to
        ),
    )


def import_programme(
    session: Session, table: Table, layout: Layout | None, source: str
) -> ImportPlan:
    """Write the council's timetable (one transaction, one undo step); what was imported."""
    from peernotes.core import programme_import  # only when a timetable is imported

    return run_undoable(
        session,
        "Import programme",
        lambda cf: programme_import.run_import(cf, table, layout, source),
    )


def headcount_label(group_name: str, people: int) -> str:
    """'12 carers', '1 carer': a group's headcount as the peer reads it."""
    return f"{people} {group_name.lower() if people == 1 else group_plural(group_name)}"


def record_headcounts(session: Session, meeting_id: str, text: str) -> str:
    """Set the counts typed for the meeting (one undo step); returns what to tell the peer.
    ValidationError (nothing recorded) names the part that is not a count of a known group."""
    cf = session.cf
    counts = headcounts.parse_counts(text, headcounts.group_lookup(cf))
    if not counts:
        raise ValidationError(
            "headcounts", "A headcount needs at least one person; remove a count with its ✕."
        )
    before = headcounts.for_meeting(cf, meeting_id)
    names = {g.id: g.name for g in read_models.groups(cf)}
    typed = "; ".join(headcount_label(names[g], n) for g, n in counts.items())

    def operation(cf: ChallengeFile) -> None:
        for group_id, count in counts.items():
            headcounts.set_headcount(cf, meeting_id, group_id, count)

    run_undoable(session, f"Record {typed} met without names", operation)
    was = [f"{before[g]}" for g in counts if before.get(g) and before[g] != counts[g]]
    return f"Recorded {typed} met without names" + (f" (was {', '.join(was)})." if was else ".")


def remove_headcount(session: Session, meeting_id: str, group_id: str) -> str:
    """Clear one group's headcount for the meeting; returns what to tell the peer."""
    cf = session.cf
    count = headcounts.for_meeting(cf, meeting_id).get(group_id, 0)
    group = next((g for g in read_models.groups(cf) if g.id == group_id), None)
    label = headcount_label(group.name, count) if group else "people"
    run_undoable(
        session,
        f"Remove {label} met without names",
        lambda cf: headcounts.set_headcount(cf, meeting_id, group_id, 0),
    )
    return f"Removed {label} met without names (Ctrl+Z puts them back)."
