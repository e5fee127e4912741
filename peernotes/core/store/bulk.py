"""The sanctioned bulk API: rows that were stamped elsewhere, written as they are.

An import, a merge, a peer's copy and a recovery bring rows whose bookkeeping (id, who, when,
HLC) was written on another laptop or in another file: stamping them again would lose who
made them and break merging. These calls write such rows verbatim, in the caller's
transaction, and keep the two things the row API would have kept: listeners hear which tables
changed, and this file's clock moves past every stamp that came in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from peernotes.core.schema import SYNCED_TABLES
from peernotes.core.store.rows import RowStore, _ident


class BulkStore(RowStore):
    """Verbatim writes for bulk writers; everything else goes through the row API."""

    def insert_verbatim(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        """Insert rows exactly as given, bookkeeping included, in one statement per row set.
        Listeners hear that `table` gained rows (Change.bulk), not every id."""
        names = ", ".join(_ident(c) for c in columns)
        marks = ", ".join("?" for _ in columns)
        with self.transaction():
            self.conn.executemany(f"INSERT INTO {_ident(table)} ({names}) VALUES ({marks})", rows)
            if table in SYNCED_TABLES:
                self.note_new_rows(table)

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
