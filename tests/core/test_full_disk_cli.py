"""A full disk on every write path of the command line: one clear line, no half-written output,
no stray companion files, the input unchanged, never a traceback (issue 16).

Each test puts the output (or the file being changed) on a real tmpfs filled to the last
byte; the inputs sit on the ordinary disk, or on the small one when the write is to them."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from disks import fill, free, listing, small_disk

from peernotes.cli import main
from peernotes.core.store import ChallengeFile

SMALL = ["--observations", "40", "--meetings", "6", "--people", "12", "--documents", "3"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "source" / "challenge.peernotes"
    path.parent.mkdir()
    assert main(["demo", "--out", str(path), *SMALL]) == 0
    return path


@pytest.fixture
def disk(tmp_path: Path):
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted


def _errors(stderr: str) -> list[str]:
    """stderr without the advice an export prints before writing (weak-finding warnings)."""
    return [line for line in stderr.strip().splitlines() if not line.startswith(ADVICE)]


ADVICE = ("warning: ", "note: ")


def _one_full_disk_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = "\n".join(_errors(capsys.readouterr().err))
    assert len(err.splitlines()) == 1, err
    assert "disk is full" in err and "Traceback" not in err, err
    return err


def test_export_json_to_a_full_disk(
    demo: Path, disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exporting to a full USB stick: the user would see a traceback, or find a half-written
    JSON file that looks like a finished export."""
    before = _digest(demo)
    fill(disk)
    assert main(["export", str(demo), "--json", str(disk / "out.json")]) == 2
    _one_full_disk_line(capsys)
    assert listing(disk) == []
    assert _digest(demo) == before


@pytest.mark.parametrize("option", ["--letter", "--evidence"])
def test_word_exports_to_a_full_disk(
    demo: Path, disk: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The letter and the evidence report on a full disk: one message, no traceback after it,
    no half-written .docx."""
    before = _digest(demo)
    fill(disk)
    code = main(["export", str(demo), option, str(disk / "out.docx"), "--allow", "*"])
    assert code == 2
    _one_full_disk_line(capsys)
    assert listing(disk) == []
    assert _digest(demo) == before


def test_import_to_a_full_disk(
    demo: Path, disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Importing onto a full disk leaves no half-built challenge file or its -wal behind."""
    exported = tmp_path / "challenge.json"
    assert main(["export", str(demo), "--json", str(exported)]) == 0
    capsys.readouterr()
    before = _digest(exported)
    fill(disk)
    assert main(["import", str(exported), "--out", str(disk / "new.peernotes")]) == 2
    _one_full_disk_line(capsys)
    assert listing(disk) == []
    assert _digest(exported) == before


def test_recover_to_a_full_disk(demo: Path, disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check --recover onto a full disk: no half-written recovered file that looks complete."""
    before = _digest(demo)
    fill(disk)
    assert main(["check", str(demo), "--recover", str(disk / "saved.peernotes")]) == 2
    _one_full_disk_line(capsys)
    assert listing(disk) == []
    assert _digest(demo) == before


def test_merge_into_a_file_on_a_full_disk(
    demo: Path, disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Merging into a file on a full disk: one message, the team file keeps exactly what it
    had, the peer's file is untouched, and no companion files are left beside either."""
    into = disk / "team.peernotes"
    shutil.copyfile(demo, into)
    peer = tmp_path / "peer.peernotes"
    assert main(["demo", "--out", str(peer), *SMALL, "--seed", "7"]) == 0
    capsys.readouterr()
    peer_before = _digest(peer)
    with ChallengeFile.open(into, readonly=True) as cf:
        count_before = cf.count("observation")
    fill(disk)
    assert main(["merge", str(into), str(peer)]) == 2
    _one_full_disk_line(capsys)
    assert listing(disk) == ["team.peernotes"]
    assert _digest(peer) == peer_before
    free(disk)
    with ChallengeFile.open(into, readonly=True) as cf:
        assert cf.count("observation") == count_before
        assert cf.integrity_ok()


def test_opening_for_editing_on_a_full_disk(
    demo: Path, disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening a file for editing on a full disk (the lock file, the open mark) says the disk
    is full instead of a traceback, and leaves the file as it was."""
    target = disk / "team.peernotes"
    shutil.copyfile(demo, target)
    before = _digest(target)
    fill(disk)
    from peernotes.core.errors import DiskFull

    with pytest.raises(DiskFull, match="disk is full"):
        ChallengeFile.open(target)
    assert listing(disk) == ["team.peernotes"]
    assert _digest(target) == before


def test_opening_an_older_file_on_a_full_disk(
    disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older file needs upgrading; with no room for it the user is told the disk is full
    and the file is still the old one, byte for byte."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "challenge-v1.peernotes"
    target = disk / "old.peernotes"
    shutil.copyfile(fixture, target)
    before = _digest(target)
    fill(disk)
    assert main(["merge", str(target), str(fixture)]) == 2
    _one_full_disk_line(capsys)
    assert listing(disk) == ["old.peernotes"]
    assert _digest(target) == before


def test_a_real_process_prints_one_line_and_no_traceback(demo: Path, disk: Path) -> None:
    """In a real process (where a half-closed Word file used to print a traceback when it was
    collected, after the right message): stderr holds exactly one line."""
    import subprocess
    import sys

    fill(disk)
    result = subprocess.run(
        [sys.executable, "-m", "peernotes", "export", str(demo), "--letter", str(disk / "l.docx")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 2
    assert len(_errors(result.stderr)) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "disk is full" in result.stderr
    assert listing(disk) == []


def test_an_unexpected_error_is_one_line_and_a_log(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug anywhere in a command: the user sees one line naming a log, never a traceback,
    and the log holds the detail for the bug report."""
    from peernotes.core import interchange

    def broken(cf: object) -> object:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(interchange, "iter_export", broken)
    assert main(["export", str(demo), "--json", str(demo.with_suffix(".json"))]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    log = Path(err.rsplit(" ", 1)[-1])
    assert "ZeroDivisionError: planted" in log.read_text()
    assert not demo.with_suffix(".json").exists()


def test_a_backup_onto_a_full_disk(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup folder's disk is full: one sentence saying so, no half-written backup (or
    its manifest) left among the real ones, and the challenge file unchanged."""
    from peernotes.core import backups
    from peernotes.core.backups import BackupFailed

    with small_disk(tmp_path / "data") as data:
        monkeypatch.setenv("PEERNOTES_DATA_DIR", str(data))
        with ChallengeFile.open(demo) as cf:
            backups.backup(cf, "manual")
            folder = backups.folder_for(demo)
            before = sorted(p.name for p in folder.iterdir())
            fill(data)
            with pytest.raises(BackupFailed, match="disk is full"):
                backups.backup(cf, "manual")
            assert sorted(p.name for p in folder.iterdir()) == before
