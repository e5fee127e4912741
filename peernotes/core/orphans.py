"""Records left pointing at something deleted on another laptop (after a merge).

Cascades are per row: one laptop deletes a meeting while another adds a note to it, and the
merged file holds a live note whose meeting is gone from the Programme (it still counts as
that meeting's source). The merge cannot choose for the team, so it says so: how many live
notes point at a deleted meeting or document, and how many live findings sit under a
deleted heading. (Raising these as conflicts to resolve one by one is not built yet.)
"""

from __future__ import annotations

from dataclasses import dataclass

from peernotes.core.store import ChallengeFile

_QUERIES = {
    "notes_without_meeting": (
        "SELECT count(*) FROM observation o JOIN meeting m ON m.id = o.meeting_id "
        "WHERE o.deleted = 0 AND m.deleted = 1"
    ),
    "notes_without_document": (
        "SELECT count(*) FROM observation o JOIN document d ON d.id = o.document_id "
        "WHERE o.deleted = 0 AND d.deleted = 1"
    ),
    "findings_without_heading": (
        "SELECT count(*) FROM finding f JOIN heading h ON h.id = f.heading_id "
        "WHERE f.deleted = 0 AND h.deleted = 1"
    ),
}


@dataclass(frozen=True)
class Orphans:
    notes_without_meeting: int = 0
    notes_without_document: int = 0
    findings_without_heading: int = 0

    @property
    def total(self) -> int:
        return (
            self.notes_without_meeting
            + self.notes_without_document
            + (self.findings_without_heading)
        )

    def lines(self) -> list[str]:
        out = []
        for count, what in (
            (self.notes_without_meeting, "note{s} belong{v} to a meeting that was deleted"),
            (self.notes_without_document, "note{s} cite{v} a document that was deleted"),
            (self.findings_without_heading, "finding{s} sit{v} under a deleted heading"),
        ):
            if count:
                one = count == 1
                out.append(f"{count} {what.format(s='' if one else 's', v='s' if one else '')}")
        return out


def find(cf: ChallengeFile) -> Orphans:
    """Count the orphans in `cf` (three indexed joins; reads only)."""
    counts = {key: cf.conn.execute(sql).fetchone()[0] for key, sql in _QUERIES.items()}
    return Orphans(**counts)
