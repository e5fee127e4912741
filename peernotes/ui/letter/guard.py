"""The non-attribution guard's dialog: each name or identifying label found in the letter
(or the deck), where it is, and per item Allow or Go to. Nothing is written until every
item is dealt with. `GuardDialog.review` returns plain data (a `GuardDecision`), so tests
answer it without a window; the deck's export uses the same dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.attribution import KIND_LABELS, NameHit
from peernotes.ui.models.base import FixedColumnsModel

Index = QModelIndex | QPersistentModelIndex


# --------------------------------------------------------------------- guard dialog
@dataclass
class GuardDecision:
    """What the user decided about the names found: stop (the default), export (every item
    allowed), or go to one item to fix it. `allowed` is what they allowed, item by item."""

    action: str = "stop"  # 'stop' | 'export' | 'goto'
    allowed: list[NameHit] = field(default_factory=list)
    goto: NameHit | None = None


class NameHitsModel(FixedColumnsModel):
    """The guard's findings: what was found, what it is, where, and whether it is allowed."""

    HEADERS = ("Found", "What it is", "Where", "In context", "Decision")

    def __init__(self, hits: list[NameHit], parent: QWidget | None = None):
        super().__init__(parent)
        self.hits = list(hits)
        self.allowed: set[int] = set()

    def row_total(self) -> int:
        return len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return hit.matched + (f" (×{hit.count})" if hit.count > 1 else "")
            if column == 1:
                return f"{KIND_LABELS.get(hit.kind, hit.kind)}: {hit.who}"
            if column == 2:
                return hit.where
            if column == 3:
                return hit.context
            if column == 4:
                return "Allowed" if index.row() in self.allowed else "Stops the export"
        if role == Qt.ItemDataRole.FontRole and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def allow(self, row: int) -> None:
        if 0 <= row < len(self.hits) and row not in self.allowed:
            self.allowed.add(row)
            cell = self.index(row, 4)
            self.dataChanged.emit(cell, cell)

    def all_allowed(self) -> bool:
        return len(self.allowed) == len(self.hits)


class GuardDialog(QDialog):
    """Lists each name or identifying label found, with where it is; per item Allow or Go to.
    Stop is the default button; Export is enabled only once every item is allowed."""

    def __init__(
        self, hits: list[NameHit], parent: QWidget | None = None, document: str = "letter"
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Names found in the {document}")
        self.decision = GuardDecision()
        self.model = NameHitsModel(hits, self)
        intro = QLabel(
            f"The {document} would name or identify {len(hits)} "
            f"{'item' if len(hits) == 1 else 'items'} the team must not attribute. "
            "Go to each one and reword it, or allow it if it is not about anyone the team met "
            "(a place, a public post holder named as a client…). Nothing is written until "
            "every item is dealt with."
        )
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        if hits:
            self.table.selectRow(0)
        self.allow_button = QPushButton("&Allow this item")
        self.allow_button.setToolTip(
            "It is not about anyone the team met: let it through (saved with the file)"
        )
        self.goto_button = QPushButton("&Go to")
        self.goto_button.setToolTip("Close this and show where the item is, to reword it")
        buttons = QDialogButtonBox()
        self.stop_button = buttons.addButton("Stop", QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setEnabled(False)
        self.stop_button.setDefault(True)
        self.stop_button.setAutoDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.allow_button)
        row.addWidget(self.goto_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.allow_button.clicked.connect(self._allow)
        self.goto_button.clicked.connect(self._goto)
        self.table.doubleClicked.connect(lambda _index: self._goto())
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self._export)
        self.resize(980, 420)

    def _row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _allow(self) -> None:
        row = self._row()
        self.model.allow(row)
        self.export_button.setEnabled(self.model.all_allowed())
        for candidate in range(len(self.model.hits)):  # move on to the next undecided item
            if candidate not in self.model.allowed:
                self.table.selectRow(candidate)
                break
        if self.model.all_allowed():
            self.export_button.setDefault(True)

    def _allowed_hits(self) -> list[NameHit]:
        return [self.model.hits[r] for r in sorted(self.model.allowed)]

    def _goto(self) -> None:
        row = self._row()
        if row < 0:
            return
        self.decision = GuardDecision("goto", self._allowed_hits(), self.model.hits[row])
        self.done(QDialog.DialogCode.Accepted)

    def _export(self) -> None:
        if self.model.all_allowed():
            self.decision = GuardDecision("export", self._allowed_hits())
            self.accept()

    def reject(self) -> None:
        self.decision = GuardDecision("stop", self._allowed_hits())
        super().reject()

    @classmethod
    def review(
        cls, parent: QWidget | None, hits: list[NameHit], document: str = "letter"
    ) -> GuardDecision:
        dialog = cls(hits, parent, document)
        dialog.exec()
        return dialog.decision
