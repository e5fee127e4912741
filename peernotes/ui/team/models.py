"""Small read-only table models for the team-merge dialogs (report, conflicts, history)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from peernotes.core.conflicts import Conflict, HistoryEntry, describe_record
from peernotes.core.handin import PeerHandIn
from peernotes.core.merge import Counts, MergeReport
from peernotes.core.merge_preview import FilePreview, KindPreview
from peernotes.core.orphans import Orphan
from peernotes.ui.models.base import FixedColumnsModel

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class ListTableModel(FixedColumnsModel, Generic[T]):
    """Rows are plain objects; each column is (title, how to show one as text)."""

    def __init__(
        self, columns: Sequence[tuple[str, Callable[[T], Any]]], parent: QObject | None = None
    ):
        super().__init__(parent)
        self._columns = list(columns)
        self._items: list[T] = []

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._items[row]

    def items(self) -> list[T]:
        return list(self._items)

    def titles(self) -> list[str]:
        return [title for title, _ in self._columns]

    def row_total(self) -> int:
        return len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._columns[index.column()][1](self._items[index.row()])
            return "" if value is None else str(value)
        return None


def report_model(report: MergeReport, parent: QObject | None = None) -> ListTableModel:
    """What came in, one row per peer: new / updated / deleted / conflicts."""
    model: ListTableModel[tuple[str, Counts]] = ListTableModel(
        [
            ("Peer", lambda r: r[0]),
            ("New", lambda r: r[1].new),
            ("Updated", lambda r: r[1].updated),
            ("Deleted", lambda r: r[1].deleted),
            ("Conflicts", lambda r: r[1].conflicts),
        ],
        parent,
    )
    model.set_items(list(report.by_peer().items()))
    return model


def preview_model(previews: Sequence[FilePreview], parent: QObject | None = None) -> ListTableModel:
    """What each file would bring, one row per file and kind of record it changes."""
    rows: list[tuple[FilePreview, KindPreview | None]] = []
    for preview in previews:
        kinds = [k for k in preview.kinds if k.adds or k.changes or k.deletes or k.conflicts]
        rows.extend((preview, k) for k in kinds) if kinds else rows.append((preview, None))
    model: ListTableModel[tuple[FilePreview, KindPreview | None]] = ListTableModel(
        [
            ("File", lambda r: r[0].source_name),
            ("From", lambda r: r[0].peer_name or ""),
            ("Last merged", lambda r: (r[0].last_merged or "never")[:16].replace("T", " ")),
            ("Kind", lambda r: r[1].label if r[1] else "nothing new"),
            ("Add", lambda r: r[1].adds if r[1] else 0),
            ("Change", lambda r: r[1].changes if r[1] else 0),
            ("Delete", lambda r: r[1].deletes if r[1] else 0),
            ("Conflicts", lambda r: r[1].conflicts if r[1] else 0),
            ("Held", lambda r: "HELD" if r[1] and r[1].held else ""),
        ],
        parent,
    )
    model.set_items(rows)
    return model


def hand_in_model(parent: QObject | None = None) -> ListTableModel[PeerHandIn]:
    """The hand-in panel: one row per peer, their last copy merged, when, what it brought."""
    today = datetime.now(UTC).date()

    def brought(p: PeerHandIn) -> str:
        c = p.brought
        return f"{c.new} new, {c.updated} changed, {c.deleted} deleted" if c else ""

    return ListTableModel(
        [
            ("Peer", lambda p: p.name),
            ("Last copy merged", lambda p: p.last_copy or "none yet"),
            ("When", lambda p: (p.last_merged or "")[:16].replace("T", " ")),
            ("What it brought", brought),
            ("Today", lambda p: "handed in" if p.handed_in_on(today) else "not handed in today"),
        ],
        parent,
    )


def conflicts_model(parent: QObject | None = None) -> ListTableModel[Conflict | Orphan]:
    return ListTableModel(
        [
            ("Record", lambda c: c.title),
            ("What happened", lambda c: c.kind),
            ("Other version by", lambda c: c.other_by),
            ("Current by", lambda c: c.current_by),
        ],
        parent,
    )


def history_model(parent: QObject | None = None) -> ListTableModel[HistoryEntry]:
    return ListTableModel(
        [
            ("When", lambda e: _when(e.when)),
            ("Who", lambda e: e.who),
            ("What", lambda e: e.what + ("  (current)" if e.current else "")),
        ],
        parent,
    )


def _when(iso: str) -> str:
    """'2026-11-10T14:05:03.123Z' -> '2026-11-10 14:05' in local time when parseable."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%a %d %b %Y %H:%M")


__all__ = ["ListTableModel", "report_model", "conflicts_model", "history_model", "describe_record"]
