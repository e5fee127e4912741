"""The letter through `peernotes.ui.operations.letter` and `.letter_outline`: settings, names
allowed, the outline; each change one undo step named as the Edit menu shows it."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text

from peernotes.core import letter_outline, letter_settings
from peernotes.ui.operations import letter
from peernotes.ui.operations import letter_outline as outline_ops
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


def test_typing_a_setting_is_one_step_and_reset_is_named(session):
    """Undo would step back letter by letter, or the reset would not say what it undoes."""
    cf = session.cf
    before = letter_settings.load(cf).salutation
    letter.save_settings(session, {"salutation": "Dear"})
    letter.save_settings(session, {"salutation": "Dear Sam"})
    assert letter_settings.load(cf).salutation == "Dear Sam"
    assert undo_menu_text(session) == "Undo Edit letter salutation"
    letter.reset_setting(session, "salutation")
    assert undo_menu_text(session) == "Undo Reset letter salutation"
    session.undo_stack.undo()
    assert letter_settings.load(cf).salutation == "Dear Sam"
    session.undo_stack.undo()
    assert letter_settings.load(cf).salutation == before


def test_names_allowed_and_struck_off_are_undone(session):
    """A name struck off the allowed list would stay off after Edit › Undo (or the reverse)."""
    cf = session.cf
    letter.allow_names(session, ["Cllr Ann Lee", "Fernhill Carers"])
    assert undo_menu_text(session) == "Undo Allow names in the letter"
    letter.disallow_names(session, ["Cllr Ann Lee"])
    assert letter_settings.load(cf).allowed_names == ["Fernhill Carers"]
    assert undo_menu_text(session) == "Undo Stop allowing names in the letter"
    session.undo_stack.undo()
    assert letter_settings.load(cf).allowed_names == ["Cllr Ann Lee", "Fernhill Carers"]
    session.undo_stack.undo()
    assert letter_settings.load(cf).allowed_names == []


def test_a_section_added_with_a_block_and_removed_comes_back_whole(session):
    """Undoing a removed section would bring it back without its blocks."""
    cf = session.cf
    count = len(letter_outline.outline(cf))
    section = outline_ops.add_section(session, "Next steps")
    assert undo_menu_text(session) == "Undo Add section"
    outline_ops.add_block(session, section, "prose", text="We will return in spring.")
    outline_ops.remove_section(session, section)
    assert len(letter_outline.outline(cf)) == count
    assert undo_menu_text(session) == "Undo Remove section"
    session.undo_stack.undo()
    restored = next(s for s in letter_outline.outline(cf) if s.id == section)
    assert [b.text for b in restored.blocks] == ["We will return in spring."]


def test_moving_a_section_is_named_by_its_direction_and_undone(session):
    """The Undo item would not say the move, or undo would leave the section moved."""
    cf = session.cf
    order = [s.id for s in letter_outline.outline(cf)]
    assert len(order) >= 2, "the seed letter has sections to move"
    outline_ops.move_up_or_down(session, order[1], True, -1)
    assert [s.id for s in letter_outline.outline(cf)][0] == order[1]
    assert undo_menu_text(session) == "Undo Move up"
    session.undo_stack.undo()
    assert [s.id for s in letter_outline.outline(cf)] == order
