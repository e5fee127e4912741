"""Writing a document the manager asked for: a modal "Writing…" note and a wait cursor while
it is written, and one sentence if it cannot be (the letter, the evidence report, the deck).

The write runs on the UI thread: python-docx and python-pptx take a second or two for a whole
letter or deck, the note tells the manager the window is busy, and a failure leaves nothing
half-written (the exporters write to a temporary file and move it into place).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from peernotes.core.errors import PeerNotesError
from peernotes.ui.dialogs import messages


def write_with_progress(
    parent: QWidget | None, label: str, write: Callable[[], Path]
) -> Path | None:
    """The file `write` wrote, or None after telling the user why it could not."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setWindowTitle("Exporting")
    progress.setCancelButton(None)
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.show()
    QApplication.processEvents()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return write()
    except PeerNotesError as error:
        messages.error(parent, "Export failed", str(error))
        return None
    finally:
        QApplication.restoreOverrideCursor()
        progress.close()
