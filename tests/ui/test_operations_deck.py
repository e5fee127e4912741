"""The feedback presentation through `peernotes.ui.operations.deck`: slides chosen, names
allowed on them, the record of what was presented; each one undo step."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text

from peernotes.core import deck_settings, letter_settings
from peernotes.core import feedback_snapshot as snapshots
from peernotes.core.deck_settings import DeckOptions
from peernotes.ui.operations import deck
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


def test_slides_chosen_and_names_allowed_are_undone_step_by_step(session):
    """Undo would leave slides dropped from the deck, or a name allowed in the letter."""
    cf = session.cf
    every = deck_settings.load(cf)
    fewer = DeckOptions(slides=every.slides[:2])
    deck.choose_slides(session, fewer)
    assert deck_settings.load(cf) == fewer
    assert undo_menu_text(session) == "Undo Choose the feedback slides"
    deck.allow_names(session, ["Fernhill Carers"])
    assert letter_settings.load(cf).allowed_names == ["Fernhill Carers"]
    assert undo_menu_text(session) == "Undo Allow names in the letter and deck"
    session.undo_stack.undo()
    assert letter_settings.load(cf).allowed_names == []
    session.undo_stack.undo()
    assert deck_settings.load(cf) == every


def test_recording_the_feedback_is_undone(session):
    """A record made by mistake would stay in the letter's 'since the feedback' comparison."""
    cf = session.cf
    deck.record_feedback(session, [], occasion="presented", slides=3)
    assert len(snapshots.snapshots(cf)) == 1
    assert undo_menu_text(session) == "Undo Record the feedback as presented"
    session.undo_stack.undo()
    assert snapshots.snapshots(cf) == []
