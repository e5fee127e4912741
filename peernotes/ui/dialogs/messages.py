"""The UI's one message service: every box that tells the user something or asks a question.

Pages and dialogs call these functions, never QMessageBox directly, so a test answers a box by
replacing one function (`monkeypatch.setattr(messages, "error", ...)`) and the crash harness
can refuse them all. Status-bar notes are not boxes: they go through the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, ok_label: str = "OK") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def error(parent: QWidget | None, title: str, text: str) -> None:
    """Something did not happen (or went wrong): one clear sentence, a warning box."""
    QMessageBox.warning(parent, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Something the user should know that went as asked."""
    QMessageBox.information(parent, title, text)


def choose(
    parent: QWidget | None, title: str, text: str, choices: list[str], default: str
) -> str | None:
    """A warning with one button per choice (plus Close); returns the choice or None."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Close, parent
    )
    buttons = {box.addButton(c, QMessageBox.ButtonRole.AcceptRole): c for c in choices}
    for button, choice in buttons.items():
        if choice == default:
            box.setDefaultButton(button)
    box.exec()
    clicked = box.clickedButton()
    return next((choice for button, choice in buttons.items() if button is clicked), None)


def save_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    """Where to save a challenge file (None when the user cancels)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(suggested), "PeerNotes challenges (*.peernotes)"
    )
    return Path(name) if name else None
