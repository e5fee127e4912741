"""People met through `peernotes.ui.operations.people`: added, edited, deleted and placed in
meetings, each one undo step named as the Edit menu shows it."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text

from peernotes.core.records import programme, read_models
from peernotes.ui.operations import people
from peernotes.ui.operations.inputs import PersonData
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


@pytest.fixture
def meeting(session):
    return programme.add_meeting(session.cf, date="2026-11-10", title="Carers' forum").id


def test_someone_new_added_from_capture_is_undone_with_their_place_in_the_meeting(session, meeting):
    """Undo would leave the new person in the People list, or in the meeting without a record."""
    cf = session.cf
    person = people.add_new_to_meeting(session, meeting, PersonData("Jo Reid"))
    assert [p.id for p in read_models.people_in(cf, meeting)] == [person]
    assert undo_menu_text(session) == "Undo Add Jo Reid to the meeting"
    session.undo_stack.undo()
    assert read_models.people_in(cf, meeting) == []
    assert read_models.person_list(cf) == []


def test_editing_a_person_is_undone_to_their_old_job(session):
    """The person's old job title would not come back after Edit › Undo."""
    cf = session.cf
    person = people.add_person(session, PersonData("Sam Hale", job_title="Carer"))
    people.edit_person(session, person, PersonData("Sam Hale", job_title="Carer lead"))
    assert cf.get("person", person)["job_title"] == "Carer lead"
    assert undo_menu_text(session) == "Undo Edit person"
    session.undo_stack.undo()
    assert cf.get("person", person)["job_title"] == "Carer"


def test_deleting_a_person_is_undone_back_into_their_meetings(session, meeting):
    """After undoing a delete the person would be back but missing from the meeting."""
    cf = session.cf
    person = people.add_person(session, PersonData("Sam Hale"))
    people.add_to_meeting(session, meeting, person)
    assert undo_menu_text(session) == "Undo Add person to the meeting"
    people.delete_person(session, person)
    assert read_models.people_in(cf, meeting) == []
    assert undo_menu_text(session) == "Undo Delete person"
    session.undo_stack.undo()
    assert [p.name for p in read_models.people_in(cf, meeting)] == ["Sam Hale"]


def test_removing_someone_from_a_meeting_keeps_them_and_is_undone(session, meeting):
    """Removing from a meeting would delete the person, or undo would not put them back."""
    cf = session.cf
    person = people.add_new_to_meeting(session, meeting, PersonData("Sam Hale"))
    people.remove_from_meeting(session, meeting, person)
    assert read_models.people_in(cf, meeting) == []
    assert cf.get("person", person) is not None
    assert undo_menu_text(session) == "Undo Remove person from the meeting"
    session.undo_stack.undo()
    assert [p.id for p in read_models.people_in(cf, meeting)] == [person]
