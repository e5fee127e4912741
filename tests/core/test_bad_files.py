"""Bad files: every kind of broken or foreign file gets a clear message and is never modified.

Each case is checked through the core (ChallengeFile.open), through the CLI in a real
subprocess (`peernotes export FILE --json -` and `peernotes check FILE`), and byte for byte
afterwards. The window shows the same messages (tests/ui/test_safety_ui.py).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.core.errors import FileRefused, SaveFailed
from peernotes.core.records import observations as observation_records
from peernotes.core.store import ChallengeFile

REPO = Path(__file__).resolve().parents[2]


def _challenge(tmp_path: Path, name: str = "good.peernotes", observations: int = 20) -> Path:
    path = tmp_path / name
    cf = make_challenge(path)
    for n in range(observations):
        observation_records.add_observation(cf, f"Observation {n}: staff described the duty system")
    cf.close()
    return path


def truncated(tmp_path: Path) -> Path:
    path = _challenge(tmp_path, "half-copied.peernotes")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def zero_bytes(tmp_path: Path) -> Path:
    path = tmp_path / "empty.peernotes"
    path.write_bytes(b"")
    return path


def random_bytes(tmp_path: Path) -> Path:
    path = tmp_path / "noise.peernotes"
    path.write_bytes(random.Random(3).randbytes(5000))
    return path


def a_word_document(tmp_path: Path) -> Path:
    path = tmp_path / "letter.peernotes"
    path.write_bytes(b"PK\x03\x04" + b"word/document.xml" * 100)
    return path


def other_programs_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "photos.peernotes"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO album (title) VALUES ('Holiday')")
    conn.commit()
    conn.close()
    return path


def newer_version(tmp_path: Path) -> Path:
    path = _challenge(tmp_path, "from-the-future.peernotes")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    return path


def a_folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.peernotes"
    path.mkdir()
    return path


def vanished(tmp_path: Path) -> Path:
    return tmp_path / "usb-stick" / "removed.peernotes"


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "truncated": (truncated, "truncated"),
    "zero bytes": (zero_bytes, "empty (0 bytes)"),
    "random bytes": (random_bytes, "not a PeerNotes file"),
    "a word document": (a_word_document, "not a PeerNotes file"),
    "another program's SQLite": (other_programs_sqlite, "another program"),
    "a newer version": (newer_version, "newer PeerNotes"),
    "a folder": (a_folder, "is a folder"),
    "a path that no longer exists": (vanished, "does not exist"),
}


def _snapshot(path: Path) -> dict[str, bytes]:
    """Every file in the folder of `path`, by name (the file and any -wal/-shm/.lock)."""
    folder = path.parent
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peernotes", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=60,
    )


@pytest.mark.parametrize("case", list(CASES))
def test_core_refuses_with_a_clear_message_and_changes_nothing(case: str, tmp_path: Path) -> None:
    """Opening a broken or foreign file says what is wrong and leaves every byte as it was."""
    make, expected = CASES[case]
    path = make(tmp_path)
    before = _snapshot(path)
    with pytest.raises(FileRefused) as refused:
        ChallengeFile.open(path)
    message = str(refused.value)
    assert expected in message
    assert str(path) in message or path.name in message
    assert "Traceback" not in message and message.endswith((".", ")"))
    assert _snapshot(path) == before


def test_newer_version_message_names_both_versions(tmp_path: Path) -> None:
    """The user must learn which PeerNotes is needed, not just that something failed."""
    path = newer_version(tmp_path)
    with pytest.raises(FileRefused, match=r"format version 99.*up to \d+"):
        ChallengeFile.open(path)


@pytest.mark.parametrize("case", ["truncated", "random bytes", "a newer version", "zero bytes"])
def test_cli_export_refuses_in_one_line_and_changes_nothing(case: str, tmp_path: Path) -> None:
    """`peernotes export BAD --json -` prints one clear line, exits non-zero, no traceback."""
    make, expected = CASES[case]
    path = make(tmp_path)
    before = _snapshot(path)
    result = _cli("export", str(path), "--json", "-")
    assert result.returncode != 0
    assert result.stdout == ""
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _snapshot(path) == before


@pytest.mark.parametrize("case", ["another program's SQLite", "a path that no longer exists"])
def test_cli_check_refuses_in_one_line(case: str, tmp_path: Path) -> None:
    """`peernotes check` gives the same message as the window, and changes nothing."""
    make, expected = CASES[case]
    path = make(tmp_path)
    before = _snapshot(path)
    result = _cli("check", str(path))
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert _snapshot(path) == before


def test_cli_check_passes_a_sound_file(tmp_path: Path) -> None:
    path = _challenge(tmp_path)
    before = path.read_bytes()
    result = _cli("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "sound" in result.stdout and "20 observations" in result.stdout
    assert path.read_bytes() == before


def _cannot_write(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root can write anything: there, stand in for the permission check the OS would fail."""
    if os.access(path, os.W_OK):
        from peernotes.core.store import connection

        monkeypatch.setattr(connection, "writable", lambda _path: False)


def test_read_only_file_opens_read_only_and_is_not_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file without write permission opens for reading, says so, and stays identical."""
    path = _challenge(tmp_path)
    os.chmod(path, 0o400)
    try:
        _cannot_write(path, monkeypatch)
        before = path.read_bytes()
        with ChallengeFile.open(path) as cf:
            assert cf.readonly and "read-only" in cf.readonly_reason
            assert cf.count("observation") == 20
            with pytest.raises(SaveFailed, match="read-only"):
                observation_records.add_observation(cf, "cannot be saved")
        assert path.read_bytes() == before
    finally:
        os.chmod(path, 0o600)


def test_read_only_folder_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A challenge on a read-only medium (a locked USB stick, a CD) can still be read."""
    path = _challenge(tmp_path)
    os.chmod(tmp_path, 0o500)
    try:
        _cannot_write(tmp_path, monkeypatch)
        with ChallengeFile.open(path) as cf:
            assert cf.readonly and cf.count("observation") == 20
    finally:
        os.chmod(tmp_path, 0o700)


def test_copied_without_its_wal_opens_read_only_with_a_message(tmp_path: Path) -> None:
    """A file copied while open (its newest saves left behind in -wal) must not pretend all is
    well: it opens read-only and says which companion file is missing."""
    path = tmp_path / "open.peernotes"
    cf = make_challenge(path)
    cf.conn.execute("PRAGMA wal_autocheckpoint = 0")
    observation_records.add_observation(cf, "only in the -wal so far")
    (tmp_path / "usb").mkdir()
    copy = tmp_path / "usb" / "open.peernotes"
    shutil.copyfile(path, copy)  # the user copies the main file only, while it is open
    cf.close()
    before = _snapshot(copy)
    with ChallengeFile.open(copy) as copied:
        assert copied.readonly
        assert "open.peernotes-wal" in copied.readonly_reason
    assert _snapshot(copy) == {
        **before,
        **{k: v for k, v in _snapshot(copy).items() if k != copy.name},
    }
    assert copy.read_bytes() == before[copy.name]
    with ChallengeFile.open(copy, accept_missing_wal=True) as copied:
        assert not copied.readonly  # the user chose to carry on with what it holds


def test_copied_with_its_wal_opens_normally(tmp_path: Path) -> None:
    """Copying both files (or a crash that leaves the -wal in place) loses nothing."""
    path = tmp_path / "open.peernotes"
    cf = make_challenge(path)
    cf.conn.execute("PRAGMA wal_autocheckpoint = 0")
    observation_records.add_observation(cf, "only in the -wal so far")
    (tmp_path / "usb").mkdir()
    for name in (path.name, path.name + "-wal"):
        shutil.copyfile(tmp_path / name, tmp_path / "usb" / name)
    cf.close()
    with ChallengeFile.open(tmp_path / "usb" / path.name) as copied:
        assert not copied.readonly
        assert [o["text"] for o in copied.rows("observation")] == ["only in the -wal so far"]


def test_a_cleanly_closed_file_copied_alone_is_fine(tmp_path: Path) -> None:
    """The usual case -- close, then copy the one file -- must not warn."""
    path = _challenge(tmp_path)
    (tmp_path / "usb").mkdir()
    shutil.copyfile(path, tmp_path / "usb" / path.name)
    with ChallengeFile.open(tmp_path / "usb" / path.name) as copied:
        assert not copied.readonly and copied.readonly_reason is None


def test_killed_during_a_checkpoint_opens_with_everything(tmp_path: Path) -> None:
    """A kill while SQLite copies the -wal into the file can leave the file shorter than its
    (already rewritten) header says; the -wal still holds every page. That is a crash to
    recover from, not a half-copied file: it opens, with every saved observation."""
    path = tmp_path / "live.peernotes"
    cf = make_challenge(path)
    cf.conn.execute("PRAGMA wal_autocheckpoint = 0")
    before_size = path.stat().st_size
    for n in range(300):
        observation_records.add_observation(
            cf, f"Observation {n}: " + "carers described long waits " * 8
        )
    wal_at_kill = (tmp_path / "live.peernotes-wal").read_bytes()
    cf.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # the file grows, its header with it
    crashed = tmp_path / "crash"
    crashed.mkdir()
    (crashed / path.name).write_bytes(path.read_bytes()[:before_size])  # killed part-way
    (crashed / (path.name + "-wal")).write_bytes(wal_at_kill)
    cf.close()
    header = (crashed / path.name).read_bytes()[:100]
    page_size, pages = int.from_bytes(header[16:18], "big"), int.from_bytes(header[28:32], "big")
    assert pages * page_size > before_size  # the state the crash harness once hit

    with ChallengeFile.open(crashed / path.name) as reopened:
        assert reopened.count("observation") == 300
        assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_read_only_look_leaves_nothing_beside_the_file(tmp_path: Path) -> None:
    """Exporting or checking a closed file must not leave -wal/-shm files next to it (a peer
    copying the folder would wonder what they are), nor change a byte of it."""
    path = _challenge(tmp_path)
    before = path.read_bytes()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "peernotes",
            "export",
            str(path),
            "--json",
            str(tmp_path / "o.json"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    with ChallengeFile.open(path, readonly=True) as looked:
        assert looked.count("observation") == 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.peernotes", "o.json"]
    assert path.read_bytes() == before


def test_a_read_only_look_beside_a_writer_leaves_its_companions(tmp_path: Path) -> None:
    """A read-only view opened first, then someone starts writing: when the view closes, the
    -wal holds the writer's latest saves and must stay; the writer carries on, nothing lost."""
    path = _challenge(tmp_path)
    reader = ChallengeFile.open(path, readonly=True)
    writer = ChallengeFile.open(path)
    try:
        writer.conn.execute("PRAGMA wal_autocheckpoint = 0")
        observation_records.add_observation(writer, "saved while the reader was open")
        reader.close()
        assert (tmp_path / "good.peernotes-wal").stat().st_size > 0
        observation_records.add_observation(writer, "saved after the reader closed")
    finally:
        writer.close()
    with ChallengeFile.open(path) as again:
        assert again.count("observation") == 22
        assert again.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
