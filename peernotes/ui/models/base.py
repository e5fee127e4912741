"""What every list model shares: rows are ids, and a refresh tells the view exactly which rows
came and went, so selection and scroll position survive an edit made elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt


class Record(Protocol):
    """What a list shows a line of: any of the core's typed records (core/records/values.py)."""

    @property
    def id(self) -> str: ...


RecordT = TypeVar("RecordT")

ID_ROLE = Qt.ItemDataRole.UserRole  # the row's record id
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts naturally (numbers, ISO dates)

Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE)


@dataclass(frozen=True)
class Column(Generic[RecordT]):
    """One column: its header, how to show a record, and what to sort it by."""

    title: str
    display: Callable[[RecordT], str]
    sort: Callable[[RecordT], Any] | None = None
    tooltip: str = ""
    key: str = ""  # the core's sort key, for models that sort in the database


class IdListModel(QAbstractTableModel):
    """A table whose rows are record ids. Subclasses provide `columns` and `row_for(id)`."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []

    # -------------------------------------------------------------- Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row_id = self._ids[index.row()]
        if role == ID_ROLE:
            return row_id
        if role not in _TEXT_ROLES:
            return self.extra_data(row_id, index.column(), role)
        row = self.row_at(index.row(), row_id)
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.display(row)
        text = column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column()) or (text if len(text) > 40 else None)
        return text

    # ----------------------------------------------------------- subclasses
    def row_for(self, row_id: str) -> Record | None:
        raise NotImplementedError

    def row_at(self, position: int, row_id: str) -> Record | None:
        """The row shown at `position` (its id is `row_id`); models that load pages of rows
        use the position rather than looking the id up among every id."""
        return self.row_for(row_id)

    def extra_data(self, row_id: str, column: int, role: int) -> Any:
        return None

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    # -------------------------------------------------------------- helpers
    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, row_id: str) -> int:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def rows_changed(self, rows: Sequence[int]) -> None:
        """Tell views that these rows' contents changed (they re-ask only what they show)."""
        if not rows or not self.columns:
            return
        last = len(self.columns) - 1
        if len(rows) > 50:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))
            return
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def set_ids(self, new: list[str]) -> None:
        """Move to a new list of ids with the smallest signals: removals, a reorder if the
        survivors moved, then insertions."""
        old = self._ids
        if new == old:
            return
        new_set, old_set = set(new), set(old)
        if not old or not new or len(new_set & old_set) < min(len(old), len(new)) // 2:
            self.beginResetModel()
            self._ids = list(new)
            self.endResetModel()
            return
        # 1. removals, last run first so earlier row numbers stay valid
        removed = [i for i, row_id in enumerate(old) if row_id not in new_set]
        for first, last in reversed(_runs(removed)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self.endRemoveRows()
        # 2. a reorder of the survivors
        survivors = [row_id for row_id in new if row_id in old_set]
        if survivors != self._ids:
            self.layoutAboutToBeChanged.emit()
            position = {row_id: i for i, row_id in enumerate(survivors)}
            before = self.persistentIndexList()
            after = [
                self.index(position[self._ids[p.row()]], p.column())
                if p.row() < len(self._ids)
                else QModelIndex()
                for p in before
            ]
            self._ids = survivors
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()
        # 3. insertions, in order, each run at its final position
        added = [i for i, row_id in enumerate(new) if row_id not in old_set]
        for first, last in _runs(added):
            self.beginInsertRows(QModelIndex(), first, last)
            self._ids[first:first] = new[first : last + 1]
            self.endInsertRows()
        assert self._ids == new


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """[3, 4, 5, 9] -> [(3, 5), (9, 9)]"""
    runs: list[tuple[int, int]] = []
    for position in positions:
        if runs and runs[-1][1] == position - 1:
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    return runs


class FixedColumnsModel(QAbstractTableModel):
    """A flat table with fixed column titles (`HEADERS`, or `titles()` when they are built at
    run time); subclasses say how many rows there are (`row_total`) and what each cell shows
    (`data`). Saves every small model the same three Qt methods."""

    HEADERS: Sequence[str] = ()

    def titles(self) -> Sequence[str]:
        return self.HEADERS

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.titles())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        titles = self.titles()
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(titles)
        ):
            return titles[section]
        return None
