"""Files where people look: Save a copy, Show in folder, and dialogs that remember."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog
from recording_helpers import open_window

from peernotes.core.store import ChallengeFile
from peernotes.ui import folders
from peernotes.ui.team import page as team


def test_save_a_copy_writes_a_whole_copy_and_show_in_folder_opens_it(
    qtbot, challenge_path, tmp_path, monkeypatch
):
    """File › Save a copy… leaves a complete challenge where asked; File › Show in folder
    opens the folder that holds the open file."""
    window = open_window(qtbot, challenge_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(stick / "mine"), ""))
    from peernotes.ui.file_actions import save_a_copy

    written = save_a_copy(window)
    assert written == stick / "mine.peernotes"
    with ChallengeFile.open(written, readonly=True) as copy:
        assert copy.challenge()["council"] == window.session.cf.challenge()["council"]
    opened = []
    monkeypatch.setattr(
        "peernotes.ui.file_actions.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    window.show_folder_action.trigger()
    assert Path(opened[0].toLocalFile()) == challenge_path.parent
    window.close()


def test_each_file_dialog_starts_in_the_last_folder_used_for_its_purpose(
    qtbot, tmp_path, monkeypatch
):
    """A copy for a peer goes to the USB stick used last time; exports keep their own
    folder."""
    stick, shared = tmp_path / "stick", tmp_path / "shared"
    stick.mkdir()
    shared.mkdir()
    starts = []

    def dialog(parent, title, start, *args, **kwargs):
        starts.append(start)
        return str(stick / "copy.peernotes"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    team.choose_copy_path(None, "For Alex.peernotes")
    team.choose_copy_path(None, "For Sam.peernotes")
    assert Path(starts[1]).parent == stick
    folders.remember("export", shared / "letter.docx")
    assert folders.start_folder("export") == shared
    assert folders.start_folder("copy") == stick
