"""One writer per challenge file: an exclusive lock on a sidecar `<file>.lock`.

SQLite itself never lets two writers corrupt a file (WAL + a busy timeout serialise them), but
two PeerNotes windows editing the same file would still confuse their users: each undo stack
would undo the other's work, each list would go stale. So the first PeerNotes process to open
a file for writing takes an OS lock on `<file>.lock`; a second process finds it taken and opens
the file read-only, naming who holds it.

The lock is an advisory OS lock (fcntl on POSIX, msvcrt on Windows), so the kernel drops it when
the holder dies -- even by SIGKILL or a power cut -- and a stale `.lock` file never blocks anyone.
We never lock the database file itself: SQLite's own POSIX locks on it would be released by
our close (a well-known POSIX lock pitfall).

Within one process the lock is shared and reference-counted (POSIX locks are per process).
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from peernotes.core.files import LOCK, companion

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


@dataclass
class FileLock:
    """A held lock. Release it with `release()` when the file is closed."""

    target: Path
    lock_path: Path
    fd: int | None
    count: int = 1

    def release(self) -> None:
        with _guard:
            self.count -= 1
            if self.count > 0 or self.fd is None:
                return
            _held.pop(_key(self.target), None)
            fd, self.fd = self.fd, None
        if os.name != "nt":
            # Unlink while still holding the lock: a process waiting on the old inode re-checks
            # the path after locking and starts again (see acquire), so no two holders can exist.
            try:
                self.lock_path.unlink()
            except OSError:
                pass
        _unlock(fd)
        os.close(fd)


_held: dict[str, FileLock] = {}
_guard = threading.Lock()


def lock_path_for(target: Path) -> Path:
    return companion(target, LOCK)


def _key(target: Path) -> str:
    return os.path.normcase(str(Path(target).resolve()))


def acquire(target: Path) -> FileLock | None:
    """Take the writer's lock on `target`, or return None when another process holds it.

    When no lock file can be created (a read-only folder) there is no lock to take, and the
    file cannot be written anyway: a lock without a file descriptor is returned.
    """
    target = Path(target)
    with _guard:
        existing = _held.get(_key(target))
        if existing is not None:
            existing.count += 1
            return existing
    lock_path = lock_path_for(target)
    for _attempt in range(20):
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return FileLock(target, lock_path, None)
        if not _try_lock(fd):
            os.close(fd)
            return None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock_path).st_ino or os.name == "nt"
        except FileNotFoundError:
            same = False
        if not same:  # the holder unlinked it between our open and our lock: try again
            _unlock(fd)
            os.close(fd)
            continue
        _write_holder(fd)
        lock = FileLock(target, lock_path, fd)
        with _guard:
            _held[_key(target)] = lock
        return lock
    return None


def held_here(target: Path) -> bool:
    """True when this process already holds the lock on `target` (another window has it)."""
    with _guard:
        return _key(Path(target)) in _held


def holder(target: Path) -> str | None:
    """Who holds the lock, as written in the lock file ("PeerNotes (process 123 on laptop)")."""
    try:
        text = lock_path_for(Path(target)).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def busy_message(target: Path) -> str:
    who = holder(target) or "another PeerNotes window"
    return (
        f"{Path(target).name} is already open for editing in {who}. It is open here "
        "read-only: you can read and export, but not change it. Close it there to edit it here."
    )


def _write_holder(fd: int) -> None:
    text = (
        f"PeerNotes (process {os.getpid()} on {socket.gethostname()}, "
        f"since {datetime.now().strftime('%H:%M %d %b')})"
    )
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.encode("utf-8"))
    except OSError:
        pass


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.lockf(fd, fcntl.LOCK_UN)
    except OSError:
        pass


# ------------------------------------------------------- a file copied without its -wal
# While PeerNotes has a file open for writing, the file itself records that fact (in `local`,
# checkpointed into the main file at once) and clears it on a clean close. A copy of the main
# file that still says "open" but has no -wal beside it was copied while open, or after a crash,
# without its companion: its latest saves may be in the -wal that was left behind.
_OPEN_KEY = "open_in"


def mark_open(conn: Any) -> None:
    conn.execute(
        "INSERT INTO local(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_OPEN_KEY, f"process {os.getpid()} on {socket.gethostname()}"),
    )
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def mark_closed(conn: Any) -> None:
    conn.execute("DELETE FROM local WHERE key = ?", (_OPEN_KEY,))


def left_open(conn: Any) -> bool:
    row = conn.execute("SELECT value FROM local WHERE key = ?", (_OPEN_KEY,)).fetchone()
    return row is not None


def missing_wal_message(target: Path) -> str:
    name = Path(target).name
    return (
        f"{name} was copied or moved while it was open (or after a crash) without its "
        f"companion file {name}-wal, which may hold the latest saves. It is open read-only so "
        f"nothing is lost: if you still have {name}-wal (on the other computer or the USB "
        "stick), close this file, put that companion next to it and open it again. Otherwise "
        "use File › Open for editing anyway to keep working with what this file holds."
    )
