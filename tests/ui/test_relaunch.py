"""Relaunching PeerNotes comes back to the file and page you left; a note restored after a
crash is announced wherever you land."""

from __future__ import annotations

from recording_helpers import open_window

from peernotes.ui.main_window import MainWindow


def _new_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_relaunch_reopens_the_last_file_on_the_page_left(qtbot, challenge_path):
    """Quit on the Observations page; the next launch opens that file on that page (it used
    to open the Welcome screen)."""
    first = open_window(qtbot, challenge_path)
    first.show_page("observations")
    first.close()
    second = _new_window(qtbot)
    assert second.reopen_last()
    assert second.session is not None and second.session.cf.path == challenge_path
    assert second.stack.currentWidget() is second.page_widget("observations")
    assert not second.session.cf.readonly
    second.close()


def test_a_challenge_closed_on_purpose_is_not_reopened(qtbot, challenge_path, tmp_path):
    """File › Close challenge, then quit: the next launch starts at Welcome; a file since moved
    away is not reopened either (and no error is shown)."""
    first = open_window(qtbot, challenge_path)
    first.close_challenge()
    first.close()
    second = _new_window(qtbot)
    assert not second.reopen_last()
    assert second.session is None
    assert second.open_path(challenge_path)
    second.close()
    challenge_path.rename(tmp_path / "moved.peernotes")
    third = _new_window(qtbot)
    assert not third.reopen_last() and third.session is None
    third.close()


def test_a_restored_draft_is_announced_on_any_page(qtbot, challenge_path):
    """After a crash the half-typed note is back, and the status bar and Capture's entry say
    so even when the window opens on another page."""
    first = open_window(qtbot, challenge_path)
    first.show_page("capture")
    pane = first.page_widget("capture")
    qtbot.keyClicks(pane.editor, "Half a thought about carers")
    pane.save_draft()  # what the one-second timer does
    first.show_page("people")
    first.close()
    second = _new_window(qtbot)
    assert second.reopen_last()
    assert second.stack.currentWidget() is second.page_widget("people")
    assert "Restored the note you were typing" in second.statusBar().currentMessage()
    capture_item = next(
        second.nav.item(r)
        for r in range(second.nav.count())
        if "Capture" in second.nav.item(r).text()
    )
    assert "✎" in capture_item.text()
    assert second.page_widget("capture").editor.toPlainText() == "Half a thought about carers"
    second.close()
