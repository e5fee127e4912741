"""The figures the team tunes, through `peernotes.ui.operations.thresholds`."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text

from peernotes.core import coverage, triangulation
from peernotes.core.merge_preview import DeletionGuard, deletion_guard
from peernotes.core.triangulation import Thresholds
from peernotes.ui.operations import thresholds
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


def test_turning_the_thin_threshold_is_one_undo_step(session):
    """Undo would step back one click of the spin box at a time."""
    cf = session.cf
    before = coverage.thin_below(cf)
    for value in (before + 1, before + 2, before + 3):
        thresholds.set_thin_threshold(session, value)
    assert coverage.thin_below(cf) == before + 3
    assert undo_menu_text(session) == "Undo Change 'thin' threshold"
    session.undo_stack.undo()
    assert coverage.thin_below(cf) == before


def test_the_rule_and_the_guard_are_undone_to_what_they_were(session):
    """Undo would leave the changed triangulation rule or deletion guard in force."""
    cf = session.cf
    rule, guard = triangulation.thresholds(cf), deletion_guard(cf)
    thresholds.set_triangulation_rule(session, Thresholds(min_modes=3, min_sources=3))
    assert undo_menu_text(session) == "Undo Change triangulation rule"
    thresholds.set_guard(session, DeletionGuard(count=guard.count + 5, share=guard.share))
    assert deletion_guard(cf).count == guard.count + 5
    assert undo_menu_text(session) == "Undo Change the deletion guard"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert (triangulation.thresholds(cf), deletion_guard(cf)) == (rule, guard)
