"""Meetings written up twice: two peers' notes of one meeting, lined up and marked.

Two or three peers often sit in the same meeting and each write it up. Their notes say the
same thing in different words, or say different things, or contradict each other; nothing
linked them. This module finds the meetings more than one peer noted, lines up two peers'
notes by how many words they share (`similarity`: no network, no model, the same answer on
every laptop), and stores what the team decided about a pair in `note_pair`:

  same      the same point, noted twice: shown together in a finding's evidence. For
            triangulation it stays what it already was -- one source (the meeting), two
            recorders -- so the source count does not change.
  both      two different points that happen to look alike: keep both, stop suggesting them.
  disagree  the notes contradict each other: where a finding cites one, the other is shown
            with its contradicting evidence.

A mark is a link row whose id is derived from the two notes (in sorted order), so the same
pair marked on two laptops is one record and merges like any other; clearing a mark is a
tombstone. Every change goes through the store, so `run_undoable` makes it undoable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from peernotes.core.errors import ValidationError
from peernotes.core.evidence import meeting_label
from peernotes.core.ids import link_id
from peernotes.core.store import ChallengeFile

TABLE = "note_pair"
MARKS: dict[str, str] = {
    "same": "Same point",
    "both": "Keep both",
    "disagree": "Disagreement",
}
# Below this similarity two notes are not suggested as a pair (they are listed alone), nor
# when they share a single word and both have more than two (one word in common is chance).
SUGGEST_AT = 0.3

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset(
    "the and for that with this was were are but not they them their there have has had "
    "from into about which who what when would could should will can our you your its it's "
    "been being also very more most some any all one two said says told".split()
)


@dataclass(frozen=True)
class Note:
    """One note as the side-by-side view shows it."""

    id: str
    text: str
    recorded_by_id: str | None
    recorded_by: str  # the peer's name, "" when unknown
    observed_at: str


@dataclass(frozen=True)
class Recorder:
    id: str | None
    name: str
    notes: int


@dataclass(frozen=True)
class MeetingWrittenTwice:
    """A meeting that two or more peers wrote up."""

    meeting_id: str
    label: str  # "Carers' focus group (2026-11-11)"
    recorders: tuple[Recorder, ...]  # most notes first
    notes: int
    marked: int  # pairs of its notes the team has marked

    @property
    def recorder_names(self) -> str:
        return ", ".join(r.name or "(unknown)" for r in self.recorders)


@dataclass(frozen=True)
class AlignedRow:
    """One line of the side-by-side view: a note of each peer, or one of them alone."""

    left: Note | None
    right: Note | None
    score: float  # word overlap, 0..1 (0 for a note alone)
    mark: str | None  # a key of MARKS, or None when the pair is not marked

    @property
    def paired(self) -> bool:
        return self.left is not None and self.right is not None


@dataclass(frozen=True)
class PairMark:
    """A marked pair, as the evidence display reads it."""

    observation_id: str
    other_id: str
    mark: str

    def partner(self, observation_id: str) -> str:
        return self.other_id if observation_id == self.observation_id else self.observation_id


# ------------------------------------------------------------------ similarity
def words(text: str) -> frozenset[str]:
    """The words of a note that carry meaning: lower case, no short or common words, a
    plural 's' dropped (so 'carers' meets 'carer')."""
    found = set()
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in _STOP:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        found.add(word)
    return frozenset(found)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the geometric mean of the two notes' sizes (cosine of word sets):
    1.0 for the same words, 0.0 for none in common. A short note inside a long one still
    scores well, which is how two people write up one point."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


# --------------------------------------------------------------------- reading
_MEETINGS_SQL = (
    "SELECT o.meeting_id, m.title, m.date, o.recorded_by, p.name, count(*) "
    "FROM observation o JOIN meeting m ON m.id = o.meeting_id AND m.deleted = 0 "
    "LEFT JOIN peer p ON p.id = o.recorded_by "
    "WHERE o.deleted = 0 AND o.meeting_id IS NOT NULL "
    "GROUP BY o.meeting_id, o.recorded_by "
    "ORDER BY m.date, m.start_time, m.title, o.meeting_id"
)


def meetings_written_twice(cf: ChallengeFile) -> list[MeetingWrittenTwice]:
    """Meetings with live notes from two or more peers, in programme order."""
    by_meeting: dict[str, tuple[str, list[Recorder]]] = {}
    for meeting_id, title, date, peer_id, name, count in cf.conn.execute(_MEETINGS_SQL):
        label = meeting_label(title or "", date)
        by_meeting.setdefault(meeting_id, (label, []))[1].append(
            Recorder(peer_id, name or "", count)
        )
    marked = _marked_by_meeting(cf)
    result = []
    for meeting_id, (label, recorders) in by_meeting.items():
        if len(recorders) < 2:
            continue
        ranked = tuple(sorted(recorders, key=lambda r: (-r.notes, r.name)))
        total = sum(r.notes for r in recorders)
        result.append(
            MeetingWrittenTwice(meeting_id, label, ranked, total, marked.get(meeting_id, 0))
        )
    return result


def _marked_by_meeting(cf: ChallengeFile) -> dict[str, int]:
    rows = cf.conn.execute(
        "SELECT o.meeting_id, count(*) FROM note_pair np "
        "JOIN observation o ON o.id = np.observation_id "
        "JOIN observation x ON x.id = np.other_id "
        "WHERE np.deleted = 0 AND o.deleted = 0 AND x.deleted = 0 GROUP BY o.meeting_id"
    )
    return {meeting_id: count for meeting_id, count in rows}


def notes_at(cf: ChallengeFile, meeting_id: str, peer_id: str | None) -> list[Note]:
    """One peer's live notes of a meeting, in the order they were taken."""
    rows = cf.conn.execute(
        "SELECT o.id, o.text, o.recorded_by, p.name, o.observed_at FROM observation o "
        "LEFT JOIN peer p ON p.id = o.recorded_by "
        "WHERE o.deleted = 0 AND o.meeting_id = ? AND o.recorded_by IS ? "
        "ORDER BY o.observed_at, o.rowid",
        (meeting_id, peer_id),
    )
    return [Note(i, text, by, name or "", at) for i, text, by, name, at in rows]


def marks_among(cf: ChallengeFile, ids: Iterable[str]) -> list[PairMark]:
    """The live marks on pairs that include any of these notes (both notes live)."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, PairMark] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ",".join("?" for _ in part)
        rows = cf.conn.execute(
            "SELECT np.id, np.observation_id, np.other_id, np.verdict FROM note_pair np "
            "JOIN observation a ON a.id = np.observation_id AND a.deleted = 0 "
            "JOIN observation b ON b.id = np.other_id AND b.deleted = 0 "
            f"WHERE np.deleted = 0 AND (np.observation_id IN ({marks}) "
            f"OR np.other_id IN ({marks}))",
            [*part, *part],
        )
        for row_id, a, b, verdict in rows:
            found[row_id] = PairMark(a, b, verdict)
    return list(found.values())


# ------------------------------------------------------------------- aligning
def align(
    left: Sequence[Note], right: Sequence[Note], marks: Sequence[PairMark]
) -> list[AlignedRow]:
    """Two peers' notes of one meeting, lined up: marked pairs first kept together, then the
    most similar pairs (each note used once, at least SUGGEST_AT alike), then every note left
    alone. Rows follow the order the left peer took their notes (a right note alone goes
    after the row of the note it was taken after)."""
    marked = {frozenset((m.observation_id, m.other_id)): m.mark for m in marks}
    left_words = {n.id: words(n.text) for n in left}
    right_words = {n.id: words(n.text) for n in right}
    candidates = []
    for li, ln in enumerate(left):
        for ri, rn in enumerate(right):
            mark = marked.get(frozenset((ln.id, rn.id)))
            a, b = left_words[ln.id], right_words[rn.id]
            score = similarity(a, b)
            alike = score >= SUGGEST_AT and (len(a & b) > 1 or min(len(a), len(b)) <= 2)
            if mark is not None or alike:
                candidates.append((mark is None, -score, li, ri, score, mark))
    candidates.sort()
    used_left: dict[int, tuple[int, float, str | None]] = {}
    used_right: set[int] = set()
    for _unmarked, _neg, li, ri, score, mark in candidates:
        if li in used_left or ri in used_right:
            continue
        used_left[li] = (ri, score, mark)
        used_right.add(ri)
    return _rows(left, right, used_left, used_right)


def _rows(
    left: Sequence[Note],
    right: Sequence[Note],
    used_left: dict[int, tuple[int, float, str | None]],
    used_right: set[int],
) -> list[AlignedRow]:
    """Rows in the left peer's order; each lone right note placed by when it was taken."""
    rows: list[AlignedRow] = []
    for li, note in enumerate(left):
        if li in used_left:
            ri, score, mark = used_left[li]
            rows.append(AlignedRow(note, right[ri], score, mark))
        else:
            rows.append(AlignedRow(note, None, 0.0, None))
    for ri, note in enumerate(right):
        if ri in used_right:
            continue
        at = next((n for n, row in enumerate(rows) if _taken(row) > note.observed_at), len(rows))
        rows.insert(at, AlignedRow(None, note, 0.0, None))
    return rows


def _taken(row: AlignedRow) -> str:
    note = row.left or row.right
    return note.observed_at if note else ""


# -------------------------------------------------------------------- marking
def _pair(cf: ChallengeFile, first: str, second: str) -> tuple[str, str]:
    if first == second:
        raise ValidationError("other_id", "a note cannot be paired with itself")
    a, b = sorted((first, second))
    rows = cf.conn.execute(
        "SELECT id, meeting_id FROM observation WHERE deleted = 0 AND id IN (?, ?)", (a, b)
    ).fetchall()
    if len(rows) != 2:
        raise ValidationError("observation_id", "both notes must exist (one was deleted)")
    if rows[0][1] is None or rows[0][1] != rows[1][1]:
        raise ValidationError("other_id", "only notes of the same meeting can be paired")
    return a, b


def mark(cf: ChallengeFile, first: str, second: str, verdict: str) -> bool:
    """Mark two notes of one meeting as the same point, both kept, or a disagreement.
    Returns False when the pair already had that mark (nothing written)."""
    if verdict not in MARKS:
        raise ValidationError("verdict", f"must be one of {', '.join(MARKS)}")
    a, b = _pair(cf, first, second)
    current = cf.get(TABLE, link_id(TABLE, a, b))
    if current is not None and current["verdict"] == verdict:
        return False
    with cf.transaction():
        cf.link(TABLE, {"observation_id": a, "other_id": b, "verdict": verdict}, (a, b))
    return True


def clear(cf: ChallengeFile, first: str, second: str) -> bool:
    """Take a pair's mark away (a tombstone, so the clearing merges too)."""
    a, b = sorted((first, second))
    with cf.transaction():
        return cf.delete(TABLE, link_id(TABLE, a, b))


def mark_of(cf: ChallengeFile, first: str, second: str) -> str | None:
    a, b = sorted((first, second))
    row = cf.get(TABLE, link_id(TABLE, a, b))
    return None if row is None else str(row["verdict"])
