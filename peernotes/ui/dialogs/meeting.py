"""A meeting of the programme: when, what, where, the peers present and the people met."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import validation, vocab
from peernotes.core.errors import ValidationError
from peernotes.core.store import Row
from peernotes.ui.dialogs.form import FormDialog, named_line


@dataclass
class MeetingData:
    date: str
    title: str
    type: str = "interview"
    start_time: str | None = None
    end_time: str | None = None
    location: str = ""
    notes: str = ""
    peer_ids: list[str] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)


def _checklist(name: str, rows: list[tuple[str, str]], checked: list[str]) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    for row_id, label in rows:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, row_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if row_id in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class MeetingDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        peers: list[Row],
        people: list[Row],
        initial: MeetingData,
        save: Callable[[MeetingData], object] | None = None,
    ) -> None:
        super().__init__(parent, "Meeting", save)
        self.date = QDateEdit(QDate.fromString(initial.date, Qt.DateFormat.ISODate))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName("Date")
        self.start = QLineEdit(initial.start_time or "")
        self.end = QLineEdit(initial.end_time or "")
        for edit, name in ((self.start, "Start time"), (self.end, "End time")):
            edit.setPlaceholderText("HH:MM")
            edit.setAccessibleName(name)
            edit.setToolTip(f"{name}, 24-hour clock (e.g. 09:30); leave empty if not known")
            edit.setMaximumWidth(90)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("to"))
        times.addWidget(self.end)
        times.addStretch(1)
        self.title = named_line(initial.title, "Title")
        self.title.setPlaceholderText("e.g. Director of Adult Social Care")
        self.type = QComboBox()
        self.type.setAccessibleName("Type of meeting")
        for key, label in vocab.MEETING_TYPES.items():
            self.type.addItem(label, key)
        self.type.setCurrentIndex(max(self.type.findData(initial.type), 0))
        self.location = named_line(initial.location, "Location")
        self.notes = QPlainTextEdit(initial.notes)
        self.notes.setAccessibleName("Notes about the meeting")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.peers = _checklist(
            "Peers present", [(p["id"], p["name"]) for p in peers], initial.peer_ids
        )
        self.people = _checklist(
            "People met",
            [
                (p["id"], p["name"] + (f" ({p['group_name']})" if p.get("group_name") else ""))
                for p in people
            ],
            initial.person_ids,
        )
        self.people_filter = QLineEdit()
        self.people_filter.setPlaceholderText("Filter people…")
        self.people_filter.setAccessibleName("Filter people")
        self.people_filter.textChanged.connect(self._filter_people)
        people_box = QVBoxLayout()
        people_box.addWidget(self.people_filter)
        people_box.addWidget(self.people)
        for widget in (self.peers, self.people):
            widget.setMinimumHeight(110)
        self.form.addRow("&Date", self.date)
        times_label = QLabel("&Time")
        times_label.setBuddy(self.start)
        self.form.addRow(times_label, times)
        self.form.addRow("T&itle", self.title)
        self.form.addRow("T&ype", self.type)
        self.form.addRow("&Location", self.location)
        self.form.addRow("N&otes", self.notes)
        self.form.addRow("&Peers present", self.peers)
        people_label = QLabel("People &met")
        people_label.setBuddy(self.people_filter)
        self.form.addRow(people_label, people_box)
        self.resize(560, 620)
        self.title.setFocus()

    def _filter_people(self, text: str) -> None:
        text = text.casefold()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(bool(text) and text not in item.text().casefold())

    def data(self) -> MeetingData:
        return MeetingData(
            date=self.date.date().toString(Qt.DateFormat.ISODate),
            title=self.title.text().strip(),
            type=self.type.currentData(),
            start_time=self.start.text().strip() or None,
            end_time=self.end.text().strip() or None,
            location=self.location.text().strip(),
            notes=self.notes.toPlainText().strip(),
            peer_ids=_checked(self.peers),
            person_ids=_checked(self.people),
        )

    def check(self, data: MeetingData) -> str | None:
        """Times are checked here too, so the reason shows before anything is written."""
        try:
            start = validation.clock_time("start_time", data.start_time)
            end = validation.clock_time("end_time", data.end_time)
        except ValidationError as error:
            return f"{'Start' if error.field == 'start_time' else 'End'}: {error.message}"
        if start and end and end <= start:
            return f"End: the meeting ends ({end}) before it starts ({start})."
        if not data.title:
            return "Title: a meeting needs a title (who or what it was)."
        return None

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        peers: list[Row],
        people: list[Row],
        initial: MeetingData,
        save: Callable[[MeetingData], object] | None = None,
    ) -> MeetingData | None:
        dialog = cls(parent, peers=peers, people=people, initial=initial, save=save)
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None
