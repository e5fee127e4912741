"""SQLite failures classified by SQLite's own error code, never by the text of its message.

sqlite3 and sqlcipher3 raise unrelated exception classes, but both carry `sqlite_errorcode`
(the extended result code) and `sqlite_errorname`. The primary code is its low byte; the
messages are English prose that may change between SQLite versions, so nothing here reads them.
"""

from __future__ import annotations

import shutil
import sqlite3
from enum import StrEnum
from pathlib import Path

from peernotes.core.errors import (
    DiskFull,
    ReadOnlyStorage,
    SaveFailed,
    StorageBusy,
    WriteFailed,
)

try:
    import sqlcipher3.dbapi2 as _sqlcipher
except ImportError:  # pragma: no cover - only where the wheel is missing
    _sqlcipher = None

OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,) + (
    (_sqlcipher.OperationalError,) if _sqlcipher else ()
)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + (
    (_sqlcipher.DatabaseError,) if _sqlcipher else ()
)
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError,) + (
    (_sqlcipher.IntegrityError,) if _sqlcipher else ()
)
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,) + (
    (_sqlcipher.Error,) if _sqlcipher else ()
)


class Cause(StrEnum):
    """Why SQLite failed, in the terms a message to the user needs."""

    FULL = "full"  # SQLITE_FULL: no room on the disk (or max_page_count)
    READONLY = "readonly"  # SQLITE_READONLY: the file, folder or medium cannot be written
    PERMISSION = "permission"  # SQLITE_PERM / SQLITE_AUTH: access denied
    BUSY = "busy"  # SQLITE_BUSY / SQLITE_LOCKED: another writer holds the lock
    IO = "io"  # SQLITE_IOERR: the OS refused a read or write (EFBIG, a removed drive)
    CANTOPEN = "cantopen"  # SQLITE_CANTOPEN: the file (or its -wal/-shm) cannot be opened
    CORRUPT = "corrupt"  # SQLITE_CORRUPT: damaged pages
    NOTADB = "notadb"  # SQLITE_NOTADB: not a database (or a wrong passphrase)
    OTHER = "other"


_BY_CODE = {
    sqlite3.SQLITE_FULL: Cause.FULL,
    sqlite3.SQLITE_READONLY: Cause.READONLY,
    sqlite3.SQLITE_PERM: Cause.PERMISSION,
    sqlite3.SQLITE_AUTH: Cause.PERMISSION,
    sqlite3.SQLITE_BUSY: Cause.BUSY,
    sqlite3.SQLITE_LOCKED: Cause.BUSY,
    sqlite3.SQLITE_IOERR: Cause.IO,
    sqlite3.SQLITE_CANTOPEN: Cause.CANTOPEN,
    sqlite3.SQLITE_CORRUPT: Cause.CORRUPT,
    sqlite3.SQLITE_NOTADB: Cause.NOTADB,
}


def code_of(error: BaseException) -> int | None:
    """The primary SQLite result code of `error` (None for an error SQLite did not raise)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def cause(error: BaseException) -> Cause:
    code = code_of(error)
    return Cause.OTHER if code is None else _BY_CODE.get(code, Cause.OTHER)


def is_damage(error: BaseException) -> bool:
    """True when SQLite says the file's pages are damaged (not a lock, a permission or space)."""
    return cause(error) in (Cause.CORRUPT, Cause.NOTADB)


SAVED_BEFORE = "what was saved before is safe"


def save_failed(error: BaseException, path: Path | None = None) -> SaveFailed:
    """The typed SaveFailed for a write SQLite refused, with a sentence the user can act on."""
    found = cause(error)
    if _full(error, path):
        return DiskFull(f"Could not save: the disk is full. Free some space; {SAVED_BEFORE}.")
    if found is Cause.IO:
        return WriteFailed(
            "Could not save: the file could not be written (a full disk, a removed drive or a "
            f"file size limit). Free some space or reconnect the drive; {SAVED_BEFORE}."
        )
    if found in (Cause.READONLY, Cause.PERMISSION, Cause.CANTOPEN):
        return ReadOnlyStorage(
            "Could not save: the file is read-only (its permissions, its folder or a "
            f"write-protected drive); {SAVED_BEFORE}."
        )
    if found is Cause.BUSY:
        return StorageBusy(
            "Could not save: another PeerNotes window or program is writing to this file. "
            "Try again."
        )
    name = getattr(error, "sqlite_errorname", None) or type(error).__name__
    return SaveFailed(f"Could not save ({name}); {SAVED_BEFORE}.")


# Below this much free space an I/O error on a write is the disk filling up: SQLite reports
# a full disk as SQLITE_FULL only for some writes (growing its -shm gives SQLITE_IOERR).
LOW_SPACE = 1 << 20


def _disk_nearly_full(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return shutil.disk_usage(Path(path).resolve().parent).free < LOW_SPACE
    except OSError:
        return False


def _full(error: BaseException, path: Path | None) -> bool:
    found = cause(error)
    return found is Cause.FULL or (found is Cause.IO and _disk_nearly_full(path))


def open_failed(error: BaseException, path: Path) -> BaseException:
    """Opening `path` for editing wrote (the open mark, an upgrade) and SQLite refused."""
    name = Path(path).name
    if _full(error, path):
        return DiskFull(
            f"{name} could not be opened for editing: the disk is full. Free some space and "
            "try again; nothing was changed."
        )
    if cause(error) is Cause.IO:
        return WriteFailed(
            f"{name} could not be opened for editing: the drive could not be written (was it "
            "removed?). Nothing was changed."
        )
    return error


def create_failed(error: BaseException, path: Path | None) -> BaseException:
    """Creating a new file at `path` failed part-way (it has been removed again)."""
    name = Path(path).name if path is not None else "The new file"
    if _full(error, path):
        return DiskFull(
            f"{name} could not be created: the disk is full. Free some space and try again; "
            "nothing was left behind."
        )
    if cause(error) in (Cause.IO, Cause.READONLY, Cause.PERMISSION, Cause.CANTOPEN):
        return WriteFailed(
            f"{name} could not be created: the folder cannot be written (a read-only drive, "
            "its permissions, or a removed drive). Choose another place; nothing was left behind."
        )
    return error
