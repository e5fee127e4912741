"""Writes on a fresh copy of a challenge file, before anyone has merged from it.

"Copy for a peer…" (core/distribution.py) makes a byte copy of the open file and trims it on
the copy's own connection, before any ChallengeFile exists for it. These writes skip the
stamped row API on purpose: removing rows outright (no tombstones, no history) is safe only
because nobody has merged from the copy yet, and a merge is a union: what a copy never had is
not brought back, never deleted. Keeping them here keeps the store the only code that writes
a challenge file (tests/core/test_store_front_door.py).
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


def rebuild_search(conn: sqlite3.Connection) -> None:
    """Index live rows only, afresh: VACUUM may renumber the rowids the indexes point at."""
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
