"""Connecting to a challenge file and cleaning up after a failed open or create.

Everything here works on a bare `sqlite3.Connection` before a `ChallengeFile` exists: the
pragmas every connection gets, the checks that refuse a foreign, too-new or damaged file
without writing to it, and the undoing of a half-finished open or create.
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum
from pathlib import Path

from peernotes.core import locking
from peernotes.core import readonly as readonly_state
from peernotes.core.errors import NotAPeerNotesFile
from peernotes.core.files import SHM, WAL, companion, remove_with_companions, sidecars
from peernotes.core.schema import SCHEMA_VERSION
from peernotes.core.sqlite_errors import DATABASE_ERRORS, DB_ERRORS


class ReadOnlyCause(StrEnum):
    """Why a file asked for writing opened read-only (`ChallengeFile.readonly_cause`)."""

    PERMISSIONS = "permissions"  # the file, its folder or the medium cannot be written
    BUSY = "busy"  # another PeerNotes process holds the writer's lock
    MISSING_WAL = "missing_wal"  # copied while open without its -wal


def writable(path: Path) -> bool:
    """Whether the file and its folder can be written (looked up at call time: tests stand in
    for the OS's permission check by replacing it)."""
    return readonly_state.writable(path)


def _abandon_new(
    conn: sqlite3.Connection | None, lock: locking.FileLock | None, path: Path | None
) -> None:
    """A new file that could not be completed: close it and remove it and its companions,
    so nothing half-made is left under the chosen name."""
    if conn is not None:
        try:
            conn.close()
        except DB_ERRORS:
            pass
    if lock is not None:
        lock.release()
    if path is not None:
        remove_with_companions(path)


def _abandon_open(
    conn: sqlite3.Connection | None,
    lock: locking.FileLock | None,
    path: Path,
    existed: set[Path],
) -> None:
    """An open that failed: close, release the lock, and remove the -wal/-shm that this very
    attempt created (only while holding the writer's lock: nobody else can be using them)."""
    if conn is not None:
        try:
            conn.close()
        except DB_ERRORS:
            pass
    if lock is not None:
        if lock.fd is not None:
            for made in set(sidecars(path)) - existed:
                try:  # the -shm never holds saved data; a -wal only once it has content
                    if made.exists() and (made.name.endswith(SHM) or made.stat().st_size == 0):
                        made.unlink()
                except OSError:
                    pass
        lock.release()


def _remove_companions(path: Path) -> None:
    """Let SQLite remove the empty -wal/-shm a read-only look left beside a file.

    Only SQLite knows whether another connection still uses them, so a brief read-write
    connection is opened and closed: as the last one it checkpoints nothing and deletes both;
    if anyone else has the file open, it leaves them. The file's content is not changed."""
    wal = companion(path, WAL)
    if not wal.exists() or not writable(path):
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0.2)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # busy or unreadable: the companions stay, as SQLite left them


def connect(path: Path | None, passphrase: str | None, *, readonly: bool) -> sqlite3.Connection:
    """A connection with our pragmas: WAL, foreign keys, a busy timeout, durable commits."""
    if passphrase is not None:
        from peernotes.core import encryption

        conn = encryption.connect(path, passphrase, readonly=readonly)
    elif path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
    elif readonly:
        conn = readonly_state.reading_connection(path)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    if path is not None and not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk before save() returns, even if power is lost next.
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _verify_connection(conn: sqlite3.Connection, path: Path) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except DATABASE_ERRORS as error:
        refused = readonly_state.refusal(error, path)
        if refused is not None:
            raise refused from error
        raise NotAPeerNotesFile(
            f"{path} cannot be read as a PeerNotes file ({error}). Nothing was changed."
        ) from error
    from peernotes.core.schema import APPLICATION_ID

    if app_id != APPLICATION_ID:
        raise NotAPeerNotesFile(f"{path} is not a PeerNotes file. Nothing was changed.")
    if version > SCHEMA_VERSION:
        from peernotes.core.errors import TooNewFile

        raise TooNewFile(str(path), version, SCHEMA_VERSION)


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    from peernotes.core.errors import DamagedFile

    try:
        found = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    except DATABASE_ERRORS as error:
        found = [str(error)]
    if found != ["ok"]:
        raise DamagedFile(f"{path} is damaged ({found[0]}). Nothing was changed.")
