"""The observations list: ids from the database, display rows fetched a page at a time.

A challenge can hold 50,000 observations. The model keeps only their ids (in the order and
filter asked); the view asks for the rows it shows and the model fetches them in pages of
PAGE. Filtering and sorting run in the database (peernotes.core.records.read_models.observation_ids): a
QSortFilterProxyModel would have to read every row to filter or sort, which is what this
model exists to avoid. Small lists use the proxy (see WordFilterProxyModel).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from peernotes.core import vocab
from peernotes.core.changes import Table
from peernotes.core.meeting_choice import natural_mode
from peernotes.core.records import read_models
from peernotes.core.records.observations import observations_of_links
from peernotes.core.records.read_models import ObservationFilter
from peernotes.core.records.values import ObservationSummary
from peernotes.core.store import Change
from peernotes.ui.models.background import BackgroundQueries
from peernotes.ui.models.base import Column, IdListModel
from peernotes.ui.palette import colours
from peernotes.ui.session import Session

PAGE = 200
CACHE_LIMIT = 4000
BULK_CHANGE = 500  # more changed rows than this (a merge) and the list is simply re-read
BACKGROUND_FROM = 5000  # observations: from here on, whole-list queries leave the UI thread
# Tables whose rows are shown in the list (meeting titles, peer names, heading labels...).
SHOWN_TABLES = (Table.MEETING, Table.DOCUMENT, Table.PEER, Table.HEADING, Table.OBSERVATION_HEADING)


def _time(row: ObservationSummary) -> str:
    """'13 Nov 15:54': the on-site days are one week, so the year only adds width."""
    value = row.observed_at
    try:
        return datetime.fromisoformat(value).strftime("%d %b %H:%M").lstrip("0")
    except ValueError:
        return value[:16].replace("T", " ")


def _source(row: ObservationSummary) -> str:
    """'13 Nov 15:00 Feedback presentation…' or the document's title."""
    if row.meeting_id and row.meeting_date:
        try:
            day = datetime.fromisoformat(row.meeting_date).strftime("%d %b").lstrip("0")
        except ValueError:
            day = row.meeting_date
        start = f" {row.meeting_start}" if row.meeting_start else ""
        return f"{day}{start} {row.meeting_title}"
    return row.source


def unusual_mode(row: ObservationSummary) -> str | None:
    """Why this note's mode is worth a second look (seen at an interview, heard in a document),
    or None when it is the source's natural mode."""
    meeting_type = row.meeting_type if row.meeting_id else None
    natural = natural_mode(meeting_type)
    if row.mode == natural:
        return None
    source = vocab.MEETING_TYPES.get(meeting_type or "", "a meeting").lower()
    article = "an" if source[:1] in "aeiou" else "a"
    where = f"at {article} {source}" if meeting_type else "outside any meeting"
    mode = vocab.MODES.get(row.mode, row.mode)
    return f"{mode} {where}, where notes are usually {natural}: check the mode."


def _mode(row: ObservationSummary) -> str:
    label = vocab.MODES.get(row.mode, row.mode)
    return f"{label} ⚠" if unusual_mode(row) else label


def _quote(row: ObservationSummary) -> str:
    return "Quote" if row.is_quote else ""


OBSERVATION_COLUMNS: tuple[Column[ObservationSummary], ...] = (
    Column(
        "When",
        _time,
        sort=lambda r: r.observed_at,
        tooltip="When the observation was recorded",
        key="observed_at",
    ),
    Column("Observation", lambda r: r.text, key="text"),
    Column(
        "Mode",
        _mode,
        tooltip="Read, heard or seen (⚠: not the source's usual mode)",
        key="mode",
    ),
    Column(
        "Polarity",
        lambda r: vocab.POLARITIES.get(r.polarity, r.polarity),
        tooltip="Strength, area for consideration or neutral",
        key="polarity",
    ),
    Column("Headings", lambda r: "; ".join(r.headings), tooltip="Framework headings", key=""),
    Column("Source", _source, tooltip="The meeting or document", key="source"),
    Column("Recorded by", lambda r: r.recorded_by_name, key="recorded_by"),
    Column("Quote", _quote, tooltip="A verbatim quote (never attributed)", key="is_quote"),
)
TEXT_COLUMN = 1
MODE_COLUMN = 2


class ObservationTableModel(IdListModel):
    """Observations matching a filter, sorted in the database, rows fetched lazily."""

    columns = OBSERVATION_COLUMNS
    query_answered = Signal()  # a background query's rows are in

    def __init__(
        self,
        session: Session,
        where: ObservationFilter | None = None,
        *,
        order_by: str = "observed_at",
        descending: bool = False,
        lazy: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.where = where or ObservationFilter()
        self.order_by = order_by
        self.descending = descending
        self._cache: dict[str, ObservationSummary] = {}
        self._active = True
        self._stale = False
        self.fetches = 0  # pages read from the file (tests check the list stays lazy)
        self._background: BackgroundQueries | None = None
        self._generation = 0
        self.pending = False  # a background query is under way
        session.changed.connect(self._on_changed)
        if lazy:  # loaded when first made active (its page shown)
            self._active, self._stale = False, True
        else:
            self._load()

    # ------------------------------------------------------------ background
    def use_background_queries(self, minimum: int = BACKGROUND_FROM) -> bool:
        """Query in a worker thread when the file is large (so typing never waits on it)."""
        cf = self.session.cf
        if self._background is None and cf.path is not None and cf.count("observation") >= minimum:
            self._background = BackgroundQueries(cf.path, self)
            self._background.finished.connect(self._answered)
            self._background.failed.connect(self._fallback)
        return self._background is not None

    def shutdown(self) -> None:
        if self._background is not None:
            self._background.stop()
            self._background = None

    def _ask(self, reset: bool) -> bool:
        """Send the current query to the worker; False when there is none (query directly)."""
        if self._background is None:
            return False
        self._generation += 1
        self._reset_next = reset
        self.pending = True
        self._background.ask(self._generation, (self.where, self.order_by, self.descending))
        return True

    _reset_next = False

    def _answered(self, generation: int, ids: list) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self.pending = False
        if self._reset_next:
            self.beginResetModel()
            self._ids = ids
            self._positions = None
            self._cache.clear()
            self.endResetModel()
        else:
            self.set_ids(ids)
        self.query_answered.emit()

    def _fallback(self, generation: int) -> None:
        """The worker could not read the file (e.g. a passphrase-protected one): query here."""
        if generation == self._generation:
            self.pending = False
            self.shutdown()
            self._load()
            self.query_answered.emit()

    # ------------------------------------------------------------- reading
    def row_for(self, row_id: str) -> ObservationSummary | None:
        return self.row_at(-1, row_id)

    def row_at(self, position: int, row_id: str) -> ObservationSummary | None:
        row = self._cache.get(row_id)
        if row is None:
            self._fetch_page_around(row_id, position)
            row = self._cache.get(row_id)
        return row

    def _fetch_page_around(self, row_id: str, position: int = -1) -> None:
        # The view knows the position: finding it from the id would index all 50,000 ids
        # after every filter keystroke.
        if not (0 <= position < len(self._ids) and self._ids[position] == row_id):
            position = self.row_of(row_id)
        if position < 0:
            return
        start = position - position % PAGE
        page = [i for i in self._ids[start : start + PAGE] if i not in self._cache]
        if len(self._cache) + len(page) > CACHE_LIMIT:
            self._cache.clear()
            page = self._ids[start : start + PAGE]
        self._cache.update(read_models.observation_summaries(self.session.cf, page))
        self.fetches += 1

    def row_of(self, row_id: str) -> int:
        if self._positions is None:
            self._positions = {row_id: i for i, row_id in enumerate(self._ids)}
        return self._positions.get(row_id, -1)

    _positions: dict[str, int] | None = None

    def extra_data(self, row_id: str, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == TEXT_COLUMN:
            row = self.row_for(row_id)
            if row and row.is_quote:
                font = QFont()
                font.setItalic(True)
                return font
        if role == Qt.ItemDataRole.ForegroundRole and column == MODE_COLUMN:
            row = self.row_for(row_id)
            warning = QColor(colours().warning)  # amber that reads in light and dark
            return QBrush(warning) if row and unusual_mode(row) else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            row = self.row_for(row_id)
            return self.columns[column].display(row) if row else None
        return None

    def tooltip(self, row: ObservationSummary, column: int) -> str | None:
        if column == TEXT_COLUMN:
            return row.text
        if column == MODE_COLUMN:
            return unusual_mode(row)
        return None

    # ------------------------------------------------------- filter and sort
    def set_filter(self, where: ObservationFilter) -> None:
        if where != self.where:
            self.where = where
            self._load()

    def update_filter(self, **changes: Any) -> None:
        self.set_filter(replace(self.where, **changes))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].key:
            return
        self.order_by = self.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._load()

    def set_active(self, active: bool) -> None:
        """An inactive model (its page is hidden) defers refreshes until it is shown again."""
        self._active = active
        if active and self._stale:
            self.refresh()

    # ------------------------------------------------------------- refresh
    def _query(self) -> list[str]:
        return read_models.observation_ids(
            self.session.cf, self.where, order_by=self.order_by, descending=self.descending
        )

    def _load(self) -> None:
        self._stale = False
        if self._ask(reset=True):
            return
        self.beginResetModel()
        self._ids = self._query()
        self._positions = None
        self._cache.clear()
        self._stale = False
        self.endResetModel()

    def refresh(self, changed_ids: set[str] | None = None) -> None:
        """Re-read the ids (rows come and go in place) and re-show the changed rows."""
        self._stale = False
        if changed_ids is None:
            self._cache.clear()
        else:
            for row_id in changed_ids:
                self._cache.pop(row_id, None)
        if self._ask(reset=False):
            rows = (
                range(len(self._ids))
                if changed_ids is None
                else [self.row_of(i) for i in changed_ids]
            )
            self.rows_changed([r for r in rows if r >= 0])  # edits show now, new rows on answer
            return
        self.set_ids(self._query())
        self._positions = None
        if changed_ids is None:
            self.rows_changed(range(len(self._ids)))
        else:
            rows = [self.row_of(i) for i in changed_ids]
            self.rows_changed([r for r in rows if r >= 0])

    def set_ids(self, new: list[str]) -> None:
        self._positions = None
        super().set_ids(new)
        self._positions = None

    def _on_changed(self, change: Change) -> None:
        if not change.touches(Table.OBSERVATION, *SHOWN_TABLES):
            return
        if not self._active:
            self._stale = True
            return
        if change.touches(*SHOWN_TABLES[:-1]):
            self.refresh()
            return
        notes = change.ids(Table.OBSERVATION)
        links = change.ids(Table.OBSERVATION_HEADING)
        bulk = change.is_bulk(Table.OBSERVATION) or change.is_bulk(Table.OBSERVATION_HEADING)
        if bulk or len(notes) + len(links) > BULK_CHANGE:
            self.refresh()  # a merge: re-read everything rather than look up each link
            return
        changed = set(notes)
        if links:
            changed |= observations_of_links(self.session.cf, links)
        if not self._place(changed):
            self.refresh(changed)

    # ----------------------------------------------- a saved note, in place
    def _place(self, changed: set[str]) -> bool:
        """Show a few changed notes without re-reading the list's ids: a new note goes in at
        the newest end, a deleted one leaves, an edited one is re-shown where it is. False
        (the caller re-reads the ids) for anything less plain: another sort order, a query
        under way, a note that moved in time or arrived in the middle of the list."""
        if self.order_by != "observed_at" or self.pending or not changed or not self._ids:
            return False
        newest = self._ids[0] if self.descending else self._ids[-1]
        keys = read_models.observation_keys(self.session.cf, self.where, [*changed, newest])
        if newest not in keys and newest not in changed:
            return False  # the list is out of date
        arriving, leaving, edited = [], [], []
        for row_id in changed:
            key, row = keys.get(row_id), self.row_of(row_id)
            if row < 0 and key is not None:
                arriving.append(row_id)
            elif row >= 0 and key is None:
                leaving.append(row)
            elif row >= 0 and key is not None:
                cached = self._cache.get(row_id)
                if cached is None or cached.observed_at != key[0]:
                    return False  # it may have moved
                edited.append(row_id)
        if arriving and (newest in changed or min(keys[i] for i in arriving) <= keys[newest]):
            return False  # an older note back (an undo): its place needs the query
        self._show_places(arriving, leaving, edited, keys)
        return True

    def _show_places(
        self,
        arriving: list[str],
        leaving: list[int],
        edited: list[str],
        keys: dict[str, tuple[str, int]],
    ) -> None:
        for row_id in edited:
            self._cache.pop(row_id, None)
        self.rows_changed([self.row_of(row_id) for row_id in edited])
        for row in sorted(leaving, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            self._cache.pop(self._ids.pop(row), None)
            self._positions = None
            self.endRemoveRows()
        if arriving:
            arriving.sort(key=keys.__getitem__, reverse=self.descending)
            first = 0 if self.descending else len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(arriving) - 1)
            self._ids[first:first] = arriving
            self._positions = None
            self.endInsertRows()
