"""Read-only as a state, not damage: files on write-protected media, in folders the user may
not write to, or with read-only permissions.

SQLite's usual read-only mode (`mode=ro`) still needs to create a `-shm` beside a WAL file,
which a read-only folder refuses ("unable to open database file"): the file looked damaged.
A file with no `-wal` beside it holds all its saves in the main file, so it is opened with
`immutable=1` -- SQLite then writes nothing at all, not even a lock. Failures are told apart
by SQLite's error code, and messages name the real cause (permissions, a read-only medium).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from peernotes.core import sqlite_errors
from peernotes.core.errors import NoAccess
from peernotes.core.files import WAL, companion
from peernotes.core.sqlite_errors import Cause


def writable(path: Path) -> bool:
    """True when both the file and its folder may be written (SQLite needs both)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def folder_writable(path: Path) -> bool:
    return os.access(Path(path).resolve().parent, os.W_OK)


def on_readonly_medium(path: Path) -> bool:
    """True when the file system holding `path` is mounted read-only (a locked USB stick,
    a CD, a read-only share)."""
    try:
        flags = os.statvfs(Path(path).resolve().parent).f_flag
    except (OSError, AttributeError):  # Windows has no statvfs
        return False
    return bool(flags & getattr(os, "ST_RDONLY", 1))


def reason(path: Path) -> str:
    """Why `path` cannot be written, in the user's terms, and what they can do."""
    name = Path(path).name
    then = (
        " It is open read-only: you can read it, export it and merge from it. To keep "
        "working on it, save a copy in a writable folder."
    )
    if on_readonly_medium(path):
        return f"{name} is on a read-only drive (a write-protected USB stick or share).{then}"
    if not folder_writable(path):
        return f"{name} is in a folder you do not have permission to change.{then}"
    return f"{name} is read-only (its permissions do not allow changes).{then}"


def uri_query(path: Path) -> str:
    """The URI parameters for a read-only connection to `path` that writes nothing beside it.

    Immutable only when no -wal exists and nobody can be writing the file here (it or its
    folder is not writable): a writer elsewhere would go unseen by an immutable reader."""
    if not companion(path, WAL).exists() and not writable(path):
        return "mode=ro&immutable=1"
    return "mode=ro"


def wal_unreachable(path: Path) -> bool:
    """True when `path`'s latest saves are in a -wal that SQLite cannot read in place: it
    would have to create a -shm beside it, and the folder or drive refuses (a stick pulled
    out while the file was open, then write-protected)."""
    return companion(path, WAL).exists() and not folder_writable(path)


def reading_connection(path: Path, query: str | None = None) -> sqlite3.Connection:
    """A read-only connection to the latest saves of `path` that writes nothing beside it.

    `query` overrides the URI parameters (merge reads a file with no -wal as immutable);
    a -wal the folder will not let SQLite read in place is read from a private copy."""
    if wal_unreachable(path):
        return _latest_in_memory(path)
    uri = f"{Path(path).resolve().as_uri()}?{query or uri_query(path)}"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def _latest_in_memory(path: Path) -> sqlite3.Connection:
    """The file and its -wal copied to a private temporary folder, read from there into
    memory, and the copy deleted: the saves in the -wal are read and nothing is written on
    the read-only medium. A challenge file is a few MB, so memory is not a concern."""
    folder = Path(tempfile.mkdtemp(prefix="peernotes-readonly-"))
    try:
        copy = folder / Path(path).name
        shutil.copyfile(path, copy)
        shutil.copyfile(companion(path, WAL), companion(copy, WAL))
        disk = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            disk.backup(memory)
        finally:
            disk.close()
        return memory
    except OSError as error:
        raise NoAccess(
            f"{path} could not be read: its latest saves are in {Path(path).name}-wal on a "
            f"read-only drive, and copying them to a temporary folder failed "
            f"({error.strerror or error}). Nothing was changed."
        ) from error
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def refusal(error: BaseException, path: Path) -> NoAccess | None:
    """A NoAccess naming permissions or the medium when SQLite could not open `path` for that
    reason (not damage), else None."""
    if sqlite_errors.cause(error) not in (Cause.CANTOPEN, Cause.PERMISSION, Cause.READONLY):
        return None
    name = str(path)
    if companion(path, WAL).exists() and not folder_writable(path):
        return NoAccess(
            f"{name} cannot be read here: its latest saves are in {Path(path).name}-wal and "
            "SQLite needs to write beside it to read them, but the folder or drive is "
            "read-only. Copy both files to a writable folder and open the copy. "
            "Nothing was changed."
        )
    if not os.access(path, os.R_OK):
        return NoAccess(f"{name} cannot be read: permission denied. Nothing was changed.")
    return NoAccess(
        f"{name} cannot be opened: the folder or drive does not allow it (permissions or a "
        "read-only medium). It is not damaged. Nothing was changed."
    )
