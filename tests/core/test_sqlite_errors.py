"""Storage failures are told apart by SQLite's error code, never by the wording of its message."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from peernotes.core import sqlite_errors
from peernotes.core.errors import DiskFull, ReadOnlyStorage, SaveFailed, StorageBusy, WriteFailed

REPO = Path(__file__).resolve().parents[2]


def _error(code: int, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (sqlite3.SQLITE_FULL, DiskFull),
        (sqlite3.SQLITE_IOERR_WRITE, WriteFailed),
        (sqlite3.SQLITE_READONLY_DBMOVED, ReadOnlyStorage),
        (sqlite3.SQLITE_BUSY, StorageBusy),
        (sqlite3.SQLITE_LOCKED, StorageBusy),
    ],
)
def test_the_code_decides_the_message_not_the_text(code: int, kind: type[SaveFailed]) -> None:
    """A user told "the disk is full" when another window holds the file would free space in
    vain: the reason comes from the code even when SQLite's text says something else."""
    failure = sqlite_errors.save_failed(_error(code, "database or disk is full, or read-only"))
    assert type(failure) is kind


def test_a_real_full_database_is_disk_full() -> None:
    """SQLite's own "full" error becomes DiskFull, which says the disk is full."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    failure = sqlite_errors.save_failed(raised.value)
    assert isinstance(failure, DiskFull) and "disk is full" in str(failure)


def test_an_error_without_a_code_is_a_plain_save_failure() -> None:
    """Something SQLite did not raise still gives a sentence, not a crash."""
    failure = sqlite_errors.save_failed(ValueError("odd"))
    assert type(failure) is SaveFailed and "Could not save" in str(failure)


STORAGE_CODE = ("peernotes/core", "peernotes/ui/opening.py", "peernotes/commands")
MESSAGE_MATCH = re.compile(r"in str\((error|exc|e)\)|str\((error|exc|e)\)\.lower\(\)")


def test_storage_code_never_reads_error_messages() -> None:
    """House rule (issue 18): classifying a failure by its English text breaks with the next
    SQLite release; this fails if anyone matches error messages in storage code again."""
    offenders = []
    for root in STORAGE_CODE:
        base = REPO / root
        for path in [base] if base.is_file() else base.rglob("*.py"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if MESSAGE_MATCH.search(line):
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_sidecar_names_are_built_in_one_place() -> None:
    """-wal/-shm/-journal names spelled out elsewhere drift apart (one module forgets -journal
    and leaves a stray file behind): only peernotes/core/files.py may spell them."""
    pattern = re.compile(r"""["'](-wal|-shm|-journal)["']""")
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "peernotes").rglob("*.py")
        if path.name != "files.py" and pattern.search(path.read_text())
    ]
    assert offenders == []
