"""File › Challenge details…: stakeholder groups and the challenge's own headings and
scoping questions are edited after the wizard, by keyboard, saved at once and undoable."""

from __future__ import annotations

import pytest
from helpers import make_challenge
from PySide6.QtCore import Qt
from recording_helpers import open_window

from peernotes.core import setup
from peernotes.core.records import challenge, observations, people
from peernotes.ui.dialogs.challenge import ChallengeDialog
from peernotes.ui.operations.inputs import ChallengeData
from peernotes.ui.session import Session


@pytest.fixture
def dialog(tmp_path, qapp, qtbot):
    cf = make_challenge(tmp_path / "setup.peernotes")
    session = Session(cf)
    row = cf.challenge()
    initial = ChallengeData(
        row["council"], row["programme_title"], row["onsite_start"], row["onsite_end"]
    )
    shown = ChallengeDialog(None, initial, None, session)
    qtbot.addWidget(shown)
    shown.show()
    yield shown, session
    session.close()


def _groups(session: Session) -> dict[str, int]:
    return {g["name"]: g["single_person"] for g in people.stakeholder_groups(session.cf)}


def _row(page, name: str) -> int:
    return next(i for i, r in enumerate(page.model.rows) if r.name == name)


def test_the_lists_are_tabs_with_accessible_names(dialog):
    shown, _session = dialog
    assert [shown.tabs.tabText(i) for i in range(shown.tabs.count())] == [
        "De&tails",
        "Stakeholder &groups",
        "&Headings && scoping questions",
    ]
    assert shown.groups_page.view.accessibleName() == "Stakeholder groups"
    assert shown.headings_page.view.accessibleName() == "Own headings and scoping questions"
    assert shown.groups_page.new_name.accessibleName() == "New stakeholder group"
    page = shown.groups_page  # Tab goes through the page as laid out
    assert page.delete_button.nextInFocusChain() is page.new_name
    assert page.new_name.nextInFocusChain() is page.single
    assert page.single.nextInFocusChain() is page.add_button
    names = [r.name for r in shown.groups_page.model.rows]
    assert names[0] == "Councillor" and "Other" in names


def test_add_a_single_person_group_by_keyboard_then_undo(dialog, qtbot):
    shown, session = dialog
    page = shown.groups_page
    shown.tabs.setCurrentWidget(page)
    page.single.setChecked(True)
    qtbot.keyClicks(page.new_name, "Chair of the Health and Wellbeing Board")
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)
    assert shown.isVisible()  # Enter added the group; it did not close the dialog
    assert _groups(session)["Chair of the Health and Wellbeing Board"] == 1
    assert page.selected().name == "Chair of the Health and Wellbeing Board"
    assert page.new_name.text() == "" and not page.single.isChecked()

    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Chair of the Health and Wellbeing Board" not in _groups(session)
    qtbot.waitUntil(lambda: len(page.model.rows) == len(_groups(session)))


def test_rename_a_group_with_f2_then_undo(dialog, qtbot):
    shown, session = dialog
    page = shown.groups_page
    shown.tabs.setCurrentWidget(page)
    carer = _row(page, "Carer")
    page.view.selectRow(carer)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = page.view.indexWidget(page.model.index(carer, 0))
    assert editor is not None and editor.text() == "Carer"
    editor.selectAll()
    qtbot.keyClicks(editor, "Unpaid carer")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits on the next turn of the event loop
    qtbot.waitUntil(lambda: "Unpaid carer" in _groups(session))
    assert "Carer" not in _groups(session)
    session.undo_stack.undo()
    assert "Carer" in _groups(session)
    qtbot.waitUntil(lambda: any(r.name == "Carer" for r in page.model.rows))


def test_a_duplicate_name_is_refused_with_the_reason(dialog):
    shown, session = dialog
    page = shown.groups_page
    index = page.model.index(_row(page, "Carer"), 0)
    assert page.model.setData(index, "councillor") is False
    assert "already a stakeholder group called" in shown.error_label.text()
    assert "Carer" in _groups(session)


def test_space_ticks_single_person_and_undo_unticks(dialog, qtbot):
    shown, session = dialog
    page = shown.groups_page
    shown.tabs.setCurrentWidget(page)
    index = page.model.index(_row(page, "Other"), 1)
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert _groups(session)["Other"] == 1
    assert page.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    session.undo_stack.undo()
    assert _groups(session)["Other"] == 0


def test_deleting_a_group_people_are_in_says_who_and_keeps_it(dialog, qtbot):
    shown, session = dialog
    carer = next(g["id"] for g in people.stakeholder_groups(session.cf) if g["name"] == "Carer")
    people.add_person(session.cf, "Sam Ortiz", group_id=carer)
    page = shown.groups_page
    qtbot.waitUntil(lambda: page.model.rows[_row(page, "Carer")].people == 1)
    page.view.selectRow(_row(page, "Carer"))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Sam Ortiz is in it" in shown.error_label.text()
    assert "Carer" in _groups(session)
    page.view.selectRow(_row(page, "Other"))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Other" not in _groups(session)
    assert shown.error_label.isHidden()
    session.undo_stack.undo()
    assert "Other" in _groups(session)


def test_add_rename_and_delete_own_headings_and_questions(dialog, qtbot):
    shown, session = dialog
    page = shown.headings_page
    shown.tabs.setCurrentWidget(page)
    page.kind.setCurrentIndex(page.kind.findData("scope"))
    qtbot.keyClicks(page.new_name, "Are unpaid carers heard?")
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)
    page.kind.setCurrentIndex(page.kind.findData("custom"))
    qtbot.keyClicks(page.new_name, "Partnership with health")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    listed = [(h.kind, h.number, h.name) for h in setup.extra_headings(session.cf)]
    assert ("scope", "Q2", "Are unpaid carers heard?") in listed
    assert ("custom", "", "Partnership with health") in listed
    # the new headings are offered wherever headings are picked
    labels = [challenge.heading_label(h) for h in challenge.headings(session.cf)]
    assert "Q2 Are unpaid carers heard?" in labels

    question = _row(page, "Are unpaid carers heard?")
    name_column = 2
    assert page.model.setData(page.model.index(question, name_column), "Are carers heard?")
    assert "Q2 Are carers heard?" in [
        challenge.heading_label(h) for h in challenge.headings(session.cf)
    ]
    session.undo_stack.undo()
    assert "Are unpaid carers heard?" in [h.name for h in setup.extra_headings(session.cf)]

    used = next(h for h in setup.extra_headings(session.cf) if h.number == "Q1")
    observations.add_observation(
        session.cf, "Providers said fees lag costs.", heading_ids=[used.id]
    )
    qtbot.waitUntil(lambda: page.model.rows[_row(page, used.name)].observations == 1)
    page.view.selectRow(_row(page, used.name))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "1 observation is filed under it" in shown.error_label.text()
    assert session.cf.get("heading", used.id) is not None


def test_the_window_opens_the_tabs_and_its_undo_reverses_a_list_edit(qtbot, challenge_path):
    window = open_window(qtbot, challenge_path)

    def drive(dialog):
        assert dialog.tabs is not None
        dialog.groups_page.new_name.setText("Trade union")
        dialog.groups_page.add()
        dialog.reject()  # Cancel leaves the details alone; the list edit is already saved
        return dialog.result()

    ChallengeDialog.exec = drive
    try:
        window.details_action.trigger()
    finally:
        del ChallengeDialog.exec
    assert "Trade union" in _groups(window.session)
    window.undo_action.trigger()
    assert "Trade union" not in _groups(window.session)
    window.close()
