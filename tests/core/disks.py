"""Real small disks for tests: a tmpfs of a few MB that can be filled to the last byte, and a
read-only mount. Both need root (CI runs as root); elsewhere the tests skip with the reason."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

FILLER = ".filler"


def _mount(args: list[str], where: Path) -> None:
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a small tmpfs (CI runs as root)")
    result = subprocess.run(["mount", *args, str(where)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


@contextmanager
def small_disk(folder: Path, size: str = "8m") -> Iterator[Path]:
    """A fresh tmpfs of `size` mounted on `folder` for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount(["-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs"], folder)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(disk: Path, leave: int = 0) -> None:
    """Fill `disk` so that about `leave` bytes stay free (0: completely full)."""
    filler = disk / FILLER
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 4096, 512, 1):
            chunk = b"\0" * size
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    if leave:
        current = filler.stat().st_size
        os.truncate(filler, max(0, current - leave))


def free(disk: Path) -> None:
    (disk / FILLER).unlink(missing_ok=True)


def listing(folder: Path) -> list[str]:
    """Every name in `folder` except the filler (what a user would see there)."""
    return sorted(p.name for p in folder.iterdir() if p.name != FILLER)


def remount_readonly(disk: Path) -> None:
    _mount(["-o", "remount,ro"], disk)
