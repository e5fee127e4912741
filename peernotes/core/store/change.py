"""What a committed transaction changed, told to the store's listeners (screens, the session).

Kept apart from the store so readers of changes (UI models, the undo spine) need not know how
rows are written. `Row` is the generic row the store hands out: a dict of column values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Row = dict[str, Any]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Change:
    """What one committed transaction changed: {table: {ids}}. Screens decide what to refresh."""

    tables: dict[str, set[str]] = field(default_factory=dict)
    # Tables that gained rows too many to list (a merge's new rows): their ids are not kept,
    # so a merge's memory does not grow with what comes in. Such a table is in `tables` too
    # (maybe with no ids): screens showing it re-read it whole.
    bulk: set[str] = field(default_factory=set)

    def add(self, table: str, row_id: str) -> None:
        self.tables.setdefault(table, set()).add(row_id)

    def add_bulk(self, table: str) -> None:
        self.tables.setdefault(table, set())
        self.bulk.add(table)

    def touches(self, *tables: str) -> bool:
        return any(t in self.tables for t in tables)


Listener = Callable[[Change], None]
