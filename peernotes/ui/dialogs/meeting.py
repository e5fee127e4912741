"""A meeting of the programme: when, what, where, the peers present and the people met.

The day is picked from the visit's days (another date is possible, with a warning in words
rather than a silent step); times are read as people write them ("9.30", "2pm"); names can be
pasted as a list, new people added inline, and people met without names recorded as a
headcount ("12 carers"). All of it is saved by the caller in one undoable step."""

from __future__ import annotations

import re
from collections.abc import Callable

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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import times, validation, vocab
from peernotes.core.errors import ValidationError
from peernotes.core.records.people import name_and_role, normalise_name
from peernotes.core.records.values import Peer, Person
from peernotes.ui.dialogs.form import FormDialog, named_line, spell_line
from peernotes.ui.operations.inputs import MeetingData
from peernotes.ui.spelling import attach as spell_check


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


NEW = "new:"  # the item data of a person added in the dialog, not yet saved


class MeetingDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        peers: list[Peer],
        people: list[Person],
        initial: MeetingData,
        save: Callable[[MeetingData], object] | None = None,
        visit_days: list[str] | None = None,
        groups: list[tuple[str, str]] | None = None,
        check_headcounts: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent, "Meeting", save)
        self.visit_days = list(visit_days or [])
        self.check_headcounts = check_headcounts
        self._day_row(initial.date)
        times = self._times_row(initial)
        self.title = spell_line(initial.title, "Title")
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
        spell_check(self.notes)  # notes about a meeting are prose: British spelling, as typed
        self.peers = _checklist("Peers present", [(p.id, p.name) for p in peers], initial.peer_ids)
        people_box = self._people_box(people, initial.person_ids, groups or [])
        self.headcounts = named_line(initial.headcounts, "People met without names")
        self.headcounts.setPlaceholderText("e.g. 12 carers; 3 providers")
        self.headcounts.setToolTip(
            "People met whose names you do not record, by stakeholder group. They count in "
            "the letter's 'at least N people' and in coverage, never in a list of names."
        )
        date_label = QLabel("&Date")
        date_label.setBuddy(self.day if self.visit_days else self.date)
        self.form.addRow(date_label, self.date_box)
        self.form.addRow("", self.date_warning)
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
        self.form.addRow("&Unnamed people", self.headcounts)
        self.resize(600, 720)
        self.title.setFocus()

    # ---------------------------------------------------------------- the day
    def _day_row(self, initial: str) -> None:
        """The visit's days to pick from, and "Another date…" with a date field."""
        self.day = QComboBox()
        self.day.setAccessibleName("Day of the visit")
        for day in self.visit_days:
            self.day.addItem(
                QDate.fromString(day, Qt.DateFormat.ISODate).toString("ddd d MMM yyyy"), day
            )
        self.day.addItem("Another date…", None)
        self.date = QDateEdit(QDate.fromString(initial, Qt.DateFormat.ISODate))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName("Date")
        self.date_warning = QLabel()
        self.date_warning.setObjectName("hint")
        self.date_warning.setWordWrap(True)
        self.date_warning.setAccessibleName("Date warning")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(self.date)
        row.addStretch(1)
        self.date_box = QWidget()
        self.date_box.setLayout(row)
        index = self.day.findData(initial) if initial in self.visit_days else self.day.count() - 1
        self.day.setCurrentIndex(index)
        self.day.setVisible(bool(self.visit_days))
        self.day.currentIndexChanged.connect(self._day_changed)
        self.date.dateChanged.connect(self._day_changed)
        self._day_changed()

    def chosen_date(self) -> str:
        day = self.day.currentData() if self.visit_days else None
        return day or self.date.date().toString(Qt.DateFormat.ISODate)

    def _day_changed(self, *_: object) -> None:
        other = not self.visit_days or self.day.currentData() is None
        self.date.setVisible(other)
        chosen = self.chosen_date()
        outside = bool(self.visit_days) and chosen not in self.visit_days
        if outside:
            first = QDate.fromString(self.visit_days[0], Qt.DateFormat.ISODate)
            last = QDate.fromString(self.visit_days[-1], Qt.DateFormat.ISODate)
            shown = QDate.fromString(chosen, Qt.DateFormat.ISODate).toString("ddd d MMM yyyy")
            self.date_warning.setText(
                f"{shown} is not one of the on-site days ({first.toString('d MMM')} to "
                f"{last.toString('d MMM yyyy')}): the meeting will be saved on that date."
            )
        self.date_warning.setVisible(outside)

    # ---------------------------------------------------------------- times
    def _times_row(self, initial: MeetingData) -> QHBoxLayout:
        self.start = QLineEdit(initial.start_time or "")
        self.end = QLineEdit(initial.end_time or "")
        for edit, name in ((self.start, "Start time"), (self.end, "End time")):
            edit.setPlaceholderText("e.g. 9.30")
            edit.setAccessibleName(name)
            edit.setToolTip(f"{name}: 9.30, 0930, 9:30am, 2pm or 14:00; empty if not known")
            edit.setMaximumWidth(90)
            edit.editingFinished.connect(lambda e=edit: self._tidy_time(e))
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("to"))
        times.addWidget(self.end)
        times.addStretch(1)
        return times

    def _tidy_time(self, edit: QLineEdit) -> None:
        """Show "9.30" as the 09:30 it will be saved as (a time not understood stays as typed
        and is explained when saving)."""
        try:
            understood = times.parse_time(edit.text())
        except ValidationError:
            return
        if understood and understood != edit.text():
            edit.setText(understood)

    # ---------------------------------------------------------------- people
    def _people_box(
        self, people: list[Person], checked: list[str], groups: list[tuple[str, str]]
    ) -> QVBoxLayout:
        """The people met: a filtered checklist, and names to add (typed or pasted)."""
        self.people = _checklist(
            "People met",
            [(p.id, p.name + (f" ({p.group_name})" if p.group_name else "")) for p in people],
            checked,
        )
        self._names = {normalise_name(p.name): p.id for p in people}
        self.people_filter = QLineEdit()
        self.people_filter.setPlaceholderText("Filter people…")
        self.people_filter.setAccessibleName("Filter people")
        self.people_filter.textChanged.connect(self._filter_people)
        box = QVBoxLayout()
        box.addWidget(self.people_filter)
        box.addWidget(self.people)
        box.addLayout(self._new_people_row(groups))
        for widget in (self.peers, self.people):
            widget.setMinimumHeight(110)
        return box

    def _new_people_row(self, groups: list[tuple[str, str]]) -> QVBoxLayout:
        self.paste = QPlainTextEdit()
        self.paste.setAccessibleName("Names to add")
        self.paste.setPlaceholderText(
            "Type or paste names, one per line (a role in brackets), then Add names"
        )
        self.paste.setTabChangesFocus(True)
        self.paste.setFixedHeight(52)
        self.new_group = QComboBox()
        self.new_group.setAccessibleName("Stakeholder group of the new people")
        self.new_group.addItem("(no group)", None)
        for group_id, name in groups:
            self.new_group.addItem(name, group_id)
        self.new_organisation = spell_line("", "Organisation of the new people")
        self.new_organisation.setPlaceholderText("e.g. Anyshire Carers' Centre")
        add = QPushButton("&Add names")
        add.setToolTip("Tick people already recorded; add the others as new people met")
        add.clicked.connect(self.add_names)
        row = QHBoxLayout()
        row.addWidget(QLabel("New people's group:"))
        row.addWidget(self.new_group, 1)
        row.addWidget(QLabel("Organisation:"))
        row.addWidget(self.new_organisation, 1)
        row.addWidget(add)
        box = QVBoxLayout()
        box.addWidget(self.paste)
        box.addLayout(row)
        return box

    def add_names(self) -> None:
        """Each pasted name: ticked if already recorded, else added (ticked) as a new person."""
        for name in split_names(self.paste.toPlainText()):
            key = normalise_name(name_and_role(name)[0])
            known = self._names.get(key)
            if known is None:
                known = NEW + name
                group = self.new_group.currentText() if self.new_group.currentData() else ""
                where = [w for w in (group, self.new_organisation.text().strip()) if w]
                item = QListWidgetItem(f"{name} ({', '.join(['new', *where])})")
                item.setData(Qt.ItemDataRole.UserRole, known)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.people.addItem(item)
                self._names[key] = known
            for i in range(self.people.count()):
                item = self.people.item(i)
                if item.data(Qt.ItemDataRole.UserRole) == known:
                    item.setCheckState(Qt.CheckState.Checked)
                    self.people.scrollToItem(item)
        self.paste.clear()

    def _filter_people(self, text: str) -> None:
        text = text.casefold()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(bool(text) and text not in item.text().casefold())

    def data(self) -> MeetingData:
        checked = _checked(self.people)
        return MeetingData(
            date=self.chosen_date(),
            title=self.title.text().strip(),
            type=self.type.currentData(),
            start_time=self.start.text().strip() or None,
            end_time=self.end.text().strip() or None,
            location=self.location.text().strip(),
            notes=self.notes.toPlainText().strip(),
            peer_ids=_checked(self.peers),
            person_ids=[p for p in checked if not p.startswith(NEW)],
            new_people=[p[len(NEW) :] for p in checked if p.startswith(NEW)],
            new_people_group=self.new_group.currentData(),
            new_people_organisation=self.new_organisation.text().strip(),
            headcounts=self.headcounts.text().strip(),
        )

    def check(self, data: MeetingData) -> str | None:
        """Times and headcounts are checked here too, so the reason shows before anything
        is written."""
        try:
            start = validation.clock_time("start_time", data.start_time)
            end = validation.clock_time("end_time", data.end_time)
        except ValidationError as error:
            return f"{'Start' if error.field == 'start_time' else 'End'}: {error.message}"
        if start and end and end <= start:
            return f"End: the meeting ends ({end}) before it starts ({start})."
        if not data.title:
            return "Title: a meeting needs a title (who or what it was)."
        if data.headcounts and self.check_headcounts is not None:
            try:
                self.check_headcounts(data.headcounts)
            except ValidationError as error:
                return f"Unnamed people: {error.message}."
        return None

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        peers: list[Peer],
        people: list[Person],
        initial: MeetingData,
        save: Callable[[MeetingData], object] | None = None,
        visit_days: list[str] | None = None,
        groups: list[tuple[str, str]] | None = None,
        check_headcounts: Callable[[str], object] | None = None,
    ) -> MeetingData | None:
        dialog = cls(
            parent,
            peers=peers,
            people=people,
            initial=initial,
            save=save,
            visit_days=visit_days,
            groups=groups,
            check_headcounts=check_headcounts,
        )
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None


def split_names(text: str) -> list[str]:
    """Names pasted as a list: one per line, or separated by semicolons; bullets dropped."""
    parts = re.split(r"[;\n\t]", text)
    return list(dict.fromkeys(p.strip(" -•*,") for p in parts if p.strip(" -•*,")))
