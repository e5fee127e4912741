"""Files made by earlier PeerNotes versions open and upgrade; newer and foreign files are refused untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest

from peernotes.core import coverage, encryption, rollup, search, triangulation
from peernotes.core.errors import NotAPeerNotesFile, TooNewFile
from peernotes.core.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from peernotes.core.store import ChallengeFile

FIXTURES = Path(__file__).parent.parent / "fixtures"
FIXTURE = FIXTURES / "challenge-v1.peernotes"
# The version before this one, frozen (scripts/make_fixture.py): what most peers will open.
PREVIOUS = FIXTURES / f"challenge-v{SCHEMA_VERSION - 1}.peernotes"
V4_INDEXES = {
    "idx_observation_time",
    "idx_observation_source",
    "idx_observation_heading_by_obs",
    "idx_observation_heading_by_heading",
}


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


def _rows(conn, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table in a stable order; not the full-text index's own tables,
    nor `local` (this laptop's state: opening the file notes who has it open). With
    `columns`, only those tables and columns (what an older file had)."""
    columns = columns or _columns(conn)
    return {
        t: sorted(map(tuple, conn.execute(f'SELECT {", ".join(cols)} FROM "{t}"')))
        for t, cols in columns.items()
    }


def _columns(conn) -> dict[str, list[str]]:
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'local' ORDER BY name"
        )
    ]
    return {t: [f'"{r[1]}"' for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


# Tables a later step fills for every file: v6 gives each file the outline version 4 printed.
SEEDED = {"letter_section", "letter_block"}


def _as_before_markup(rows: dict[str, list[tuple]], conn) -> dict[str, list[tuple]]:
    """v6 escapes the letter's markup characters in findings and letter settings: read
    those back as plain text, and they must be as they were."""
    from peernotes.core.markup import plain

    if SCHEMA_VERSION - 1 >= 6:  # the N-1 fixture was made after v6: already escaped
        return rows
    fixed_rows = dict(rows)
    for table, wanted in (("finding", ("statement", "narrative")), ("setting", ("value",))):
        if table not in rows:
            continue
        names = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        at = [names.index(c) for c in wanted]
        fixed = []
        for row in rows[table]:
            row = list(row)
            for i in at:
                if table == "setting" and isinstance(row[i], str) and row[i].startswith('"'):
                    row[i] = json.dumps(plain(json.loads(row[i])), ensure_ascii=False)
                elif table == "finding" and isinstance(row[i], str):
                    row[i] = plain(row[i])
            fixed.append(tuple(row))
        fixed_rows[table] = sorted(fixed)
    return fixed_rows


def _assert_only_added(conn, old: dict[str, list[str]]) -> None:
    """Later steps only add: each new table is empty (but the seeded outline), each new
    column empty (or at its default) in old rows."""
    for table, cols in _columns(conn).items():
        if table in SEEDED and table not in old:
            continue
        if table not in old:
            assert conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == 0, table
            continue
        defaults = {r[1]: r[4] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        for col in set(cols) - set(old[table]):
            default = defaults[col.strip('"')]
            same = f"{col} IS NOT NULL" if default is None else f"{col} IS NOT {default}"
            found = conn.execute(f'SELECT count(*) FROM "{table}" WHERE {same}')
            assert found.fetchone()[0] == 0, f"{table}.{col}"


def _indexes(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _assert_upgraded_previous(
    cf: ChallengeFile, before: dict[str, list[tuple]], old: dict[str, list[str]]
) -> None:
    """The N-1 fixture, upgraded: every row as it was, the new indexes in place, and the
    roll-up, coverage and search reading it right (rows are hand-counted in make_fixture)."""
    assert cf.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # every row and column it had, unchanged (text read through the v6 markup)
    assert _as_before_markup(_rows(cf.conn, old), cf.conn) == before
    _assert_only_added(cf.conn, old)
    assert V4_INDEXES <= _indexes(cf.conn)
    assert not {"idx_observation_heading_obs", "idx_observation_heading_heading"} & _indexes(
        cf.conn
    )
    result = rollup.rollup(cf)
    assert [o.id for o in result.inbox] == ["o-3"] and result.inbox_total == 1
    assert result.observations == 3  # o-4 is a tombstone
    finding = result.finding("f-1")
    assert finding.triangulation.level == "triangulated"  # heard at m-1, read in d-1
    assert dict(finding.evidence_by_mode) == {"read": 1, "heard": 1, "seen": 0}
    # (the v4 fixture adds findings without a heading: the roll-up's "no heading" entry)
    assert {h.id: h.observations for h in result.headings if h.id} == {"h-1": 1, "h-2": 0}
    cov = {h.id: h for h in coverage.coverage(cf).headings}
    assert (cov["h-1"].total, cov["h-2"].total) == (2, 2)
    assert triangulation.assess(cf, "f-1").sources == 2
    assert [h.id for h in search.search_observations(cf, "widely shared")] == ["o-1"]
    assert search.search_observations(cf, "withdrawn") == []


def test_previous_version_file_upgrades_with_data_intact(tmp_path: Path):
    """A file made by the version before this one opens in this one: every row, tombstone,
    history entry and setting as it was, and the roll-up, coverage and search work on it."""
    assert PREVIOUS.exists(), (
        f"make the N-1 fixture: python scripts/make_fixture.py {SCHEMA_VERSION - 1}"
    )
    path = tmp_path / "previous.peernotes"
    shutil.copy(PREVIOUS, path)
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
        old = _columns(conn)
        before = _rows(conn)
    conn.close()
    assert before["observation"] and before["history"] and before["finding_evidence"]
    backups = []
    cf = ChallengeFile.open(path, before_migration=backups.append)
    try:
        assert backups == [path]
        assert cf.peer_id == "peer-2"
        _assert_upgraded_previous(cf, before, old)
    finally:
        cf.close()
    reopened = ChallengeFile.open(path)  # and it stays upgraded: nothing runs twice
    try:
        assert reopened.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert _as_before_markup(_rows(reopened.conn, old), reopened.conn) == before
    finally:
        reopened.close()


@pytest.mark.skipif(not encryption.available(), reason="SQLCipher is not installed")
def test_previous_version_protected_file_upgrades(tmp_path: Path):
    """The same upgrade on a file protected with a passphrase (SQLCipher connection)."""
    path = tmp_path / "protected.peernotes"
    shutil.copy(PREVIOUS, path)
    with sqlite3.connect(path) as conn:
        old = _columns(conn)
        before = _rows(conn)
    conn.close()
    encryption.encrypt_file(path, "correct horse battery")
    cf = ChallengeFile.open(path, passphrase="correct horse battery")
    try:
        _assert_upgraded_previous(cf, before, old)
    finally:
        cf.close()


def test_every_frozen_fixture_reaches_this_version(tmp_path: Path):
    """Each committed fixture, oldest first, upgrades to the current version."""
    fixtures = sorted(FIXTURES.glob("challenge-v*.peernotes"))
    assert FIXTURE in fixtures and PREVIOUS in fixtures
    for fixture in fixtures:
        path = tmp_path / fixture.name
        shutil.copy(fixture, path)
        cf = ChallengeFile.open(path)
        try:
            assert cf.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert cf.challenge()["council"] == "Ashdown Vale District Council"
            assert V4_INDEXES <= _indexes(cf.conn)
        finally:
            cf.close()
