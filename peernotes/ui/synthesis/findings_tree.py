"""The Findings page's findings tree: every finding under its heading, its statement in full.

Statements wrap (a finding is read as a whole, not by hovering), and each row carries its
triangulation badge and evidence counts. The tree only shows: it says `findingSelected` with
the finding's id (or None), and drags are handed on by its model's signals to the page.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import triangulation
from peernotes.core.rollup import Rollup
from peernotes.ui.synthesis.findings_browser import action_bar, fit_column
from peernotes.ui.synthesis.models import FindingsTreeModel


def levels_summary(result: Rollup) -> str:
    """'12 findings: 3 triangulated, 5 corroborated, 4 single source' for the whole file."""
    levels = result.levels
    total = sum(levels.values())
    parts = [
        f"{levels.get(k, 0)} {label.split(' —')[0].lower()}"
        for k, label in triangulation.LEVELS.items()
        if levels.get(k)
    ]
    return f"{total} findings" + (": " + ", ".join(parts) if parts else "")


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their statement needs at the column's current width.

    QTreeView asks a delegate for a row's height without telling it the column's width, so
    the text would be measured on one line; this asks the view for the width."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        text = str(index.data() or "")
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = self._view.indentation() * (depth + 1) + self._view.iconSize().width() + 12
        width = max(60, self._view.columnWidth(index.column()) - indent)
        metrics = self._view.fontMetrics()
        flags = Qt.TextFlag.TextWordWrap
        height = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text).height() + 6
        return QSize(hint.width(), max(hint.height(), height))


class FindingsTree(QGroupBox):
    """Findings by heading, with a toolbar the page fills with its actions."""

    findingSelected = Signal(object)  # noqa: N815 -- a finding id, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Findings by heading", parent)
        self.model = FindingsTreeModel(self)
        self.view = QTreeView()
        self.view.setAccessibleName("Findings by heading")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(False)  # statements wrap onto as many lines as they need
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setIconSize(QSize(12, 12))
        self.view.setItemDelegateForColumn(0, WrappingDelegate(self.view))
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 62), (2, 150), (3, 70), (4, 50)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(column, fit_column(self.view, column, width))
        header.sectionResized.connect(lambda *_: self.view.scheduleDelayedItemsLayout())
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        self.toolbar = action_bar()
        self.show_empty = QCheckBox("Show headings with no findings")
        self.show_empty.toggled.connect(self._toggle_empty)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_empty)
        bottom.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._rollup: Rollup | None = None

    NARROW = 560  # below this the evidence counts give way to the statement (in the tooltip)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        narrow = self.view.width() < self.NARROW
        for column in (3, 4):
            self.view.setColumnHidden(column, narrow)

    def add_action(self, action: QAction) -> None:
        self.toolbar.addAction(action)

    def load(self, whole: Rollup, shown: Rollup, current_id: str | None) -> str | None:
        """Show `shown` (the whole roll-up or a search's part of it); select `current_id`.

        Returns the finding now selected: `current_id`, the first finding when there was none,
        or None when it has gone."""
        self._rollup = shown
        self.model.set_rollup(shown)
        self.view.expandAll()
        self.summary.setText(levels_summary(whole))
        if current_id is None and whole.finding_entries():
            current_id = whole.finding_entries()[0].id
        if current_id:
            index = self.model.index_of_finding(current_id)
            if index.isValid():
                self.view.setCurrentIndex(index)
            elif whole.finding(current_id) is None:
                current_id = None
        return current_id

    def select(self, finding_id: str) -> bool:
        index = self.model.index_of_finding(finding_id)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _toggle_empty(self, on: bool) -> None:
        self.model.set_show_empty(on)
        self.view.expandAll()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.finding_at(current)
        self.findingSelected.emit(entry.id if entry else None)
