"""Deleting a meeting that has observations: move them to another meeting, or delete them too."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


@dataclass
class DeleteMeetingChoice:
    observations: str  # "move" | "delete"
    move_to: str | None = None


class DeleteMeetingDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        meeting_label: str,
        count: int,
        others: list[tuple[str, str]],  # (meeting id, label)
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Delete meeting")
        layout = QVBoxLayout(self)
        noun = "observation" if count == 1 else "observations"
        text = QLabel(
            f"<b>{meeting_label}</b> has {count} {noun}. What should happen to "
            f"{'it' if count == 1 else 'them'}?"
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.move_choice = QRadioButton(f"&Move the {noun} to:")
        self.target = QComboBox()
        self.target.setAccessibleName("Meeting to move the observations to")
        for meeting_id, label in others:
            self.target.addItem(label, meeting_id)
        self.delete = QRadioButton(f"&Delete the {noun} with the meeting")
        group = QButtonGroup(self)
        group.addButton(self.move_choice)
        group.addButton(self.delete)
        layout.addWidget(self.move_choice)
        layout.addWidget(self.target)
        layout.addWidget(self.delete)
        note = QLabel("You can undo this with Edit › Undo.")
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        if others:
            self.move_choice.setChecked(True)
        else:
            self.move_choice.setEnabled(False)
            self.target.setEnabled(False)
            self.delete.setChecked(True)
        self.move_choice.toggled.connect(self.target.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.addButton("Delete meeting", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> DeleteMeetingChoice:
        if self.move_choice.isChecked():
            return DeleteMeetingChoice("move", self.target.currentData())
        return DeleteMeetingChoice("delete")

    @classmethod
    def ask(
        cls, parent: QWidget | None, meeting_label: str, count: int, others: list[tuple[str, str]]
    ) -> DeleteMeetingChoice | None:
        dialog = cls(parent, meeting_label, count, others)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
