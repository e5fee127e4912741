"""The coverage heat map as a table: the same figures, readable by a screen reader.

A painted heat map is a picture to assistive technology; this model gives every cell as text
in a real table view, with the heading and the column in the row and column headers. The
Coverage page switches between the two (Ctrl+Shift+T).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from peernotes.core import vocab
from peernotes.core.coverage import Coverage, HeadingCoverage

Index = QModelIndex | QPersistentModelIndex


def columns(data: Coverage) -> list[tuple[str, str]]:
    """(key, title) of each figure, in the heat map's order."""
    keys = [("total", "Total")]
    keys += [(f"mode:{mode}", label) for mode, label in vocab.MODES.items()]
    keys += [(f"group:{group_id}", name) for group_id, name in data.groups]
    keys.append(("findings", "Findings"))
    return keys


def value(heading: HeadingCoverage, key: str) -> int:
    if key == "total":
        return heading.total
    if key == "findings":
        return heading.findings
    kind, _, ident = key.partition(":")
    return (heading.by_mode if kind == "mode" else heading.by_group).get(ident, 0)


class CoverageTableModel(QAbstractTableModel):
    """Rows: headings (standards indented); columns: total, modes, groups met, findings."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._data: Coverage | None = None
        self._columns: list[tuple[str, str]] = []

    def set_coverage(self, data: Coverage) -> None:
        self.beginResetModel()
        self._data = data
        self._columns = columns(data)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self._data is None else len(self._data.headings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or self._data is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][1] if 0 <= section < len(self._columns) else None
        if 0 <= section < len(self._data.headings):
            heading = self._data.headings[section]
            thin = " (thin)" if heading.thin else ""
            return ("    " if heading.depth else "") + heading.label + thin
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._data is None:
            return None
        heading = self._data.headings[index.row()]
        key, title = self._columns[index.column()]
        count = value(heading, key)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{heading.label}, {title}: {count}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
