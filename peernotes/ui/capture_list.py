"""The notes under Capture's box: this meeting's observations, newest first.

Outside a meeting it lists the notes this laptop's peer recorded outside meetings, so a note
about a document is still seen after Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.records.read_models import ObservationFilter
from peernotes.ui.models import ID_ROLE, ObservationTableModel
from peernotes.ui.session import Session

SOURCE_COLUMN = 5
WIDTHS = {0: 100, 2: 70, 3: 170, 4: 200, 6: 130}


class CaptureList(QWidget):
    """A title with the count, and the table of notes."""

    open_requested = Signal(str)  # observation id: fix this note in the box
    delete_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id: str | None = None
        self.model = ObservationTableModel(
            session, ObservationFilter(meeting_id="-"), descending=True
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Observations in this meeting")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setColumnHidden(SOURCE_COLUMN, True)  # source: it is this meeting
        self.view.setColumnHidden(7, True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        self.view.setToolTip("Double-click a note to fix it here (or Up in the empty box)")
        self.view.doubleClicked.connect(self._open)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

    def _open(self, index: QModelIndex) -> None:
        self.open_requested.emit(index.data(ID_ROLE))

    def show_meeting(self, meeting_id: str | None) -> None:
        """This meeting's notes; outside meetings, this peer's notes outside meetings."""
        self.meeting_id = meeting_id
        self.view.setColumnHidden(SOURCE_COLUMN, meeting_id is not None)
        if meeting_id is None:
            peer = self.session.cf.peer_id
            self.model.set_filter(ObservationFilter(recorded_by=peer, meeting_id=None))
        else:
            self.model.set_filter(ObservationFilter(meeting_id=meeting_id))
        self.update_title()

    def update_title(self) -> None:
        count = self.model.rowCount()
        where = "in this meeting" if self.meeting_id else "recorded by you"
        self.title.setText(f"Observations {where} ({count})")

    def selected_ids(self) -> list[str]:
        return [i.data(ID_ROLE) for i in self.view.selectionModel().selectedRows()]
