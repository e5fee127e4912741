"""Small file-system steps for replacing a SQLite file safely: fsync, sidecars, atomic rename."""

from __future__ import annotations

import os
from pathlib import Path


def sidecars(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files SQLite keeps beside a database in WAL mode."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


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
