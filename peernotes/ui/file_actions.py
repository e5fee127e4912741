"""File › Save a copy… and File › Show in folder: the open challenge as a file people handle.

A feature (see ui/features.py) kept in the shell: its actions join the File menu, and the window
greys them out while no challenge is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog

from peernotes.core.errors import PeerNotesError
from peernotes.paths import FILE_SUFFIX
from peernotes.ui.dialogs import messages
from peernotes.ui.features import Feature

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow


def save_a_copy(window: MainWindow) -> Path | None:
    """A complete copy elsewhere (a USB stick, a shared drive), written with the store's
    online backup so a live file is never copied half-written."""
    from peernotes.core import backups
    from peernotes.ui import folders

    session = window.session
    if session is None or session.cf.path is None:
        return None
    source = session.cf.path
    suggested = folders.start_path("copy", source.with_name(f"{source.stem} (copy){FILE_SUFFIX}"))
    name, _ = QFileDialog.getSaveFileName(
        window, "Save a copy", suggested, f"PeerNotes challenges (*{FILE_SUFFIX})"
    )
    if not name:
        return None
    target = Path(name) if name.endswith(FILE_SUFFIX) else Path(name + FILE_SUFFIX)
    folders.remember("copy", target)
    try:
        written = backups.save_copy(session.cf, target)
    except PeerNotesError as error:
        messages.error(window, "Copy not saved", str(error))
        return None
    window.say(f"Copy saved to {written}", 8)
    return written


def show_in_folder(window: MainWindow) -> None:
    """The file manager, at the folder that holds the open challenge."""
    session = window.session
    if session is not None and session.cf.path is not None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(session.cf.path.parent)))


def _install_actions(window: MainWindow) -> None:
    file_menu = window.menu("&File")
    file_menu.addSeparator()
    for attribute, text, slot, tip in (
        (
            "save_copy_action",
            "Sa&ve a copy…",
            save_a_copy,
            "Write a complete copy of this challenge to another folder or drive",
        ),
        (
            "show_folder_action",
            "S&how in folder",
            show_in_folder,
            "Open the folder that holds this challenge file",
        ),
    ):
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False, run=slot: run(window))
        file_menu.addAction(action)
        setattr(window, attribute, action)


FEATURE = Feature("file", install_actions=_install_actions)
