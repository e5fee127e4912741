"""A list screen: a title, a filter box that filters as you type, Add/Edit/Delete, and a
sortable table. Enter or double-click edits, Delete deletes; every action is undoable."""

from __future__ import annotations

from typing import Generic

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.errors import PeerNotesError
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.form import explain
from peernotes.ui.menus import add_delete_and_find
from peernotes.ui.models import ID_ROLE, WordFilterProxyModel
from peernotes.ui.models.records import R, RecordTableModel
from peernotes.ui.session import Session
from peernotes.ui.workspace import Ref


class RecordTableView(QTableView):
    """Enter edits the current row (QTableView would start an inline editor)."""

    def __init__(self, page: ListPage) -> None:
        super().__init__(page)
        self.page = page

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.page.edit_current()
            return
        super().keyPressEvent(event)


class ListPage(QWidget, Generic[R]):
    noun = "record"
    nouns = ""  # the plural, when adding an s is wrong ("people", not "persons")

    def __init__(
        self,
        session: Session,
        model: RecordTableModel[R],
        title: str,
        subtitle: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.model = model
        self.proxy = WordFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("hint")
        self.filter = self._filter_box()
        self._build_buttons()
        self.table = self._table(title)
        self._add_shortcuts()
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(heading)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        top.addWidget(self.filter)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.add_button)
        self.toolbar.addWidget(self.edit_button)
        self.toolbar.addWidget(self.delete_button)
        self.toolbar.addStretch(1)
        self.page_layout = layout = QVBoxLayout(self)  # typed: QWidget.layout() is any QLayout
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addLayout(top)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.table, 1)
        self._selection_changed()
        self.model.set_active(False)  # until shown: hidden lists catch up when they appear

    def _filter_box(self) -> QLineEdit:
        box = QLineEdit()
        plural = self.nouns or f"{self.noun}s"
        box.setPlaceholderText(f"Filter {plural}…")
        box.setAccessibleName(f"Filter {plural}")
        box.setToolTip("Type to filter: every word must appear somewhere in the row (Ctrl+F)")
        box.setClearButtonEnabled(True)
        box.setMaximumWidth(320)
        box.textChanged.connect(self.proxy.set_filter_text)
        return box

    def _build_buttons(self) -> None:
        """Add, Edit and Delete, each with its key in the tooltip."""
        self.add_button = QPushButton(f"Add {self.noun}…")
        self.add_button.setToolTip(f"Add a {self.noun} (Ctrl+Shift+A)")
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip(f"Edit the selected {self.noun} (Enter)")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip(f"Delete the selected {self.noun} (Delete); Ctrl+Z undoes it")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)

    def _table(self, title: str) -> RecordTableView:
        """The records, filtered and sortable, one selected at a time, edited in a dialog."""
        table = RecordTableView(self)
        table.setModel(self.proxy)
        table.setAccessibleName(title)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.doubleClicked.connect(lambda _index: self.edit_current())
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        return table

    def _add_shortcuts(self) -> None:
        """Delete on the table deletes the selected record; Ctrl+F anywhere on the page finds."""
        add_delete_and_find(self, self.table, self.delete_current, self.filter)

    # ------------------------------------------------------------ selection
    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return None
        return index.data(ID_ROLE)

    def select(self, ref: Ref) -> bool:
        """Go to a row of this list (workspace.SelectsRecords)."""
        self.select_id(ref.row_id)
        return True

    def select_id(self, row_id: str) -> None:
        self.model.ensure_fresh()
        row = self.model.row_of(row_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self.table.setFocus()

    def _selection_changed(self, *_: object) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # -------------------------------------------------------------- actions
    def add(self) -> None:
        raise NotImplementedError

    def edit(self, row_id: str) -> None:
        raise NotImplementedError

    def delete(self, row_id: str) -> None:
        raise NotImplementedError

    def edit_current(self) -> None:
        row_id = self.current_id()
        if row_id:
            self.edit(row_id)

    def delete_current(self) -> None:
        row_id = self.current_id()
        if row_id:
            try:
                self.delete(row_id)
            except PeerNotesError as error:
                messages.error(self, "Not deleted", explain(error))

    def showEvent(self, event) -> None:  # noqa: N802
        self.model.set_active(True)
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self.model.set_active(False)
        super().hideEvent(event)

    def fit_columns(self, widths: dict[int, int]) -> None:
        for column, width in widths.items():
            self.table.horizontalHeader().resizeSection(column, width)
