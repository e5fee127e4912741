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
from peernotes.core.store import DB_ERRORS, ChallengeFile, fresh_files


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
            fresh_files.start_local_afresh(dest, peer_id, cf.local("hlc_high"))
            dest.execute("VACUUM")  # nothing of the rows left out survives in free pages
            fresh_files.reindex_live_rows(dest)
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
    if include_observations:
        return 0
    left_out: int = conn.execute(
        "SELECT count(*) FROM observation WHERE recorded_by IS NOT ? AND deleted = 0",
        (peer_id,),
    ).fetchone()[0]
    others = "SELECT id FROM observation WHERE recorded_by IS NOT ?"
    doomed = {
        "observation": _ids(conn, others, peer_id),
        "observation_heading": _ids(
            conn, f"SELECT id FROM observation_heading WHERE observation_id IN ({others})", peer_id
        ),
        "finding": _ids(conn, "SELECT id FROM finding"),
        "finding_evidence": _ids(conn, "SELECT id FROM finding_evidence"),
    }
    fresh_files.remove_outright(conn, doomed)
    return left_out


def _ids(conn: sqlite3.Connection, query: str, *params: str) -> list[str]:
    return [row[0] for row in conn.execute(query, params)]


def default_file_name(cf: ChallengeFile, peer_name: str) -> str:
    """'Fernhill Borough Council - Priya Nair.peernotes'"""
    council = cf.challenge()["council"]
    safe = "".join(c for c in f"{council} - {peer_name}" if c.isalnum() or c in " -_.'")
    return f"{safe.strip()}.peernotes"
