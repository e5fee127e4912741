"""The sanctioned bulk API: rows that were stamped elsewhere, written as they are.

An import, a merge, a peer's copy and a recovery bring rows whose bookkeeping (id, who, when,
HLC) was written on another laptop or in another file: stamping them again would lose who
made them and break merging. These calls write such rows verbatim, in the caller's
transaction, and keep the two things the row API would have kept: listeners hear which tables
changed, and this file's clock moves past every stamp that came in.

The conflict list is a cache worked out from a record's versions (peernotes.core.versions),
never merged row by row: its rows are replaced and removed outright here.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any, Literal

from peernotes.core.schema import SYNCED_TABLES
from peernotes.core.store.change import Row
from peernotes.core.store.rows import RowStore, _ident

# Rows per INSERT statement at most (a power of two; fewer when SQLite's limit on ? is lower).
BATCH_ROWS = 1024
# What an insert does with a row whose id (or key) the file already holds.
Existing = Literal["fail", "ignore", "replace"]
_VERBS: dict[str, str] = {
    "fail": "INSERT",
    "ignore": "INSERT OR IGNORE",
    "replace": "INSERT OR REPLACE",
}


class BulkStore(RowStore):
    """Verbatim writes for bulk writers; everything else goes through the row API."""

    def insert_verbatim(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        existing: Existing = "fail",
    ) -> int:
        """Insert rows exactly as given, bookkeeping included; returns how many were given.
        Listeners hear that `table` gained rows (Change.bulk), not every id, so a merge's
        memory does not grow with what it brings. `existing` says what a row whose key is
        already here does: fail (the transaction rolls back), is ignored, or replaces it."""
        with self.transaction():
            count = insert_rows(self.conn, table, columns, rows, existing=existing)
            if count and table in SYNCED_TABLES:
                self.note_new_rows(table)
        return count

    def write_verbatim(self, table: str, row: Row) -> None:
        """One version of a record made current as it is (a merge's winner, a version written
        again): updated in place when the record is here (its rowid, search entry and links
        stay), inserted when it is not. Listeners hear of the record."""
        columns = self.columns(table)
        rest = [c for c in columns if c != "id"]
        assignments = ", ".join(f"{_ident(c)} = ?" for c in rest)
        with self.transaction():
            updated = self.conn.execute(
                f"UPDATE {_ident(table)} SET {assignments} WHERE id = ?",
                [*(row.get(c) for c in rest), row["id"]],
            )
            if updated.rowcount == 0:
                insert_rows(self.conn, table, columns, [[row.get(c) for c in columns]])
            self.note_change(table, row["id"])

    def put_conflict(self, conflict_id: str, values: Row) -> None:
        """Add or replace one row of the conflict list (derived from versions, never merged)."""
        with self.transaction():
            insert_rows(
                self.conn,
                "conflict",
                ["id", *values],
                [[conflict_id, *values.values()]],
                existing="replace",
            )
            self.note_change("conflict", conflict_id)

    def drop_conflict(self, conflict_id: str) -> None:
        """Remove a conflict its record's versions no longer hold (a cache row: no tombstone)."""
        with self.transaction():
            self.conn.execute("DELETE FROM conflict WHERE id = ?", (conflict_id,))
            self.note_change("conflict", conflict_id)

    def observe_stamp(self, stamp: str) -> None:
        """Rows stamped up to `stamp` came in: the next local edit must sort after them, in
        this session (the clock) and after the file is reopened (its high-water mark)."""
        self.clock.observe(stamp)
        with self.transaction():
            self.conn.execute(
                "INSERT INTO local(key, value) VALUES ('hlc_high', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
                (stamp,),
            )

    def set_meta(self, key: str, value: str) -> None:
        """A fact about the file itself (its challenge id, the app that made it); merged never."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def insert_rows(
    conn: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    existing: Existing = "fail",
) -> int:
    """Insert rows many at a time (multi-row VALUES), in batches whose sizes are powers of
    two; returns how many. The caller holds the transaction: this is the bulk API's engine,
    also for a copy's bare connection before any ChallengeFile exists.

    Not executemany: on a table with a full-text index every statement makes FTS5 write its
    pending terms out, so one statement per row spent ~100 us a row in the index, 5x the cost
    of copying the row. Power-of-two batches keep the number of distinct statements (each
    cached by sqlite3, some hundreds of KB for the biggest) small and fixed. (sqlite-utils'
    `insert_all` was measured on this path and is slower: docs/merge.md.)"""
    largest = _batch_rows(conn, len(columns))
    count = 0
    for batch in _batches(rows, largest):
        count += len(batch)
        start, size = 0, largest
        while start < len(batch):
            while size > len(batch) - start:
                size //= 2
            conn.execute(
                _insert_sql(table, tuple(columns), size, existing),
                list(chain.from_iterable(batch[start : start + size])),
            )
            start += size
    return count


def _batches(rows: Iterable[Sequence[Any]], size: int) -> Iterator[Sequence[Sequence[Any]]]:
    if isinstance(rows, Sequence):
        for start in range(0, len(rows), size):
            yield rows[start : start + size]
        return
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


@functools.lru_cache(maxsize=128)
def _insert_sql(table: str, columns: tuple[str, ...], rows: int, existing: Existing) -> str:
    names = ", ".join(_ident(c) for c in columns)
    one = "(" + ", ".join("?" for _ in columns) + ")"
    return f"{_VERBS[existing]} INTO {_ident(table)} ({names}) VALUES {', '.join([one] * rows)}"


def _batch_rows(conn: sqlite3.Connection, width: int) -> int:
    """The biggest power of two <= BATCH_ROWS rows of `width` values that one statement may
    bind (sqlcipher3 connections have no getlimit: ask SQLite its version instead)."""
    getlimit = getattr(conn, "getlimit", None)
    if getlimit is not None:
        limit = getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    else:
        version = conn.execute("SELECT sqlite_version()").fetchone()[0]
        limit = 32766 if tuple(int(p) for p in version.split(".")[:2]) >= (3, 32) else 999
    size = BATCH_ROWS
    while size > 1 and size * width > limit:
        size //= 2
    return size
