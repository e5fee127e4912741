"""Small file-system steps for replacing a SQLite file safely: fsync, sidecars, atomic rename."""

from __future__ import annotations

import os
from pathlib import Path

# The companions SQLite (and PeerNotes's writer lock) keep beside a database: named here only.
WAL, SHM, JOURNAL, LOCK = "-wal", "-shm", "-journal", ".lock"
SQLITE_SIDECARS = (WAL, SHM, JOURNAL)


def companion(path: Path | str, suffix: str) -> Path:
    """`path` + `suffix` in the same folder ("notes.peernotes-wal")."""
    path = Path(path)
    return path.with_name(path.name + suffix)


def sidecars(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files SQLite keeps beside a database in WAL mode."""
    return companion(path, WAL), companion(path, SHM)


def all_companions(path: Path | str) -> tuple[Path, ...]:
    """Every file SQLite or PeerNotes may leave beside `path` (-wal, -shm, -journal, .lock)."""
    return tuple(companion(path, suffix) for suffix in (*SQLITE_SIDECARS, LOCK))


def remove_with_companions(path: Path | str) -> None:
    """Delete a half-written output and anything left beside it (failure clean-up)."""
    for leftover in (Path(path), *all_companions(path)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_closed_database(fresh: Path, target: Path) -> None:
    """Swap a complete, verified database `fresh` in for `target`, durably and atomically.

    The caller guarantees no connection has `target` open; any -wal/-shm left beside it would
    otherwise be replayed into the new file, so they are removed first.
    """
    fsync(fresh)
    for stale in sidecars(target):
        stale.unlink(missing_ok=True)
    os.replace(fresh, target)
    fsync_dir(target.parent)
