"""Import the council's programme (timetable and attendees) from CSV or .xlsx into a challenge.

    plan = plan_import(cf, table, layout)     # what would change: read only (--dry-run, preview)
    plan = run_import(cf, table, layout)      # the same, written in ONE transaction

Every valid row lands, every bad row is named by row and column and left out; a sheet that is
not a timetable, or one with no valid row, is refused and nothing changes.
Meetings are identified by an import key (date, start, title: programme_rows.import_key)
stored with each meeting, and their ids are derived from it and the challenge's id, so a
re-import updates the meetings it created, and two laptops importing the same timetable
create the same meetings, which then merge as one. A meeting typed by hand is never matched
(never by name alone). Meetings missing from a newer timetable are listed, never deleted.
People are matched by name to people already recorded (offer, don't duplicate); new ones get
ids derived from their name and organisation, for the same reason as meetings.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from peernotes.core import headcounts as headcount_rows
from peernotes.core.errors import PeerNotesError
from peernotes.core.programme_columns import FIELDS, Layout, header_text
from peernotes.core.programme_rows import (
    Context,
    MeetingIn,
    PersonIn,
    Problem,
    RowRead,
    read_rows,
)
from peernotes.core.records.people import normalise_name
from peernotes.core.records.values import Meeting
from peernotes.core.sheets import Table
from peernotes.core.store import ChallengeFile, Row

_NAMESPACE = uuid.UUID("3d0c1f6e-8a47-4f0e-9b2a-5e7d6c1a9f21")
_HONORIFICS = frozenset(
    {"cllr", "councillor", "dr", "mr", "mrs", "ms", "miss", "prof", "sir", "dame"}
)
MEETING_FIELDS = ("date", "title", "type", "start_time", "end_time", "location", "notes")


class ImportRefused(PeerNotesError):
    """The sheet cannot be imported at all. Nothing has been changed."""


@dataclass(frozen=True)
class RowResult:
    """What happens to one sheet row, for the preview and the report."""

    row: int
    outcome: str  # new | update | same | people | day | blank | error | deleted
    label: str
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


@dataclass
class ImportPlan:
    """What an import changes (or would change): per row, per meeting, and the totals."""

    source: str
    layout: Layout
    columns: list[tuple[str, str]]  # (column as shown, field label)
    rows: list[RowResult] = field(default_factory=list)
    new_meetings: list[MeetingIn] = field(default_factory=list)
    updated_meetings: list[tuple[Row, MeetingIn, list[str]]] = field(default_factory=list)
    unchanged_meetings: list[MeetingIn] = field(default_factory=list)
    new_people: dict[str, PersonIn] = field(default_factory=dict)  # id -> person
    person_ids: dict[PersonIn, str] = field(default_factory=dict)
    missing: list[Meeting] = field(default_factory=list)  # imported before, not in this sheet
    meeting_ids: dict[str, str] = field(default_factory=dict)  # import key -> meeting id
    links: int = 0
    headcounts: int = 0

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def warnings(self) -> list[Problem]:
        return [p for r in self.rows for p in r.warnings]

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.new_meetings
            or self.updated_meetings
            or self.new_people
            or self.links
            or self.headcounts
        )

    def summary(self, *, done: bool) -> str:
        verb = ("added", "updated") if done else ("would add", "would update")
        parts = [
            f"{verb[0]} {len(self.new_meetings)} meeting(s)",
            f"{verb[1]} {len(self.updated_meetings)}",
            f"{len(self.unchanged_meetings)} unchanged",
            f"{len(self.new_people)} new people",
        ]
        if self.headcounts:
            parts.append(f"{self.headcounts} headcount(s)")
        bad = sum(1 for r in self.rows if r.outcome == "error")
        if bad:
            parts.append(f"{bad} row(s) left out")
        text = ", ".join(parts)
        return text[0].upper() + text[1:] + "."


def meeting_id_for(challenge_id: str, key: str) -> str:
    """The same timetable row gives the same meeting id on every laptop."""
    return uuid.uuid5(_NAMESPACE, f"{challenge_id}|meeting|{key}").hex


def person_id_for(challenge_id: str, person: PersonIn) -> str:
    name, organisation = normalise_name(person.name), normalise_name(person.organisation)
    return uuid.uuid5(_NAMESPACE, f"{challenge_id}|person|{name}|{organisation}").hex


def context_for(cf: ChallengeFile) -> Context:
    """The team, the groups and the visit's dates, as reading a sheet needs them."""
    challenge = cf.challenge()
    peers: dict[str, str] = {}
    for peer in cf.rows("peer", order_by="ordinal"):
        words = [w for w in normalise_name(peer["name"]).split() if w not in _HONORIFICS]
        for key in {" ".join(words), *(words[:1] + words[-1:])}:
            peers.setdefault(key, peer["id"])
    groups = headcount_rows.group_lookup(cf)
    first = challenge["onsite_start"]
    year = int(first[:4]) if first else date.today().year
    return Context(peers, groups, year, first, challenge["onsite_end"])


def plan_import(
    cf: ChallengeFile, table: Table, layout: Layout | None, source: str = ""
) -> ImportPlan:
    """What importing `table` would change in `cf` (reads only). ImportRefused when the
    sheet is not a timetable or has no row that could be imported."""
    layout = _check_layout(table, layout, source)
    plan = ImportPlan(
        source or table.name,
        layout,
        [(header_text(table, layout, c), FIELDS[f]) for c, f in sorted(layout.fields.items())],
    )
    reads = list(read_rows(table, layout, context_for(cf)))
    meetings = _fold(reads)
    outcomes = _compare(cf, plan, meetings)
    for read in reads:
        outcome = outcomes.get(read.meeting_key or "", read.kind)
        label = _label(read, meetings)
        plan.rows.append(
            RowResult(read.row, outcome, label, tuple(read.problems), tuple(read.warnings))
        )
    _people(cf, plan, reads)
    _counts(cf, plan, meetings, outcomes)
    if not any(r.outcome in ("new", "update", "same", "people") for r in plan.rows):
        first = plan.problems[:3]
        detail = (" " + " ".join(str(p) + "." for p in first)) if first else ""
        raise ImportRefused(
            f"{plan.source}: no row could be imported.{detail} Nothing was changed."
        )
    return plan


def _check_layout(table: Table, layout: Layout | None, source: str) -> Layout:
    name = source or table.name
    if not table.rows:
        raise ImportRefused(f"{name} is empty: there is no timetable in it. Nothing was changed.")
    if layout is None or not (layout.has("title") or layout.has("people")):
        raise ImportRefused(
            f"{name} does not look like a timetable: no row has headings PeerNotes recognises "
            "(such as Date, Start, Title, Attendees). Map the columns (--map COLUMN=FIELD, "
            "e.g. --map B=title) or check it is the programme. Nothing was changed."
        )
    timed = any(layout.has(f) for f in ("date", "start", "time"))
    if timed and not layout.has("title"):
        raise ImportRefused(
            f"{name} has dates or times but no column of meeting titles: map the one that "
            "says who or what each meeting is (--map COLUMN=title). Nothing was changed."
        )
    if layout.has("title") and not layout.has("date"):
        raise ImportRefused(
            f"{name} has meeting titles but no date column: map one (--map COLUMN=date). "
            "Nothing was changed."
        )
    return layout


def _fold(reads: Iterable[RowRead]) -> dict[str, MeetingIn]:
    """Rows of one meeting (one row per person met) become one meeting."""
    meetings: dict[str, MeetingIn] = {}
    for read in reads:
        meeting = read.meeting
        if meeting is None:
            continue
        known = meetings.get(meeting.key)
        if known is None:
            meetings[meeting.key] = meeting
            continue
        known.rows += meeting.rows
        known.people += [p for p in meeting.people if p not in known.people]
        known.peer_ids += [p for p in meeting.peer_ids if p not in known.peer_ids]
        for group_id, number in meeting.headcounts.items():
            known.headcounts[group_id] = known.headcounts.get(group_id, 0) + number
        for name in ("end_time", "location", "notes"):
            if not getattr(known, name):
                setattr(known, name, getattr(meeting, name))
    return meetings


def _compare(cf: ChallengeFile, plan: ImportPlan, meetings: dict[str, MeetingIn]) -> dict[str, str]:
    """Sort the sheet's meetings into new / update / same / deleted; list the missing ones."""
    existing = {
        r["import_key"]: r
        for r in cf.rows("meeting", "import_key IS NOT NULL", include_deleted=True)
    }
    outcomes: dict[str, str] = {}
    challenge_id = cf.challenge()["id"]
    for key, meeting in meetings.items():
        row = existing.get(key)
        plan.meeting_ids[key] = row["id"] if row else meeting_id_for(challenge_id, key)
        if row is None:
            plan.new_meetings.append(meeting)
            outcomes[key] = "new"
        elif row["deleted"]:
            outcomes[key] = "deleted"
        else:
            changed = [
                n
                for n in _supplied(plan.layout, meeting)
                if getattr(meeting, n) != (row[n] or None)
            ]
            if changed:
                plan.updated_meetings.append((row, meeting, changed))
            else:
                plan.unchanged_meetings.append(meeting)
            outcomes[key] = "update" if changed else "same"
    plan.missing = sorted(
        (
            Meeting.from_row(r)
            for k, r in existing.items()
            if k not in meetings and not r["deleted"]
        ),
        key=lambda m: (m.date, m.start_time or "", m.title),
    )
    return outcomes


def _supplied(layout: Layout, meeting: MeetingIn) -> list[str]:
    """The fields a re-import may change: those the sheet gives a value for. A blank cell or
    a column the sheet does not have never erases what a peer typed (an end time, the type)."""
    columns = {
        "type": ("type",),
        "end_time": ("end", "time"),
        "location": ("location",),
        "notes": ("notes",),
    }
    return [
        n
        for n in MEETING_FIELDS
        if n not in columns
        or (any(layout.has(f) for f in columns[n]) and getattr(meeting, n) not in (None, ""))
    ]


def _label(read: RowRead, meetings: dict[str, MeetingIn]) -> str:
    meeting = meetings.get(read.meeting_key or "")
    if meeting is not None:
        when = f"{meeting.date} {meeting.start_time or ''}".strip()
        return f"{when} {meeting.title}"
    if read.people:
        return ", ".join(p.name for p in read.people)
    return ""


def _people(cf: ChallengeFile, plan: ImportPlan, reads: list[RowRead]) -> None:
    """Each person named in the sheet: someone already recorded, or a new person."""
    known: dict[str, list[Row]] = {}
    for row in cf.rows("person", include_deleted=True):
        known.setdefault(normalise_name(row["name"]), []).append(row)
    challenge_id = cf.challenge()["id"]
    for read in reads:
        if read.kind not in ("meeting", "people") or read.problems:
            continue
        for person in read.people:
            if person in plan.person_ids:
                continue
            same_name = [p for p in known.get(normalise_name(person.name), []) if not p["deleted"]]
            if same_name:
                org = normalise_name(person.organisation)
                match = next(
                    (p for p in same_name if normalise_name(p["organisation"]) == org), same_name[0]
                )
                plan.person_ids[person] = match["id"]
                continue
            person_id = person_id_for(challenge_id, person)
            plan.person_ids[person] = person_id
            if cf.get("person", person_id) is None:
                plan.new_people[person_id] = person


def _counts(
    cf: ChallengeFile, plan: ImportPlan, meetings: dict[str, MeetingIn], outcomes: dict[str, str]
) -> None:
    """How many links and headcounts the import adds or changes (deleted meetings: none)."""
    for key, meeting in meetings.items():
        meeting_id = plan.meeting_ids[key]
        if outcomes[key] == "deleted":
            continue
        have_peers = {
            r["peer_id"] for r in cf.rows("meeting_peer", "meeting_id = ?", (meeting_id,))
        }
        have_people = {
            r["person_id"] for r in cf.rows("meeting_person", "meeting_id = ?", (meeting_id,))
        }
        wanted = {plan.person_ids[p] for p in meeting.people if p in plan.person_ids}
        plan.links += len(set(meeting.peer_ids) - have_peers) + len(wanted - have_people)
        have = headcount_rows.for_meeting(cf, meeting_id)
        plan.headcounts += sum(1 for g, n in meeting.headcounts.items() if have.get(g) != n)


def run_import(
    cf: ChallengeFile, table: Table, layout: Layout | None, source: str = ""
) -> ImportPlan:
    """Import the sheet: plan it, then write everything valid in ONE transaction."""
    with cf.transaction():
        plan = plan_import(cf, table, layout, source)
        _write(cf, plan)
    return plan


def _write(cf: ChallengeFile, plan: ImportPlan) -> None:
    for person_id, person in plan.new_people.items():
        values = {
            "name": person.name,
            "job_title": person.role,
            "organisation": person.organisation,
            "group_id": person.group_id,
        }
        if cf.get("person", person_id, include_deleted=True) is None:
            cf.insert("person", values, row_id=person_id)
        else:
            cf.undelete("person", person_id)
            cf.update("person", person_id, values)
    for meeting in plan.new_meetings:
        values = {n: getattr(meeting, n) for n in MEETING_FIELDS}
        values["import_key"] = meeting.key
        cf.insert("meeting", values, row_id=plan.meeting_ids[meeting.key])
    for row, meeting, changed in plan.updated_meetings:
        cf.update("meeting", row["id"], {n: getattr(meeting, n) for n in changed})
    updated = [m for _, m, _ in plan.updated_meetings]
    for meeting in (*plan.new_meetings, *updated, *plan.unchanged_meetings):
        _write_members(cf, plan, plan.meeting_ids[meeting.key], meeting)


def _write_members(
    cf: ChallengeFile, plan: ImportPlan, meeting_id: str, meeting: MeetingIn
) -> None:
    """Peers, people and headcounts are added (or set), never removed: people added by hand
    since the last import stay."""
    for peer_id in meeting.peer_ids:
        cf.link(
            "meeting_peer", {"meeting_id": meeting_id, "peer_id": peer_id}, (meeting_id, peer_id)
        )
    for person in meeting.people:
        person_id = plan.person_ids.get(person)
        if person_id is not None:
            cf.link(
                "meeting_person",
                {"meeting_id": meeting_id, "person_id": person_id},
                (meeting_id, person_id),
            )
    for group_id, number in meeting.headcounts.items():
        headcount_rows.set_headcount(cf, meeting_id, group_id, number)
