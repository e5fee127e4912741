"""The challenge through `peernotes.ui.operations.challenge`: its details and setup lists."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text

from peernotes.core import setup
from peernotes.ui.operations import challenge
from peernotes.ui.operations.inputs import ChallengeData
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


def test_editing_the_details_is_undone_to_the_old_council_and_days(session):
    """After Edit › Undo the letter would still carry the mistyped council or days."""
    cf = session.cf
    before = dict(cf.challenge())
    data = ChallengeData(
        "Fernhill Borough Council", before["programme_title"], "2026-11-17", "2026-11-20", ""
    )
    challenge.edit_details(session, data)
    assert cf.challenge()["onsite_start"] == "2026-11-17"
    assert undo_menu_text(session) == "Undo Edit challenge details"
    session.undo_stack.undo()
    after = cf.challenge()
    assert (after["onsite_start"], after["scope"]) == (before["onsite_start"], before["scope"])


def test_a_group_added_and_marked_single_person_is_undone_step_by_step(session):
    """The Undo item would not name the group or the mark it takes back."""
    cf = session.cf
    group = challenge.add_group(session, "Leader")
    assert undo_menu_text(session) == "Undo Add 'Leader'"
    challenge.set_single_person(session, group, True)
    assert undo_menu_text(session) == "Undo Mark single-person group"
    session.undo_stack.undo()
    assert not next(g for g in setup.group_list(cf) if g.id == group).single_person
    session.undo_stack.undo()
    assert group not in [g.id for g in setup.group_list(cf)]


def test_an_own_heading_renamed_and_deleted_comes_back_renamed(session):
    """Undoing a delete would lose the heading, or bring back its first name."""
    cf = session.cf
    heading = challenge.add_heading(session, "Hospital discharge", "custom")
    challenge.rename_heading(session, heading, "Discharge from hospital")
    assert undo_menu_text(session) == "Undo Rename heading"
    challenge.delete_heading(session, heading)
    assert heading not in [h.id for h in setup.extra_headings(cf)]
    assert undo_menu_text(session) == "Undo Delete"
    session.undo_stack.undo()
    names = {h.id: h.name for h in setup.extra_headings(cf)}
    assert names[heading] == "Discharge from hospital"
