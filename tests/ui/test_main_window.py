"""The main window: welcome screen, opening files, menus, status bar and remembered settings."""

from __future__ import annotations

from pathlib import Path

from recording_helpers import open_window

from peernotes.core.records import people
from peernotes.ui import main_window as main_window_module
from peernotes.ui.main_window import MainWindow


def test_window_opens_offscreen_on_the_welcome_screen(qtbot):
    """`peernotes` with no file shows the welcome screen with its four ways in."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.central.currentWidget() is window.welcome
    welcome = window.welcome
    assert [b.text() for b in (welcome.new_button, welcome.open_button, welcome.demo_button)] == [
        "New challenge…",
        "Open…",
        "Open demo",
    ]
    assert welcome.empty.isVisibleTo(welcome) and not welcome.recent.isVisibleTo(welcome)
    assert window.windowTitle() == "PeerNotes"
    assert not window.close_action.isEnabled()


def test_first_window_fits_on_a_small_or_scaled_screen(qtbot):
    """At 125 %/150 % scaling a laptop screen is small in logical pixels: the window must not
    push the status bar ("Saved") or the filter boxes off the screen."""
    window = MainWindow()
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window.width() <= available.width()
    assert window.height() <= available.height()
    assert window.width() >= min(1280, available.width() * 0.9)  # still uses the room there is


def test_opening_a_file_shows_the_workflow_and_names_it(qtbot, challenge_path):
    """An open challenge shows its screens in workflow order, its name in the title bar and
    who is recording in the status bar."""
    window = open_window(qtbot, challenge_path)
    keys = list(window.pages)
    assert keys[:5] == ["programme", "capture", "people", "documents", "observations"]
    assert "Fernhill Borough Council" in window.windowTitle()
    assert challenge_path.name in window.file_label.text()
    assert window.peer_label.text() == "Recording as Priya Nair"
    assert window.saved_label.text() == "All changes saved"
    window.close()


def test_screens_are_built_when_first_shown_and_then_work(qtbot, challenge_path):
    """Opening a challenge builds only the first screens; the others are built the first
    time they are shown, in their place in the navigation, and behave as usual."""
    window = open_window(qtbot, challenge_path)
    assert window.pages["programme"].built
    assert not window.pages["findings"].built and not window.pages["letter"].built
    count = window.stack.count()
    window.show_page("findings")
    findings = window.pages["findings"]
    assert findings.built and window.stack.currentWidget() is findings.widget
    assert findings.widget.isVisible() and findings.widget.rollup is not None  # read on show
    assert window.stack.count() == count  # it took its placeholder's place
    window.show_page("programme")
    window.show_page("findings")
    assert window.stack.currentWidget() is findings.widget
    window.close_challenge()  # unbuilt screens are dropped without being built
    assert not window.pages


def test_every_edit_shows_saved_and_undo_names_it(qtbot, challenge_path):
    """After an edit the status bar says Saved, and Edit › Undo says what it will undo."""
    window = open_window(qtbot, challenge_path)
    window.show_page("capture")
    pane = window.page_widget("capture")
    pane.editor.setPlainText("Something heard")
    pane.save()
    assert window.saved_label.text() == "✓ Saved"
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Add observation"
    window.undo_action.trigger()
    assert window.session.cf.count("observation") == 0
    window.redo_action.trigger()
    assert window.session.cf.count("observation") == 1
    window.close()


def test_a_failed_save_shows_in_the_status_bar(qtbot, challenge_path):
    """When the disk refuses a save, the peer sees why instead of believing it was saved."""
    window = open_window(qtbot, challenge_path)
    window.session.error.emit("Could not save: the disk is full.")
    assert "the disk is full" in window.saved_label.text()
    assert window.saved_label.property("problem") is True
    window.close()


def test_recent_files_and_geometry_are_remembered(qtbot, challenge_path, tmp_path):
    """Reopening PeerNotes lists the last file first and puts the window where it was."""
    window = open_window(qtbot, challenge_path)
    window.resize(700, 500)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.recent_files() == [str(challenge_path.resolve())]
    assert (again.size().width(), again.size().height()) == (700, 500)
    assert main_window_module.settings().value("last_file") == str(challenge_path.resolve())
    assert again.welcome.recent.count() == 1
    assert again.recent_menu.actions()[0].text().endswith(challenge_path.name)
    again.recent_menu.actions()[0].trigger()
    assert again.session is not None
    again.close()


def test_a_file_without_a_current_peer_asks_who_you_are(qtbot, tmp_path, monkeypatch):
    """A file copied from another laptop asks who is recording before any edit."""
    from helpers import make_challenge

    from peernotes.ui.dialogs.who_are_you import WhoAreYouDialog

    path = tmp_path / "copied.peernotes"
    cf = make_challenge(path)
    cf.set_local("current_peer_id", None)
    team = people.team(cf)
    cf.close()
    monkeypatch.setattr(
        WhoAreYouDialog, "ask", classmethod(lambda cls, parent, team_, current=None: team[0]["id"])
    )
    window = open_window(qtbot, path)
    assert window.session.cf.peer_id == team[0]["id"]
    assert window.peer_label.text() == f"Recording as {team[0]['name']}"
    window.close()


def test_view_menu_goes_to_each_screen(qtbot, challenge_path):
    """Alt+1, Alt+2 … reach every screen without the mouse."""
    window = open_window(qtbot, challenge_path)
    actions = window.page_actions
    assert actions[0].shortcut().toString() == "Alt+1"
    actions[2].trigger()
    assert window.stack.currentWidget() is window.page_widget("people")
    window.close()


def test_closing_the_challenge_returns_to_welcome(qtbot, challenge_path):
    """File › Close challenge closes the file and offers it again under recent files."""
    window = open_window(qtbot, challenge_path)
    window.close_action.trigger()
    assert window.session is None
    assert window.central.currentWidget() is window.welcome
    assert Path(window.welcome.recent.item(0).data(256)) == challenge_path.resolve()
    window.close()


def test_controls_have_accessible_names(qtbot, challenge_path):
    """Screen readers can name every input and button on the recording screens."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    window = open_window(qtbot, challenge_path)
    missing = []
    for key in ("programme", "capture", "people", "documents", "observations"):
        for kind in (QLineEdit, QPlainTextEdit, QComboBox):
            for widget in window.page_widget(key).findChildren(kind):
                if widget.parent() and isinstance(widget.parent(), QComboBox):
                    continue
                if not widget.accessibleName():
                    missing.append((key, type(widget).__name__, widget.objectName()))
        for button in window.page_widget(key).findChildren(QAbstractButton):
            if button.isVisibleTo(window) and not (button.text() or button.accessibleName()):
                missing.append((key, "button", button.toolTip()))
    assert missing == []
    window.close()


def test_challenge_details_can_be_edited_and_refused_dates_explained(qtbot, challenge_path):
    """The council and on-site days can be corrected after the wizard; nonsense dates are
    refused in the dialog with the reason, and the title bar follows the change."""
    from PySide6.QtCore import QDate

    from peernotes.ui.dialogs.challenge import ChallengeDialog

    window = open_window(qtbot, challenge_path)
    dialogs = []

    def drive(dialog):
        dialogs.append(dialog)
        dialog.end.setDate(QDate(2026, 11, 1))
        dialog.accept()
        assert "end before they start" in dialog.error_label.text()
        dialog.end.setDate(QDate(2026, 11, 13))
        dialog.council.setText("Fernhill Council")
        dialog.accept()
        return dialog.result()

    ChallengeDialog.exec = drive
    try:
        window.details_action.trigger()
    finally:
        del ChallengeDialog.exec
    assert window.session.cf.challenge()["council"] == "Fernhill Council"
    assert window.windowTitle().startswith("Fernhill Council — ")
    window.undo_action.trigger()
    assert window.session.cf.challenge()["council"] == "Fernhill Borough Council"
    window.close()
