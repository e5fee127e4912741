"""Which column of a council's timetable holds what: headers recognised, and mapped by hand.

Timetables arrive with headers in every wording ("Date", "Day", "Time slot", "Meeting with",
"Venue", "Attendees", "Job title"...) and sometimes a title row or two above them. The header
row is the one (among the first rows) whose cells name the most known fields; each column then
maps to one field. Whatever is not recognised can be mapped by the user: `COLUMN=FIELD` where
COLUMN is the header's text, the column's letter (C) or its number (3). The dialog and the
`import-programme` command share this module, so they recognise the same sheets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from peernotes.core.errors import ValidationError
from peernotes.core.sheets import Table, choose_table, column_letter

# field -> what the user sees. "time" is a start and end in one cell ("9.30-10.30").
FIELDS: dict[str, str] = {
    "date": "Date",
    "start": "Start time",
    "end": "End time",
    "time": "Time (start-end)",
    "title": "Meeting title",
    "type": "Type of meeting",
    "location": "Location",
    "notes": "Notes",
    "peers": "Peers present",
    "people": "People met",
    "role": "Their role",
    "organisation": "Their organisation",
    "group": "Their stakeholder group",
    "ignore": "(not imported)",
}
# Header wordings (normalised: lower case, no punctuation, no "(…)") for each field.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "meeting date", "date of meeting", "dates"),
    "start": ("start", "start time", "from", "time from", "starts", "begins", "start at"),
    "end": ("end", "end time", "to", "until", "finish", "finish time", "time to", "ends"),
    "time": ("time", "times", "time slot", "slot", "timing", "timings"),
    "title": (
        "title",
        "meeting",
        "meeting title",
        "session",
        "session title",
        "activity",
        "subject",
        "meeting with",
        "description",
        "event",
        "item",
        "meeting name",
    ),
    "type": ("type", "meeting type", "format", "kind", "session type", "type of meeting"),
    "location": ("location", "venue", "room", "place", "where", "address", "site"),
    "notes": ("notes", "note", "comments", "comment", "briefing", "notes for peers"),
    "peers": (
        "peers",
        "peer",
        "peer team",
        "peers attending",
        "peer attending",
        "team",
        "team members",
        "interviewers",
        "lga team",
        "peer team members",
    ),
    "people": (
        "attendees",
        "attendee",
        "people",
        "people met",
        "participants",
        "participant",
        "interviewees",
        "interviewee",
        "name",
        "names",
        "who",
        "invitees",
        "attending",
        "contact",
        "person",
        "full name",
    ),
    "role": ("role", "job title", "position", "job", "role title", "designation", "post"),
    "organisation": (
        "organisation",
        "organization",
        "org",
        "agency",
        "employer",
        "company",
        "organisation name",
    ),
    "group": (
        "group",
        "stakeholder group",
        "stakeholder",
        "category",
        "stakeholder type",
        "group type",
    ),
}
_WORDING = {wording: field for field, words in SYNONYMS.items() for wording in words}
# A column that may repeat ("Attendee 1", "Attendee 2"): the cells are read together.
REPEATABLE = frozenset({"people", "peers", "notes"})
HEADER_SEARCH = 15  # rows scanned for the header row (title rows come first)


def normalise_header(text: object) -> str:
    """'Peer(s) attending:' -> 'peer attending'; 'Attendee 2' -> 'attendee'."""
    cleaned = re.sub(r"\([^)]*\)", " ", str(text or "").lower())
    cleaned = re.sub(r"[^a-z0-9]+", " ", cleaned).strip()
    return re.sub(r"(\s\d+)+$", "", cleaned)


def field_for_header(text: object) -> str | None:
    return _WORDING.get(normalise_header(text))


@dataclass(frozen=True)
class Layout:
    """Where the header row is (an index into Table.rows, None = no header) and the field of
    each column (columns not listed are not imported)."""

    header: int | None
    fields: dict[int, str]

    def columns_for(self, field: str) -> list[int]:
        return [c for c, f in sorted(self.fields.items()) if f == field]

    def has(self, field: str) -> bool:
        return field in self.fields.values()


def header_text(table: Table, layout: Layout, column: int) -> str:
    """How a column is named in messages: 'C (Start)' or just 'C'."""
    letter = column_letter(column)
    if layout.header is None:
        return letter
    row = table.rows[layout.header]
    value = row[column] if column < len(row) else None
    return f"{letter} ({value})" if value not in (None, "") else letter


def recognise(table: Table) -> Layout | None:
    """The layout read from the headers, or None when no row looks like a timetable's header
    (at least two known fields, one of them the date, the title or the people)."""
    best: tuple[int, int] | None = None
    for index, row in enumerate(table.rows[:HEADER_SEARCH]):
        found = {field_for_header(c) for c in row if isinstance(c, str)} - {None}
        if len(found) >= 2 and found & {"date", "title", "people"}:
            if best is None or len(found) > best[1]:
                best = (index, len(found))
    if best is None:
        return None
    return Layout(best[0], _assign(table.rows[best[0]]))


def timetable_table(tables: Sequence[Table], sheet: str | None, source: str) -> Table:
    """The sheet named `sheet`, else the first whose headers look like a timetable's (a cover
    page often comes first), else the first sheet."""
    if sheet:
        return choose_table(tables, sheet, source)
    return next((t for t in tables if recognise(t) is not None), tables[0])


def _assign(header: tuple[object, ...]) -> dict[int, str]:
    """Each column's field; a second column of the same field is ignored, except a second
    "time" or "start" (a "Time" header merged over two columns: start, then end) and the
    repeatable fields."""
    fields: dict[int, str] = {}
    for column, cell in enumerate(header):
        field = field_for_header(cell) if isinstance(cell, str) else None
        if field is None:
            continue
        taken = set(fields.values())
        if field in taken and field in ("time", "start") and "end" not in taken:
            field = "end"
        elif field in taken and field not in REPEATABLE:
            continue
        fields[column] = field
    return fields


def with_overrides(table: Table, layout: Layout | None, overrides: dict[str, str]) -> Layout:
    """The layout with the user's COLUMN=FIELD choices applied (ValidationError names a
    column or field that does not exist). With no header row, letters or numbers are needed."""
    fields = dict(layout.fields) if layout else {}
    header = layout.header if layout else _row_naming(table, overrides)
    if layout is None and header is not None:
        fields = _assign(table.rows[header])
    for column_name, field in overrides.items():
        field = field.strip().lower()
        if field not in FIELDS:
            known = ", ".join(FIELDS)
            raise ValidationError("map", f"{field!r} is not a field PeerNotes imports ({known})")
        column = _find_column(table, header, column_name)
        if field == "ignore":
            fields.pop(column, None)
        else:
            fields[column] = field
    return Layout(header, fields)


def _row_naming(table: Table, overrides: dict[str, str]) -> int | None:
    """The header row when none was recognised: the first row naming a mapped column."""
    names = {normalise_header(n) for n in overrides if not _is_position(n)}
    for index, row in enumerate(table.rows[:HEADER_SEARCH]):
        if names & {normalise_header(c) for c in row if isinstance(c, str)}:
            return index
    return None


def _is_position(name: str) -> bool:
    text = name.strip()
    return bool(re.fullmatch(r"[A-Za-z]{1,2}", text)) or text.isdigit()


def _find_column(table: Table, header: int | None, name: str) -> int:
    text = name.strip()
    if _is_position(text):
        index = int(text) - 1 if text.isdigit() else _letter_index(text)
        if 0 <= index < max(table.width, 1):
            return index
    if header is not None:
        for index, cell in enumerate(table.rows[header]):
            if isinstance(cell, str) and normalise_header(cell) == normalise_header(text):
                return index
    raise ValidationError(
        "map", f"the sheet has no column {name!r} (give its header, letter or number)"
    )


def _letter_index(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def parse_overrides(items: list[str]) -> dict[str, str]:
    """['Venue=location', 'F=people'] -> {'Venue': 'location', 'F': 'people'}."""
    result: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise ValidationError("map", f"{item!r} is not COLUMN=FIELD (e.g. Venue=location)")
        result[column.strip()] = field.strip()
    return result
