"""All observations: filter as you type and by meeting, peer, mode, heading and polarity;
sorted by any column; the selected one is edited on the right.

The list stays responsive with 50,000 observations: the model holds ids and fetches only the
rows on screen; filters and sorting run in the database (see models/observations.py).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import vocab
from peernotes.core.changes import Table
from peernotes.core.records import read_models
from peernotes.core.records.read_models import ObservationFilter
from peernotes.core.store import Change
from peernotes.ui.menus import add_delete_and_find
from peernotes.ui.models import ID_ROLE, ObservationTableModel
from peernotes.ui.models.records import meeting_label
from peernotes.ui.operations import observations
from peernotes.ui.session import Session
from peernotes.ui.widgets.chips import FlowLayout
from peernotes.ui.widgets.observation_editor import ObservationEditor
from peernotes.ui.workspace import Ref, Workspace


def _combo(name: str, tooltip: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(tooltip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class ObservationsPage(QWidget):
    def __init__(
        self, session: Session, window: Workspace | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.window_ = window
        self.model = ObservationTableModel(session, descending=True, lazy=True)  # loads when shown
        self.model.use_background_queries()
        self._build_search()
        self._build_filters()
        self._build_table()
        self._build_actions()
        self.editor = ObservationEditor(session)
        if window is not None:
            self.editor.saving.connect(window.set_saving)
        self._arrange()
        for signal in (
            self.model.modelReset,
            self.model.query_answered,
            self.model.rowsInserted,
            self.model.rowsRemoved,
        ):
            signal.connect(self._update_count)
        self._update_count()
        session.changed.connect(self._on_changed)

    def _build_search(self) -> None:
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by words… (Ctrl+F)")
        self.search.setAccessibleName("Filter observations by words")
        self.search.setToolTip("Shows observations containing every word typed (word starts match)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.model.update_filter(text=text))

    def _build_filters(self) -> None:
        """One combo per filter; choosing in one narrows the list (in the database)."""
        self.meeting = _combo("Filter by meeting", "Only observations from this meeting")
        self.meeting.setMinimumContentsLength(18)
        self.peer = _combo("Filter by peer", "Only observations recorded by this peer")
        self.peer.setMinimumContentsLength(10)
        self.mode = _combo("Filter by mode", "Read, heard or seen")
        self.mode.setMinimumContentsLength(9)
        self.heading = _combo(
            "Filter by heading", "Only observations tagged with this heading (or its standards)"
        )
        self.heading.setMinimumContentsLength(18)
        self.polarity = _combo("Filter by polarity", "Strength, area for consideration or neutral")
        self.polarity.setMinimumContentsLength(12)
        self.mode.addItem("Any mode", None)
        for key, label in vocab.MODES.items():
            self.mode.addItem(label, key)
        self.polarity.addItem("Any polarity", None)
        for key, label in vocab.POLARITIES.items():
            self.polarity.addItem(label, key)
        self._reload_choices()
        for combo, key in (
            (self.meeting, "meeting_id"),
            (self.peer, "recorded_by"),
            (self.mode, "mode"),
            (self.heading, "heading_id"),
            (self.polarity, "polarity"),
        ):
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, k=key: self.model.update_filter(**{k: c.currentData()})
            )
        self.meeting.activated.connect(self._meeting_filter_chosen)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.capture_button = QPushButton("Capture in this meeting")
        self.capture_button.setToolTip(
            "Make the selected note's meeting the current one and add notes to it in Capture"
        )
        self.capture_button.setEnabled(False)
        self.capture_button.clicked.connect(self.capture_in_meeting)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Observations")
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in {0: 100, 1: 360, 2: 55, 3: 150, 4: 160, 5: 170, 6: 120}.items():
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.setColumnHidden(7, True)  # quotes show in italics
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def _build_actions(self) -> None:
        """Delete in the list; Ctrl+F anywhere on the page goes to the word filter."""
        add_delete_and_find(self, self.table, self.delete_selected, self.search)

    def _arrange(self) -> None:
        """Title, count and search on top; the filters (wrapping at 150 %) over the list;
        the editor under it in a splitter."""
        title = QLabel("Observations")
        title.setObjectName("pageTitle")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.count, 1)
        top.addWidget(self.search, 1)
        filter_row = QWidget()  # wraps onto a second line when the window is narrow (150 %)
        filters = FlowLayout(filter_row, spacing=6)
        for widget in (self.meeting, self.peer, self.mode, self.heading, self.polarity):
            filters.addWidget(widget)
        filters.addWidget(self.clear_button)
        filters.addWidget(self.capture_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(filter_row)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 230])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # ----------------------------------------------------------------- filters
    def _reload_choices(self) -> None:
        cf = self.session.cf
        for combo, first, items in (
            (
                self.meeting,
                "Any meeting",
                [(m.id, meeting_label(m)) for m in read_models.meeting_list(cf)],
            ),
            (self.peer, "Any peer", [(p.id, p.name) for p in read_models.team_members(cf)]),
            (
                self.heading,
                "Any heading",
                [
                    (h.id, ("    " if h.depth else "") + h.label)
                    for h in read_models.framework_headings(cf)
                ],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for row_id, label in items:
                combo.addItem(label, row_id)
                combo.setItemData(combo.count() - 1, label.strip(), Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _meeting_filter_chosen(self, _index: int) -> None:
        """A meeting picked here becomes the current one (Capture writes in it)."""
        meeting_id = self.meeting.currentData()
        if meeting_id is not None:
            self.session.select_meeting(meeting_id)

    def clear_filters(self) -> None:
        for combo in (self.meeting, self.peer, self.mode, self.heading, self.polarity):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_filter(ObservationFilter())

    def show_meeting(self, meeting_id: str | None) -> None:
        self.meeting.setCurrentIndex(max(self.meeting.findData(meeting_id), 0))

    def select(self, ref: Ref) -> bool:
        """Go to a note (workspace.SelectsRecords)."""
        if ref.table != "observation":
            return False
        self.select_observation(ref.row_id)
        return True

    def select_observation(self, observation_id: str) -> None:
        row = self.model.row_of(observation_id)
        if row < 0:
            self.clear_filters()
            row = self.model.row_of(observation_id)
        if row >= 0:
            index = self.model.index(row, 1)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _update_count(self, *_: object) -> None:
        n = self.model.rowCount()
        self.count.setText(f"{n:,} shown")

    def _current_changed(self, current, _previous) -> None:
        observation_id = current.data(ID_ROLE) if current.isValid() else None
        self.editor.show_observation(observation_id)
        row = self.model.row_for(observation_id) if observation_id else None
        self.capture_button.setEnabled(bool(row and row.meeting_id))

    def capture_in_meeting(self) -> None:
        """The selected note's meeting becomes the current one, and Capture opens on it (a
        note found by searching is often where the peer wants to add the next one)."""
        index = self.table.currentIndex()
        row = self.model.row_for(index.data(ID_ROLE)) if index.isValid() else None
        if not row or not row.meeting_id:
            return
        self.session.select_meeting(row.meeting_id)
        if self.window_ is not None:
            self.window_.show_page("capture")

    def delete_selected(self) -> None:
        ids = [index.data(ID_ROLE) for index in self.table.selectionModel().selectedRows()]
        if not ids:
            return
        observations.delete_observations(self.session, ids)

    def _on_changed(self, change: Change) -> None:
        if change.touches(Table.MEETING, Table.PEER, Table.HEADING):
            self._reload_choices()

    def flush(self) -> None:
        self.editor.flush()

    def shutdown(self) -> None:
        self.model.shutdown()

    # ------------------------------------------------- refresh only when shown
    def showEvent(self, event) -> None:  # noqa: N802
        self.model.set_active(True)
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self.editor.flush()
        self.model.set_active(False)
        super().hideEvent(event)
