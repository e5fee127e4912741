"""Which meeting a peer is in, and which mode a note taken there naturally has.

With parallel sessions (the team splits into pairs) "the meeting happening now" is ambiguous:
two or three run at once. The one this peer attends is the one they are writing in, so the
choice prefers it, and says in a sentence which rule chose, so a wrong pick is easy to spot.
The same rules give "My day": this peer's meetings of one day, in order, the next one marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from peernotes.core.store import ChallengeFile, Row

# The mode a note taken at a source has unless the peer says otherwise (Ctrl+1/2/3).
NATURAL_MODES: dict[str, str] = {"site_visit": "seen", "document_review": "read"}


def clock() -> datetime:
    """This laptop's clock (one place, so tests can set the time of day)."""
    return datetime.now()


def natural_mode(meeting_type: str | None) -> str:
    """read for a document (no meeting), seen for a site visit, heard for every other meeting."""
    if meeting_type is None:
        return "read"
    return NATURAL_MODES.get(meeting_type, "heard")


@dataclass(frozen=True)
class MeetingChoice:
    """The meeting chosen (None: no meeting that day) and the sentence saying why."""

    meeting_id: str | None
    rule: str  # attending_now, attending_next, attending_earlier, now, next, earlier, none
    reason: str


@dataclass(frozen=True)
class DayMeeting:
    """One of a peer's meetings in My day."""

    id: str
    start_time: str
    end_time: str
    title: str
    type: str
    location: str
    is_next: bool  # running now, or the next to start: the one to be at
    is_now: bool  # running now
    is_past: bool


def _day_meetings(cf: ChallengeFile, day: str, peer_id: str | None) -> list[Row]:
    return cf.query(
        "SELECT m.*, EXISTS(SELECT 1 FROM meeting_peer mp WHERE mp.meeting_id = m.id "
        " AND mp.peer_id = ? AND mp.deleted = 0) AS attending "
        "FROM meeting m WHERE m.deleted = 0 AND m.date = ? ORDER BY m.start_time, m.title",
        (peer_id or "", day),
    )


def _running(meeting: Row, clock: str) -> bool:
    return (meeting["start_time"] or "00:00") <= clock < (meeting["end_time"] or "23:59")


def _span(meeting: Row) -> str:
    start, end = meeting["start_time"] or "", meeting["end_time"] or ""
    return f"{start}–{end}" if start and end else start or "today"


def _pick(meetings: Sequence[Row], clock: str) -> tuple[str, Row] | None:
    """Running now, else the next to start, else the latest that has started."""
    for meeting in meetings:
        if _running(meeting, clock):
            return "now", meeting
    upcoming = [m for m in meetings if (m["start_time"] or "") > clock]
    if upcoming:
        return "next", upcoming[0]
    if meetings:
        return "earlier", meetings[-1]
    return None


_REASONS = {
    "attending_now": "You attend this meeting and it is running now ({span}).",
    "attending_next": "Your next meeting today ({span}); none of yours is running now.",
    "attending_earlier": "Your last meeting today ({span}); you have none later.",
    "now": "Running now ({span}); you are not listed for any meeting today.",
    "next": "The next meeting today ({span}); you are not listed for any meeting today.",
    "earlier": "The last meeting today ({span}); you are not listed for any meeting today.",
}


def choose_meeting(
    cf: ChallengeFile, at: datetime | None = None, *, peer_id: str | None = None
) -> MeetingChoice:
    """The meeting a peer (default: this laptop's) is most likely writing in at `at` (default:
    this laptop's clock).

    Meetings this peer attends come first (running now, else their next today, else their
    last today); only when they attend none that day, any meeting (same order)."""
    at = at or clock()
    day, time = at.date().isoformat(), at.strftime("%H:%M")
    meetings = _day_meetings(cf, day, peer_id or cf.peer_id)
    mine = [m for m in meetings if m["attending"]]
    picked = _pick(mine, time)
    prefix = "attending_"
    if picked is None:
        picked, prefix = _pick(meetings, time), ""
    if picked is None:
        return MeetingChoice(None, "none", "No meeting in the programme today.")
    kind, meeting = picked
    rule = prefix + kind
    return MeetingChoice(meeting["id"], rule, _REASONS[rule].format(span=_span(meeting)))


def my_day(
    cf: ChallengeFile, day: str, at: datetime | None = None, *, peer_id: str | None = None
) -> list[DayMeeting]:
    """This peer's meetings on `day` in time order; the one running (else the next to start)
    is marked `is_next` when `day` is today by `at`."""
    at = at or clock()
    today = at.date().isoformat()
    time = at.strftime("%H:%M") if today == day else None
    mine = [m for m in _day_meetings(cf, day, peer_id or cf.peer_id) if m["attending"]]
    target = None
    if time is not None:
        target = next((m["id"] for m in mine if _running(m, time)), None) or next(
            (m["id"] for m in mine if (m["start_time"] or "") > time), None
        )
    return [
        DayMeeting(
            id=m["id"],
            start_time=m["start_time"] or "",
            end_time=m["end_time"] or "",
            title=m["title"],
            type=m["type"],
            location=m["location"] or "",
            is_next=m["id"] == target,
            is_now=time is not None and _running(m, time),
            is_past=day < today or (time is not None and (m["end_time"] or "23:59") <= time),
        )
        for m in mine
    ]
