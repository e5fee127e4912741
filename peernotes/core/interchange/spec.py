"""The declarative column spec of the interchange: formats, vocabularies, link ends and the
words of the docs, plus `spec()`, which derives every column's rules from the schema itself.

A table added by a later migration is covered by the validator, the JSON Schema and the docs
once its formats and vocabularies are named here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from peernotes.core import vocab
from peernotes.core.introspection import database
from peernotes.core.letter_outline import BLOCK_KINDS
from peernotes.core.schema import SYNCED_TABLES, migrate

if TYPE_CHECKING:
    from sqlite_utils.db import Table

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
    ("note_pair", "verdict"): ("same", "both", "disagree"),
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
    "note_pair": ("observation_id", "other_id"),
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
    "note_pair": "Meetings written up twice: the team's mark on two peers' notes of one meeting (same point, keep both, disagreement). The two note ids in sorted order (`observation_id` < `other_id`); the id is derived from them.",
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
    "other_id": "The second note of the pair (the two ids in sorted order).",
    "verdict": "What the team decided: same (the same point, shown together), both (different points, keep both) or disagree (contradicting evidence).",
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
        db = database(conn)
        return {t: _table_spec(db.table(t)) for t in (*SYNCED_TABLES, "history")}
    finally:
        conn.close()


def _table_spec(table: Table) -> TableSpec:
    """Each column's rules: its declaration (sqlite-utils' `Column`), keys, unique constraints."""
    references = {col: fk.other_table for fk in table.foreign_keys for col in fk.columns}
    unique = {
        index.columns[0]
        for index in table.indexes
        if index.unique and index.origin == "u" and len(index.columns) == 1
    }
    columns: dict[str, Column] = {}
    for column in table.columns:
        name, default, notnull = column.name, column.default_value, column.notnull
        has_default = default is not None
        fmt = FORMATS.get((table.name, name)) or FORMATS.get(("*", name))
        if name in references:
            fmt = "id"
        optional = has_default or not notnull or name in FILLED_ON_IMPORT
        if name == "id" and table.name in LINK_ENDS:
            optional = True
        columns[name] = Column(
            table=table.name,
            name=name,
            type=column.type.lower(),
            nullable=not notnull,
            default=_literal(default) if has_default else None,
            has_default=has_default,
            required=not optional,
            format=fmt,
            enum=ENUMS.get((table.name, name)),
            flag=name in FLAGS,
            references=references.get(name),
            unique=name in unique,
        )
    return TableSpec(table.name, columns)


def _literal(sql_default: str) -> Any:
    if sql_default.startswith("'") and sql_default.endswith("'"):
        return sql_default[1:-1].replace("''", "'")
    try:
        return int(sql_default)
    except ValueError:
        return float(sql_default)
