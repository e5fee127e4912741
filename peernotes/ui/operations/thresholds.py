"""The figures the team tunes: the triangulation rule, the coverage map's 'thin' threshold,
merge's deletion guard (undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peernotes.core import coverage, triangulation
from peernotes.core.triangulation import Thresholds
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable

if TYPE_CHECKING:
    from peernotes.core.merge_preview import DeletionGuard


def set_triangulation_rule(session: Session, value: Thresholds) -> None:
    run_undoable(
        session,
        "Change triangulation rule",
        lambda cf: triangulation.set_thresholds(cf, value),
    )


def set_thin_threshold(session: Session, value: int) -> None:
    """Turning the spin box is one undo step, however many clicks."""
    run_undoable(
        session,
        "Change 'thin' threshold",
        lambda cf: coverage.set_thin_below(cf, value),
        merge_key="coverage-thin",
    )


def set_guard(session: Session, value: DeletionGuard) -> None:
    """How large a deletion merge asks about before applying."""
    from peernotes.core.merge_preview import set_deletion_guard  # with the merge, not at start

    run_undoable(session, "Change the deletion guard", lambda cf: set_deletion_guard(cf, value))
