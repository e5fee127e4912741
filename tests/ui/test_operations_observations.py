"""Observations through `peernotes.ui.operations.observations`: each edit one undo step,
named as the Edit menu shows it; typing into a note is one step however many pauses."""

from __future__ import annotations

import pytest
from helpers import heading_id
from operation_helpers import undo_menu_text

from peernotes.core import note_pairs
from peernotes.core.records import observations as records
from peernotes.core.records import programme
from peernotes.ui.operations import observations
from peernotes.ui.operations.observations import NoteData
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


@pytest.fixture
def meeting(session):
    return programme.add_meeting(session.cf, date="2026-11-10", title="Carers' forum").id


def test_a_note_fixed_from_capture_is_undone_to_what_was_first_saved(session, meeting):
    """Edit › Undo after fixing a note would not bring back its first text and tags."""
    cf = session.cf
    tag = heading_id(cf, "1")
    note = observations.add_observation(session, NoteData("Carers feel unheard."), meeting)
    assert undo_menu_text(session) == "Undo Add observation"
    fixed = NoteData("Carers feel unheard.", "seen", "area", True, (tag,))
    observations.edit_observation(session, note, fixed)
    row = cf.get("observation", note)
    assert (row["mode"], row["polarity"], row["is_quote"]) == ("seen", "area", 1)
    assert records.observation_heading_ids(cf, note) == [tag]
    assert undo_menu_text(session) == "Undo Edit observation"
    session.undo_stack.undo()
    row = cf.get("observation", note)
    assert (row["mode"], row["polarity"], row["is_quote"]) == ("heard", "neutral", 0)
    assert records.observation_heading_ids(cf, note) == []


def test_typing_in_a_note_is_one_undo_step(session, meeting):
    """Undo would take back one burst of typing at a time instead of the whole edit."""
    cf = session.cf
    note = observations.add_observation(session, NoteData("Waiting"), meeting)
    observations.edit_text(session, note, "Waiting lists")
    observations.edit_text(session, note, "Waiting lists fell")
    assert undo_menu_text(session) == "Undo Edit text"
    session.undo_stack.undo()
    assert cf.get("observation", note)["text"] == "Waiting"


def test_each_tag_changed_in_place_is_named_in_the_undo_item(session, meeting):
    """The Undo item would not say which tag it takes back."""
    cf = session.cf
    note = observations.add_observation(session, NoteData("A clear vision."), meeting)
    observations.set_quote(session, note, True)
    assert undo_menu_text(session) == "Undo Mark as quote"
    observations.change_polarity(session, note, "strength")
    assert undo_menu_text(session) == "Undo Change polarity"
    observations.move_to_meeting(session, note, None)
    assert undo_menu_text(session) == "Undo Move to meeting"
    session.undo_stack.undo()
    session.undo_stack.undo()
    row = cf.get("observation", note)
    assert (row["meeting_id"], row["polarity"], row["is_quote"]) == (meeting, "neutral", 1)


def test_deleting_several_notes_is_one_step_that_brings_them_all_back(session, meeting):
    """Undoing a multiple delete would bring back only one note, or be named as one."""
    cf = session.cf
    ids = [
        observations.add_observation(session, NoteData(text), meeting)
        for text in ("First point.", "Second point.")
    ]
    assert observations.delete_observations(session, ids) == 2
    assert all(cf.get("observation", i) is None for i in ids)
    assert undo_menu_text(session) == "Undo Delete 2 observations"
    session.undo_stack.undo()
    assert all(cf.get("observation", i) is not None for i in ids)


def test_two_notes_marked_and_cleared_are_named_and_undone(session, meeting):
    """The Undo item would not say which mark it takes back, or the mark would not return."""
    cf = session.cf
    first, second = (
        observations.add_observation(session, NoteData(text), meeting)
        for text in ("Carers feel unheard.", "Carers are not listened to.")
    )
    observations.mark_pair(session, first, second, "same")
    assert undo_menu_text(session) == "Undo Mark notes: Same point"
    observations.clear_pair_mark(session, first, second)
    assert note_pairs.mark_of(cf, first, second) is None
    assert undo_menu_text(session) == "Undo Clear notes' mark"
    session.undo_stack.undo()
    assert note_pairs.mark_of(cf, first, second) == "same"
