"""The meeting dialog as a peer fills it in on site: times as written, the visit's days,
pasted names, new people and unnamed headcounts, all saved (and undone) as one step."""

from __future__ import annotations

import pytest
from recording_helpers import open_window

from peernotes.core import headcounts
from peernotes.core.records import people, programme
from peernotes.ui.dialogs.meeting import MeetingDialog
from peernotes.ui.operations.inputs import MeetingData


@pytest.fixture
def window(qtbot, challenge_path):
    w = open_window(qtbot, challenge_path)
    yield w
    w.close()


def _dialog(qtbot, page, initial: MeetingData | None = None) -> MeetingDialog:
    dialog = MeetingDialog(
        page,
        initial=initial or MeetingData(date="2026-11-10", title=""),
        save=page.save_new,
        **page._dialog_context(),
    )
    qtbot.addWidget(dialog)
    return dialog


def test_times_typed_as_people_write_them_are_saved(qtbot, window):
    """'9.30' and '2pm' are accepted and saved as 09:30 and 14:00 (they used to be refused)."""
    cf = window.session.cf
    dialog = _dialog(qtbot, window.page_widget("programme"))
    qtbot.keyClicks(dialog.title, "Director of Adult Social Care")
    qtbot.keyClicks(dialog.start, "9.30")
    qtbot.keyClicks(dialog.end, "2pm")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    meeting = cf.rows("meeting")[0]
    assert (meeting["start_time"], meeting["end_time"]) == ("09:30", "14:00")


def test_the_day_is_picked_from_the_visit_and_another_date_is_warned_about(qtbot, window):
    """The day list holds the four on-site days; another date shows a warning in words."""
    dialog = _dialog(qtbot, window.page_widget("programme"))
    days = [dialog.day.itemData(i) for i in range(dialog.day.count())]
    assert days == ["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", None]
    assert dialog.date_warning.isHidden()
    dialog.day.setCurrentIndex(dialog.day.count() - 1)
    dialog.date.setDate(dialog.date.date().addDays(-7))
    assert not dialog.date_warning.isHidden()
    assert "is not one of the on-site days" in dialog.date_warning.text()
    assert dialog.chosen_date() == "2026-11-03"


def test_pasted_names_new_people_and_a_headcount_are_one_undo_step(qtbot, window):
    """Pasting three names ticks the one already recorded and adds two new people; '12 carers'
    is saved as a headcount; one Undo removes the meeting, the new people and the count."""
    cf = window.session.cf
    known = people.add_person(cf, "Lee Park")
    people_before = cf.count("person")
    dialog = _dialog(qtbot, window.page_widget("programme"))
    qtbot.keyClicks(dialog.title, "Carers' forum")
    dialog.paste.setPlainText("Lee Park (Manager)\nAna Wu\n• Sam Okafor (Carers' lead)\n")
    dialog.new_group.setCurrentIndex(dialog.new_group.findText("Carer"))
    dialog.add_names()
    data = dialog.data()
    assert data.person_ids == [known]
    assert data.new_people == ["Ana Wu", "Sam Okafor (Carers' lead)"]
    dialog.headcounts.setText("12 carers")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    meeting = cf.rows("meeting")[0]["id"]
    met = sorted(p["name"] for p in programme.meeting_people(cf, meeting))
    assert met == ["Ana Wu", "Lee Park", "Sam Okafor"]
    sam = next(p for p in programme.meeting_people(cf, meeting) if p["name"] == "Sam Okafor")
    assert sam["job_title"] == "Carers' lead"
    assert list(headcounts.for_meeting(cf, meeting).values()) == [12]
    window.undo_action.trigger()
    assert cf.rows("meeting") == [] and cf.count("person") == people_before
    assert cf.count("headcount") == 0


def test_a_headcount_that_cannot_be_read_keeps_the_dialog_open(qtbot, window):
    """'twelve carers' is explained in the dialog; nothing is written."""
    cf = window.session.cf
    dialog = _dialog(qtbot, window.page_widget("programme"))
    qtbot.keyClicks(dialog.title, "Carers' forum")
    dialog.headcounts.setText("twelve carers")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error_label.text().startswith("Unnamed people: 'twelve carers'")
    assert cf.rows("meeting") == []


def test_editing_shows_the_headcount_as_typed(qtbot, window, monkeypatch):
    """A meeting's unnamed people come back into the dialog as '12 carers'."""
    cf = window.session.cf
    page = window.page_widget("programme")
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Carers").id
    carer = next(g["id"] for g in cf.rows("stakeholder_group") if g["name"] == "Carer")
    headcounts.set_headcount(cf, meeting, carer, 12)
    seen = {}

    def fake(parent, *, initial, save, **_):
        seen["headcounts"] = initial.headcounts
        return None

    monkeypatch.setattr(MeetingDialog, "ask", staticmethod(fake))
    page.edit(meeting)
    assert seen["headcounts"] == "12 carers"


def test_new_people_added_inline_keep_their_organisation(qtbot, window):
    """Names added in the meeting dialog with an organisation are saved with it (as the Person
    dialog would); if this fails the People page shows them with no organisation."""
    cf = window.session.cf
    dialog = _dialog(qtbot, window.page_widget("programme"))
    qtbot.keyClicks(dialog.title, "Partners' forum")
    dialog.paste.setPlainText("Ana Wu (Director)\nJo Reid\n")
    qtbot.keyClicks(dialog.new_organisation, "Anyshire Carers' Centre")
    dialog.add_names()
    assert "Anyshire Carers' Centre" in dialog.people.item(dialog.people.count() - 1).text()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    meeting = cf.rows("meeting")[0]["id"]
    met = {p["name"]: p for p in programme.meeting_people(cf, meeting)}
    assert sorted(met) == ["Ana Wu", "Jo Reid"]
    assert {p["organisation"] for p in met.values()} == {"Anyshire Carers' Centre"}
    assert met["Ana Wu"]["job_title"] == "Director"
