"""What one committed transaction changed, named by a `Table` enum screens can check.

The store announces a `Change` after every commit, whoever made it (window, CLI, merge, undo),
and each screen decides what to refresh (Anki's `OpChanges`, made generic). Screens ask
`change.touches(Table.MEETING)` or `change.ids(Table.OBSERVATION)`: a misspelt table is an
AttributeError at import and a mypy error, never a screen that silently stops refreshing.

A Change stays cheap: a set of ids per table, and for a merge's bulk inserts not even that
(`is_bulk`), so a merge's memory does not grow with what comes in.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from enum import StrEnum


class Table(StrEnum):
    """Every table of a challenge file (a StrEnum: its members are the tables' names)."""

    CHALLENGE = "challenge"
    CONFLICT = "conflict"
    DOCUMENT = "document"
    FEEDBACK_SNAPSHOT = "feedback_snapshot"
    FINDING = "finding"
    FINDING_EVIDENCE = "finding_evidence"
    FRAMEWORK = "framework"
    HEADCOUNT = "headcount"
    HEADING = "heading"
    HISTORY = "history"
    LETTER_BLOCK = "letter_block"
    LETTER_SECTION = "letter_section"
    LOCAL = "local"
    MEETING = "meeting"
    MEETING_PEER = "meeting_peer"
    MEETING_PERSON = "meeting_person"
    MERGE_LOG = "merge_log"
    META = "meta"
    NOTE_PAIR = "note_pair"
    OBSERVATION = "observation"
    OBSERVATION_HEADING = "observation_heading"
    PEER = "peer"
    PERSON = "person"
    RECOMMENDATION_GROUP = "recommendation_group"
    SETTING = "setting"
    STAKEHOLDER_GROUP = "stakeholder_group"


_NONE: frozenset[str] = frozenset()
_NAMES = frozenset(t.value for t in Table)


@dataclass
class Change:
    """What one committed transaction changed. The store fills it (`add`, `add_bulk`, by
    table name); screens read it through `touches`, `ids` and `is_bulk`, by `Table`."""

    tables: dict[str, set[str]] = field(default_factory=dict)
    # Tables that gained rows too many to list (a merge's new rows): their ids are not kept.
    # Such a table is in `tables` too (maybe with no ids): screens showing it re-read it whole.
    bulk: set[str] = field(default_factory=set)

    # ------------------------------------------------------------- the store
    def add(self, table: str, row_id: str) -> None:
        self.tables.setdefault(table, set()).add(row_id)

    def add_bulk(self, table: str) -> None:
        self.tables.setdefault(table, set())
        self.bulk.add(table)

    def absorb(self, other: Change) -> None:
        """Add what `other` changed (several commits shown as one)."""
        for table, ids in other.tables.items():
            self.tables.setdefault(table, set()).update(ids)
        self.bulk |= other.bulk

    # --------------------------------------------------------------- screens
    def touches(self, *tables: Table) -> bool:
        """Whether any of these tables changed."""
        return any(t in self.tables for t in tables)

    def ids(self, table: Table) -> Set[str]:
        """The ids changed in `table` (read-only, not copied; none when it did not change,
        and not all of them when `is_bulk(table)`)."""
        return self.tables.get(table, _NONE)

    def is_bulk(self, table: Table) -> bool:
        """Whether `table` gained rows too many to list (re-read it whole)."""
        return table in self.bulk

    def touched(self) -> list[Table]:
        """The tables that changed."""
        return [Table(name) for name in self.tables if name in _NAMES]

    def rows(self) -> list[tuple[Table, str]]:
        """Every (table, id) changed (a bulk table's unlisted rows excepted)."""
        return [
            (Table(name), row_id)
            for name, ids in self.tables.items()
            if name in _NAMES
            for row_id in ids
        ]

    def __bool__(self) -> bool:
        return bool(self.tables)
