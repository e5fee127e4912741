"""Records left pointing at something deleted on another laptop (after a merge).

Cascades are per row: one laptop deletes a meeting while another adds a note to it, and the
merged file holds a live note whose meeting is gone from the Programme (it still counts as
that meeting's source). The merge cannot choose for the team, so it says so: how many live
notes point at a deleted meeting or document, and how many live findings sit under a
deleted heading; and it raises each one as a conflict for the review (Tools › Conflicts…):
restore the parent, delete the child, or move it (a note out of the meeting or document, a
finding under another heading).

Orphan conflicts are worked out from the records themselves, not stored: every laptop holding
the same records lists the same ones, and resolving one (an ordinary edit) clears it
everywhere the edit is merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from peernotes.core import findings
from peernotes.core.conflicts import describe_record, peer_name
from peernotes.core.errors import NotFound
from peernotes.core.ids import link_id
from peernotes.core.store import ChallengeFile, Row

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


# ------------------------------------------------------------ raised as conflicts
# (child table, column, parent table, what the child is, what the parent is)
_LINKS = (
    ("observation", "meeting_id", "meeting", "note", "meeting"),
    ("observation", "document_id", "document", "note", "document"),
    ("finding", "heading_id", "heading", "finding", "heading"),
)


@dataclass(frozen=True)
class Orphan:
    """A live record whose parent was deleted (on another laptop): a conflict to resolve."""

    id: str
    table: str
    row_id: str
    column: str
    parent_table: str
    parent_id: str
    title: str  # the child, as the review lists it
    parent_title: str
    child_noun: str  # "note" / "finding"
    parent_noun: str  # "meeting" / "document" / "heading"
    other_by: str  # who deleted the parent
    current_by: str  # who last edited the child

    @property
    def kind(self) -> str:
        return f"its {self.parent_noun} was deleted"


def listing(cf: ChallengeFile) -> list[Orphan]:
    """Every orphan, as a conflict: notes of deleted meetings or documents, findings under
    deleted headings (indexed joins; reads only)."""
    found = []
    for table, column, parent_table, child_noun, parent_noun in _LINKS:
        rows = cf.query(
            f"SELECT c.id AS child, p.id AS parent FROM {table} c "
            f"JOIN {parent_table} p ON p.id = c.{column} "
            "WHERE c.deleted = 0 AND p.deleted = 1 ORDER BY c.created_at, c.id"
        )
        for row in rows:
            child = cf.get(table, row["child"])
            parent = cf.get(parent_table, row["parent"], include_deleted=True)
            assert child is not None and parent is not None
            found.append(
                Orphan(
                    id=link_id("orphan", table, child["id"], column),
                    table=table,
                    row_id=child["id"],
                    column=column,
                    parent_table=parent_table,
                    parent_id=parent["id"],
                    title=describe_record(table, child),
                    parent_title=describe_record(parent_table, parent),
                    child_noun=child_noun,
                    parent_noun=parent_noun,
                    other_by=peer_name(cf, parent.get("modified_by")),
                    current_by=peer_name(cf, child.get("modified_by")),
                )
            )
    return found


def get_orphan(cf: ChallengeFile, orphan_id: str) -> Orphan:
    for orphan in listing(cf):
        if orphan.id == orphan_id:
            return orphan
    raise NotFound("That record is no longer left without its parent (resolved already?).")


def restore_parent(cf: ChallengeFile, orphan_id: str) -> None:
    """Bring the deleted meeting, document or heading back (a new edit: it merges)."""
    orphan = get_orphan(cf, orphan_id)
    with cf.transaction():
        cf.undelete(orphan.parent_table, orphan.parent_id)


def delete_child(cf: ChallengeFile, orphan_id: str) -> None:
    """Delete the note or finding too (a finding with its evidence links)."""
    orphan = get_orphan(cf, orphan_id)
    with cf.transaction():
        if orphan.table == "finding":
            findings.delete_finding(cf, orphan.row_id)
        else:
            cf.delete(orphan.table, orphan.row_id)


def move_child(cf: ChallengeFile, orphan_id: str, parent_id: str | None = None) -> None:
    """Move the child out of the deleted parent: a note loses its meeting or document
    (`parent_id` None) or moves to another live one; a finding moves under another heading
    (None: no heading)."""
    orphan = get_orphan(cf, orphan_id)
    if parent_id is not None:
        target: Row | None = cf.get(orphan.parent_table, parent_id)
        if target is None:
            raise NotFound(f"That {orphan.parent_noun} is not in this challenge (deleted?).")
    with cf.transaction():
        if orphan.table == "finding":
            findings.update_finding(cf, orphan.row_id, heading_id=parent_id)
        else:
            cf.update(orphan.table, orphan.row_id, {orphan.column: parent_id})


def move_targets(cf: ChallengeFile, orphan: Orphan) -> list[tuple[str | None, str]]:
    """Where the child can go instead: (parent id or None, label), "none" first."""
    none = (None, f"No {orphan.parent_noun}")
    rows = cf.rows(orphan.parent_table)
    if orphan.parent_table == "heading":
        framework_id = cf.challenge()["framework_id"]
        rows = [r for r in rows if r["framework_id"] == framework_id]
    labelled = [(r["id"], describe_record(orphan.parent_table, r).split(": ", 1)[-1]) for r in rows]
    return [none, *sorted(labelled, key=lambda pair: pair[1].casefold())]
