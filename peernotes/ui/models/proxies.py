"""Filter-as-you-type for the small lists (meetings, people, documents, a meeting's notes)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from peernotes.core.records.people import normalise_name
from peernotes.ui.models.base import SORT_ROLE


class WordFilterProxyModel(QSortFilterProxyModel):
    """Keeps rows where every typed word appears in some column (ignoring case and accents);
    sorts by each column's natural value (dates as dates, counts as numbers)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)

    def set_filter_text(self, text: str) -> None:
        words = normalise_name(text).split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        texts = []
        for column in range(model.columnCount(source_parent)):
            value = model.index(source_row, column, source_parent).data()
            if value:
                texts.append(str(value))
        haystack = normalise_name(" ".join(texts))
        return all(word in haystack for word in self._words)
