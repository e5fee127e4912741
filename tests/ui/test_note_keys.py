"""One set of note keys wherever a note is edited, none of which types its letter into the
note; and Undo of a save in Capture gives the note back to fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from recording_helpers import open_window

from peernotes.core.records import observations, programme, read_models
from peernotes.core.records.read_models import ObservationFilter
from peernotes.ui.widgets.note_keys import NOTE_KEYS, shortcuts_html

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, challenge_path):
    w = open_window(qtbot, challenge_path)
    yield w
    w.close()


def _editor_on(window, text: str):
    cf = window.session.cf
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Director", start_time="09:00").id
    note = observations.add_observation(cf, text, meeting_id=meeting)
    window.show_page("observations")
    page = window.page_widget("observations")
    page.select_observation(note)
    editor = page.editor
    editor.text.setFocus()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    return note, editor


def test_ctrl_t_on_observations_opens_the_heading_picker_and_leaves_the_text(qtbot, window):
    """Ctrl+T in the Observations editor goes to the heading picker, as in Capture; the note's
    text is untouched (it used to type into the note, which then autosaved)."""
    note, editor = _editor_on(window, "Carers wait for assessments")
    qtbot.keyClick(editor.text, Qt.Key.Key_T, CTRL)
    assert editor.headings.field.hasFocus()
    assert editor.text.toPlainText() == "Carers wait for assessments"
    qtbot.keyClicks(editor.headings.field, "1")
    qtbot.keyClick(editor.headings.field, Qt.Key.Key_Return)
    cf = window.session.cf
    assert len(observations.observation_heading_ids(cf, note)) == 1
    qtbot.keyClick(editor.headings.field, Qt.Key.Key_Return)  # empty: back to the text
    assert editor.text.hasFocus()
    editor.flush()
    assert cf.get("observation", note)["text"] == "Carers wait for assessments"


def test_capture_keys_work_on_observations_and_type_nothing(qtbot, window):
    """Ctrl+3, Alt+S and Ctrl+Q tag the note on the Observations page as in Capture, and no
    letter lands in the text (Alt+S used to type an "s")."""
    note, editor = _editor_on(window, "Staff showed us the rota")
    qtbot.keyClick(editor.text, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(editor.text, Qt.Key.Key_S, ALT)
    qtbot.keyClick(editor.text, Qt.Key.Key_Q, CTRL)
    qtbot.keyClick(editor.text, Qt.Key.Key_P, CTRL | SHIFT)
    editor.flush()
    row = window.session.cf.get("observation", note)
    assert (row["text"], row["mode"], row["polarity"], row["is_quote"]) == (
        "Staff showed us the rota",
        "seen",
        "strength",
        1,
    )
    assert "Capture" in editor.problem.text()  # where people met are added


def test_help_lists_every_note_key(qtbot, window):
    """Help › Keyboard shortcuts lists each key, including Ctrl+Shift+P for a person met."""
    text = shortcuts_html()
    for _action, keys, _what in NOTE_KEYS:
        assert f"<b>{keys}</b>" in text
    assert "Ctrl+Shift+P" in text and "<b>Ctrl+P</b>" not in text


@pytest.fixture
def pane(window):
    cf = window.session.cf
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Director", start_time="09:00").id
    window.show_page("capture")
    pane = window.page_widget("capture")
    pane.set_meeting(meeting)
    pane.editor.setFocus()
    return pane


def _texts(pane) -> list[str]:
    cf = pane.session.cf
    ids = read_models.observation_ids(cf, ObservationFilter(meeting_id=pane.current_meeting_id()))
    return [cf.get("observation", i)["text"] for i in ids]


def test_undo_of_a_save_puts_the_note_back_in_the_box(qtbot, window, pane):
    """Ctrl+Z right after Enter offers the note back with its tags, to fix and save again; the
    stale "Saved: …" message goes (the text used to be lost, the message stayed)."""
    qtbot.keyClicks(pane.editor, "Waiting lists are falling fast")
    qtbot.keyClick(pane.editor, Qt.Key.Key_A, ALT)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert "Saved" in pane.message.text()
    qtbot.keyClick(pane.editor, Qt.Key.Key_Z, CTRL)
    assert _texts(pane) == []
    assert pane.editor.toPlainText() == "Waiting lists are falling fast"
    assert pane.polarity.value == "area"
    assert "Saved" not in pane.message.text() and "back in the box" in pane.message.text()
    qtbot.keyClick(pane.editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(pane.editor, "t, they say")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert _texts(pane) == ["Waiting lists are falling fast, they say"]


def test_redo_after_undo_takes_the_note_out_of_the_box_again(qtbot, window, pane):
    """Undo then Redo leaves one saved note and an empty box, not a note twice."""
    qtbot.keyClicks(pane.editor, "Providers are paid late")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    window.undo_action.trigger()
    assert pane.editor.toPlainText() == "Providers are paid late"
    window.redo_action.trigger()
    assert pane.editor.toPlainText() == ""
    assert _texts(pane) == ["Providers are paid late"]


def test_up_in_the_empty_box_edits_the_previous_note_in_place(qtbot, window, pane):
    """A typo seen just after Enter: Up brings the note back, Enter saves the fix, and the
    peer never leaves Capture (a double-click used to open the Observations page)."""
    qtbot.keyClicks(pane.editor, "Carers wiat weeks")
    qtbot.keyClick(pane.editor, Qt.Key.Key_A, ALT)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Up)
    assert pane.editor.toPlainText() == "Carers wiat weeks"
    assert pane.polarity.value == "area"
    assert pane.save_button.text() == "Save changes"
    pane.editor.setPlainText("Carers wait weeks")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert _texts(pane) == ["Carers wait weeks"]
    assert pane.editor.toPlainText() == "" and pane.save_button.text() == "Save observation"
    assert window.stack.currentWidget() is pane
    window.undo_action.trigger()
    assert _texts(pane) == ["Carers wiat weeks"]


def test_double_click_edits_that_note_and_escape_leaves_it_as_it_was(qtbot, window, pane):
    """Double-clicking an older note loads it into the box; Escape stops without changing it."""
    for text in ("First note", "Second note"):
        qtbot.keyClicks(pane.editor, text)
        qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    row = next(
        r for r in range(pane.model.rowCount()) if pane.model.index(r, 1).data() == "First note"
    )
    index = pane.model.index(row, 1)
    rect = pane.list.visualRect(index)
    qtbot.mouseClick(pane.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(pane.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is pane
    assert pane.editor.toPlainText() == "First note"
    qtbot.keyClicks(pane.editor, " changed")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Escape)
    assert pane.editor.toPlainText() == ""
    assert sorted(_texts(pane)) == ["First note", "Second note"]


def test_typing_in_progress_is_not_replaced_by_the_previous_note(qtbot, pane):
    """Double-click while a new note is half typed keeps the typing and says why."""
    qtbot.keyClicks(pane.editor, "Saved one")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.editor, "Half typed")
    assert not pane.reediting.start(pane.reediting.previous_id())
    assert pane.editor.toPlainText() == "Half typed"
    assert "Save or clear" in pane.message.text()
