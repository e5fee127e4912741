"""Checking a parsed document completely before anything is written.

Every problem is named by its path (`tables.meeting[3].start_time: not a time`), up to
MAX_PROBLEMS; the rows come back with defaults and bookkeeping filled in, ready to write.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peernotes.core import interchange_limits as limits
from peernotes.core.clock import parse as parse_hlc
from peernotes.core.errors import ValidationError
from peernotes.core.ids import link_id
from peernotes.core.interchange.parsing import (
    InterchangeError,
    NotInterchange,
    TooNewInterchange,
    _refuse_constant,
)
from peernotes.core.interchange.spec import (
    FORMAT,
    FORMAT_VERSION,
    INT_CHOICES,
    LINK_ENDS,
    MAX_PROBLEMS,
    PATTERNS,
    Column,
    TableSpec,
    spec,
)
from peernotes.core.schema import SCHEMA_VERSION, SYNCED_TABLES
from peernotes.core.store import utc_now


@dataclass
class Checked:
    """A validated document: rows with every column present (defaults filled in)."""

    challenge_id: str
    tables: dict[str, list[dict[str, Any]]]
    history: list[dict[str, Any]]
    schema_version: int = SCHEMA_VERSION


class _Problems:
    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []
        self.truncated = False

    def add(self, path: str, message: str) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append((limits.clean(path), limits.clean(message)))
        else:
            self.truncated = True

    def raise_if_any(self) -> None:
        if self.found:
            raise InterchangeError(self.found, truncated=self.truncated)


_TOP_KEYS = (
    "$schema",
    "challenge_id",
    "format",
    "format_version",
    "history",
    "schema_version",
    "tables",
)


def validate(data: Any) -> Checked:
    """Check a parsed document completely; raise InterchangeError naming every problem by
    its path, or return the rows ready to write (with defaults and bookkeeping filled in)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotInterchange(
            f'This is not a PeerNotes challenge export (it has no "format": "{FORMAT}").'
        )
    problems = _Problems()
    for key in data:
        if key not in _TOP_KEYS:
            problems.add(
                key, f"unknown key (expected: {', '.join(k for k in _TOP_KEYS if k != '$schema')})"
            )
    _check_versions(data)
    now, stamps = utc_now(), _Stamps()
    tables_in = data.get("tables")
    if not isinstance(tables_in, dict):
        problems.add("tables", "must be an object of tables, each a list of rows")
        tables_in = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, rows in tables_in.items():
        if table not in SYNCED_TABLES:
            problems.add(f"tables.{table}", f"unknown table (known: {', '.join(SYNCED_TABLES)})")
            continue
        tables[table] = _check_rows(spec()[table], f"tables.{table}", rows, problems, now, stamps)
    history_in = data.get("history", [])
    history = _check_rows(spec()["history"], "history", history_in, problems, now, stamps)
    _check_references(tables, tables_in, problems)
    _check_letter(tables, problems)
    _check_frameworks(tables, problems)
    challenge_id = _check_challenge(data.get("challenge_id"), tables, problems)
    problems.raise_if_any()
    return Checked(
        challenge_id, {t: tables.get(t, []) for t in SYNCED_TABLES}, history, data["schema_version"]
    )


def _check_letter(tables: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    """Letter settings and outline blocks hold values the columns alone cannot check: a bad
    one is refused naming its path, never silently replaced by a default."""
    from peernotes.core import letter_settings
    from peernotes.core.letter_outline import check_block

    for index, row in enumerate(tables.get("setting", [])):
        key = row.get("key") or ""
        if not key.startswith(letter_settings.PREFIX) or row.get("deleted"):
            continue
        where = f"tables.setting[{index}].value"
        try:
            letter_settings.check_value(
                key[len(letter_settings.PREFIX) :], json.loads(row["value"])
            )
        except ValidationError as error:
            problems.add(where, f"{key}: {error.message}")
        except ValueError:
            pass  # not JSON: reported by the column check
    for index, row in enumerate(tables.get("letter_block", [])):
        try:
            options = json.loads(row.get("options") or "{}")
            check_block(row.get("kind"), row.get("text"), options, f"tables.letter_block[{index}]")
        except ValidationError as error:
            problems.add(error.field, error.message)
        except ValueError:
            pass


def _check_frameworks(tables: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    """A framework row naming a built-in framework, with no headings of its own, gets the
    built-in's headings on import; an unknown built-in name is refused."""
    from peernotes.core.frameworks import builtin_frameworks

    with_headings = {h.get("framework_id") for h in tables.get("heading", [])}
    for index, row in enumerate(tables.get("framework", [])):
        name = row.get("builtin_id")
        if name and row["id"] not in with_headings and name not in builtin_frameworks():
            known = ", ".join(builtin_frameworks())
            problems.add(
                f"tables.framework[{index}].builtin_id",
                f"{name!r} is not a built-in framework (known: {known}); give its headings "
                "in tables.heading instead",
            )


def _check_versions(data: dict[str, Any]) -> None:
    for key, newest in (("format_version", FORMAT_VERSION), ("schema_version", SCHEMA_VERSION)):
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InterchangeError([(key, f"must be a whole number of at least 1, not {value!r}")])
        if value > newest:
            raise TooNewInterchange(
                f"This export was written by a newer PeerNotes ({key.replace('_', ' ')} {value}); "
                f"this PeerNotes reads up to {newest}. Update PeerNotes to import it."
            )


class _Stamps:
    """Fresh clock stamps for rows that come without one (one device id per import)."""

    def __init__(self) -> None:
        self.device = "import" + uuid.uuid4().hex[:6]
        self.wall = int(datetime.now().timestamp() * 1000)
        self.counter = 0

    def next(self) -> str:
        self.counter += 1
        return f"{self.wall:013d}.{self.counter:05d}.{self.device}"


def _check_rows(
    table: TableSpec, path: str, rows: Any, problems: _Problems, now: str, stamps: _Stamps
) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        problems.add(path, "must be a list of rows")
        return []
    cleaned: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    uniques: dict[str, dict[Any, int]] = {c: {} for c, col in table.columns.items() if col.unique}
    for index, row in enumerate(rows):
        where = f"{path}[{index}]"
        if not isinstance(row, dict):
            problems.add(where, "must be an object (one row)")
            continue
        for key in row:
            if key not in table.columns:
                problems.add(
                    f"{where}.{key}",
                    f"unknown column (a {table.name} row has: {', '.join(table.columns)})",
                )
        values: dict[str, Any] = {}
        for column in table.columns.values():
            values[column.name] = _check_value(column, row, where, problems)
        _fill(table, values, now, stamps)
        _check_row_rules(table.name, values, where, problems)
        row_id = values.get("id")
        if isinstance(row_id, str):
            if row_id in seen:
                problems.add(f"{where}.id", f"duplicate id (also {path}[{seen[row_id]}])")
            seen[row_id] = index
        for name, taken in uniques.items():
            value = values.get(name)
            if value is not None and value in taken:
                problems.add(
                    f"{where}.{name}", f"{value!r} is already used by {path}[{taken[value]}]"
                )
            taken.setdefault(value, index)
        cleaned.append(values)
    return cleaned


_MISSING = object()


def _check_value(column: Column, row: dict[str, Any], where: str, problems: _Problems) -> Any:
    path = f"{where}.{column.name}"
    value = row.get(column.name, _MISSING)
    if value is _MISSING:
        if column.required:
            problems.add(path, "is required")
        return column.default if column.has_default else None
    if value is None:
        if not column.nullable:
            problems.add(path, "cannot be null")
        return None
    if isinstance(value, limits.RefusedNumber):
        problems.add(path, value.problem())
        return None
    if column.flag:
        if value in (0, 1) and not isinstance(value, float):
            return int(value)
        problems.add(path, f"must be 0 or 1 (or false/true), not {value!r}")
        return None
    if column.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(path, f"must be a whole number, not {value!r}")
            return None
        allowed = INT_CHOICES.get((column.table, column.name))
        if allowed is not None and value not in allowed:
            problems.add(path, f"must be one of {', '.join(map(str, allowed))}, not {value!r}")
            return None
        return value
    if column.type == "real":
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.add(path, f"must be a number, not {value!r}")
            return None
        return float(value)
    if not isinstance(value, str):
        problems.add(path, f"must be text, not {limits.clean(json.dumps(value)[:40])}")
        return None
    if text_problem := limits.text_problem(value):
        problems.add(path, text_problem)
        return None
    if column.enum is not None and value not in column.enum:
        problems.add(path, f"{value!r} is not one of: {', '.join(column.enum)}")
    elif column.format is not None:
        message = _format_problem(column.format, value)
        if message:
            problems.add(path, message)
    elif not column.nullable and not column.has_default and not value.strip():
        problems.add(path, "cannot be empty")
    return value


def _format_problem(fmt: str, value: str) -> str | None:
    """None when `value` has the format, else the message (starting 'not a <thing>')."""
    pattern = PATTERNS.get(fmt)
    if pattern is not None:
        ok = re.match(pattern, value) is not None
        if ok and fmt == "date":
            ok = _parses(date.fromisoformat, value)
        elif ok and fmt == "timestamp":
            ok = _parses(datetime.fromisoformat, value)
        elif ok and fmt == "hlc":
            ok = _parses(parse_hlc, value)
        if not ok:
            noun, expected = _EXPECTED[fmt]
            return f"not {noun}: {value!r} (expected {expected})"
        return limits.hlc_problem(value) if fmt == "hlc" else None
    try:
        decoded = limits.parse(value, _refuse_constant)
    except ValueError:
        return f"not JSON text: {value[:40]!r}"
    if fmt == "json_object" and not isinstance(decoded, dict):
        return "must be JSON text holding an object"
    return None


_EXPECTED: dict[str, tuple[str, str]] = {
    "id": ("an id", "32 lowercase hex digits"),
    "date": ("a date", "YYYY-MM-DD"),
    "time": ("a time", "HH:MM, 24-hour"),
    "timestamp": ("a date and time", "ISO 8601, e.g. 2026-11-10T09:30:00"),
    "hlc": ("a clock stamp", "<13-digit ms>.<5-digit counter>.<device>"),
}


def _parses(parser: Callable[[str], Any], value: str) -> bool:
    try:
        parser(value)
    except ValueError:
        return False
    return True


def _fill(table: TableSpec, values: dict[str, Any], now: str, stamps: _Stamps) -> None:
    """Bookkeeping a tool left out: creation time now, a fresh stamp, a derived link id."""
    if table.name == "history":
        return
    if values.get("created_at") is None:
        values["created_at"] = values.get("modified_at") or now
    if values.get("modified_at") is None:
        values["modified_at"] = values["created_at"]
    if values.get("hlc") is None:
        values["hlc"] = stamps.next()
    if values.get("id") is None and table.name in LINK_ENDS:
        ends = [values.get(end) for end in LINK_ENDS[table.name]]
        if all(isinstance(end, str) for end in ends):
            values["id"] = link_id(table.name, *ends)  # type: ignore[arg-type]


def _check_row_rules(table: str, values: dict[str, Any], where: str, problems: _Problems) -> None:
    """The few rules that span two columns of one row."""
    for first, last, message in _ORDER_RULES.get(table, ()):
        start, end = values.get(first), values.get(last)
        fmt = spec()[table].columns[first].format or ""
        valid = all(isinstance(v, str) and not _format_problem(fmt, v) for v in (start, end))
        if valid and end < start:  # type: ignore[operator]
            problems.add(f"{where}.{last}", message.format(start=start, end=end))
    people = values.get("people") if table == "headcount" else None
    if isinstance(people, int) and not isinstance(people, bool) and people < 1:
        problems.add(f"{where}.people", "a headcount is at least 1 person (delete the row instead)")


_ORDER_RULES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "meeting": (("start_time", "end_time", "the meeting ends ({end}) before it starts ({start})"),),
    "challenge": (
        ("onsite_start", "onsite_end", "the on-site days end ({end}) before they start ({start})"),
    ),
}


def _check_references(
    tables: dict[str, list[dict[str, Any]]], raw: dict[str, Any], problems: _Problems
) -> None:
    ids = {
        table: {r["id"] for r in rows if isinstance(r.get("id"), str)}
        for table, rows in tables.items()
    }
    for table, rows in tables.items():
        refs = [c for c in spec()[table].columns.values() if c.references]
        for index, row in enumerate(rows):
            for column in refs:
                value = row.get(column.name)
                if isinstance(value, str) and value not in ids.get(column.references or "", set()):
                    problems.add(
                        f"tables.{table}[{index}].{column.name}",
                        f"no {column.references} with id {value!r} in this document",
                    )


def _check_challenge(
    given: Any, tables: dict[str, list[dict[str, Any]]], problems: _Problems
) -> str:
    live = [r for r in tables.get("challenge", []) if not r.get("deleted")]
    if len(live) != 1:
        problems.add(
            "tables.challenge", f"must hold exactly one live challenge (found {len(live)})"
        )
        return ""
    if given is None:
        return live[0]["id"]
    if not isinstance(given, str) or given != live[0]["id"]:
        problems.add(
            "challenge_id", f"{given!r} is not the id of the challenge in tables.challenge"
        )
    return live[0]["id"]
