"""Asking for a passphrase: to unlock a protected file, to protect one, or to change it.

Each classmethod returns plain data (a string, a pair, or None when cancelled) so tests and
callers can monkeypatch it without driving a modal dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

MIN_LENGTH = 8


def new_passphrase_problem(new: str, repeat: str) -> str | None:
    """Why a new passphrase (typed twice) cannot be used yet, or None. Shared by this dialog
    and the New challenge wizard, so both ask for the same thing in the same words."""
    if not new:
        return "Enter a passphrase."
    if len(new) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters; a few words make a strong passphrase."
    if new != repeat:
        return "The two passphrases are different."
    return None


class PassphraseDialog(QDialog):
    """One dialog, three uses: `unlock`, `protect` (new, twice) and `change` (old, new twice)."""

    def __init__(
        self,
        parent: QWidget | None,
        mode: str,
        path: Path | None,
        wrong: bool = False,
        purpose: str = "open the challenge",
    ):
        super().__init__(parent)
        self.mode = mode
        self.purpose = purpose
        name = path.name if path else "this challenge"
        titles = {
            "unlock": f"Unlock {name}",
            "protect": "Protect with a passphrase",
            "change": "Change passphrase",
        }
        self.setWindowTitle(titles[mode])
        layout = QVBoxLayout(self)
        intro = QLabel(self._intro(mode, name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setObjectName("problemText")  # red in the light or dark set
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        form = QFormLayout()
        layout.addLayout(form)
        self.old = self._field("Current passphrase")
        self.new = self._field("Passphrase" if mode != "change" else "New passphrase")
        self.repeat = self._field("Repeat it")
        if mode == "change":
            form.addRow("&Current passphrase:", self.old)
        form.addRow("&Passphrase:" if mode != "change" else "&New passphrase:", self.new)
        if mode != "unlock":
            form.addRow("&Repeat it:", self.repeat)
        self.show_text = QCheckBox("&Show what I type")
        self.show_text.toggled.connect(self._show)
        layout.addWidget(self.show_text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        unlock_text = "&Open" if purpose == "open the challenge" else "&Unlock"
        ok.setText({"unlock": unlock_text, "protect": "&Protect", "change": "&Change"}[mode])
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if wrong:
            self.problem.setText("That passphrase is not right. Passphrases are case-sensitive.")
        else:
            self.problem.hide()
        (self.old if mode == "change" else self.new).setFocus()
        self.setMinimumWidth(460)

    def _intro(self, mode: str, name: str) -> str:
        if mode == "unlock":
            return f"{name} is protected with a passphrase. Enter it to {self.purpose}."
        warning = (
            "PeerNotes never stores the passphrase. If it is forgotten, the notes cannot be "
            "recovered by anyone, so keep it somewhere safe (your team's password manager)."
        )
        if mode == "protect":
            return (
                f"Protect {name} so that no one can read it without the passphrase, even with "
                f"the laptop in their hands. Its backups will be protected too. {warning}"
            )
        return f"Choose a new passphrase for {name}. {warning}"

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def _show(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        for field in (self.old, self.new, self.repeat):
            field.setEchoMode(mode)

    def problem_text(self) -> str | None:
        """Why the entries cannot be accepted yet, or None."""
        if self.mode == "change" and not self.old.text():
            return "Enter the current passphrase."
        if self.mode == "unlock":
            return None if self.new.text() else "Enter a passphrase."
        return new_passphrase_problem(self.new.text(), self.repeat.text())

    def _accept(self) -> None:
        problem = self.problem_text()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()

    # ----------------------------------------------------------- plain-data API
    @classmethod
    def unlock(
        cls,
        parent: QWidget | None,
        path: Path,
        *,
        wrong: bool = False,
        purpose: str = "open the challenge",
    ) -> str | None:
        dialog = cls(parent, "unlock", path, wrong, purpose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        return dialog.new.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def protect(cls, parent: QWidget | None, path: Path | None) -> str | None:
        dialog = cls(parent, "protect", path)
        return dialog.new.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def change(cls, parent: QWidget | None, path: Path | None) -> tuple[str, str] | None:
        dialog = cls(parent, "change", path)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.old.text(), dialog.new.text()
