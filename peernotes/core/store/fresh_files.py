"""Writes on a file nobody has merged from yet, which skip the stamped row API on purpose.

Three kinds of fresh file are written this way, each before it can reach another laptop:
- "Copy for a peer…" (core/distribution.py): a byte copy, trimmed on its own connection
  before any ChallengeFile exists for it. Rows are removed outright (no tombstones, no
  history): safe only because nobody has merged from the copy, and a merge is a union, so
  what a copy never had is not brought back, never deleted.
- Salvage (core/recovery.py): the rows SQLite could still read go in through the bulk API;
  references to rows that were lost are then cleared, or their rows dropped, by rowid (what
  `PRAGMA foreign_key_check` reports), and the search indexes are rebuilt.
- The JSON import (core/interchange/importing.py): a new file's seed letter outline, never
  shared, is emptied before the imported outline goes in.
Keeping these here keeps the store the only code that writes a challenge file
(tests/core/test_store_front_door.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

from peernotes.core.store.rows import _ident


def remove_outright(conn: sqlite3.Connection, rows: Mapping[str, Sequence[str]]) -> None:
    """Delete these rows ({table: ids}, in that table order) with their history and
    conflicts, in one transaction: all of them, or none if anything fails."""
    conn.execute("BEGIN")
    try:
        conn.execute("CREATE TEMP TABLE gone(table_name TEXT, row_id TEXT)")
        for table, ids in rows.items():
            conn.executemany("INSERT INTO gone VALUES (?, ?)", [(table, i) for i in ids])
            conn.execute(
                f"DELETE FROM {_ident(table)} WHERE id IN "
                "(SELECT row_id FROM gone WHERE table_name = ?)",
                (table,),
            )
        conn.execute("DELETE FROM history WHERE (table_name, row_id) IN (SELECT * FROM gone)")
        conn.execute("DELETE FROM conflict WHERE (table_name, row_id) IN (SELECT * FROM gone)")
        conn.execute("DROP TABLE gone")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def start_local_afresh(conn: sqlite3.Connection, peer_id: str, hlc_high: str | None) -> None:
    """The copy's laptop settings are not this laptop's: only who records, and the clock's
    high-water mark so the peer's first stamps sort after everything the copy holds."""
    conn.execute("DELETE FROM local")
    conn.execute("INSERT INTO local(key, value) VALUES ('current_peer_id', ?)", (peer_id,))
    if hlc_high:
        conn.execute("INSERT INTO local(key, value) VALUES ('hlc_high', ?)", (hlc_high,))


def reindex_live_rows(conn: sqlite3.Connection) -> None:
    """A peer's copy: index live rows only, afresh (VACUUM may renumber the rowids the
    indexes point at)."""
    conn.execute("INSERT INTO observation_fts(observation_fts) VALUES ('delete-all')")
    conn.execute(
        "INSERT INTO observation_fts(rowid, text) SELECT rowid, text FROM observation "
        "WHERE deleted = 0"
    )
    conn.execute("INSERT INTO finding_fts(finding_fts) VALUES ('delete-all')")
    conn.execute(
        "INSERT INTO finding_fts(rowid, statement, narrative) "
        "SELECT rowid, statement, narrative FROM finding WHERE deleted = 0"
    )


def drop_by_rowid(conn: sqlite3.Connection, table: str, rowid: int) -> None:
    """Salvage: a row whose required reference was lost goes (the caller's transaction)."""
    conn.execute(f"DELETE FROM {_ident(table)} WHERE rowid = ?", (rowid,))


def clear_reference(conn: sqlite3.Connection, table: str, column: str, rowid: int) -> None:
    """Salvage: an optional reference to a lost row becomes empty (the caller's transaction)."""
    conn.execute(f"UPDATE {_ident(table)} SET {_ident(column)} = NULL WHERE rowid = ?", (rowid,))


def rebuild_search_indexes(conn: sqlite3.Connection) -> None:
    """Salvage: both search indexes rebuilt by FTS5 from their tables."""
    for fts in ("observation_fts", "finding_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def empty_tables(conn: sqlite3.Connection, tables: tuple[str, ...]) -> None:
    """The JSON import: a new file's seed rows, never shared, removed without tombstones
    (the caller's transaction)."""
    for table in tables:
        conn.execute(f"DELETE FROM {_ident(table)}")
