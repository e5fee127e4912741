"""File › Restore from backup…: the backups of the open file, newest first, with dates and counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import backups
from peernotes.core.backups import BackupInfo
from peernotes.ui.models.base import FixedColumnsModel

_Index = QModelIndex | QPersistentModelIndex


class BackupTableModel(FixedColumnsModel):
    """One row per backup: when, observations, meetings, people, why, protected."""

    HEADERS = ("Taken", "Observations", "Meetings", "People", "Why", "Protected")
    InfoRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, infos: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.infos = list(infos)

    def row_total(self) -> int:
        return len(self.infos)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.infos):
            return None
        info = self.infos[index.row()]
        column = index.column()
        if role == self.InfoRole:
            return info
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return info.created.astimezone().strftime("%a %d %b %Y, %H:%M")
            if column in (1, 2, 3):
                table = ("observation", "meeting", "person")[column - 1]
                value = info.counts.get(table)
                return "—" if value is None else f"{value:,}"
            if column == 4:
                return backups.REASON_LABELS.get(info.reason, info.reason)
            if column == 5:
                return "Yes" if info.encrypted else "No"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        return None


class BackupDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: Path, infos: list[BackupInfo]):
        super().__init__(parent)
        self.setWindowTitle(f"Restore {path.name} from a backup")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "PeerNotes backs up this challenge when you open it and every few minutes while you "
            "edit. Choose the backup to go back to. What the file holds now is backed up first, "
            "so restoring can itself be undone."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = BackupTableModel(infos, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAccessibleName("Backups")
        self.view.doubleClicked.connect(self.accept)
        layout.addWidget(self.view, 1)
        self.empty = QLabel("There are no backups of this file yet.")
        self.empty.setVisible(not infos)
        layout.addWidget(self.empty)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("&Restore this backup")
        self.restore_button.setEnabled(bool(infos))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if infos:
            self.view.selectRow(0)
        self.resize(720, 380)

    def selected(self) -> BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(BackupTableModel.InfoRole)

    @classmethod
    def choose(cls, parent: QWidget | None, path: Path) -> BackupInfo | None:
        """The backup the user picked, or None."""
        dialog = cls(parent, path, backups.list_backups(path))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.selected()
