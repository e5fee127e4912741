"""Recognising a PeerNotes file from its header bytes alone, before SQLite touches it.

Reading the 100-byte SQLite header is side-effect free: a file we refuse is never opened
by SQLite, so it cannot gain a -wal file, a journal or a changed header.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from peernotes.core.errors import EncryptedFile, FileRefused, NotAPeerNotesFile, TooNewFile
from peernotes.core.files import WAL, companion
from peernotes.core.schema import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    user_version: int
    application_id: int


def read_header(path: Path) -> Header | None:
    """The SQLite header, or None when the file is not a plain SQLite database."""
    with open(path, "rb") as handle:
        data = handle.read(100)
    if len(data) < 100 or not data.startswith(SQLITE_MAGIC):
        return None
    page_size = struct.unpack(">H", data[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", data[28:32])[0]
    user_version = struct.unpack(">I", data[60:64])[0]
    application_id = struct.unpack(">I", data[68:72])[0]
    return Header(page_size, page_count, user_version, application_id)


def check_openable(path: Path, *, encrypted_ok: bool = False) -> Header | None:
    """Raise a FileRefused with a clear message unless `path` is a PeerNotes file we can open.

    Returns the header, or None for a file that may be encrypted (when `encrypted_ok`).
    """
    name = str(path)
    if not path.exists():
        raise FileRefused(f"{name} does not exist (was it moved, renamed or on a removed drive?).")
    if path.is_dir():
        raise NotAPeerNotesFile(f"{name} is a folder, not a PeerNotes file.")
    try:
        size = os.path.getsize(path)
        header = read_header(path)
    except PermissionError as error:
        raise FileRefused(f"{name} cannot be read: permission denied.") from error
    except OSError as error:
        raise FileRefused(f"{name} cannot be read: {error.strerror or error}.") from error
    if size == 0:
        wal = companion(path, WAL)
        if wal.exists() and wal.stat().st_size > 0:
            raise FileRefused(
                f"{name} is still being created by another program (its contents are not yet "
                "written into the file). Try again in a moment. Nothing was changed."
            )
        raise NotAPeerNotesFile(
            f"{name} is empty (0 bytes): it is not a PeerNotes file. Nothing was changed."
        )
    if header is None:
        other = other_format(path)
        if other is not None:
            raise NotAPeerNotesFile(
                f"{name} is not a PeerNotes file: it is {other}. Nothing was changed."
            )
        if size >= 1024 and size % 512 == 0 and _looks_random(path):
            if encrypted_ok:
                return None
            raise EncryptedFile(
                f"{name} is not readable as a PeerNotes file: it is either protected with a "
                "passphrase or not a PeerNotes file. Nothing was changed."
            )
        raise NotAPeerNotesFile(
            f"{name} is not a PeerNotes file (it is not a SQLite database; "
            "perhaps a document or a half-copied file). Nothing was changed."
        )
    if header.application_id != APPLICATION_ID:
        raise NotAPeerNotesFile(
            f"{name} is a SQLite database of another program, not a PeerNotes file. Nothing was changed."
        )
    if header.user_version > SCHEMA_VERSION:
        raise TooNewFile(name, header.user_version, SCHEMA_VERSION)
    if header.page_count and size < header.page_count * header.page_size and not _hot_wal(path):
        raise NotAPeerNotesFile(
            f"{name} is truncated: it holds {size:,} bytes of the {header.page_count * header.page_size:,} "
            "its header announces (an interrupted copy?). Nothing was changed; copy it again "
            "from the original, or restore a backup."
        )
    return header


def _hot_wal(path: Path) -> bool:
    """A -wal with content beside the file: SQLite rebuilds the latest state from it.

    A kill during a checkpoint can leave the main file shorter than its (already rewritten)
    header says while the -wal still holds every page; that is a crash to recover from, not
    a truncated copy, so the size check must not refuse it."""
    wal = companion(path, WAL)
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


_MAGIC = (
    (b"PK\x03\x04", "a Word, Excel or PowerPoint document, or another zip file"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an older Word or Excel document"),
    (b"{\\rtf", "a rich-text document"),
)


def other_format(path: Path) -> str | None:
    """What a non-SQLite file evidently is (a Word document, a PDF, text), or None.

    A protected PeerNotes file is random bytes from its first byte, so anything with a known
    signature, or that reads as text, is certainly not one."""
    try:
        with open(path, "rb") as handle:
            first = handle.read(4096)
    except OSError:
        return None
    for magic, what in _MAGIC:
        if first.startswith(magic):
            return what
    if b"\x00" in first:  # binary: text files hold no NUL bytes
        return None
    try:
        first.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(first) - 4:  # not merely a character cut at the 4096th byte
            return None
    return "a text file" if first else None


def _looks_random(path: Path) -> bool:
    """Encrypted SQLCipher pages look like noise: many distinct byte values in the first page."""
    with open(path, "rb") as handle:
        first = handle.read(1024)
    return len(set(first)) > 200
