"""The notes under Capture's box: this meeting's observations, newest first.

Outside a meeting it lists the notes this laptop's peer recorded outside meetings, so a note
about a document is still seen after Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.records.read_models import ObservationFilter
from peernotes.ui.models import ID_ROLE, ObservationTableModel
from peernotes.ui.session import Session

SOURCE_COLUMN = 5
SHOWN_ROWS = 3
# Column widths in average characters, (preferred, least); the note column takes the rest.
# When the view is narrow (150 % on a laptop) the other columns give up room, down to their
# least, so the note keeps NOTE_SHARE of the width to be read.
WIDTHS = {0: (17, 15), 2: (12, 7), 3: (28, 12), 4: (33, 12), 6: (22, 12)}
NOTE_SHARE = 0.4


class NotesView(QTableView):
    """The table, its fixed columns narrowed in proportion when the view is narrow."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        char = self.fontMetrics().averageCharWidth()
        shown = {c: w for c, w in WIDTHS.items() if not self.isColumnHidden(c)}
        most = {c: max(p * char, self._title_width(c)) for c, (p, _l) in shown.items()}
        least = {
            c: min(max(lst * char, self._title_width(c)), most[c]) for c, (_p, lst) in shown.items()
        }
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        room = (self.width() - 2 * self.frameWidth() - bar) * (1 - NOTE_SHARE)
        spare = sum(most.values()) - sum(least.values())
        give = min(1.0, max(room - sum(least.values()), 0) / spare) if spare else 1.0
        header = self.horizontalHeader()
        for column in shown:
            header.resizeSection(column, int(least[column] + (most[column] - least[column]) * give))

    def _title_width(self, column: int) -> int:
        """Room for the column's title in bold (as the style sheet draws it), never cut."""
        font = self.horizontalHeader().font()
        font.setBold(True)
        metrics = QFontMetrics(font)
        title = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
        return metrics.horizontalAdvance(title) + 16


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
        self.view = NotesView()
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
        self.view.fit_columns()
        self.view.setToolTip("Double-click a note to fix it here (or Up in the empty box)")
        self.view.doubleClicked.connect(self._open)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_requested)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

    def sizeHint(self) -> QSize:  # noqa: N802
        """A few rows: the form above is given its room first, the list takes what is left
        (its layout stretch), so a short window shrinks the list before the form scrolls."""
        rows = self.view.verticalHeader().defaultSectionSize() * SHOWN_ROWS
        header = self.view.horizontalHeader().sizeHint().height()
        extra = self.title.sizeHint().height() + self._layout.spacing() + 4
        return QSize(super().sizeHint().width(), rows + header + extra)

    def _open(self, index: QModelIndex) -> None:
        self.open_requested.emit(index.data(ID_ROLE))

    def show_meeting(self, meeting_id: str | None) -> None:
        """This meeting's notes; outside meetings, this peer's notes outside meetings."""
        self.meeting_id = meeting_id
        self.view.setColumnHidden(SOURCE_COLUMN, meeting_id is not None)
        self.view.fit_columns()
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
