"""The programme: the on-site timetable, one tab per day, with the meetings' people and notes;
and a "My day" tab, this peer's meetings today (peernotes.ui.recording.my_day)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QWidget,
)

from peernotes.core import headcounts, meeting_choice
from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError
from peernotes.core.records import read_models
from peernotes.core.records.programme import visit_days
from peernotes.core.records.values import Meeting, Peer, Person
from peernotes.core.store import Change
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.delete_meeting import DeleteMeetingDialog
from peernotes.ui.dialogs.meeting import MeetingDialog
from peernotes.ui.models import WordFilterProxyModel
from peernotes.ui.models.records import MeetingTableModel, day_label, meeting_label
from peernotes.ui.operations import meetings
from peernotes.ui.operations.inputs import MeetingData
from peernotes.ui.recording.list_page import ListPage
from peernotes.ui.recording.my_day import MyDayView
from peernotes.ui.session import Session
from peernotes.ui.workspace import Workspace

if TYPE_CHECKING:  # the timetable import loads when first used, not with the page
    from peernotes.core import sheets
    from peernotes.core.programme_columns import Layout
    from peernotes.core.programme_import import ImportPlan

MY_DAY = "my-day"  # the tab's data: not a date


class DayFilterProxyModel(WordFilterProxyModel):
    """The typed words, and (when a day tab is chosen) only that day's meetings.

    It keeps its own typed reference to the meetings it filters: Qt's `sourceModel()` only
    knows a `QAbstractItemModel`, which has no meetings to read a date from."""

    def __init__(self, meetings: MeetingTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day: str | None = None
        self._meetings = meetings
        self.setSourceModel(meetings)

    def set_day(self, day: str | None) -> None:
        if day != self.day:
            self.beginFilterChange()
            self.day = day
            self.endFilterChange(WordFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self.day:
            meeting = self._meetings.row(self._meetings.id_at(source_row))
            if meeting is None or meeting.date != self.day:
                return False
        return super().filterAcceptsRow(source_row, source_parent)


class ProgrammePage(ListPage[Meeting]):
    noun = "meeting"

    def __init__(
        self, session: Session, window: Workspace | None = None, parent: QWidget | None = None
    ) -> None:
        self.window_ = window
        self.meetings = MeetingTableModel(session)
        super().__init__(
            session,
            self.meetings,
            "Programme",
            "The on-site timetable. Double-click a meeting to edit it; Capture notes to write in it.",
            parent,
        )
        self.day_filter = DayFilterProxyModel(self.meetings, self)
        self.proxy = self.day_filter
        self.table.setModel(self.proxy)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.days = QTabBar()
        self.days.setAccessibleName("Day of the programme")
        self.days.setToolTip("Show one day of the programme, or all days")
        self.days.setExpanding(False)
        self.days.setDrawBase(False)
        self.days.currentChanged.connect(self._day_chosen)
        self.page_layout.insertWidget(1, self.days)
        self.my_day = MyDayView(session)
        self.my_day.capture_requested.connect(self._capture_in)
        self.my_day.current_changed.connect(self._update_buttons)
        self.views = QStackedWidget()
        self.page_layout.replaceWidget(self.table, self.views)
        self.views.addWidget(self.table)
        self.views.addWidget(self.my_day)
        self._first_days = True
        self.capture_button = QPushButton("Capture notes")
        self.capture_button.setToolTip("Write observations in the selected meeting (Ctrl+Enter)")
        self.capture_button.setShortcut("Ctrl+Return")
        self.capture_button.clicked.connect(self.capture_current)
        self.toolbar.insertWidget(3, self.capture_button)
        self.import_button = QPushButton("&Import programme…")
        self.import_button.setToolTip(
            "Read the council's timetable (.xlsx or CSV): meetings, peers, people met; "
            "a second import of an updated timetable updates the meetings it made"
        )
        self.import_button.clicked.connect(self.import_programme)
        self.toolbar.insertWidget(4, self.import_button)
        self.compare_button = QPushButton("Compare &write-ups…")
        self.compare_button.setToolTip(
            "The selected meeting's notes by two peers, side by side: mark the same point, "
            "keep both, or a disagreement"
        )
        self.compare_button.clicked.connect(self.compare_write_ups)
        self.toolbar.insertWidget(5, self.compare_button)
        self.fit_columns({0: 120, 1: 95, 3: 95, 4: 150, 5: 200, 6: 60, 7: 60})
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.reload_days()
        session.changed.connect(self._on_changed)
        self._selection_changed()

    # ---------------------------------------------------------------- days
    def reload_days(self) -> None:
        days = sorted(set(self._meeting_days()) | set(visit_days(self.session.cf)))
        current = self.days.tabData(self.days.currentIndex()) if self.days.count() else None
        if self._first_days:  # on an on-site day with meetings of mine, start on My day
            self._first_days = False
            today = meeting_choice.clock().date().isoformat()
            if self.my_day.model.rowCount() and today in days:
                current = MY_DAY
        self.days.blockSignals(True)
        while self.days.count():
            self.days.removeTab(0)
        self.days.addTab("My day")
        self.days.setTabData(0, MY_DAY)
        self.days.setTabToolTip(0, "Your meetings today, in order; the one to be at highlighted")
        self.days.addTab("All days")
        self.days.setTabData(1, None)
        for index, day in enumerate(days, start=2):
            self.days.addTab(day_label(day)[:10])
            self.days.setTabData(index, day)
            self.days.setTabToolTip(index, day_label(day))
        self.days.blockSignals(False)
        self._days = days
        if current == MY_DAY:
            self.days.setCurrentIndex(0)
        else:
            self.days.setCurrentIndex(days.index(current) + 2 if current in days else 1)
        self._day_chosen(self.days.currentIndex())

    def _day_chosen(self, index: int) -> None:
        data = self.days.tabData(index) if index >= 0 else None
        if data == MY_DAY:
            self.views.setCurrentWidget(self.my_day)
        else:
            self.views.setCurrentWidget(self.table)
            self.day_filter.set_day(data)
        self._update_buttons()

    def current_id(self) -> str | None:
        """The meeting selected in the table, or in My day when that is shown."""
        if hasattr(self, "views") and self.views.currentWidget() is self.my_day:
            return self.my_day.current_id()
        return super().current_id()

    def show_my_day(self) -> None:
        self.days.setCurrentIndex(0)
        self.my_day.focus_list()

    def _capture_in(self, meeting_id: str) -> None:
        if self.window_ is not None:
            self.window_.capture_in(meeting_id)

    def _on_changed(self, change: Change) -> None:
        if change.touches(Table.MEETING, Table.CHALLENGE):
            if not self._meeting_days() <= set(self._days):
                self.reload_days()

    def _meeting_days(self) -> set[str]:
        return {m.date for m in read_models.meeting_list(self.session.cf)}

    def _selection_changed(self, *_: object) -> None:
        self._update_buttons()
        meeting_id = self.current_id()
        if meeting_id is not None and hasattr(self, "capture_button"):
            self.session.select_meeting(meeting_id)  # the current meeting: Alt+2 writes in it

    def _update_buttons(self) -> None:
        super()._selection_changed()
        if hasattr(self, "capture_button"):
            self.capture_button.setEnabled(self.current_id() is not None)
        if hasattr(self, "compare_button"):
            self.compare_button.setEnabled(self.current_id() is not None)

    # -------------------------------------------------------------- actions
    def _people(self) -> list[Person]:
        return read_models.person_list(self.session.cf)

    def _default_day(self) -> str:
        if self.day_filter.day:
            return self.day_filter.day
        challenge = read_models.current_challenge(self.session.cf)
        today = Date.today().isoformat()
        first, last = challenge.onsite_start, challenge.onsite_end
        if first and last and first <= today <= last:
            return today
        return first or today

    def _dialog_context(self) -> _DialogContext:
        """What the meeting dialog offers: the team, the people, the visit's days, the groups
        (plain data; the headcount check is the core's parser)."""
        cf = self.session.cf
        lookup = headcounts.group_lookup(cf)
        return {
            "peers": read_models.team_members(cf),
            "people": self._people(),
            "visit_days": visit_days(cf),
            "groups": [(g.id, g.name) for g in read_models.groups(cf)],
            "check_headcounts": lambda text: headcounts.parse_counts(text, lookup),
        }

    def add(self) -> None:
        me = self.session.cf.peer_id
        initial = MeetingData(date=self._default_day(), title="", peer_ids=[me] if me else [])
        MeetingDialog.ask(self, initial=initial, save=self.save_new, **self._dialog_context())

    def save_new(self, data: MeetingData) -> str:
        saved = meetings.add_meeting(self.session, data)
        self._warn(saved.warnings)
        self.select_id(saved.id)
        return saved.id

    def edit(self, row_id: str) -> None:
        cf = self.session.cf
        meeting = read_models.meeting(cf, row_id)
        initial = MeetingData(
            date=meeting.date,
            title=meeting.title,
            type=meeting.type,
            start_time=meeting.start_time,
            end_time=meeting.end_time,
            location=meeting.location,
            notes=meeting.notes,
            peer_ids=[p.id for p in read_models.peers_in(cf, row_id)],
            person_ids=[p.id for p in read_models.people_in(cf, row_id)],
            headcounts=headcounts.describe(cf, headcounts.for_meeting(cf, row_id)),
        )

        def save(data: MeetingData) -> str:
            saved = meetings.edit_meeting(self.session, row_id, data)
            self._warn(saved.warnings)
            return row_id

        MeetingDialog.ask(self, initial=initial, save=save, **self._dialog_context())

    def delete(self, row_id: str) -> None:
        meeting = self.model.row(row_id)
        if meeting is None:
            return
        label = meeting_label(meeting)
        if meeting.observation_count:
            others = [
                (m.id, meeting_label(m))
                for m in read_models.meeting_list(self.session.cf)
                if m.id != row_id
            ]
            choice = DeleteMeetingDialog.ask(self, label, meeting.observation_count, others)
            if choice is None:
                return
            observations, move_to = choice.observations, choice.move_to
        else:
            if not messages.confirm(self, "Delete meeting", f"Delete {label}?", "Delete meeting"):
                return
            observations, move_to = "delete", None
        meetings.delete_meeting(self.session, row_id, observations=observations, move_to=move_to)
        self._note(f"Deleted {label}. Undo with Ctrl+Z.")

    # ------------------------------------------------------------- import
    def plan_for(self, table: sheets.Table, path: Path) -> Callable[[Layout], ImportPlan]:
        """The core's read-only plan of importing `table` with a layout (the dialog's preview)."""
        from peernotes.core import programme_import

        return lambda layout: programme_import.plan_import(
            self.session.cf, table, layout, path.name
        )

    def import_programme(self) -> None:
        """Choose a timetable, map and preview it, import the valid rows as one undo step."""
        from peernotes.core import programme_columns, sheets
        from peernotes.ui.dialogs.import_programme import ImportProgrammeDialog

        path = choose_timetable(self)
        if path is None:
            return
        try:
            tables = sheets.read_tables(path)
        except PeerNotesError as error:
            messages.error(self, "Import programme", str(error))
            return
        table = choose_sheet(self, tables, path.name)
        if table is None:
            return
        layout = ImportProgrammeDialog.ask(
            self, table, path.name, programme_columns.recognise(table), self.plan_for(table, path)
        )
        if layout is None:
            return
        try:
            plan = meetings.import_programme(self.session, table, layout, path.name)
        except PeerNotesError as error:
            messages.error(self, "Import programme", str(error))
            return
        self.reload_days()
        note = plan.summary(done=True)
        if plan.missing:
            note += f" {len(plan.missing)} meeting(s) from an earlier import are not in it (kept)."
        self._note(note + " Undo with Ctrl+Z.")

    def compare_write_ups(self) -> None:
        """Meetings written up twice, opened on the selected meeting."""
        from peernotes.ui.synthesis.written_twice import WrittenTwiceDialog

        self.written_twice = WrittenTwiceDialog.open_for(self.session, self, self.current_id())

    def capture_current(self) -> None:
        row_id = self.current_id()
        if row_id and self.window_ is not None:
            self.window_.capture_in(row_id)

    def _warn(self, warnings: list[str]) -> None:
        if warnings:
            self._note(" ".join(warnings))

    def _note(self, text: str) -> None:
        if self.window_ is not None:
            self.window_.say(text, 8)


class _DialogContext(TypedDict):
    """What the meeting dialog offers besides the meeting itself."""

    peers: list[Peer]
    people: list[Person]
    visit_days: list[str]
    groups: list[tuple[str, str]]
    check_headcounts: Callable[[str], object]


def choose_timetable(parent: QWidget | None) -> Path | None:
    """The council's timetable file, chosen by the user (None: cancelled)."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        "Import the programme",
        "",
        "Timetables (*.xlsx *.csv *.txt);;All files (*)",
    )
    return Path(name) if name else None


def choose_sheet(parent: QWidget | None, tables: list[sheets.Table], source: str) -> Any:
    """The sheet to import (None: cancelled). A workbook of several sheets offers them all,
    the first that looks like a timetable chosen, since councils often put a cover page first."""
    from peernotes.core import programme_columns

    default = programme_columns.timetable_table(tables, None, source)
    if len(tables) == 1:
        return default
    names = [t.name for t in tables]
    name, ok = QInputDialog.getItem(
        parent,
        "Import programme",
        f"{source} has {len(names)} sheets. Import the timetable on:",
        names,
        names.index(default.name),
        False,
    )
    return tables[names.index(name)] if ok else None
