"""Import the council's programme: map the sheet's columns, see what each row will do, import.

The dialog never touches the file: `plan` is the core's read-only plan of an import
(peernotes.core.programme_import.plan_import), run again whenever a column's field changes,
so the preview always shows what pressing Import will do, row by row, with each problem by
row and column. `ask` returns the chosen layout (plain data) or None; the caller imports it
in one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.errors import PeerNotesError
from peernotes.core.programme_columns import FIELDS, Layout
from peernotes.core.programme_import import ImportPlan, RowResult
from peernotes.core.sheets import Table, column_letter

Index = QModelIndex | QPersistentModelIndex
OUTCOMES = {
    "new": "New meeting",
    "update": "Updates a meeting",
    "same": "Unchanged",
    "people": "People added",
    "day": "Day heading",
    "blank": "Skipped",
    "error": "Left out",
    "deleted": "Deleted here: kept deleted",
}


class PreviewModel(QAbstractTableModel):
    """One line per sheet row: its number, what happens to it, the meeting, any problem."""

    HEADERS = ("Row", "Result", "Meeting or people", "Problem or note")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowResult] = []

    def set_rows(self, rows: list[RowResult]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and row.outcome == "error":
            return QColor("#b00020")
        return None

    @staticmethod
    def _text(row: RowResult, column: int) -> str:
        if column == 0:
            return str(row.row)
        if column == 1:
            return OUTCOMES.get(row.outcome, row.outcome)
        if column == 2:
            return row.label
        notes = [p.message if not p.column else f"{p.column}: {p.message}" for p in row.problems]
        notes += [p.message if not p.column else f"{p.column}: {p.message}" for p in row.warnings]
        return "; ".join(notes)


class ImportProgrammeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        table: Table,
        source: str,
        layout: Layout | None,
        plan: Callable[[Layout], ImportPlan],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import programme – {source}")
        self.table, self.source, self.plan_for = table, source, plan
        self.header = layout.header if layout else _first_row_if_headings(table)
        self.model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setAccessibleName("What each row of the sheet will do")
        self.preview.setModel(self.model)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().hide()
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 50), (1, 130), (2, 300)):
            self.preview.setColumnWidth(column, width)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary of the import")
        self.problem = QLabel()
        self.problem.setObjectName("formError")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020; font-weight: 600;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self._columns_box(layout))
        box.addWidget(self.summary)
        box.addWidget(self.preview, 1)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self.resize(980, 640)
        self.refresh()

    def _columns_box(self, layout: Layout | None) -> QGroupBox:
        """One field chooser per column of the sheet, set to what its heading was read as."""
        group = QGroupBox("&Columns: what each column of the sheet holds")
        grid = QGridLayout()
        self.choosers: dict[int, QComboBox] = {}
        names = self.table.rows[self.header] if self.header is not None else ()
        fields = layout.fields if layout else {}
        for column in range(self.table.width):
            heading = names[column] if column < len(names) else None
            label = QLabel(f"{column_letter(column)}  {heading or ''}".strip())
            chooser = QComboBox()
            chooser.setAccessibleName(f"Column {column_letter(column)} holds")
            for key, text in FIELDS.items():
                chooser.addItem(text, key)
            chooser.setCurrentIndex(chooser.findData(fields.get(column, "ignore")))
            chooser.currentIndexChanged.connect(self.refresh)
            self.choosers[column] = chooser
            grid.addWidget(label, column // 3, (column % 3) * 2)
            grid.addWidget(chooser, column // 3, (column % 3) * 2 + 1)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setMaximumHeight(150)
        outer = QVBoxLayout()
        outer.addWidget(scroll)
        group.setLayout(outer)
        return group

    def layout_chosen(self) -> Layout:
        fields = {c: w.currentData() for c, w in self.choosers.items()}
        return Layout(self.header, {c: f for c, f in fields.items() if f != "ignore"})

    def refresh(self, *_: object) -> None:
        """Plan the import with the columns as chosen, and show it row by row."""
        try:
            plan = self.plan_for(self.layout_chosen())
        except PeerNotesError as error:
            self.model.set_rows([])
            self.summary.setText("")
            self.problem.setText(str(error))
            self.import_button.setEnabled(False)
            return
        self.model.set_rows(plan.rows)
        text = plan.summary(done=False)
        if plan.missing:
            titles = ", ".join(m.title for m in plan.missing[:5])
            more = "…" if len(plan.missing) > 5 else ""
            text += (
                f" {len(plan.missing)} meeting(s) imported before are not in this timetable "
                f"and will be kept: {titles}{more}."
            )
        self.summary.setText(text)
        bad = len([r for r in plan.rows if r.outcome == "error"])
        self.problem.setText(
            f"{bad} row(s) will be left out (see the last column): fix the sheet and import again."
            if bad
            else ""
        )
        self.import_button.setEnabled(plan.changes_anything)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        table: Table,
        source: str,
        layout: Layout | None,
        plan: Callable[[Layout], ImportPlan],
    ) -> Layout | None:
        dialog = cls(parent, table, source, layout, plan)
        return dialog.layout_chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _first_row_if_headings(table: Table) -> int | None:
    """No heading was recognised: the first row is still the headings if it is all text."""
    if table.rows and all(isinstance(c, str) for c in table.rows[0] if c not in (None, "")):
        return 0
    return None
