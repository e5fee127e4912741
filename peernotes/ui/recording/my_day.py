"""My day: this peer's meetings for today, in order, the one to be at now highlighted.

With the team split into pairs, a peer's day is a third of the programme; finding "where
am I next" in the full timetable is slow on a phone-sized glance between rooms. This view
lives inside the Programme page (the page keys stay: Alt+2 is Capture). Selecting a meeting
here makes it the current one; Enter or a double-click goes to Capture in it.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from peernotes.core import meeting_choice, vocab
from peernotes.core.changes import Table
from peernotes.core.meeting_choice import DayMeeting
from peernotes.core.records import read_models
from peernotes.core.store import Change
from peernotes.ui.models import ID_ROLE
from peernotes.ui.palette import colours
from peernotes.ui.session import Session

NEXT_BACKGROUND = QColor("#fff1c7")
NEXT_FOREGROUND = QColor("#1a1a1a")  # on the pale yellow, in light and dark palettes alike
Index = QModelIndex | QPersistentModelIndex


def _when(meeting: DayMeeting) -> str:
    if meeting.start_time and meeting.end_time:
        return f"{meeting.start_time}–{meeting.end_time}"
    return meeting.start_time or "(no time)"


class MyDayModel(QAbstractListModel):
    """The peer's meetings of one day (meeting_choice.my_day), one row each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.meetings: list[DayMeeting] = []

    def set_meetings(self, meetings: list[DayMeeting]) -> None:
        self.beginResetModel()
        self.meetings = meetings
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.meetings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.meetings):
            return None
        meeting = self.meetings[index.row()]
        kind = vocab.MEETING_TYPES.get(meeting.type, meeting.type)
        place = f" · {meeting.location}" if meeting.location else ""
        if role == Qt.ItemDataRole.DisplayRole:
            status = ""
            if meeting.is_next:
                status = "   — on now" if meeting.is_now else "   — next"
            return f"{_when(meeting)}   {meeting.title}{status}\n{kind}{place}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            state = "Done: " if meeting.is_past else ""
            if meeting.is_next:
                state = "On now: " if meeting.is_now else "Next: "
            return f"{state}{_when(meeting)} {meeting.title}, {kind}{place}"
        if role == ID_ROLE:
            return meeting.id
        if role == Qt.ItemDataRole.FontRole and meeting.is_next:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and meeting.is_next:
            return QBrush(NEXT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if meeting.is_next:
                return QBrush(NEXT_FOREGROUND)
            if meeting.is_past:
                return QBrush(QColor(colours().hint))
        return None

    def next_row(self) -> int:
        return next((row for row, m in enumerate(self.meetings) if m.is_next), -1)


class MyDayView(QWidget):
    """Title, the list and a line saying what to do (or why the list is empty)."""

    capture_requested = Signal(str)  # meeting id
    current_changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("My day")
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.model = MyDayModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("My meetings today")
        self.list.setObjectName("myDay")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSpacing(3)
        self.list.setWordWrap(True)
        self.list.activated.connect(self._activated)
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.timer = QTimer(self)  # the highlight moves on as meetings end
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self.refresh)
        session.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        cf = self.session.cf
        now = meeting_choice.clock()
        today = now.date().isoformat()
        meetings = meeting_choice.my_day(cf, today, now)
        current = self.session.current_meeting_id
        self.model.set_meetings(meetings)
        peer = read_models.peer(cf, cf.peer_id)
        day = Date.fromisoformat(today).strftime("%A %d %B").replace(" 0", " ")
        self.title.setText(f"My day — {day}" + (f" · {peer.name}" if peer else ""))
        self.hint.setText(self._hint(meetings, peer is not None))
        row = next((r for r, m in enumerate(meetings) if m.id == current), self.model.next_row())
        if row >= 0:
            self.list.selectionModel().blockSignals(True)
            self.list.setCurrentIndex(self.model.index(row))
            self.list.selectionModel().blockSignals(False)

    @staticmethod
    def _hint(meetings: list[DayMeeting], has_peer: bool) -> str:
        if not has_peer:
            return "Choose who you are (File › Who am I…) to see your meetings."
        if not meetings:
            return "You have no meetings in the programme today. All days shows the whole visit."
        if not any(m.is_next for m in meetings):
            return "Your meetings today are over. Enter or double-click: write in one (Capture)."
        return "Highlighted: the meeting to be at now. Enter or double-click: write in it."

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        meeting_id = current.data(ID_ROLE) if current.isValid() else None
        if meeting_id:
            self.session.select_meeting(meeting_id)
        self.current_changed.emit()

    def current_id(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        meeting_id = index.data(ID_ROLE)
        if meeting_id:
            self.capture_requested.emit(meeting_id)

    def _on_changed(self, change: Change) -> None:
        if change.touches(Table.MEETING, Table.MEETING_PEER, Table.PEER) and self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.refresh()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
