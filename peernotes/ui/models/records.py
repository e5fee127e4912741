"""Models for the short lists (programme, people, documents, team): a few hundred rows at
most, so each refresh re-reads them all and the rows are kept in memory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt

from peernotes.core import vocab
from peernotes.core.changes import Table
from peernotes.core.records import read_models
from peernotes.core.records.values import Document, Meeting, Peer, Person
from peernotes.core.store import ChallengeFile, Change
from peernotes.ui.models.base import Column, IdListModel, Record
from peernotes.ui.session import Session

R = TypeVar("R", bound=Record)


class RecordTableModel(IdListModel, Generic[R]):
    """Records of one type (`R`: a Meeting, a Person…) from one core read model, refreshed
    when any of `tables` changes; `row(id)` gives the record typed."""

    tables: tuple[Table, ...] = ()
    load: Callable[[ChallengeFile], Sequence[R]]

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._rows: dict[str, R] = {}
        self._active = True
        self._stale = False
        session.changed.connect(self._on_changed)
        self.refresh()

    def set_active(self, active: bool) -> None:
        """An inactive model (its page is hidden) refreshes when it is shown again, so a
        note saved in the capture pane does not wait for every hidden list to re-read."""
        self._active = active
        if active and self._stale:
            self.refresh()

    def row_for(self, row_id: str) -> R | None:
        return self._rows.get(row_id)

    def row(self, row_id: str) -> R | None:
        """The record shown for `row_id`, typed (a Meeting, a Person...)."""
        return self._rows.get(row_id)

    def ensure_fresh(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        rows = type(self).load(self.session.cf)
        old = self._rows
        self._rows = {r.id: r for r in rows}
        self.set_ids([r.id for r in rows])
        changed = [i for i, row_id in enumerate(self._ids) if old.get(row_id) != self._rows[row_id]]
        self.rows_changed(changed)

    def _on_changed(self, change: Change) -> None:
        if change.touches(*self.tables):
            if self._active:
                self.refresh()
            else:
                self._stale = True


def day_label(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return date.fromisoformat(iso).strftime("%a %d %b %Y")
    except ValueError:
        return iso


def time_span(meeting: Meeting) -> str:
    start, end = meeting.start_time or "", meeting.end_time or ""
    if start and end:
        return f"{start}–{end}"
    return start or (f"until {end}" if end else "")


def meeting_label(meeting: Meeting) -> str:
    """'Tue 10 Nov 09:30 · Director of Adult Social Care' (for pickers)."""
    day = day_label(meeting.date)[:10]
    start = f" {meeting.start_time}" if meeting.start_time else ""
    return f"{day}{start} · {meeting.title}"


class MeetingTableModel(RecordTableModel[Meeting]):
    tables = (
        Table.MEETING,
        Table.MEETING_PEER,
        Table.MEETING_PERSON,
        Table.OBSERVATION,
        Table.PEER,
        Table.PERSON,
    )
    load = staticmethod(read_models.meeting_list)

    columns: tuple[Column[Meeting], ...] = (
        Column(
            "Day",
            lambda r: day_label(r.date),
            sort=lambda r: r.date + (r.start_time or ""),
        ),
        Column("Time", time_span, sort=lambda r: r.date + (r.start_time or "")),
        Column("Meeting", lambda r: r.title),
        Column("Type", lambda r: vocab.MEETING_TYPES.get(r.type, r.type)),
        Column("Location", lambda r: r.location),
        Column("Peers", lambda r: r.peer_names, tooltip="Peers present"),
        Column(
            "People",
            lambda r: str(r.people_count),
            sort=lambda r: r.people_count,
            tooltip="People met",
        ),
        Column(
            "Notes",
            lambda r: str(r.observation_count),
            sort=lambda r: r.observation_count,
            tooltip="Observations recorded in this meeting",
        ),
    )

    def extra_data(self, row_id: str, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (6, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PersonTableModel(RecordTableModel[Person]):
    tables = (Table.PERSON, Table.STAKEHOLDER_GROUP, Table.MEETING_PERSON, Table.MEETING)
    load = staticmethod(read_models.person_list)
    columns: tuple[Column[Person], ...] = (
        Column("Name", lambda r: r.name),
        Column("Stakeholder group", lambda r: r.group_name),
        Column("Job title", lambda r: r.job_title),
        Column("Organisation", lambda r: r.organisation),
        Column("Meetings", lambda r: str(r.meeting_count), sort=lambda r: r.meeting_count),
    )

    def extra_data(self, row_id: str, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DocumentTableModel(RecordTableModel[Document]):
    tables = (Table.DOCUMENT, Table.OBSERVATION)
    load = staticmethod(read_models.document_list)
    columns: tuple[Column[Document], ...] = (
        Column("Title", lambda r: r.title),
        Column("Provided by", lambda r: r.provided_by),
        Column("Date", lambda r: r.doc_date or "", sort=lambda r: r.doc_date or ""),
        Column(
            "Notes",
            lambda r: str(r.observation_count),
            sort=lambda r: r.observation_count,
            tooltip="Observations that cite this document",
        ),
    )

    def extra_data(self, row_id: str, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PeerTableModel(RecordTableModel[Peer]):
    tables = (Table.PEER,)
    load = staticmethod(read_models.team_members)
    columns: tuple[Column[Peer], ...] = (
        Column("Name", lambda r: r.name),
        Column("Role", lambda r: vocab.PEER_ROLES.get(r.role, r.role)),
        Column("Job title", lambda r: r.job_title),
        Column("Organisation", lambda r: r.organisation),
    )
