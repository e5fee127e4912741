"""The JSON interchange format: a whole challenge as one JSON document, and back.

    {"format": "peernotes-challenge", "format_version": 1, "schema_version": <n>,
     "challenge_id": "<id>", "tables": {"<table>": [rows...]}, "history": [rows...]}

It is how other tools, scripts and tests feed PeerNotes, and a plain-text copy of a challenge
a person can read. Export mirrors the file exactly -- every merged table, tombstones and
bookkeeping columns included, rows sorted by id, keys sorted -- so export, import, export
gives byte-identical JSON. Import creates a new file and is all-or-nothing: the whole document
is checked first (every problem named by its path, e.g. `tables.meeting[3].start_time: not a
time`), then written in one transaction into a temporary file that is renamed into place only
when complete. The checks come from one declarative column spec, derived from the schema
itself (PRAGMA table_info / foreign_key_list / index_list on a fresh in-memory file) plus a
small table of vocabularies and formats, so a table added by a later migration is covered
without new code. The same spec generates docs/challenge.schema.json and the column reference
in docs/interchange.md: `python -m peernotes.core.interchange --write-docs` refreshes both.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from peernotes.core import interchange_limits as limits
from peernotes.core import vocab
from peernotes.core.clock import parse as parse_hlc
from peernotes.core.errors import FileRefused, PeerNotesError, ValidationError
from peernotes.core.files import all_companions
from peernotes.core.ids import link_id
from peernotes.core.letter_outline import BLOCK_KINDS
from peernotes.core.schema import BOOKKEEPING_COLUMNS, SCHEMA_VERSION, SYNCED_TABLES, migrate
from peernotes.core.schema_v8 import v8_escape_texts
from peernotes.core.store import ChallengeFile, utc_now

FORMAT = "peernotes-challenge"
FORMAT_VERSION = 1
MAX_PROBLEMS = 50  # enough to fix a batch; a broken 50,000-row file does not print 50,000 lines

# ------------------------------------------------------------------ the declarative spec
# Formats of text columns. (table, column) wins over a bare column name; "*" = every table.
FORMATS: dict[tuple[str, str], str] = {
    ("*", "id"): "id",
    ("*", "created_by"): "id",
    ("*", "modified_by"): "id",
    ("*", "created_at"): "timestamp",
    ("*", "modified_at"): "timestamp",
    ("*", "hlc"): "hlc",
    ("*", "base_hlc"): "hlc",
    ("challenge", "onsite_start"): "date",
    ("challenge", "onsite_end"): "date",
    ("document", "doc_date"): "date",
    ("meeting", "date"): "date",
    ("meeting", "start_time"): "time",
    ("meeting", "end_time"): "time",
    ("observation", "observed_at"): "timestamp",
    ("framework", "score_scale"): "json",
    ("setting", "value"): "json",
    ("conflict", "row_id"): "id",
    ("conflict", "winner_hlc"): "hlc",
    ("conflict", "loser_hlc"): "hlc",
    ("conflict", "loser_data"): "json_object",
    ("merge_log", "report"): "json",
    ("feedback_snapshot", "recorded_at"): "timestamp",
    ("feedback_snapshot", "presented_findings"): "json_object",
    ("letter_block", "options"): "json_object",
    ("history", "row_id"): "id",
    ("history", "data"): "json_object",
}
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("observation", "mode"): tuple(vocab.MODES),
    ("observation", "polarity"): tuple(vocab.POLARITIES),
    ("peer", "role"): tuple(vocab.PEER_ROLES),
    ("meeting", "type"): tuple(vocab.MEETING_TYPES),
    ("finding", "kind"): tuple(vocab.FINDING_KINDS),
    ("finding_evidence", "relation"): tuple(vocab.EVIDENCE_RELATIONS),
    ("heading", "kind"): ("domain", "standard", "custom", "scope"),
    ("feedback_snapshot", "occasion"): ("presented", "exported"),
    ("letter_block", "kind"): tuple(BLOCK_KINDS),
    ("conflict", "table_name"): SYNCED_TABLES,
    ("history", "table_name"): SYNCED_TABLES,
}
FLAGS = frozenset(
    {"deleted", "is_quote", "notable", "key_message", "single_person", "numbered", "prose_only"}
)
# Whole numbers the schema CHECKs to a few values: refused with a path, not an IntegrityError.
INT_CHOICES: dict[tuple[str, str], tuple[int, ...]] = {("letter_section", "level"): (1, 2)}
# Link tables: the id is derived from the two ends (ids.link_id), in this order, so the same
# link made on two laptops is one row. On import the id may be left out and is derived.
LINK_ENDS: dict[str, tuple[str, str]] = {
    "meeting_peer": ("meeting_id", "peer_id"),
    "meeting_person": ("meeting_id", "person_id"),
    "observation_heading": ("observation_id", "heading_id"),
    "finding_evidence": ("finding_id", "observation_id"),
    "headcount": ("meeting_id", "group_id"),
}
# Bookkeeping a tool may leave out; import fills it in (now, a fresh clock stamp, not deleted).
FILLED_ON_IMPORT = frozenset({"created_at", "modified_at", "hlc", "deleted"})

PATTERNS: dict[str, str] = {
    "id": r"^[0-9a-f]{32}$",
    "date": r"^\d{4}-\d{2}-\d{2}$",
    "time": r"^([01]\d|2[0-3]):[0-5]\d$",
    "timestamp": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$",
    "hlc": r"^\d{13}\.\d{5}\.[^.\s]+$",
}
FORMAT_WORDS: dict[str, str] = {
    "id": "an id (32 lowercase hex digits, a UUID without dashes)",
    "date": "a date, YYYY-MM-DD",
    "time": "a time, HH:MM (24-hour)",
    "timestamp": "a date and time, ISO 8601 (YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM])",
    "hlc": "a clock stamp, <13-digit ms>.<5-digit counter>.<device>",
    "json": "JSON text (a string holding a JSON value)",
    "json_object": "JSON text holding an object",
}

TABLE_DOCS: dict[str, str] = {
    "framework": "The challenge's copy of its framework (a built-in template or its own).",
    "challenge": "The challenge itself: exactly one live row.",
    "heading": "Framework headings: domains, their standards, the challenge's own headings and scoping questions.",
    "peer": "The peer team.",
    "stakeholder_group": "The editable list of stakeholder groups people belong to.",
    "person": "People met (never named in the letter).",
    "document": "Documents read.",
    "meeting": "The on-site programme.",
    "meeting_peer": "Which peers were at a meeting (link).",
    "meeting_person": "Which people were met at a meeting (link).",
    "observation": "What the team read, heard and saw.",
    "observation_heading": "The headings an observation is tagged with (link).",
    "recommendation_group": 'Groups of recommendations, e.g. "Quick wins".',
    "finding": "Strengths, areas for consideration and recommendations.",
    "finding_evidence": "Observations supporting or contradicting a finding (link).",
    "setting": "Per-challenge settings, one row per key; the value is JSON text. Letter "
    "settings (`letter.<name>`) are checked by name: see docs/letter.md.",
    "letter_section": "The letter outline's sections, in `ordinal` order: a title (empty: "
    "none), a level (1 section, 2 sub-section), whether the heading takes a number.",
    "letter_block": "The blocks of a letter section, in `ordinal` order: the author's text "
    "(prose, bullets, quote) or a generated block whose `text` is its wording with fields; "
    "`options` is a JSON object checked per kind (docs/letter.md).",
    "conflict": "Edits that lost a merge, kept for review.",
    "merge_log": "One row per merge of another peer's file.",
    "headcount": 'People met without their names, per meeting and stakeholder group ("12 carers"): counted in the figures and coverage, never named.',
    "feedback_snapshot": "The feedback as presented on the last day: the findings the deck carried, recorded when it was presented or exported, so the letter can be checked against it. Only ever added.",
    "history": "Earlier versions of rows (top-level `history`, not in `tables`).",
}
COLUMN_DOCS: dict[str, str] = {
    "id": "Identity of the row, never reused.",
    "created_at": "When the row was created (UTC).",
    "created_by": "The peer who created it.",
    "modified_at": "When it was last changed (UTC).",
    "modified_by": "The peer who last changed it.",
    "hlc": "Hybrid logical clock stamp of the last change; orders edits across laptops.",
    "base_hlc": "The stamp of the version this one was edited from (merging).",
    "deleted": "1 = deleted (a tombstone, kept so deletions merge and can be undone).",
    "ordinal": "Position among its siblings (lower first).",
    "import_key": "Meetings from an imported timetable: the row's date, start and title, so a re-import updates the meeting instead of adding another.",
    "people": "How many people of the group were met (1 or more).",
    "recorded_at": "When the feedback was recorded as presented (UTC).",
    "occasion": "How it was recorded: presented (the presenter view) or exported (the .pptx).",
    "prose_only": "1 = the letter prints the finding as prose only: its narrative (else its statement) as a paragraph, no bullet.",
    "presented_findings": 'JSON object: {"slides": n, "findings": [{"id", "kind", "statement", "heading"}]}, the findings as the deck showed them.',
}


@dataclass(frozen=True)
class Column:
    """What a value in one column may be, derived from the schema plus the tables above."""

    table: str
    name: str
    type: str  # text | integer | real
    nullable: bool
    default: Any
    has_default: bool
    required: bool  # must be present in an imported row
    format: str | None
    enum: tuple[str, ...] | None
    flag: bool
    references: str | None
    unique: bool


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: dict[str, Column]


@cache
def spec() -> dict[str, TableSpec]:
    """The column spec of every table in the interchange (the merged tables, then history)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        return {t: _table_spec(conn, t) for t in (*SYNCED_TABLES, "history")}
    finally:
        conn.close()


def _table_spec(conn: sqlite3.Connection, table: str) -> TableSpec:
    references = {row[3]: row[2] for row in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
    unique: set[str] = set()
    for index in conn.execute(f'PRAGMA index_list("{table}")'):
        if index[2] and index[3] == "u":
            cols = [r[2] for r in conn.execute(f'PRAGMA index_info("{index[1]}")')]
            if len(cols) == 1:
                unique.add(cols[0])
    columns: dict[str, Column] = {}
    for _, name, declared, notnull, default, _pk in conn.execute(f'PRAGMA table_info("{table}")'):
        has_default = default is not None
        fmt = FORMATS.get((table, name)) or FORMATS.get(("*", name))
        if name in references:
            fmt = "id"
        optional = has_default or not notnull or name in FILLED_ON_IMPORT
        if name == "id" and table in LINK_ENDS:
            optional = True
        columns[name] = Column(
            table=table,
            name=name,
            type=declared.lower(),
            nullable=not notnull,
            default=_literal(default) if has_default else None,
            has_default=has_default,
            required=not optional,
            format=fmt,
            enum=ENUMS.get((table, name)),
            flag=name in FLAGS,
            references=references.get(name),
            unique=name in unique,
        )
    return TableSpec(table, columns)


def _literal(sql_default: str) -> Any:
    if sql_default.startswith("'") and sql_default.endswith("'"):
        return sql_default[1:-1].replace("''", "'")
    try:
        return int(sql_default)
    except ValueError:
        return float(sql_default)


# ------------------------------------------------------------------------------ export
def export_json(cf: ChallengeFile) -> dict[str, Any]:
    """The whole challenge as a JSON-ready dict: every merged table (tombstones included)
    and the history of earlier versions, rows sorted by id and keys sorted."""
    tables = {table: _sorted_rows(cf, table) for table in SYNCED_TABLES}
    return {
        "challenge_id": cf.challenge_id,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "history": _sorted_rows(cf, "history"),
        "schema_version": SCHEMA_VERSION,
        "tables": tables,
    }


def _sorted_rows(cf: ChallengeFile, table: str) -> list[dict[str, Any]]:
    return list(_iter_rows(cf, table))


def _iter_rows(cf: ChallengeFile, table: str) -> Iterator[dict[str, Any]]:
    cursor = cf.conn.execute(f'SELECT * FROM "{table}" ORDER BY id')
    names = [d[0] for d in cursor.description]
    order = sorted(range(len(names)), key=names.__getitem__)
    for values in cursor:
        yield {names[i]: values[i] for i in order}


def dumps(document: dict[str, Any]) -> str:
    """The canonical text of an export: sorted keys, UTF-8, one-space indent, final newline."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def iter_export(cf: ChallengeFile) -> Iterator[str]:
    """The canonical text of `export_json(cf)`, piece by piece, one row in memory at a time
    (a 50,000-observation challenge exports without holding the whole document)."""
    yield "{\n"
    yield f' "challenge_id": {json.dumps(cf.challenge_id)},\n'
    yield f' "format": {json.dumps(FORMAT)},\n'
    yield f' "format_version": {FORMAT_VERSION},\n'
    yield ' "history": '
    yield from _iter_list(_iter_rows(cf, "history"), level=1)
    yield f',\n "schema_version": {SCHEMA_VERSION},\n "tables": {{\n'
    tables = sorted(SYNCED_TABLES)
    for position, table in enumerate(tables):
        yield f"  {json.dumps(table)}: "
        yield from _iter_list(_iter_rows(cf, table), level=2)
        yield ",\n" if position < len(tables) - 1 else "\n"
    yield " }\n}\n"


def _iter_list(rows: Iterator[dict[str, Any]], *, level: int) -> Iterator[str]:
    """A list of flat rows exactly as json.dumps(indent=1, sort_keys=True) nests it."""
    inner = " " * (level + 1)
    first = True
    for row in rows:
        text = json.dumps(row, ensure_ascii=False, sort_keys=True, indent=1)
        yield ("[\n" if first else ",\n") + "\n".join(inner + line for line in text.split("\n"))
        first = False
    yield "[]" if first else "\n" + " " * level + "]"


def export_text(cf: ChallengeFile) -> str:
    return "".join(iter_export(cf))


# ------------------------------------------------------------------------------ errors
class InterchangeError(ValidationError):
    """A document that cannot be imported. `field` is the path of the first problem;
    `problems` lists every problem found, as (path, message)."""

    def __init__(self, problems: list[tuple[str, str]], *, truncated: bool = False):
        self.problems = problems
        path, message = problems[0]
        more = len(problems) - 1
        if more:
            message += (
                f" (and {more}{'+' if truncated else ''} more problem{'s' if more > 1 else ''})"
            )
        super().__init__(path, message)


class NotInterchange(PeerNotesError):
    """Not a PeerNotes interchange document at all (bad JSON, or some other JSON)."""


class TooNewInterchange(PeerNotesError):
    pass


def loads(text: str | bytes, *, source: str = "the JSON") -> Any:
    """Parse JSON text; a syntax error names the line and column."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise NotInterchange(f"{source} is not UTF-8 text (byte {error.start}).") from error
    try:
        return limits.parse(text, _refuse_constant)
    except limits.DeepNesting as error:
        raise NotInterchange(f"{source} is not a PeerNotes export: {error}.") from error
    except json.JSONDecodeError as error:
        raise NotInterchange(
            f"{source} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error
    except ValueError as error:
        raise NotInterchange(f"{source} is not valid JSON: {error}.") from error


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read(path: str | Path) -> Any:
    """Read and parse an interchange file."""
    path = Path(path)
    if not path.exists():
        raise FileRefused(f"{path} does not exist.")
    if path.is_dir():
        raise FileRefused(f"{path} is a folder, not a JSON file.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileRefused(f"{path} cannot be read: {error.strerror or error}.") from error
    return loads(data, source=str(path))


# -------------------------------------------------------------------------- validation
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


# ------------------------------------------------------------------------------ import
def import_json(data: Any, path: str | Path) -> ChallengeFile:
    """Create a NEW challenge file at `path` from a parsed document (see `loads`/`read`).
    All or nothing: everything is checked before anything is written, the rows go in in one
    transaction, and the file appears at `path` only once complete. Returns it, open."""
    path = Path(path)
    if path.exists():
        raise FileRefused(f"{path} already exists; PeerNotes will not overwrite it.")
    checked = validate(data)
    temporary = path.with_name(f".{path.name}.importing-{uuid.uuid4().hex[:8]}")
    try:
        cf = ChallengeFile.create(temporary)
        try:
            _write(cf, checked)
        finally:
            cf.close()
        if path.exists():
            raise FileRefused(f"{path} appeared while importing; PeerNotes will not overwrite it.")
        os.replace(temporary, path)
    except BaseException:
        for leftover in _sidecars(temporary):
            leftover.unlink(missing_ok=True)
        raise
    return ChallengeFile.open(path)


def _sidecars(path: Path) -> Iterable[Path]:
    return (path, *all_companions(path))


def _write(cf: ChallengeFile, checked: Checked) -> None:
    if checked.tables["letter_section"] or checked.tables["letter_block"]:
        _clear_seed_outline(cf)
    with cf.transaction():
        for table in (*SYNCED_TABLES, "history"):
            rows = checked.history if table == "history" else checked.tables[table]
            if not rows:
                continue
            names = list(spec()[table].columns)
            cf.conn.executemany(
                f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" for _ in names)})',
                [[row[name] for name in names] for row in rows],
            )
            if table != "history":
                for row in rows:
                    cf.note_change(table, row["id"])
        _install_builtin_headings(cf, checked)
        if checked.schema_version < 6:
            _escape_for_markup(cf)
        if checked.schema_version < 8:  # the inline quote and lettered sub-list marks
            v8_escape_texts(cf.conn)
        cf.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('challenge_id', ?)", (checked.challenge_id,)
        )
        stamps = [r["hlc"] for rows in checked.tables.values() for r in rows]
        stamps += [r["hlc"] for r in checked.history]
        if stamps:
            newest = max(stamps, key=parse_hlc)
            cf.clock.observe(newest)
            cf.conn.execute(
                "INSERT INTO local(key, value) VALUES ('hlc_high', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (cf.clock.now(),),
            )


def _clear_seed_outline(cf: ChallengeFile) -> None:
    """A new file comes with the standard outline; an import that brings its own replaces
    it (the seed rows were never shared, so they go without tombstones)."""
    with cf.transaction():
        cf.conn.execute("DELETE FROM letter_block")
        cf.conn.execute("DELETE FROM letter_section")


def _install_builtin_headings(cf: ChallengeFile, checked: Checked) -> None:
    from peernotes.core.frameworks import builtin
    from peernotes.core.records.challenge import install_headings

    with_headings = {h["framework_id"] for h in checked.tables["heading"]}
    for row in checked.tables["framework"]:
        if row["builtin_id"] and row["id"] not in with_headings and not row["deleted"]:
            install_headings(cf, row["id"], builtin(row["builtin_id"]))


def _escape_for_markup(cf: ChallengeFile) -> None:
    """An export from before the letter's inline markup (schema < 6): escape its text the
    way the v6 migration escapes a file's, so it prints as it did."""
    from peernotes.core.schema import _v6_escape_texts

    _v6_escape_texts(cf.conn)


# ----------------------------------------------------------------- JSON Schema and docs
def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the format, generated from the same spec as the
    validator. References between tables cannot be expressed in JSON Schema; the import
    checks them (each column's description names its target)."""
    defs: dict[str, Any] = {
        fmt: {"type": "string", "pattern": pattern, "description": FORMAT_WORDS[fmt]}
        for fmt, pattern in PATTERNS.items()
    }
    for fmt in ("json", "json_object"):
        defs[fmt] = {
            "type": "string",
            "contentMediaType": "application/json",
            "description": FORMAT_WORDS[fmt],
        }
    for name, table in spec().items():
        defs[f"{name}_row"] = _row_schema(table)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:peernotes:challenge-interchange:1",
        "title": "PeerNotes challenge (JSON interchange)",
        "description": (
            f"A whole peer challenge. Format version {FORMAT_VERSION}, generated for schema "
            f"version {SCHEMA_VERSION}. See docs/interchange.md."
        ),
        "type": "object",
        "required": ["format", "format_version", "schema_version", "tables"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "format": {"const": FORMAT},
            "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "schema_version": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
            "challenge_id": {"$ref": "#/$defs/id"},
            "tables": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    t: {
                        "type": "array",
                        "items": {"$ref": f"#/$defs/{t}_row"},
                        "description": TABLE_DOCS.get(t, ""),
                    }
                    for t in SYNCED_TABLES
                },
            },
            "history": {
                "type": "array",
                "items": {"$ref": "#/$defs/history_row"},
                "description": TABLE_DOCS["history"],
            },
        },
        "$defs": defs,
    }


def _row_schema(table: TableSpec) -> dict[str, Any]:
    properties = {c.name: _column_schema(c) for c in table.columns.values()}
    return {
        "type": "object",
        "description": TABLE_DOCS.get(table.name, ""),
        "required": [c.name for c in table.columns.values() if c.required],
        "additionalProperties": False,
        "properties": properties,
    }


def _column_schema(column: Column) -> dict[str, Any]:
    schema: dict[str, Any]
    if column.flag:
        schema = {"enum": [0, 1, False, True]}
    elif column.enum is not None:
        schema = {"enum": list(column.enum)}
    elif column.format is not None:
        schema = {"$ref": f"#/$defs/{column.format}"}
    else:
        schema = {"type": {"text": "string", "integer": "integer", "real": "number"}[column.type]}
        if column.type == "text" and not column.nullable and not column.has_default:
            schema["pattern"] = r"\S"  # not empty, not only spaces
    if column.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    description = _column_note(column)
    if description:
        schema["description"] = description
    if column.has_default:
        schema["default"] = column.default
    return schema


def _column_note(column: Column) -> str:
    notes = []
    if column.name in COLUMN_DOCS:
        notes.append(COLUMN_DOCS[column.name])
    if column.references:
        notes.append(f"References {column.references}.id.")
    if column.unique:
        notes.append("Unique within the table.")
    if column.name == "id" and column.table in LINK_ENDS:
        a, b = LINK_ENDS[column.table]
        notes.append(f"Derived from {a} and {b} when left out.")
    return " ".join(notes)


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


DOCS_BEGIN = (
    "<!-- columns:begin (generated by python -m peernotes.core.interchange --write-docs) -->"
)
DOCS_END = "<!-- columns:end -->"


def columns_markdown() -> str:
    """The column reference for docs/interchange.md: the bookkeeping columns once, then each
    table's own columns."""
    shared = spec()["framework"].columns
    lines = [
        "### Bookkeeping columns (every table in `tables`)",
        "",
        *_column_table(shared[name] for name in BOOKKEEPING_COLUMNS if name in shared),
    ]
    for name, table in spec().items():
        where = "`history` (top level)" if name == "history" else f"`tables.{name}`"
        own = [
            c
            for c in table.columns.values()
            if name == "history" or c.name not in BOOKKEEPING_COLUMNS
        ]
        lines += [f"### {where}", "", TABLE_DOCS.get(name, ""), "", *_column_table(own)]
    return "\n".join(lines).rstrip() + "\n"


def _column_table(columns: Iterable[Column]) -> list[str]:
    lines = ["| column | type | required | values |", "|---|---|---|---|"]
    for column in columns:
        lines.append(
            f"| `{column.name}` | {_type_words(column)} | {_required_words(column)} | "
            f"{_values_words(column)} |"
        )
    return [*lines, ""]


def _type_words(column: Column) -> str:
    if column.flag:
        return "0 / 1"
    word = {"text": "text", "integer": "integer", "real": "number"}[column.type]
    return word + (" or null" if column.nullable else "")


def _required_words(column: Column) -> str:
    if column.required:
        return "yes"
    if column.has_default:
        return f"no (default `{json.dumps(column.default)}`)"
    if column.name in FILLED_ON_IMPORT or (column.name == "id" and column.table in LINK_ENDS):
        return "no (filled in)"
    return "no"


_SHORT_FORMATS = {
    "id": "id (32 hex digits)",
    "date": "date, YYYY-MM-DD",
    "time": "time, HH:MM",
    "timestamp": "date and time, ISO 8601",
    "hlc": "clock stamp",
    "json": "JSON text",
    "json_object": "JSON text (an object)",
}


def _values_words(column: Column) -> str:
    parts = []
    if column.enum is not None:
        parts.append("one of " + ", ".join(f"`{v}`" for v in column.enum) + ".")
    elif column.references:
        parts.append(f"Id of a `{column.references}`.")
    elif column.format is not None:
        parts.append(_cap(_SHORT_FORMATS[column.format]) + ".")
    note = _column_note(column).replace(f"References {column.references}.id.", "").strip()
    if note:
        parts.append(note)
    return _cap(" ".join(parts)).replace("|", "\\|")


def _cap(words: str) -> str:
    return words[:1].upper() + words[1:]


def render_docs(markdown: str) -> str:
    """`markdown` with its generated column reference replaced by the current one."""
    start, end = markdown.index(DOCS_BEGIN), markdown.index(DOCS_END)
    return markdown[: start + len(DOCS_BEGIN)] + "\n\n" + columns_markdown() + "\n" + markdown[end:]


def write_docs(docs: Path) -> list[Path]:
    schema_path, guide = docs / "challenge.schema.json", docs / "interchange.md"
    schema_path.write_text(schema_text(), encoding="utf-8")
    guide.write_text(render_docs(guide.read_text(encoding="utf-8")), encoding="utf-8")
    return [schema_path, guide]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m peernotes.core.interchange",
        description="Print the interchange JSON Schema, or refresh docs/ from the schema.",
    )
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="rewrite docs/challenge.schema.json and the column reference in docs/interchange.md",
    )
    parser.add_argument("--docs", type=Path, default=Path(__file__).resolve().parents[2] / "docs")
    args = parser.parse_args(argv)
    if args.write_docs:
        for path in write_docs(args.docs):
            print(f"wrote {path}")
    else:
        sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
