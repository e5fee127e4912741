"""Findings through `peernotes.ui.operations.findings`: each edit one undo step, named as the
Edit menu shows it; typing a statement is one step however many pauses."""

from __future__ import annotations

import pytest
from helpers import heading_id
from operation_helpers import undo_menu_text

from peernotes.core import findings
from peernotes.core.records import observations
from peernotes.ui.operations import findings as finding_ops
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


@pytest.fixture
def notes(session):
    cf = session.cf
    return [
        observations.add_observation(cf, "Care at home is reliable.", polarity="strength"),
        observations.add_observation(cf, "Carers praise the reablement team.", mode="seen"),
    ]


def _new(session, statement="Reliable care at home"):
    values = {
        "statement": statement,
        "kind": "strength",
        "heading_id": heading_id(session.cf, "1"),
        "group_id": None,
    }
    return values


def test_a_finding_made_from_notes_is_undone_with_its_evidence(session, notes):
    """Undo after making a finding would leave it, or its evidence links, behind."""
    cf = session.cf
    finding = finding_ops.create_finding(session, _new(session), notes)
    assert {link.observation_id for link in findings.evidence_links(cf, finding)} == set(notes)
    assert undo_menu_text(session) == "Undo New finding from 2 observations"
    session.undo_stack.undo()
    assert cf.get("finding", finding) is None
    assert cf.rows("finding_evidence") == []


def test_typing_a_statement_is_one_step_and_other_fields_are_named(session, notes):
    """Undo would take back one burst of typing at a time, or not say what it takes back."""
    cf = session.cf
    finding = finding_ops.create_finding(session, _new(session, "Reliable"), [])
    assert undo_menu_text(session) == "Undo New finding"
    finding_ops.edit_finding(session, finding, "statement", "Reliable care")
    finding_ops.edit_finding(session, finding, "statement", "Reliable care at home")
    assert undo_menu_text(session) == "Undo Edit finding"
    finding_ops.edit_finding(session, finding, "notable", True)
    assert undo_menu_text(session) == "Undo Notable practice"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert findings.finding(cf, finding)["statement"] == "Reliable"


def test_evidence_switched_to_contradicting_is_undone_to_supporting(session, notes):
    """Undo would leave a note counted against the finding."""
    cf = session.cf
    finding = finding_ops.create_finding(session, _new(session), notes[:1])
    finding_ops.mark_evidence(session, finding, notes[:1], "contradicts")
    assert undo_menu_text(session) == "Undo Mark as contradicting"
    session.undo_stack.undo()
    assert [link.relation for link in findings.evidence_links(cf, finding)] == ["supports"]


def test_deleting_a_recommendation_group_is_undone_with_its_members(session):
    """After undoing, the group's recommendations would stay ungrouped."""
    cf = session.cf
    group = finding_ops.add_group(session, "Workforce")
    assert undo_menu_text(session) == "Undo Add recommendation group"
    values = {**_new(session, "Recruit more carers"), "kind": "recommendation", "group_id": group}
    finding = finding_ops.create_finding(session, values)
    assert finding_ops.delete_group(session, group) == [finding]
    assert findings.finding(cf, finding)["group_id"] is None
    assert undo_menu_text(session) == "Undo Delete recommendation group"
    session.undo_stack.undo()
    assert findings.finding(cf, finding)["group_id"] == group
