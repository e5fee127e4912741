"""The capture pane: a peer records what they hear at typing speed, tagged by keys alone."""

from __future__ import annotations

import pytest
from helpers import heading_id
from PySide6.QtCore import Qt
from recording_helpers import open_window

from peernotes.core.records import observations, programme, read_models
from peernotes.core.records import people as people_records
from peernotes.core.records.read_models import ObservationFilter
from peernotes.ui.dialogs.person import DuplicatePersonDialog, PersonDialog
from peernotes.ui.operations.inputs import PersonData

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def pane(qtbot, challenge_path):
    from peernotes.core.store import ChallengeFile

    cf = ChallengeFile.open(challenge_path)
    programme.add_meeting(
        cf,
        date="2026-11-10",
        title="Director of Adult Social Care",
        start_time="09:00",
        end_time="10:00",
    )
    programme.add_meeting(
        cf, date="2026-11-10", title="Carers' forum", type="focus_group", start_time="11:00"
    )
    cf.close()
    window = open_window(qtbot, challenge_path)
    window.show_page("capture")
    pane = window.page_widget("capture")
    pane.set_meeting(pane.meeting.itemData(1))
    pane.editor.setFocus()
    yield pane
    window.close()


def saved_rows(pane):
    cf = pane.session.cf
    ids = read_models.observation_ids(cf, ObservationFilter(meeting_id=pane.current_meeting_id()))
    return [cf.get("observation", i) for i in ids]


def test_enter_saves_with_keyboard_tags_and_clears(qtbot, pane):
    """A note typed and tagged with keys is saved on Enter, and the field is ready for the next."""
    editor = pane.editor
    qtbot.keyClicks(editor, "Carers said respite is hard to book")
    qtbot.keyClick(editor, Qt.Key.Key_3, CTRL)  # seen
    qtbot.keyClick(editor, Qt.Key.Key_A, ALT)  # area for consideration
    qtbot.keyClick(editor, Qt.Key.Key_Q, CTRL)  # quote
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL)  # heading picker
    qtbot.keyClicks(pane.heading_picker.field, "1")
    qtbot.keyClick(pane.heading_picker.field, Qt.Key.Key_Return)
    qtbot.keyClick(pane.heading_picker.field, Qt.Key.Key_Return)  # empty: back to the text
    assert editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    rows = saved_rows(pane)
    assert len(rows) == 1
    row = rows[0]
    assert (row["text"], row["mode"], row["polarity"], row["is_quote"]) == (
        "Carers said respite is hard to book",
        "seen",
        "area",
        1,
    )
    assert observations.observation_heading_ids(pane.session.cf, row["id"]) == [
        heading_id(pane.session.cf, "1")
    ]
    assert row["recorded_by"] == pane.session.cf.peer_id
    assert editor.toPlainText() == ""
    assert pane.heading_picker.heading_ids() == [] and not pane.quote.isChecked()
    assert pane.model.rowCount() == 1
    assert "Saved" in pane.message.text()


def test_shift_enter_is_a_new_line(qtbot, pane):
    """Shift+Enter starts a new line instead of saving half a note."""
    qtbot.keyClicks(pane.editor, "First line")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(pane.editor, "second line")
    assert saved_rows(pane) == []
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert saved_rows(pane)[0]["text"] == "First line\nsecond line"


def test_empty_observation_is_not_saved_and_says_why(qtbot, pane):
    """Pressing Enter on an empty field saves nothing and tells the peer why."""
    qtbot.keyClicks(pane.editor, "   ")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert saved_rows(pane) == []
    assert "empty" in pane.message.text()
    assert pane.message.property("problem") is True
    assert pane.editor.property("invalid") is True


def test_several_headings_and_backspace_removes_the_last(qtbot, pane):
    """Headings are picked by typing; Backspace in the empty field takes the last one off."""
    field = pane.heading_picker.field
    qtbot.keyClick(pane.editor, Qt.Key.Key_T, CTRL)
    for text in ("2", "5"):
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert len(pane.heading_picker.heading_ids()) == 2
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert pane.heading_picker.heading_ids() == [heading_id(pane.session.cf, "2")]


def test_unknown_heading_says_so(qtbot, pane):
    """Typing a heading that does not exist tells the peer instead of picking something odd."""
    qtbot.keyClick(pane.editor, Qt.Key.Key_T, CTRL)
    qtbot.keyClicks(pane.heading_picker.field, "zzzz")
    qtbot.keyClick(pane.heading_picker.field, Qt.Key.Key_Return)
    assert pane.heading_picker.heading_ids() == []
    assert "No heading matches" in pane.message.text()


def test_new_person_met_is_created_with_their_group(qtbot, pane, monkeypatch):
    """Typing a new name adds that person, with their stakeholder group, to the meeting."""
    cf = pane.session.cf
    carer = next(g for g in people_records.stakeholder_groups(cf) if g["name"] == "Carer")

    def fake_ask(parent, groups, initial, save, title=""):
        data = PersonData(initial.name, carer["id"])
        save(data)
        return data

    monkeypatch.setattr(PersonDialog, "ask", staticmethod(fake_ask))
    qtbot.keyClick(pane.editor, Qt.Key.Key_P, CTRL | SHIFT)
    assert pane.person_field.hasFocus()
    qtbot.keyClicks(pane.person_field, "Maya Brook")
    qtbot.keyClick(pane.person_field, Qt.Key.Key_Return)
    people = programme.meeting_people(cf, pane.current_meeting_id())
    assert [(p["name"], p["group_id"]) for p in people] == [("Maya Brook", carer["id"])]
    assert pane.people.keys() == [people[0]["id"]]


def test_a_name_already_recorded_is_offered_not_duplicated(qtbot, pane, monkeypatch):
    """Typing the name of someone already recorded offers them; no silent second person."""
    cf = pane.session.cf
    existing = people_records.add_person(cf, "Maya Brook")
    offered = []

    def fake_choice(parent, name, matches):
        offered.append([m.id for m in matches])
        return matches[0].id

    monkeypatch.setattr(DuplicatePersonDialog, "ask", staticmethod(fake_choice))
    monkeypatch.setattr(
        PersonDialog, "ask", staticmethod(lambda *a, **k: pytest.fail("no new person"))
    )
    qtbot.keyClick(pane.editor, Qt.Key.Key_P, CTRL | SHIFT)
    qtbot.keyClicks(pane.person_field, "maya  brook")
    qtbot.keyClick(pane.person_field, Qt.Key.Key_Return)
    assert offered == [[existing]]
    assert len(cf.rows("person")) == 1
    assert [p["id"] for p in programme.meeting_people(cf, pane.current_meeting_id())] == [existing]


def test_removing_a_person_chip_is_undoable(qtbot, pane):
    """Taking someone off the meeting by mistake can be undone."""
    cf = pane.session.cf
    person = people_records.add_person(cf, "Maya Brook")
    programme.add_person_to_meeting(cf, pane.current_meeting_id(), person)
    pane.reload_people()
    pane.people._chips[person].click()
    assert programme.meeting_people(cf, pane.current_meeting_id()) == []
    pane.session.undo_stack.undo()
    assert [p["id"] for p in programme.meeting_people(cf, pane.current_meeting_id())] == [person]


def test_ctrl_z_undoes_the_last_saved_note_when_nothing_is_typed(qtbot, pane):
    """After Enter, Ctrl+Z in the empty field takes the saved note back."""
    qtbot.keyClicks(pane.editor, "Waiting lists are falling")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert len(saved_rows(pane)) == 1
    qtbot.keyClick(pane.editor, Qt.Key.Key_Z, CTRL)
    assert saved_rows(pane) == []
    qtbot.keyClick(pane.editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(saved_rows(pane)) == 1


def test_typed_text_survives_a_crash_as_a_draft(qtbot, pane, challenge_path):
    """Text typed but not yet saved comes back after PeerNotes closes unexpectedly."""
    qtbot.keyClicks(pane.editor, "Half a thought about")
    pane.save_draft()  # what the one-second timer does
    from peernotes.core.store import ChallengeFile

    with ChallengeFile.open(challenge_path) as other:
        assert "Half a thought about" in other.local("capture_draft")
    window = pane.window()
    window.set_session(None)
    window.open_path(challenge_path)
    window.show_page("capture")
    assert window.page_widget("capture").editor.toPlainText() == "Half a thought about"


def test_meeting_defaults_to_the_one_happening_now(qtbot, tmp_path):
    """Opening the capture pane mid-meeting picks that meeting without a click."""
    from datetime import datetime, timedelta

    from helpers import make_challenge

    path = tmp_path / "now.peernotes"
    cf = make_challenge(path)
    now = datetime.now()
    start, end = now - timedelta(minutes=5), now + timedelta(minutes=30)
    if start.date() != now.date() or end.date() != now.date():
        pytest.skip("too close to midnight for a same-day meeting")
    if start.strftime("%H:%M") > "00:00":  # at 00:05 the earlier meeting would last no time
        programme.add_meeting(
            cf,
            date=now.date(),
            title="Earlier",
            start_time="00:00",
            end_time=start.strftime("%H:%M"),
        )
    current = programme.add_meeting(
        cf,
        date=now.date(),
        title="Now",
        start_time=start.strftime("%H:%M"),
        end_time=end.strftime("%H:%M"),
    ).id
    cf.close()
    window = open_window(qtbot, path)
    assert window.page_widget("capture").current_meeting_id() == current
    window.close()


def test_read_mode_offers_the_documents(qtbot, pane):
    """A note in Read mode can name the document it is about."""
    cf = pane.session.cf
    document = people_records.add_document(cf, "Carers' strategy")
    qtbot.keyClick(pane.editor, Qt.Key.Key_1, CTRL)
    assert not pane.document.isHidden()
    pane.document.setCurrentIndex(pane.document.findData(document))
    qtbot.keyClicks(pane.editor, "The strategy has no action plan")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert saved_rows(pane)[0]["document_id"] == document
