"""Read-only is a state, not damage (issue 16): a file on a write-protected drive, in a folder
the user may not change, or with read-only permissions opens read-only, exports, checks and
merges from -- and every message names permissions or the medium, never "damaged".

The drive cases mount a real read-only tmpfs (root only: CI runs as root). Root ignores
permission bits, so the permission cases run the real CLI as the unprivileged user `nobody`
through `setpriv`; both skip with the reason where that is impossible."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from disks import listing, remount_readonly, small_disk

from peernotes.cli import main
from peernotes.core.records import observations
from peernotes.core.store import ChallengeFile, ReadOnlyCause

REPO = Path(__file__).resolve().parents[2]
SMALL = ["--observations", "20", "--meetings", "4", "--people", "8", "--documents", "2"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def stick(tmp_path: Path) -> Iterator[Path]:
    """A write-protected USB stick holding a cleanly closed challenge."""
    with small_disk(tmp_path / "stick") as disk:
        assert main(["demo", "--out", str(disk / "challenge.peernotes"), *SMALL]) == 0
        remount_readonly(disk)
        yield disk / "challenge.peernotes"


def test_a_file_on_a_read_only_drive_opens_read_only_and_says_why(stick: Path) -> None:
    """The user sees the challenge (read-only, with the reason: a read-only drive) instead of
    "cannot be read as a PeerNotes file"."""
    before = _digest(stick)
    with ChallengeFile.open(stick) as cf:
        assert cf.readonly and cf.readonly_cause is ReadOnlyCause.PERMISSIONS
        assert "read-only drive" in (cf.readonly_reason or "")
        assert "save a copy" in (cf.readonly_reason or "")
        assert cf.count("observation") == 20
    assert _digest(stick) == before
    assert listing(stick.parent) == ["challenge.peernotes"]


def test_check_and_export_work_on_a_read_only_drive(
    stick: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` says "sound" (not "damaged", not --recover) and every export is written."""
    assert main(["check", str(stick)]) == 0
    out = capsys.readouterr()
    assert "sound" in out.out and "damaged" not in out.out + out.err
    assert main(["export", str(stick), "--json", str(tmp_path / "c.json")]) == 0
    assert main(["export", str(stick), "--evidence", str(tmp_path / "e.docx")]) == 0
    assert (tmp_path / "c.json").stat().st_size > 0 and (tmp_path / "e.docx").exists()


def test_merging_from_a_read_only_drive(stick: Path, tmp_path: Path) -> None:
    """A peer's file on a locked stick merges in; the stick is untouched."""
    into = tmp_path / "team.peernotes"
    shutil.copyfile(stick, into)
    before = _digest(stick)
    assert main(["merge", str(into), str(stick)]) == 0
    assert _digest(stick) == before


@pytest.fixture
def stick_with_wal(tmp_path: Path) -> Iterator[Path]:
    """A locked stick holding a challenge copied while it was open: its latest note is only
    in the -wal beside it (the stick was pulled out mid-session, then write-protected)."""
    laptop = tmp_path / "laptop.peernotes"
    assert main(["demo", "--out", str(laptop), *SMALL]) == 0
    shutil.copyfile(laptop, tmp_path / "team.peernotes")  # the team's file, before the note
    with small_disk(tmp_path / "stick") as disk:
        with ChallengeFile.open(laptop) as cf:
            observations.add_observation(cf, "Saved only in the write-ahead log.")
            for name in ("challenge.peernotes", "challenge.peernotes-wal"):
                source = laptop.with_name(laptop.name + name.removeprefix("challenge.peernotes"))
                shutil.copyfile(source, disk / name)
        remount_readonly(disk)
        yield disk / "challenge.peernotes"


def test_a_file_with_its_wal_on_a_read_only_drive_opens_with_every_save(
    stick_with_wal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file and its -wal on a locked stick: it opens read-only with the note that is
    only in the -wal (it was refused with "copy both files"), check says sound, exports and
    merges carry that note, and nothing is written on the stick."""
    before = {p.name: _digest(p) for p in stick_with_wal.parent.iterdir()}
    with ChallengeFile.open(stick_with_wal) as cf:
        assert cf.readonly and "read-only drive" in (cf.readonly_reason or "")
        texts = [o["text"] for o in cf.rows("observation")]
        assert "Saved only in the write-ahead log." in texts and len(texts) == 21
    assert main(["check", str(stick_with_wal)]) == 0
    assert "sound" in capsys.readouterr().out
    out = tmp_path / "c.json"
    assert main(["export", str(stick_with_wal), "--json", str(out)]) == 0
    assert "Saved only in the write-ahead log." in out.read_text(encoding="utf-8")
    into = tmp_path / "team.peernotes"
    assert main(["merge", str(into), str(stick_with_wal)]) == 0
    with ChallengeFile.open(into) as team:
        assert "Saved only in the write-ahead log." in [o["text"] for o in team.rows("observation")]
    assert {p.name: _digest(p) for p in stick_with_wal.parent.iterdir()} == before


# ----------------------------------------------------------------- as a user, not root
def _as_nobody(*argv: str, data: Path) -> subprocess.CompletedProcess[str]:
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run as an unprivileged user")
    env = dict(os.environ, PYTHONPATH=str(REPO), PEERNOTES_DATA_DIR=str(data), HOME=str(data))
    return subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        + [sys.executable, "-m", "peernotes", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=str(data),
    )


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder anyone may enter, holding root's challenge file (not writable by `nobody`)."""
    folder = Path(tempfile.mkdtemp(prefix="peernotes-perm-"))
    try:
        os.chmod(folder, 0o755)
        target = folder / "root-owned" / "challenge.peernotes"
        target.parent.mkdir()
        assert main(["demo", "--out", str(target), *SMALL]) == 0
        os.chmod(target, 0o644)
        os.chmod(target.parent, 0o755)
        data = folder / "nobody"
        data.mkdir()
        os.chown(data, 65534, 65534)
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_check_and_export_in_a_folder_the_user_cannot_write(shared: Path) -> None:
    """For a user who may read but not write the folder: `check` says sound, the JSON export
    works, nothing is created beside the file."""
    data = shared.parent.parent / "nobody"
    before = _digest(shared)
    result = _as_nobody("check", str(shared), data=data)
    assert result.returncode == 0, result.stderr
    assert "sound" in result.stdout and "damaged" not in result.stdout + result.stderr
    result = _as_nobody("export", str(shared), "--json", str(data / "c.json"), data=data)
    assert result.returncode == 0, result.stderr
    assert (data / "c.json").exists()
    assert _digest(shared) == before
    assert listing(shared.parent) == ["challenge.peernotes"]


def test_merge_into_a_file_the_user_cannot_write(shared: Path) -> None:
    """Merging into someone else's read-only file: one line naming permissions, not damage."""
    data = shared.parent.parent / "nobody"
    before = _digest(shared)
    result = _as_nobody("merge", str(shared), str(shared), data=data)
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "permission" in message and "damaged" not in message
    assert _digest(shared) == before


def test_a_file_the_user_cannot_read(shared: Path) -> None:
    """An unreadable file: `check` names permissions, does not call it damaged or suggest
    --recover."""
    data = shared.parent.parent / "nobody"
    os.chmod(shared, 0o600)
    result = _as_nobody("check", str(shared), data=data)
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "permission denied" in message and "damaged" not in message
    assert "--recover" not in message


@pytest.mark.parametrize("command", ["export", "import", "recover"])
def test_writing_onto_a_read_only_drive_says_so(
    stick: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Choosing the locked stick as the place to write: one line naming the read-only drive or
    the permission, nothing created there, never a traceback."""
    exported = tmp_path / "c.json"
    assert main(["export", str(stick), "--json", str(exported)]) == 0
    capsys.readouterr()
    argv = {
        "export": ["export", str(stick), "--json", str(stick.parent / "out.json")],
        "import": ["import", str(exported), "--out", str(stick.parent / "new.peernotes")],
        "recover": ["check", str(stick), "--recover", str(stick.parent / "saved.peernotes")],
    }[command]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "read-only" in err or "permission" in err, err
    assert listing(stick.parent) == ["challenge.peernotes"]


def test_a_read_only_file_in_the_users_own_folder(shared: Path) -> None:
    """The folder is the user's, the file is not writable by them: check and export work,
    merging into it names the file's permissions, and nothing appears beside it."""
    data = shared.parent.parent / "nobody"
    own = data / "shared-with-me"
    own.mkdir()
    os.chown(own, 65534, 65534)
    target = own / "challenge.peernotes"
    shutil.copyfile(shared, target)
    os.chmod(target, 0o644)  # root's file: readable, not writable, by nobody
    before = _digest(target)
    result = _as_nobody("check", str(target), data=data)
    assert result.returncode == 0 and "sound" in result.stdout, result.stderr
    result = _as_nobody("merge", str(target), str(shared), data=data)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "permissions" in result.stderr and "damaged" not in result.stderr
    assert _digest(target) == before
    assert listing(own) == ["challenge.peernotes"]
