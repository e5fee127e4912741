"""The programme: meetings, who was in them, and which meeting is happening now.

Operations validate their input, then write in one transaction; an edit that went ahead but
deserves a word (a meeting outside the on-site days) returns a `Saved` with warnings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from peernotes.core import validation as check
from peernotes.core import vocab
from peernotes.core.errors import ValidationError
from peernotes.core.store import ChallengeFile, Row


@dataclass
class Saved:
    """An id plus anything the user should be told although the save went ahead."""

    id: str
    warnings: list[str] = field(default_factory=list)


def _meeting_values(cf: ChallengeFile, values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key == "date":
            cleaned[key] = check.iso_date("date", value)
        elif key in ("start_time", "end_time"):
            cleaned[key] = check.clock_time(key, value)
        elif key == "title":
            cleaned[key] = check.text("title", value, max_length=500)
        elif key == "type":
            cleaned[key] = check.choice("type", value, vocab.MEETING_TYPES)
        elif key in ("location", "notes"):
            cleaned[key] = check.text(key, value, required=False)
        else:
            raise ValidationError(key, "is not a meeting field")
    return cleaned, []


def _meeting_warnings(cf: ChallengeFile, meeting: dict[str, Any]) -> list[str]:
    start, end = meeting.get("start_time"), meeting.get("end_time")
    if start and end and end <= start:
        raise ValidationError("end_time", f"the meeting ends ({end}) before it starts ({start})")
    warnings = []
    challenge = cf.challenge()
    first, last = challenge["onsite_start"], challenge["onsite_end"]
    day = meeting.get("date")
    if day and first and last and not (first <= day <= last):
        warnings.append(
            f"{day} is outside the on-site days ({first} to {last}); the meeting was saved anyway."
        )
    return warnings


def add_meeting(
    cf: ChallengeFile,
    *,
    date: str | date,
    title: str,
    type: str = "interview",
    start_time: str | None = None,
    end_time: str | None = None,
    location: str = "",
    notes: str = "",
    peer_ids: Sequence[str] = (),
    person_ids: Sequence[str] = (),
) -> Saved:
    values, _ = _meeting_values(
        cf,
        {
            "date": date,
            "title": title,
            "type": type,
            "start_time": start_time,
            "end_time": end_time,
            "location": location,
            "notes": notes,
        },
    )
    warnings = _meeting_warnings(cf, values)
    with cf.transaction():
        meeting_id = cf.insert("meeting", values)
        for peer_id in peer_ids:
            add_peer_to_meeting(cf, meeting_id, peer_id)
        for person_id in person_ids:
            add_person_to_meeting(cf, meeting_id, person_id)
    return Saved(meeting_id, warnings)


def update_meeting(cf: ChallengeFile, meeting_id: str, **changes: Any) -> Saved:
    current = cf.get("meeting", meeting_id, required=True)
    assert current is not None
    cleaned, _ = _meeting_values(cf, changes)
    warnings = _meeting_warnings(cf, {**current, **cleaned})
    cf.update("meeting", meeting_id, cleaned)
    return Saved(meeting_id, warnings)


def add_peer_to_meeting(cf: ChallengeFile, meeting_id: str, peer_id: str) -> str:
    cf.get("meeting", meeting_id, required=True)
    cf.get("peer", peer_id, required=True)
    return cf.link(
        "meeting_peer", {"meeting_id": meeting_id, "peer_id": peer_id}, (meeting_id, peer_id)
    )


def add_person_to_meeting(cf: ChallengeFile, meeting_id: str, person_id: str) -> str:
    cf.get("meeting", meeting_id, required=True)
    cf.get("person", person_id, required=True)
    return cf.link(
        "meeting_person",
        {"meeting_id": meeting_id, "person_id": person_id},
        (meeting_id, person_id),
    )


def remove_link(cf: ChallengeFile, table: str, left: str, right: str) -> bool:
    from peernotes.core.ids import link_id

    return cf.delete(table, link_id(table, left, right))


def meeting_people(cf: ChallengeFile, meeting_id: str) -> list[Row]:
    return cf.query(
        "SELECT p.* FROM person p JOIN meeting_person mp ON mp.person_id = p.id "
        "WHERE mp.meeting_id = ? AND mp.deleted = 0 AND p.deleted = 0 ORDER BY p.name",
        (meeting_id,),
    )


def meeting_peers(cf: ChallengeFile, meeting_id: str) -> list[Row]:
    return cf.query(
        "SELECT p.* FROM peer p JOIN meeting_peer mp ON mp.peer_id = p.id "
        "WHERE mp.meeting_id = ? AND mp.deleted = 0 AND p.deleted = 0 ORDER BY p.ordinal",
        (meeting_id,),
    )


def visit_days(cf: ChallengeFile) -> list[str]:
    """The on-site days, first to last (ISO dates; [] when the challenge has none set)."""
    challenge = cf.challenge()
    first, last = challenge["onsite_start"], challenge["onsite_end"]
    if not first or not last or last < first:
        return []
    start = date.fromisoformat(first).toordinal()
    return [
        date.fromordinal(n).isoformat()
        for n in range(start, date.fromisoformat(last).toordinal() + 1)
    ]


def meeting_now(cf: ChallengeFile, at: datetime | None = None) -> Row | None:
    """The meeting happening at `at` (default: now by this laptop's clock), else the next one
    today, else the latest one that has started. Used to default the capture pane."""
    at = at or datetime.now()
    day, clock = at.date().isoformat(), at.strftime("%H:%M")
    today = cf.rows("meeting", "date = ?", (day,), order_by="start_time, title")
    for meeting in today:
        if (meeting["start_time"] or "00:00") <= clock < (meeting["end_time"] or "23:59"):
            return meeting
    upcoming = [m for m in today if (m["start_time"] or "") > clock]
    if upcoming:
        return upcoming[0]
    if today:
        return today[-1]
    return None


def delete_meeting(
    cf: ChallengeFile, meeting_id: str, *, observations: str = "delete", move_to: str | None = None
) -> list[str]:
    """Delete a meeting and decide what happens to its observations: 'delete' them with it,
    or 'move' them to `move_to`. Returns the ids of the observations affected."""
    check.choice("observations", observations, ("delete", "move"))
    if observations == "move":
        if not move_to or cf.get("meeting", move_to) is None or move_to == meeting_id:
            raise ValidationError("move_to", "choose another meeting to move the observations to")
    affected = [r["id"] for r in cf.rows("observation", "meeting_id = ?", (meeting_id,))]
    with cf.transaction():
        for observation_id in affected:
            if observations == "move":
                cf.update("observation", observation_id, {"meeting_id": move_to})
            else:
                cf.delete("observation", observation_id)
        cf.delete("meeting", meeting_id)
    return affected


def set_meeting_members(
    cf: ChallengeFile,
    meeting_id: str,
    *,
    peer_ids: Sequence[str] | None = None,
    person_ids: Sequence[str] | None = None,
) -> None:
    """Make the meeting's peers present / people met exactly these (one transaction)."""
    with cf.transaction():
        if peer_ids is not None:
            current = {p["id"] for p in meeting_peers(cf, meeting_id)}
            for peer_id in peer_ids:
                if peer_id not in current:
                    add_peer_to_meeting(cf, meeting_id, peer_id)
            for peer_id in current - set(peer_ids):
                remove_link(cf, "meeting_peer", meeting_id, peer_id)
        if person_ids is not None:
            current = {p["id"] for p in meeting_people(cf, meeting_id)}
            for person_id in person_ids:
                if person_id not in current:
                    add_person_to_meeting(cf, meeting_id, person_id)
            for person_id in current - set(person_ids):
                remove_link(cf, "meeting_person", meeting_id, person_id)
