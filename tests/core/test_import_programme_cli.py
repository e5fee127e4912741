"""`peernotes import-programme`: what a challenge manager sees at the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from peernotes.cli import main
from peernotes.core.store import ChallengeFile

TIMETABLE = (
    "Date,Time,Meeting,Attendees,Group\n"
    "10/11/2026,9.30-10.30,Chief Executive,Sam Okafor,Senior leader\n"
    "10/11/2026,2pm,Carers group,12 carers,\n"
    "10/11/2026,25.00,Typo,,\n"
)


@pytest.fixture
def timetable(tmp_path: Path) -> Path:
    path = tmp_path / "programme.csv"
    path.write_text(TIMETABLE, encoding="utf-8")
    return path


def test_dry_run_prints_the_changes_and_leaves_the_file_byte_identical(
    challenge_path: Path, timetable: Path, capsys: pytest.CaptureFixture[str]
):
    """--dry-run: the same report as a real import, and not one byte of FILE changes."""
    before = challenge_path.read_bytes()
    siblings = sorted(p.name for p in challenge_path.parent.iterdir())
    assert main(["import-programme", str(challenge_path), str(timetable), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "Would add 2 meeting(s)" in out
    assert "Row 4, column B (Time): not a time: '25.00'" in out
    assert challenge_path.read_bytes() == before
    assert sorted(p.name for p in challenge_path.parent.iterdir()) == siblings


def test_import_lands_valid_rows_and_names_bad_ones(
    challenge_path: Path, timetable: Path, capsys: pytest.CaptureFixture[str]
):
    """Exit code 1: the good rows are in the file, the bad one is listed."""
    assert main(["import-programme", str(challenge_path), str(timetable)]) == 1
    out = capsys.readouterr().out
    assert "Added 2 meeting(s)" in out and "1 headcount(s)" in out
    with ChallengeFile.open(challenge_path, readonly=True) as cf:
        assert sorted(m["title"] for m in cf.rows("meeting")) == ["Carers group", "Chief Executive"]
    assert main(["import-programme", str(challenge_path), str(timetable)]) == 1
    assert "Added 0 meeting(s), updated 0, 2 unchanged" in capsys.readouterr().out


def test_map_names_columns_it_does_not_recognise(
    challenge_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """--map Slot=start --map C=title: unknown headers mapped by name or letter."""
    path = tmp_path / "odd.csv"
    path.write_text("Date,Slot,Who\n10/11/2026,0930,Leader of the Council\n")
    args = ["import-programme", str(challenge_path), str(path), "--map", "Slot=start"]
    assert main([*args, "--map", "C=title"]) == 0
    assert "Added 1 meeting(s)" in capsys.readouterr().out


def test_not_a_timetable_exit_2_with_one_sentence(
    challenge_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """A sheet that is not a programme: exit 2, a sentence saying why, no traceback."""
    path = tmp_path / "budget.csv"
    path.write_text("Cost centre,Budget\nASC-001,1200000\n")
    before = challenge_path.read_bytes()
    assert main(["import-programme", str(challenge_path), str(path)]) == 2
    err = capsys.readouterr().err
    assert "does not look like a timetable" in err and "Traceback" not in err
    assert challenge_path.read_bytes() == before


def test_bad_map_is_one_sentence(
    challenge_path: Path, timetable: Path, capsys: pytest.CaptureFixture[str]
):
    """--map with an unknown field names the fields there are."""
    args = ["import-programme", str(challenge_path), str(timetable), "--map", "Date=when"]
    assert main(args) == 2
    assert "'when' is not a field PeerNotes imports" in capsys.readouterr().err
