"""Issue 3 acceptance: set up a challenge, record a meeting by keyboard, undo/redo, reopen."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWizard

from peernotes.core.records import challenge, observations, programme, read_models
from peernotes.core.records.read_models import ObservationFilter
from peernotes.core.store import ChallengeFile
from peernotes.ui.dialogs.meeting import MeetingDialog
from peernotes.ui.dialogs.person import PersonDialog
from peernotes.ui.main_window import MainWindow
from peernotes.ui.wizard import NewChallengeWizard

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def drive_wizard(qtbot) -> object:
    """Fill the real wizard page by page, as a challenge manager would."""
    wizard = NewChallengeWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.challenge
    qtbot.keyClicks(page.council, "Ashcombe District Council")
    qtbot.keyClicks(page.programme_title, "Home Care Peer Challenge")
    page.framework.setCurrentIndex(page.framework.findData("cfbo-previous"))
    page.start.setDate(QDate(2026, 11, 10))
    page.end.setDate(QDate(2026, 11, 12))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    qtbot.keyClicks(wizard.scope.scope, "How well does the council commission care at home?")
    qtbot.keyClicks(wizard.scope.questions, "Is the home care market sustainable?")
    wizard.next()
    team = wizard.team
    team.set_member(
        0, "Rowan Hale", "lead_peer", "Director of Adult Services", "Westshire County Council"
    )
    team.set_member(
        1, "Jess Amari", "challenge_manager", "Challenge Manager", "Local Government Association"
    )
    row = team.add_member()
    team.set_member(
        row, "Dev Sharma", "officer_peer", "Head of Commissioning", "Eastbury City Council"
    )
    wizard.next()
    assert wizard.currentPage() is wizard.you
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.you.list.setCurrentRow(2)  # "who are you?" -> Dev Sharma
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    data = wizard.data()
    wizard.close()
    return data


def test_record_a_meeting_by_keyboard_undo_redo_and_reopen(qtbot, monkeypatch, private_data_dir):
    """The whole on-site loop: if any step breaks, a peer loses notes or records them wrongly."""
    monkeypatch.setattr(
        NewChallengeWizard,
        "get_challenge",
        classmethod(lambda cls, parent=None: drive_wizard(qtbot)),
    )

    def meeting_exec(dialog: MeetingDialog) -> int:
        dialog.date.setDate(QDate(2026, 11, 10))
        qtbot.keyClicks(dialog.start, "09:30")
        qtbot.keyClicks(dialog.end, "10:30")
        qtbot.keyClicks(dialog.title, "Director of Adult Social Care")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", meeting_exec)
    groups_chosen = iter(["Senior leader", "Carer"])

    def person_exec(dialog: PersonDialog) -> int:
        dialog.group.setCurrentIndex(dialog.group.findText(next(groups_chosen)))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PersonDialog, "exec", person_exec)

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.new_challenge()
    window.activateWindow()  # the wizard has closed: the window has the keyboard again
    qtbot.waitUntil(window.isActiveWindow)
    cf = window.session.cf
    path = cf.path
    assert path.parent == private_data_dir  # saved in the per-user data folder by default
    me = cf.peer_id
    assert cf.get("peer", me)["name"] == "Dev Sharma"

    # a meeting, from the programme
    window.show_page("programme")
    window.page_widget("programme").add_button.click()
    meetings = cf.rows("meeting")
    assert [m["title"] for m in meetings] == ["Director of Adult Social Care"]
    meeting_id = meetings[0]["id"]

    # the capture pane, in that meeting; two people met, by keyboard
    window.capture_in(meeting_id)
    pane = window.page_widget("capture")
    assert pane.current_meeting_id() == meeting_id
    editor = pane.editor
    for name in ("Sam Okafor", "Lee Grant"):
        qtbot.keyClick(editor, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(pane.person_field, name)
        qtbot.keyClick(pane.person_field, Qt.Key.Key_Return)
    met = {p["name"] for p in programme.meeting_people(cf, meeting_id)}
    assert met == {"Sam Okafor", "Lee Grant"}

    # five observations, keyboard only
    notes = [
        ("The director described a clear plan for home care", "2", "S", "1", False),
        ("Providers are not paid on time", "2", "A", "10", False),
        ("We saw the new brokerage team at work", "3", "N", "", False),
        ("People wait weeks for a package of care", "2", "A", "10", True),
        ("The market position statement is out of date", "1", "A", "9", False),
    ]
    for text, mode_key, polarity_key, heading, quote in notes:
        editor.setFocus()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, getattr(Qt.Key, f"Key_{mode_key}"), CTRL)
        qtbot.keyClick(editor, getattr(Qt.Key, f"Key_{polarity_key}"), ALT)
        if quote:
            qtbot.keyClick(editor, Qt.Key.Key_Q, CTRL)
        if heading:
            qtbot.keyClick(editor, Qt.Key.Key_T, CTRL)
            qtbot.keyClicks(pane.heading_picker.field, heading)
            qtbot.keyClick(pane.heading_picker.field, Qt.Key.Key_Return)
            qtbot.keyClick(pane.heading_picker.field, Qt.Key.Key_Escape)
        assert editor.hasFocus()
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert pane.model.rowCount() == 5

    # undo the last two, redo one
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert pane.model.rowCount() == 3
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert pane.model.rowCount() == 4
    window.close()

    # reopen: exactly the first four, as typed, recorded by the chosen peer
    with ChallengeFile.open(path) as reopened:
        ids = read_models.observation_ids(reopened, ObservationFilter(meeting_id=meeting_id))
        rows = [reopened.get("observation", i) for i in ids]
        labels = {
            h["id"]: h["number"] for h in challenge.headings(reopened) if h["kind"] == "standard"
        }
        got = [
            (
                r["text"],
                r["mode"],
                r["polarity"],
                [
                    labels.get(h, "?")
                    for h in observations.observation_heading_ids(reopened, r["id"])
                ],
                bool(r["is_quote"]),
                r["recorded_by"],
            )
            for r in rows
        ]
    modes = {"1": "read", "2": "heard", "3": "seen"}
    polarities = {"S": "strength", "A": "area", "N": "neutral"}
    expected = [
        (text, modes[m], polarities[p], [h] if h else [], q, me) for text, m, p, h, q in notes[:4]
    ]
    assert got == expected

    window2 = MainWindow()
    qtbot.addWidget(window2)
    assert window2.recent_files()[0] == str(path.resolve())
    assert window2.open_path(path)
    assert window2.page_widget("capture").model.rowCount() == 4
    window2.close()
