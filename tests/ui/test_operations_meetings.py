"""Meetings through `peernotes.ui.operations.meetings`: each save is one undo step, named as
the Edit menu shows it."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text

from peernotes.core import headcounts
from peernotes.core.records import observations, read_models
from peernotes.ui.operations import meetings
from peernotes.ui.operations.inputs import MeetingData
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


def test_a_meeting_with_new_people_and_a_headcount_is_added_and_undone_whole(session):
    """Undo after adding a meeting would leave its people or headcount behind if the dialog's
    extras were a separate step."""
    cf = session.cf
    data = MeetingData(
        date="2026-11-10",
        title="Carers' forum",
        peer_ids=[cf.peer_id],
        new_people=["Jo Reid (Carer lead)"],
        headcounts="12 carers",
    )
    saved = meetings.add_meeting(session, data)
    assert read_models.meeting(cf, saved.id).title == "Carers' forum"
    assert [p.name for p in read_models.people_in(cf, saved.id)] == ["Jo Reid"]
    assert sum(headcounts.for_meeting(cf, saved.id).values()) == 12
    assert undo_menu_text(session) == "Undo Add meeting"
    session.undo_stack.undo()
    assert cf.get("meeting", saved.id) is None
    assert read_models.person_list(cf) == []


def test_editing_a_meeting_is_undone_to_its_old_title(session):
    """The old title would not come back after Edit › Undo."""
    cf = session.cf
    saved = meetings.add_meeting(session, MeetingData(date="2026-11-10", title="Leader"))
    meetings.edit_meeting(session, saved.id, MeetingData(date="2026-11-11", title="Chief exec"))
    assert read_models.meeting(cf, saved.id).title == "Chief exec"
    assert undo_menu_text(session) == "Undo Edit meeting"
    session.undo_stack.undo()
    meeting = read_models.meeting(cf, saved.id)
    assert (meeting.title, meeting.date) == ("Leader", "2026-11-10")


def test_deleting_a_meeting_and_moving_its_notes_is_undone_together(session):
    """After undoing a delete, the notes would stay in the other meeting (or be lost)."""
    cf = session.cf
    first = meetings.add_meeting(session, MeetingData(date="2026-11-10", title="Leader")).id
    other = meetings.add_meeting(session, MeetingData(date="2026-11-10", title="Staff")).id
    note = observations.add_observation(cf, "Clear vision for home care.", meeting_id=first)
    meetings.delete_meeting(session, first, observations="move", move_to=other)
    assert cf.get("meeting", first) is None
    assert cf.get("observation", note)["meeting_id"] == other
    assert undo_menu_text(session) == "Undo Delete meeting"
    session.undo_stack.undo()
    assert read_models.meeting(cf, first).title == "Leader"
    assert cf.get("observation", note)["meeting_id"] == first


def test_a_headcount_typed_in_capture_is_one_step_named_by_what_was_typed(session):
    """The Undo item would not say which count it takes back."""
    cf = session.cf
    meeting = meetings.add_meeting(session, MeetingData(date="2026-11-10", title="Forum")).id
    said = meetings.record_headcounts(session, meeting, "12 carers")
    assert said == "Recorded 12 carers met without names."
    assert undo_menu_text(session) == "Undo Record 12 carers met without names"
    session.undo_stack.undo()
    assert headcounts.for_meeting(cf, meeting) == {}
