"""'Who are you?': the peer whose edits this laptop records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import vocab
from peernotes.core.records.values import Peer


class WhoAreYouDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, team: list[Peer], current: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who are you?")
        layout = QVBoxLayout(self)
        text = QLabel(
            "Everything you record on this laptop is marked as yours, so the team can merge "
            "notes and see who recorded what. Who are you?"
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.list = QListWidget()
        self.list.setAccessibleName("Team members")
        for peer in team:
            role = vocab.PEER_ROLES.get(peer.role, peer.role)
            item = QListWidgetItem(f"{peer.name} — {role}")
            item.setData(Qt.ItemDataRole.UserRole, peer.id)
            self.list.addItem(item)
            if peer.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def peer_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @classmethod
    def ask(
        cls, parent: QWidget | None, team: list[Peer], current: str | None = None
    ) -> str | None:
        dialog = cls(parent, team, current)
        return dialog.peer_id() if dialog.exec() == QDialog.DialogCode.Accepted else None
