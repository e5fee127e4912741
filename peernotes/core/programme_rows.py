"""A timetable's rows read into meetings and people, every problem named by row and column.

Reading knows the challenge only through `Context` (the team, the stakeholder groups, the
visit's year and days): it never writes, so the dialog's preview, `--dry-run` and the import
itself read a sheet identically. What councils' sheets hold, and how it is read:
  * one row per meeting, the people met in one cell ("Sam Okafor; Jo Reid (Carer lead)"),
    or one row per person met, the meeting repeated: rows of one meeting become one meeting;
  * a day heading row ("Tuesday 10 November", often merged across) or a date written only on
    a day's first row: the date carries down to the rows below it;
  * "12 carers" (or "Carers (12)") in the people cell: an unnamed headcount for that group;
  * rows with people and no meeting: an attendee list; the people are added.
A row with a bad cell is left out whole (its problems say why); a warning (a peer not in the
team, an unknown type, a date outside the visit) does not stop the row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from peernotes.core import times, vocab
from peernotes.core.errors import ValidationError
from peernotes.core.programme_columns import Layout, header_text
from peernotes.core.records.people import name_and_role, normalise_name
from peernotes.core.sheets import Table


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth saying) about one cell: 'Row 7, column D (Start): …'."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class PersonIn:
    name: str
    role: str = ""
    organisation: str = ""
    group_id: str | None = None


@dataclass
class MeetingIn:
    """A meeting as the sheet describes it (rows of one meeting folded together)."""

    key: str
    date: str
    title: str
    type: str
    start_time: str | None = None
    end_time: str | None = None
    location: str = ""
    notes: str = ""
    peer_ids: list[str] = field(default_factory=list)
    people: list[PersonIn] = field(default_factory=list)
    headcounts: dict[str, int] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)


@dataclass
class RowRead:
    """One sheet row: what it holds and what is wrong with it."""

    row: int
    kind: str  # meeting | people | day | blank | error
    meeting_key: str | None = None
    meeting: MeetingIn | None = None
    people: list[PersonIn] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """What reading needs to know of the challenge."""

    peers: dict[str, str]  # normalised name (full, first or last) -> peer id
    groups: dict[str, str]  # normalised name (and plural) -> group id
    year: int
    first_day: str | None = None
    last_day: str | None = None


def import_key(day: str, start: str | None, title: str) -> str:
    """The meeting's identity in the council's timetable: its date, start and title."""
    return f"{day}|{start or ''}|{normalise_name(title)}"


_TYPES: dict[str, str] = {
    **{normalise_name(label): key for key, label in vocab.MEETING_TYPES.items()},
    **{normalise_name(key.replace("_", " ")): key for key in vocab.MEETING_TYPES},
    "1:1": "interview",
    "1 to 1": "interview",
    "one to one": "interview",
    "meeting": "interview",
    "discussion": "interview",
    "focus groups": "focus_group",
    "group discussion": "focus_group",
    "visit": "site_visit",
    "observation": "site_visit",
    "phone": "phone_call",
    "call": "phone_call",
    "telephone": "phone_call",
    "teams": "phone_call",
    "teams call": "phone_call",
    "video call": "phone_call",
    "virtual": "phone_call",
    "online": "phone_call",
    "reading": "document_review",
    "desktop review": "document_review",
}
_HEADCOUNT = re.compile(r"^(?:(\d{1,4})\s+(?:x\s+)?(.+)|(.+?)\s*\((\d{1,4})\))$")


def read_rows(table: Table, layout: Layout, context: Context) -> Iterator[RowRead]:
    """Each data row below the header, read (day headings carry their date down)."""
    current_day: str | None = None
    start = 0 if layout.header is None else layout.header + 1
    for index in range(start, len(table.rows)):
        cells = table.rows[index]
        number = table.numbers[index]
        heading = _day_heading(cells, layout, context)
        if heading is not None:
            current_day = heading or current_day
            yield RowRead(number, "day" if heading else "blank")
            continue
        read = _CellReader(table, layout, index, context)
        yield read.row_read(current_day)
        current_day = read.day or current_day


def _day_heading(cells: tuple[object, ...], layout: Layout, context: Context) -> str | None:
    """'' for a row that is only a heading, the ISO date for a day heading, None otherwise."""
    values = [c for c in cells if c not in (None, "")]
    if not values or len({str(v) for v in values}) != 1:
        return None
    mapped = [c for c, v in enumerate(cells) if v not in (None, "") and c in layout.fields]
    if len(values) == 1 and mapped and layout.fields[mapped[0]] not in ("date", "time"):
        return None
    try:
        found = times.parse_date(values[0], year=context.year)
    except ValidationError:
        found = _date_inside(str(values[0]), context.year)
    if found is None and len(values) == 1 and mapped:
        return None  # a lone date-column cell that is not a date: read it as a row
    return found or ""


def _date_inside(text: str, year: int) -> str | None:
    """'Day 1 – Tuesday 10 November 2026' -> '2026-11-10'."""
    match = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?(?:\s+(\d{4}))?", text)
    if match:
        try:
            return times.parse_date(" ".join(p for p in match.groups() if p), year=year)
        except ValidationError:
            return None
    return None


class _CellReader:
    """Reads the cells of one row into a RowRead (kept small: one method per field)."""

    def __init__(self, table: Table, layout: Layout, index: int, context: Context) -> None:
        self.table, self.layout, self.context = table, layout, context
        self.cells = table.rows[index]
        self.result = RowRead(table.numbers[index], "error")
        self.day: str | None = None

    def cell(self, field_name: str) -> tuple[object, str]:
        """The first non-empty cell of a field (repeatable fields: joined) and its column."""
        columns = self.layout.columns_for(field_name)
        found = [(c, self.cells[c]) for c in columns if c < len(self.cells)]
        found = [(c, v) for c, v in found if v not in (None, "")]
        if not found:
            return None, header_text(self.table, self.layout, columns[0]) if columns else ""
        column = header_text(self.table, self.layout, found[0][0])
        if len(found) > 1 and field_name in ("people", "peers", "notes"):
            return "; ".join(str(v) for _, v in found), column
        return found[0][1], column

    def text(self, field_name: str) -> str:
        value, _ = self.cell(field_name)
        return " ".join(str(value).split()) if value is not None else ""

    def problem(self, column: str, message: str, *, warning: bool = False) -> None:
        target = self.result.warnings if warning else self.result.problems
        target.append(Problem(self.result.row, column, message))

    def row_read(self, carried_day: str | None) -> RowRead:
        title = self.text("title")
        self.day = self._date(carried_day)
        start, end = self._times()
        people, headcounts = self._people()
        if not title:
            if people and not self.result.problems:
                self.result.kind, self.result.people = "people", people
            elif not people and not self.result.problems:
                self.result.kind = "blank"
            elif not self.result.problems:
                self.problem("", "the row has no meeting title")
            return self.result
        if self.day is None and not self.result.problems:
            self.problem(self.cell("date")[1], "no date for this meeting (and none above it)")
        if self.result.problems or self.day is None:
            return self.result
        self.result.kind = "meeting"
        self.result.meeting_key = import_key(self.day, start, title)
        self.result.people = people
        self.result.meeting = MeetingIn(
            key=self.result.meeting_key,
            date=self.day,
            title=title[:500],
            type=self._type(title),
            start_time=start,
            end_time=end,
            location=self.text("location"),
            notes=self.text("notes"),
            peer_ids=self._peers(),
            people=people,
            headcounts=headcounts,
            rows=[self.result.row],
        )
        return self.result

    def _date(self, carried: str | None) -> str | None:
        value, column = self.cell("date")
        if value is None:
            return carried
        try:
            day = times.parse_date(value, "date", year=self.context.year)
        except ValidationError as error:
            self.problem(column, error.message)
            return None
        first, last = self.context.first_day, self.context.last_day
        if day and first and last and not first <= day <= last:
            shown = date.fromisoformat(day).strftime("%a %d %b %Y")
            self.problem(
                column, f"{shown} is outside the on-site days ({first} to {last})", warning=True
            )
        return day

    def _times(self) -> tuple[str | None, str | None]:
        start = end = None
        try:
            value, column = self.cell("time")
            start, end = times.parse_time_range(value)
            value, column = self.cell("start")
            start = times.parse_time(value) or start
            value, column = self.cell("end")
            end = times.parse_time(value) or end
        except ValidationError as error:
            self.problem(column, error.message)
            return None, None
        if start and end and end <= start:
            self.problem(
                self.cell("end")[1] or self.cell("time")[1],
                f"the meeting ends ({end}) before it starts ({start})",
            )
        return start, end

    def _type(self, title: str) -> str:
        value, column = self.cell("type")
        if value is None:
            words = normalise_name(title)
            for phrase, key in (("focus group", "focus_group"), ("visit", "site_visit")):
                if phrase in words:
                    return key
            return "phone_call" if re.search(r"\b(call|phone|teams)\b", words) else "interview"
        found = _TYPES.get(normalise_name(str(value)))
        if found is None:
            self.problem(
                column, f"{value!r} is not a type PeerNotes knows: saved as Other", warning=True
            )
            return "other"
        return found

    def _peers(self) -> list[str]:
        value, column = self.cell("peers")
        ids: list[str] = []
        for name in _split(str(value or ""), also=r"/|&|\band\b"):
            peer_id = self.context.peers.get(normalise_name(name))
            if peer_id is None:
                self.problem(column, f"{name!r} is not in the team: left out", warning=True)
            elif peer_id not in ids:
                ids.append(peer_id)
        return ids

    def _people(self) -> tuple[list[PersonIn], dict[str, int]]:
        value, column = self.cell("people")
        group_text = self.text("group")
        group_id = self._group(group_text, self.cell("group")[1]) if group_text else None
        items = _split(str(value or ""))
        single = len(items) == 1
        people: list[PersonIn] = []
        headcounts: dict[str, int] = {}
        for item in items:
            counted = self._headcount(item, group_id, column)
            if isinstance(counted, str):  # a headcount that could not be read (noted)
                continue
            if counted is not None:
                group, number = counted
                headcounts[group] = headcounts.get(group, 0) + number
                continue
            name, role = name_and_role(item)
            if not role and single:
                role = self.text("role")
            people.append(
                PersonIn(
                    name=name.strip()[:200],
                    role=role[:500],
                    organisation=self.text("organisation") if single else "",
                    group_id=group_id,
                )
            )
        return people, headcounts

    def _headcount(
        self, item: str, group_id: str | None, column: str
    ) -> tuple[str, int] | str | None:
        """(group id, how many) for "12 carers", "Carers (12)" or "12" beside a group;
        "bad" when it is a headcount that cannot be read (the problem is noted); else None."""
        if item.isdigit():
            if group_id is None:
                self.problem(column, f"{item} people, but no stakeholder group for them")
                return "bad"
            return (group_id, int(item)) if int(item) > 0 else "bad"
        match = _HEADCOUNT.match(item)
        if not match:
            return None
        number, name = (match[1], match[2]) if match[1] else (match[4], match[3])
        found = self.context.groups.get(normalise_name(name))
        if found is None:
            self.problem(column, f"{item!r}: {name!r} is not one of the stakeholder groups")
            return "bad"
        return (found, int(number)) if int(number) > 0 else "bad"

    def _group(self, text: str, column: str) -> str | None:
        found = self.context.groups.get(normalise_name(text))
        if found is None:
            self.problem(
                column, f"{text!r} is not one of the stakeholder groups: left out", warning=True
            )
        return found


def _split(text: str, also: str = "") -> list[str]:
    """Names in one cell: separated by new lines, semicolons or commas outside brackets."""
    pattern = r"[;\n]|,(?![^()]*\))" + (f"|{also}" if also else "")
    return [p.strip(" -•*\t") for p in re.split(pattern, text) if p.strip(" -•*\t")]
