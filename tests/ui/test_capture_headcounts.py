"""Capture records people met without names ("12 carers") from the people-met field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from recording_helpers import open_window

from peernotes.core import headcounts
from peernotes.core.records import people, programme, read_models
from peernotes.ui.dialogs.person import PersonDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def pane(qtbot, challenge_path, monkeypatch):
    from peernotes.core.store import ChallengeFile

    cf = ChallengeFile.open(challenge_path)
    programme.add_meeting(
        cf, date="2026-11-10", title="Carers' forum", type="focus_group", start_time="11:00"
    )
    cf.close()
    monkeypatch.setattr(
        PersonDialog, "ask", staticmethod(lambda *a, **k: pytest.fail("no person is created"))
    )
    window = open_window(qtbot, challenge_path)
    window.show_page("capture")
    pane = window.page_widget("capture")
    pane.set_meeting(read_models.meeting_list(pane.session.cf)[0].id)
    pane.editor.setFocus()
    yield pane
    window.close()


def _type_count(qtbot, pane, text: str) -> None:
    qtbot.keyClick(pane.editor, Qt.Key.Key_P, CTRL | SHIFT)
    assert pane.person_field.hasFocus()
    qtbot.keyClicks(pane.person_field, text)
    qtbot.keyClick(pane.person_field, Qt.Key.Key_Return)


def _groups(cf) -> dict[str, str]:
    return {g["name"]: g["id"] for g in people.stakeholder_groups(cf)}


def test_twelve_carers_typed_in_capture_are_a_headcount(qtbot, pane):
    """'12 carers' and Enter, from the keyboard alone: the meeting counts twelve carers
    without names (a chip says so), no person called '12 carers' appears, and Ctrl+Z takes
    the count back. Without it the letter's "at least N people" left them out."""
    cf = pane.session.cf
    meeting, carer = pane.current_meeting_id(), _groups(cf)["Carer"]
    _type_count(qtbot, pane, "12 carers")
    assert headcounts.for_meeting(cf, meeting) == {carer: 12}
    assert cf.rows("person") == []
    assert pane.person_field.text() == ""
    chip = pane.people._chips[f"headcount:{carer}"]
    assert chip.text().startswith("12 carers, no names")
    assert "12 carers" in pane.message.text()
    _type_count(qtbot, pane, "15 carers")  # adjusting: the new number replaces the old
    assert headcounts.for_meeting(cf, meeting) == {carer: 15}
    assert "(was 12)" in pane.message.text()
    pane.session.undo_stack.undo()
    assert headcounts.for_meeting(cf, meeting) == {carer: 12}
    assert pane.people._chips[f"headcount:{carer}"].text().startswith("12 carers")


def test_removing_a_headcount_chip_clears_it_undoably(qtbot, pane):
    """The count's chip removes it like a person's (Delete on it); Ctrl+Z brings it back."""
    cf = pane.session.cf
    meeting, carer = pane.current_meeting_id(), _groups(cf)["Carer"]
    _type_count(qtbot, pane, "12 carers")
    chip = pane.people._chips[f"headcount:{carer}"]
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key.Key_Delete)
    assert headcounts.for_meeting(cf, meeting) == {}
    assert f"headcount:{carer}" not in pane.people.keys()
    pane.session.undo_stack.undo()
    assert headcounts.for_meeting(cf, meeting) == {carer: 12}


def test_a_count_of_an_unknown_group_says_why_and_keeps_the_text(qtbot, pane):
    """'12 aliens' is not a stakeholder group: one sentence says so, nothing is recorded and
    the typed text stays to be corrected."""
    cf = pane.session.cf
    _type_count(qtbot, pane, "12 aliens")
    assert headcounts.for_meeting(cf, pane.current_meeting_id()) == {}
    assert "not one of the stakeholder groups" in pane.message.text()
    assert pane.person_field.text() == "12 aliens"
