"""Errors never vanish: an unexpected exception shows a dialog with copyable details and a log.

`install()` replaces sys.excepthook (PySide6 routes exceptions raised in slots through it), so
the app neither dies silently nor swallows the error. Saved work is already on disk -- every
save commits before it returns -- and the dialog says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import logbook


class ErrorDialog(QDialog):
    def __init__(self, parent: QWidget | None, details: str, log_path: Path | None):
        super().__init__(parent)
        self.setWindowTitle("Something went wrong in PeerNotes")
        layout = QVBoxLayout(self)
        where = f" The details are also in {log_path}." if log_path else ""
        text = QLabel(
            "PeerNotes hit an unexpected problem. Everything you saved is safe: each "
            "observation is on disk the moment it appears in the list. You can carry on, or "
            "save your typing elsewhere and restart PeerNotes." + where + " Please send the "
            "details below to whoever supports PeerNotes for you (they hold no notes)."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Error details")
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText("Copied")

    @classmethod
    def show_error(cls, parent: QWidget | None, details: str, log_path: Path | None) -> None:
        cls(parent, details, log_path).exec()


_showing = False


def handle_exception(exc_type, exc, tb) -> None:
    """sys.excepthook: log, then show the dialog (once at a time, never recursively)."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details, log_path = logbook.log_exception(exc_type, exc, tb)
    if _showing or QApplication.instance() is None:
        print(details, file=sys.stderr)
        return
    _showing = True
    try:
        ErrorDialog.show_error(QApplication.activeWindow(), details, log_path)
    finally:
        _showing = False
