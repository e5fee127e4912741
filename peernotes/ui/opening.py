"""Opening a challenge file from the window: every refusal becomes a clear message, never a crash.

The main window, the welcome screen and the recent-files menu all open files through
`open_file`, so passphrase prompts, read-only fallbacks and backups on open live in one place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from peernotes.core.errors import PeerNotesError
from peernotes.core.store import ChallengeFile


def open_file(parent: QWidget | None, path: Path) -> ChallengeFile | None:
    """Open `path` or explain (in a message box) why not. Returns None when not opened."""
    try:
        return ChallengeFile.open(path)
    except PeerNotesError as error:
        QMessageBox.warning(parent, "PeerNotes cannot open this file", str(error))
        return None
