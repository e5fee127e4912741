"""The lists behind File › Challenge details…: stakeholder groups, and the challenge's own
headings and scoping questions, editable after the wizard.

Each list is a table (Model/View) edited in place -- F2 or double-click renames, Space ticks
"single person" -- with Add and Delete beside it. Every edit is saved at once through
`run_undoable`, so it is on the window's undo stack like any other edit, and a refusal (a
duplicate name, a group people are still in) is shown under the tabs with its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import setup
from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError
from peernotes.core.setup import ExtraHeading, GroupUse
from peernotes.core.store import Change
from peernotes.ui.dialogs.form import explain
from peernotes.ui.models.base import ID_ROLE, FixedColumnsModel, Record
from peernotes.ui.operations import challenge as challenge_ops
from peernotes.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


@dataclass(frozen=True)
class SetupColumn:
    """One column: header, how a record shows, and (optionally) the field it edits or ticks."""

    title: str
    display: Callable[[Any], Any]
    edits: str = ""  # editable text: F2 / double-click
    ticks: str = ""  # a check box: Space / click


class SetupListModel(FixedColumnsModel):
    """Typed records from a core listing; edits go to `save(record, field, value)` (which
    raises PeerNotesError to refuse). Records are refreshed with `reload()`; an edit replaces
    the (frozen) record with its edited copy."""

    def __init__(
        self,
        columns: Sequence[SetupColumn],
        load: Callable[[], Sequence[Any]],
        save: Callable[[Any, str, Any], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._load = load
        self._save = save
        self.rows: list[Any] = []

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = list(self._load())
        self.endResetModel()

    def row_of(self, row_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == row_id), -1)

    # -------------------------------------------------------------- Qt API
    def titles(self) -> list[str]:
        return [column.title for column in self.columns]

    def row_total(self) -> int:
        return len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        column = self.columns[index.column()]
        if column.edits:
            flags |= Qt.ItemFlag.ItemIsEditable
        if column.ticks:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.CheckStateRole and column.ticks:
            ticked = getattr(row, column.ticks)
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = column.display(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and column.edits:
            return "F2 or double-click to rename"
        if role == Qt.ItemDataRole.ToolTipRole and column.ticks:
            return "Space to tick or untick"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return False
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.ticks:
            checked = _checked(value)
            if not self._save(row, column.ticks, checked):
                return False
            self.rows[index.row()] = replace(row, **{column.ticks: checked})
        elif role == Qt.ItemDataRole.EditRole and column.edits:
            text = str(value).strip()
            if text == str(getattr(row, column.edits)) or not self._save(row, column.edits, text):
                return False
            self.rows[index.row()] = replace(row, **{column.edits: text})
        else:
            return False
        self.dataChanged.emit(index, index)
        return True


def _checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


class AddLine(QLineEdit):
    """The line a new name is typed into: Enter adds it (and does not press the dialog's
    Save button, as a plain line edit in a dialog would)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


def _list_view(model: SetupListModel, list_name: str) -> QTableView:
    """One row selected at a time, renamed in place (double-click or F2)."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(list_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    view.verticalHeader().hide()
    view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
    view.horizontalHeader().setStretchLastSection(False)
    return view


class SetupListPage(QWidget):
    """A table of one list, a line to add to it, and Rename / Delete buttons."""

    def __init__(
        self,
        session: Session,
        model: SetupListModel,
        *,
        intro: str,
        list_name: str,
        add_label: str,
        add_placeholder: str,
        report: Callable[[str], None],
        extra_add: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.model = model
        self.report = report
        self.view = _list_view(model, list_name)
        self._build_controls(add_label, add_placeholder)

        label = QLabel(intro)
        label.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        if extra_add is not None:
            add_row.addWidget(extra_add)
        add_row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addLayout(add_row)
        # Tab order as laid out (the extra add control was made before this page).
        chain = [self.view, self.rename_button, self.delete_button, self.new_name]
        chain += [extra_add] if extra_add is not None else []
        chain.append(self.add_button)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.view.selectionModel().selectionChanged.connect(self._enable)
        model.modelReset.connect(self._enable)
        self._enable()

    def _build_controls(self, add_label: str, add_placeholder: str) -> None:
        """The line to add a name from, Add, Rename (F2) and Delete."""
        self.new_name = AddLine()
        self.new_name.setPlaceholderText(add_placeholder)
        self.new_name.setAccessibleName(add_placeholder)
        self.add_button = QPushButton(add_label)
        self.rename_button = QPushButton("&Rename")
        self.rename_button.setToolTip("Rename the selected row (F2)")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setToolTip("Delete the selected row, if nothing uses it")
        self.add_button.clicked.connect(self.add)
        self.new_name.returnPressed.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)

    # ------------------------------------------------------------ overridable
    def add_row(self, name: str) -> str:
        """Add a row named `name` through `operations.challenge`; its id."""
        raise NotImplementedError

    def delete_row(self, row: Any) -> bool:
        raise NotImplementedError

    # ----------------------------------------------------------------- actions
    def selected(self) -> Record | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select_id(self, row_id: str) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, self.edit_column()))

    def edit_column(self) -> int:
        return next((i for i, c in enumerate(self.model.columns) if c.edits), 0)

    def add(self) -> str | None:
        """Add what is typed in the add line; the new row's id, or None if refused."""
        name = self.new_name.text().strip()
        if not name:
            self.report("Type a name to add first.")
            self.new_name.setFocus()
            return None
        new_id = self.run(lambda: self.add_row(name))
        if new_id:
            self.new_name.clear()
            self.model.reload()
            self.select_id(new_id)
        return new_id

    def rename(self) -> None:
        row = self.selected()
        if row is not None:
            index = self.model.index(self.model.row_of(row.id), self.edit_column())
            self.view.setCurrentIndex(index)
            self.view.setFocus()
            self.view.edit(index)

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        position = self.model.row_of(row.id)
        if self.run(lambda: self.delete_row(row)):
            self.model.reload()
            if self.model.rows:
                self.view.selectRow(min(position, len(self.model.rows) - 1))
            self.view.setFocus()

    def run(self, action: Callable[[], T]) -> T | None:
        """One undoable, saved edit; a refusal is reported and changes nothing."""
        try:
            result = action()
        except PeerNotesError as error:
            self.report(explain(error))
            return None
        self.report("")
        return result

    def _enable(self, *_: Any) -> None:
        chosen = self.selected() is not None
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)


class GroupsPage(SetupListPage):
    """Stakeholder groups: the editable list a person's group comes from."""

    def __init__(self, session: Session, report: Callable[[str], None]) -> None:
        self.single = QCheckBox("Single &person")
        self.single.setToolTip(
            "A group of one person (the Leader, the Chief Executive): the non-attribution "
            "check treats its name in the letter as naming them"
        )
        model = SetupListModel(
            [
                SetupColumn("Stakeholder group", lambda r: r.name, edits="name"),
                SetupColumn("Single person", lambda r: "", ticks="single_person"),
                SetupColumn("People", lambda r: r.people),
            ],
            lambda: setup.group_list(session.cf),
            self._save,
        )
        super().__init__(
            session,
            model,
            intro=(
                "Each person met belongs to one of these groups. Tick <b>Single person</b> for "
                "a group of one (the Leader, the Chief Executive): the letter's non-attribution "
                "check then treats the group's name as naming them. Changes are saved at once "
                "and can be undone (Ctrl+Z)."
            ),
            list_name="Stakeholder groups",
            add_label="&Add group",
            add_placeholder="New stakeholder group",
            report=report,
            extra_add=self.single,
        )
        model.setParent(self)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def _save(self, row: GroupUse, field: str, value: Any) -> bool:
        if field == "name":
            return (
                self.run(lambda: challenge_ops.rename_group(self.session, row.id, value))
                is not None
            )
        return (
            self.run(lambda: challenge_ops.set_single_person(self.session, row.id, value))
            is not None
        )

    def add_row(self, name: str) -> str:
        single = self.single.isChecked()
        return challenge_ops.add_group(self.session, name, single_person=single)

    def delete_row(self, row: GroupUse) -> bool:
        return challenge_ops.delete_group(self.session, row.id)

    def add(self) -> str | None:
        new_id = super().add()
        if new_id:
            self.single.setChecked(False)  # the next group is not single-person by default
        return new_id


class HeadingsPage(SetupListPage):
    """The challenge's own headings and scoping questions, after the framework's."""

    def __init__(self, session: Session, report: Callable[[str], None]) -> None:
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of heading to add")
        for kind in setup.EXTRA_KINDS:
            self.kind.addItem(setup.KIND_LABELS[kind], kind)
        model = SetupListModel(
            [
                SetupColumn("Kind", lambda r: setup.KIND_LABELS[r.kind]),
                SetupColumn("No.", lambda r: r.number),
                SetupColumn("Heading or question", lambda r: r.name, edits="name"),
                SetupColumn("Filed under it", _filed),
            ],
            lambda: setup.extra_headings(session.cf),
            self._save,
        )
        super().__init__(
            session,
            model,
            intro=(
                "The framework's own headings stay as published. Add the challenge's own "
                "headings, and its scoping questions (numbered Q1, Q2…); observations and "
                "findings can be filed under them like any heading. Changes are saved at once "
                "and can be undone (Ctrl+Z)."
            ),
            list_name="Own headings and scoping questions",
            add_label="&Add",
            add_placeholder="New heading or scoping question",
            report=report,
            extra_add=self.kind,
        )
        model.setParent(self)
        header = self.view.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(True)

    def _save(self, row: ExtraHeading, field: str, value: Any) -> bool:
        return (
            self.run(lambda: challenge_ops.rename_heading(self.session, row.id, value)) is not None
        )

    def add_row(self, name: str) -> str:
        return challenge_ops.add_heading(self.session, name, self.kind.currentData())

    def delete_row(self, row: ExtraHeading) -> bool:
        return challenge_ops.delete_heading(self.session, row.id)


def _filed(row: ExtraHeading) -> str:
    parts = []
    if row.observations:
        parts.append(f"{row.observations} obs.")
    if row.findings:
        parts.append(f"{row.findings} findings" if row.findings != 1 else "1 finding")
    return ", ".join(parts) or "nothing yet"


class SetupReloader(QObject):
    """Reload the pages' lists after any committed edit to their tables (undo included),
    deferred to the event loop so an in-place editor is never reset under itself."""

    TABLES = frozenset(
        {
            Table.STAKEHOLDER_GROUP,
            Table.PERSON,
            Table.HEADING,
            Table.OBSERVATION_HEADING,
            Table.FINDING,
        }
    )

    def __init__(self, session: Session, pages: Sequence[SetupListPage], owner: QWidget) -> None:
        super().__init__(owner)  # goes (and stops listening) with the dialog
        self.pages = list(pages)
        self.session = session
        self._queued = False
        self._stopped = False
        session.changed.connect(self._changed)

    def stop(self) -> None:
        """The dialog closed: stop listening (the file may be closed next)."""
        if not self._stopped:
            self._stopped = True
            self.session.changed.disconnect(self._changed)

    def _changed(self, change: Change) -> None:
        if change.touches(*self.TABLES) and not self._queued:
            self._queued = True
            QTimer.singleShot(0, self, self.reload)

    def reload(self) -> None:
        self._queued = False
        if self._stopped:
            return
        for page in self.pages:
            chosen = page.selected()
            page.model.reload()
            if chosen is not None:
                page.select_id(chosen.id)
