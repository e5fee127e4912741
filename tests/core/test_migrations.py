"""Files made by earlier PeerNotes versions open and upgrade; newer and foreign files are refused untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest

from peernotes.core.errors import NotAPeerNotesFile, TooNewFile
from peernotes.core.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from peernotes.core.store import ChallengeFile

FIXTURE = Path(__file__).parent.parent / "fixtures" / "challenge-v1.peernotes"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version_1_file_upgrades_and_keeps_everything(tmp_path: Path):
    """A peer's file from the first release opens in this one with all their notes."""
    path = tmp_path / "old.peernotes"
    shutil.copy(FIXTURE, path)
    backups = []
    cf = ChallengeFile.open(path, before_migration=backups.append)
    try:
        assert backups == [path], "a backup hook runs before any migration"
        assert cf.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert cf.challenge()["council"] == "Ashdown Vale District Council"
        assert (
            cf.get("observation", "o-1")["text"] == "A clear and shared vision for the town centre."
        )
        assert cf.peer_id == "peer-2"
        # the version-2 features work on an upgraded file: full-text search covers old rows
        hits = cf.query(
            "SELECT o.id FROM observation_fts JOIN observation o ON o.rowid = observation_fts.rowid "
            "WHERE observation_fts MATCH 'vision'"
        )
        assert [h["id"] for h in hits] == ["o-1"]
        cf.insert("finding", {"statement": "Clear vision", "kind": "strength"})
    finally:
        cf.close()
    reopened = ChallengeFile.open(path)
    assert reopened.count("finding") == 1
    reopened.close()


def test_each_migration_step_is_one_transaction(tmp_path: Path):
    """A step that fails half way leaves the file at the previous version, not half-upgraded."""
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    migrate(conn, target=1)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    MIGRATIONS.append((SCHEMA_VERSION + 1, "broken", broken))
    try:
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn, target=SCHEMA_VERSION + 1)
    finally:
        MIGRATIONS.pop()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables and "finding" in tables


def test_too_new_file_is_refused_and_unchanged(challenge_path: Path):
    """A file from a newer PeerNotes is not opened (and so not damaged) by this one."""
    data = bytearray(challenge_path.read_bytes())
    data[60:64] = struct.pack(">I", SCHEMA_VERSION + 5)
    challenge_path.write_bytes(bytes(data))
    before = _digest(challenge_path)
    with pytest.raises(TooNewFile) as caught:
        ChallengeFile.open(challenge_path)
    message = str(caught.value)
    assert f"version {SCHEMA_VERSION + 5}" in message and f"up to {SCHEMA_VERSION}" in message
    assert _digest(challenge_path) == before
    assert not Path(str(challenge_path) + "-wal").exists()


@pytest.mark.parametrize(
    "kind",
    ["text", "random_sqlite", "truncated", "empty"],
)
def test_foreign_files_are_refused_and_unchanged(tmp_path: Path, challenge_path: Path, kind: str):
    """Opening the wrong file by mistake shows a clear message and never modifies it."""
    path = tmp_path / f"{kind}.peernotes"
    if kind == "text":
        path.write_text("Meeting notes\nThese are not a database.\n" * 20)
    elif kind == "random_sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE addresses (name, street)")
        conn.commit()
        conn.close()
    elif kind == "truncated":
        full = challenge_path.read_bytes()
        path.write_bytes(full[: len(full) // 2])
    else:
        path.write_bytes(b"")
    before = _digest(path)
    with pytest.raises(NotAPeerNotesFile) as caught:
        ChallengeFile.open(path)
    assert "Nothing was changed" in str(caught.value)
    assert _digest(path) == before
    assert not Path(str(path) + "-wal").exists()
