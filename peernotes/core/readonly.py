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
