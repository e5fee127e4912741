"""The Letter page's "Findings and evidence" tab: what the letter will contain, each finding
with its triangulation badge (so thin evidence is seen before the letter goes out), the
figures counted from the notes and the letter's warnings, and what changed since the
feedback was presented. Double-clicking a finding goes to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.letter import Letter
from peernotes.core.triangulation import Triangulation
from peernotes.ui.models.base import FixedColumnsModel
from peernotes.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
_SHOWN = ("bullet", "list_number", "numbered", "paragraph")


# -------------------------------------------------------------------- outline model
class LetterOutlineModel(FixedColumnsModel):
    """The letter's sections and findings as they will appear, each finding with its
    triangulation badge, so thin evidence is seen before the letter goes out."""

    HEADERS = ("In the letter", "Evidence")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[
            tuple[str, int, str, str, str | None]
        ] = []  # text, depth, badge, tip, finding

    def set_letter(self, letter: Letter, badges: Mapping[str, Triangulation]) -> None:
        rows: list[tuple[str, int, str, str, str | None]] = []
        seen: set[str] = set()
        for block in letter.blocks:
            if block.kind == "heading" and block.level <= 2:
                rows.append((block.text, block.level - 1, "", "", None))
            elif block.finding_id and block.finding_id not in seen and block.kind in _SHOWN:
                seen.add(block.finding_id)  # its bullet, or a prose-only finding's paragraph
                badge = badges.get(block.finding_id)
                label = badge.label if badge is not None else ""
                tip = badge.explanation if badge is not None else ""
                rows.append((block.text, 2, label, tip, block.finding_id))
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        text, depth, badge, tip, finding_id = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return ("    " * depth) + ("• " if finding_id else "") + text
            return badge
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip or text
        if role == Qt.ItemDataRole.FontRole and depth < 2 and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return finding_id
        return None


class FindingsTab(QWidget):
    """The outline table of findings with badges, the notes under it, the feedback changes."""

    def __init__(self, session: Session, open_finding: Any) -> None:
        super().__init__()
        self._open_finding = open_finding
        self.model = LetterOutlineModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Letter outline")
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._open_row)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            QLabel("What the letter will contain (double-click a finding to edit it):")
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes)
        from peernotes.ui.letter.feedback_changes import FeedbackChangesPanel

        self.feedback_changes = FeedbackChangesPanel(session)
        layout.addWidget(self.feedback_changes)

    def _open_row(self, index: QModelIndex) -> None:
        finding_id = self.model.data(self.model.index(index.row(), 0), Qt.ItemDataRole.UserRole)
        if finding_id:
            self._open_finding(finding_id)

    def refresh(self, letter: Letter, badges: Mapping[str, Triangulation]) -> None:
        self.model.set_letter(letter, badges)
        figures = letter.figures
        notes = [
            f"Counted from the notes: {figures.documents_phrase()}, {figures.meetings_phrase()}, "
            f"{figures.people_phrase()}, {figures.days_phrase()} on site.",
            *letter.warnings,
        ]
        self.notes.setText("\n".join(notes))
        self.feedback_changes.refresh()
