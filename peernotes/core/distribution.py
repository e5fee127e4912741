""" "Copy for a peer…": a copy of the challenge for one named peer to take on their laptop.

The copy holds the set-up (challenge, framework and headings, settings), the team, the
programme, the people and the documents, with `local.current_peer_id` set to that peer, so
everything they record is theirs from the first keystroke. Other peers' observations (and
the findings built from them) are left out unless asked for: a peer's laptop carries only
what it needs. Left-out rows are removed outright and the file is vacuumed, so nothing of
them survives in free pages. Removing rows from a *copy* is safe for merging: a merge is a
union, so what a copy never had is simply not brought back, never deleted.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peernotes.core import encryption
from peernotes.core.errors import FileRefused, ValidationError
from peernotes.core.privacy import create_private_file
from peernotes.core.store import DB_ERRORS, ChallengeFile

# Left out of a peer's copy unless `include_observations`.
NOTES_TABLES = ("observation", "observation_heading", "finding", "finding_evidence")


@dataclass
class CopySummary:
    path: Path
    peer_name: str
    observations: int  # observations in the copy
    left_out: int  # other peers' observations not copied


def copy_for_peer(
    cf: ChallengeFile,
    peer_id: str,
    path: str | Path,
    *,
    include_observations: bool = False,
) -> CopySummary:
    """Write a copy of the open challenge for `peer_id` at `path` (which must not exist)."""
    path = Path(path)
    peer = cf.get("peer", peer_id)
    if peer is None:
        raise ValidationError("peer_id", "choose a member of the team")
    if path.exists():
        raise FileRefused(f"{path} already exists; PeerNotes will not overwrite it.")
    if cf.path is not None and path.resolve() == cf.path.resolve():
        raise FileRefused("Choose another name: that is the open file itself.")
    passphrase = encryption.passphrase_of(cf.conn)
    path.parent.mkdir(parents=True, exist_ok=True)
    create_private_file(path)
    try:
        if passphrase is not None:
            dest = encryption.connect(path, passphrase)
        else:
            dest = sqlite3.connect(str(path), isolation_level=None)
        try:
            cf.conn.backup(dest)
            left_out = _trim(dest, peer_id, include_observations)
            _set_local(dest, peer_id, cf.local("hlc_high"))
            dest.execute("VACUUM")  # nothing of the rows left out survives in free pages
            _reindex(dest)
            kept = dest.execute("SELECT count(*) FROM observation WHERE deleted = 0").fetchone()[0]
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to hand over
        finally:
            dest.close()
    except DB_ERRORS + (OSError,) as error:
        path.unlink(missing_ok=True)
        raise FileRefused(f"Could not write the copy to {path}: {error}.") from error
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return CopySummary(path, peer["name"], kept, left_out)


def _trim(conn: sqlite3.Connection, peer_id: str, include_observations: bool) -> int:
    """Remove what the peer's copy should not carry; returns observations left out."""
    conn.execute("BEGIN")
    try:
        left_out = 0
        if not include_observations:
            doomed = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM observation WHERE recorded_by IS NOT ?", (peer_id,)
                )
            ]
            left_out = conn.execute(
                "SELECT count(*) FROM observation WHERE recorded_by IS NOT ? AND deleted = 0",
                (peer_id,),
            ).fetchone()[0]
            conn.execute("CREATE TEMP TABLE gone(table_name TEXT, row_id TEXT)")
            conn.executemany("INSERT INTO gone VALUES ('observation', ?)", [(i,) for i in doomed])
            conn.execute(
                "INSERT INTO gone SELECT 'observation_heading', id FROM observation_heading "
                "WHERE observation_id IN (SELECT row_id FROM gone WHERE table_name = 'observation')"
            )
            conn.execute("INSERT INTO gone SELECT 'finding', id FROM finding")
            conn.execute("INSERT INTO gone SELECT 'finding_evidence', id FROM finding_evidence")
            for table in NOTES_TABLES:
                conn.execute(
                    f"DELETE FROM {table} WHERE id IN "
                    f"(SELECT row_id FROM gone WHERE table_name = '{table}')"
                )
            conn.execute("DELETE FROM history WHERE (table_name, row_id) IN (SELECT * FROM gone)")
            conn.execute("DELETE FROM conflict WHERE (table_name, row_id) IN (SELECT * FROM gone)")
            conn.execute("DROP TABLE gone")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return left_out


def _set_local(conn: sqlite3.Connection, peer_id: str, hlc_high: str | None) -> None:
    """This laptop's settings are not the peer's: start them afresh, as that peer."""
    conn.execute("DELETE FROM local")
    conn.execute("INSERT INTO local(key, value) VALUES ('current_peer_id', ?)", (peer_id,))
    if hlc_high:
        conn.execute("INSERT INTO local(key, value) VALUES ('hlc_high', ?)", (hlc_high,))


def _reindex(conn: sqlite3.Connection) -> None:
    """VACUUM may renumber rowids: rebuild the search indexes over live rows only."""
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


def default_file_name(cf: ChallengeFile, peer_name: str) -> str:
    """'Fernhill Borough Council - Priya Nair.peernotes'"""
    council = cf.challenge()["council"]
    safe = "".join(c for c in f"{council} - {peer_name}" if c.isalnum() or c in " -_.'")
    return f"{safe.strip()}.peernotes"
