"""Settling what a merge left: a record whose parent another laptop deleted, and an earlier
version brought back from a record's history (undoable, and merged like any edit)."""

from __future__ import annotations

from peernotes.core import conflicts, orphans
from peernotes.core.orphans import Orphan
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable


def restore_parent(session: Session, orphan: Orphan) -> None:
    """Bring the deleted meeting, document or heading back."""
    run_undoable(
        session,
        f"Restore the {orphan.parent_noun}",
        lambda cf: orphans.restore_parent(cf, orphan.id),
    )


def delete_child(session: Session, orphan: Orphan) -> None:
    """Delete the note or finding too."""
    run_undoable(
        session, f"Delete the {orphan.child_noun}", lambda cf: orphans.delete_child(cf, orphan.id)
    )


def move_child(session: Session, orphan: Orphan, parent_id: str | None) -> None:
    """Move the note or finding out of the deleted parent (None: to no meeting or heading)."""
    run_undoable(
        session,
        f"Move the {orphan.child_noun}",
        lambda cf: orphans.move_child(cf, orphan.id, parent_id),
    )


def restore_version(session: Session, table: str, row_id: str, hlc: str) -> None:
    """Make an earlier version of a record current again, as a new edit."""
    run_undoable(
        session,
        "Restore an earlier version",
        lambda cf: conflicts.restore_from_history(cf, table, row_id, hlc),
    )
