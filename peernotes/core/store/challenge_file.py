"""Opening, creating and closing a challenge file: one SQLite database per peer challenge.

`ChallengeFile.open` refuses (untouched) foreign, damaged and too-new files, takes the
writer's lock or opens read-only with a typed reason (`ReadOnlyCause`), and migrates;
`create` makes a new file or leaves nothing behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peernotes import __version__
from peernotes.core import fileformat, locking, sqlite_errors
from peernotes.core import readonly as readonly_state
from peernotes.core.errors import FileRefused
from peernotes.core.files import WAL, all_companions, companion
from peernotes.core.schema import SCHEMA_VERSION, migrate
from peernotes.core.sqlite_errors import DB_ERRORS
from peernotes.core.store import connection
from peernotes.core.store.bulk import BulkStore
from peernotes.core.store.connection import (
    ReadOnlyCause,
    _abandon_new,
    _abandon_open,
    _check_integrity,
    _remove_companions,
    _verify_connection,
    connect,
)


class ChallengeFile(BulkStore):
    """An open challenge file. Not thread-safe: use it from one thread."""

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        readonly: bool = False,
        passphrase: str | None = None,
        before_migration: Callable[[Path], None] | None = None,
        accept_missing_wal: bool = False,
        check_integrity: bool = False,
        device: str | None = None,
    ) -> ChallengeFile:
        """Open an existing file, refusing (untouched) anything that is not ours or too new.

        A file that was copied while open without its -wal opens read-only (readonly_reason
        says why) unless `accept_missing_wal` (the user chose to carry on without it).
        `check_integrity` runs SQLite's quick check before anything is written (DamagedFile)."""
        path = Path(path)
        fileformat.check_openable(path, encrypted_ok=passphrase is not None)
        wal_present = companion(path, WAL).exists()
        access = claim_access(path, readonly=readonly)
        readonly = access.readonly
        before = {p for p in all_companions(path) if p.exists()}
        conn = None
        try:
            conn = connect(path, passphrase, readonly=readonly)
            _prepare_schema(conn, path, readonly, check_integrity, before_migration)
            cf = cls(conn, path, readonly=readonly, device=device)
            if not readonly:
                if not wal_present and not accept_missing_wal and locking.left_open(conn):
                    cf.readonly = True
                    access = Access(
                        True,
                        access.lock,
                        locking.missing_wal_message(path),
                        ReadOnlyCause.MISSING_WAL,
                    )
                else:
                    locking.mark_open(conn)
        except BaseException as error:
            _abandon_open(conn, access.lock, path, before)
            if isinstance(error, DB_ERRORS) and not readonly:
                raise sqlite_errors.open_failed(error, path) from error
            raise
        cf.lock, cf.readonly_reason, cf.readonly_cause = access.lock, access.reason, access.cause
        # A read-only look at a closed file (export, check, a read-only window) makes SQLite
        # create -wal and -shm beside it, which a read-only connection cannot remove.
        cf._tidy_on_close = readonly and not wal_present and passphrase is None
        return cf

    @classmethod
    def create(
        cls, path: str | Path | None, *, passphrase: str | None = None, device: str | None = None
    ) -> ChallengeFile:
        """A new, empty challenge file (schema only). Use peernotes.core.records.challenge.new_challenge
        to fill in the challenge itself. `path=None` makes an in-memory file (tests)."""
        if path is not None:
            path = Path(path)
            if path.exists():
                raise FileRefused(f"{path} already exists; PeerNotes will not overwrite it.")
            path.parent.mkdir(parents=True, exist_ok=True)
            from peernotes.core.privacy import create_private_file

            create_private_file(path)  # owner-only from the first byte (SQLite keeps the mode)
        conn, lock = None, None
        try:
            conn = connect(path, passphrase, readonly=False)
            migrate(conn)
            cf = cls(conn, path, device=device)
            cf.lock = lock = locking.acquire(path) if path is not None else None
            if path is not None:
                locking.mark_open(conn)
            with cf.transaction():
                conn.execute("INSERT INTO meta(key, value) VALUES ('app', 'PeerNotes')")
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('created_with', ?)", (__version__,)
                )
            if path is not None:
                # Until a checkpoint the main file is 0 bytes and its header lives in the -wal:
                # a second window, a backup tool or a copy would see an empty file, not ours.
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except BaseException as error:
            _abandon_new(conn, lock, path)
            if isinstance(error, DB_ERRORS):
                raise sqlite_errors.create_failed(error, path) from error
            raise
        return cf

    def close(self) -> None:
        try:
            if not self.readonly:
                if self.lock is not None:
                    locking.mark_closed(self.conn)
                self.conn.execute("PRAGMA optimize")
        except DB_ERRORS:
            pass
        self.conn.close()
        if self.lock is not None:
            lock = self.lock
            self.lock = None
            lock.release()
        if self._tidy_on_close and self.path is not None:
            _remove_companions(self.path)

    def __enter__(self) -> ChallengeFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class Access:
    """How a file may be opened: for writing with the writer's lock, or read-only and why."""

    readonly: bool
    lock: locking.FileLock | None = None
    reason: str | None = None  # one sentence for the user, when read-only was not asked for
    cause: ReadOnlyCause | None = None  # the same, for code to test


def claim_access(path: Path, *, readonly: bool) -> Access:
    """Take the writer's lock, or say (typed) why the file must open read-only instead."""
    if readonly:
        return Access(True)
    if not connection.writable(path):
        return Access(True, None, readonly_state.reason(path), ReadOnlyCause.PERMISSIONS)
    lock = locking.acquire(path)
    if lock is None:
        return Access(True, None, locking.busy_message(path), ReadOnlyCause.BUSY)
    return Access(False, lock)


def _prepare_schema(
    conn: sqlite3.Connection,
    path: Path,
    readonly: bool,
    check_integrity: bool,
    before_migration: Callable[[Path], None] | None,
) -> None:
    """Refuse a foreign, too-new or damaged file; migrate an older one (never read-only)."""
    _verify_connection(conn, path)
    if check_integrity:
        _check_integrity(conn, path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < SCHEMA_VERSION:
        if readonly:
            raise FileRefused(
                f"{path} was made by an older PeerNotes and must be upgraded, but it is "
                "read-only. Copy it somewhere writable and open the copy."
            )
        if before_migration is not None:
            before_migration(path)
        migrate(conn)
