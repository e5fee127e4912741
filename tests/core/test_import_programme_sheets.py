"""A workbook whose first sheet is a cover page: the timetable is still found, or chosen."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from peernotes.cli import main
from peernotes.core import programme_columns, sheets


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    cover.append(["Corporate peer challenge: Anyshire County Council (fictional)"])
    cover.append(["Prepared by the council's policy team"])
    week1 = book.create_sheet("Week 1")
    week1.append(["Date", "Time", "Meeting", "Attendees"])
    week1.append(["10/11/2026", "9.30-10.30", "Chief Executive", "Sam Okafor"])
    week2 = book.create_sheet("Week 2")
    week2.append(["Date", "Time", "Meeting", "Attendees"])
    week2.append(["17/11/2026", "2pm", "Carers group", "12 carers"])
    week2.append(["17/11/2026", "3pm", "Leader", "Ali Grant"])
    path = tmp_path / "programme.xlsx"
    book.save(path)
    return path


def test_default_skips_the_cover_page(workbook: Path):
    """Without a choice the import reads the first sheet that looks like a timetable; if this
    fails the user is told the cover page 'does not look like a timetable'."""
    tables = sheets.read_tables(workbook)
    assert [t.name for t in tables] == ["Cover", "Week 1", "Week 2"]
    assert programme_columns.timetable_table(tables, None, workbook.name).name == "Week 1"


def test_cli_sheet_reads_the_named_sheet(
    challenge_path: Path, workbook: Path, capsys: pytest.CaptureFixture[str]
):
    """--sheet "Week 2" imports Week 2's two meetings, not Week 1's one."""
    args = ["import-programme", str(challenge_path), str(workbook), "--dry-run"]
    assert main([*args, "--sheet", "week 2"]) == 0
    out = capsys.readouterr().out
    assert "Would add 2 meeting(s)" in out and "Carers group" in out
    assert main(args) == 0
    assert "Would add 1 meeting(s)" in capsys.readouterr().out


def test_cli_unknown_sheet_names_the_sheets_there_are(
    challenge_path: Path, workbook: Path, capsys: pytest.CaptureFixture[str]
):
    """A sheet name that is not there: one sentence listing the sheets, nothing changed."""
    before = challenge_path.read_bytes()
    args = ["import-programme", str(challenge_path), str(workbook), "--sheet", "Week 3"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "no sheet called 'Week 3'" in err and "'Cover', 'Week 1', 'Week 2'" in err
    assert "Traceback" not in err
    assert challenge_path.read_bytes() == before
