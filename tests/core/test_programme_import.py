"""Importing the council's programme: real .xlsx and CSV files as officers save them.

Each test says what a challenge manager would see if it failed: a meeting missing, a bad row
not named, a half-imported sheet, duplicates after a re-import or after merging two laptops.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from helpers import make_challenge
from replicas import clone

from peernotes.core import headcounts, merge, programme_columns, sheets
from peernotes.core.programme_import import ImportRefused, plan_import, run_import
from peernotes.core.records import observations, programme, read_models
from peernotes.core.records import people as people_records
from peernotes.core.store import ChallengeFile


def _import(cf: ChallengeFile, path: Path, **overrides: str):
    table = sheets.read_table(path)
    layout = programme_columns.recognise(table)
    if overrides:
        layout = programme_columns.with_overrides(table, layout, overrides)
    return run_import(cf, table, layout, path.name)


def _meetings(cf: ChallengeFile) -> list[tuple]:
    return [
        (m["date"], m["start_time"], m["end_time"], m["title"])
        for m in cf.rows("meeting", order_by="date, start_time")
    ]


def write_xlsx(path: Path) -> Path:
    """A programme as a council's Excel file: a merged title, a "Time" heading merged over
    the start and end columns, a date as a serial on a day's first row only, times as real
    Excel time values and as day fractions, blank rows, and two bad rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Programme"
    sheet.append(["Fernhill Adult Social Care Peer Challenge: on-site programme"])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(["Date", "Time", None, "Meeting", "Venue", "Attendees", "Stakeholder group"])
    sheet.merge_cells("B3:C3")
    sheet.append(
        [
            46336,
            time(9, 30),
            time(10, 30),
            "Welcome from the Chief Executive",
            "Civic Centre",
            "Sam Okafor (Chief Executive)",
            "Senior leader",
        ]
    )
    sheet.append([None, time(11, 0), 0.5, "Carers focus group", "Library", "12 carers", None])
    sheet.append([])
    sheet.append(
        [
            datetime(2026, 11, 11),
            "2pm",
            "3pm",
            "Provider forum",
            "Room 2",
            "Lee Park; Ana Wu",
            "Provider",
        ]
    )
    sheet.append([None, time(15, 0), time(14, 0), "Ends before it starts", "", "", ""])
    sheet.append(["someday", time(9, 0), None, "Bad date", "", "", ""])
    book.save(path)
    return path


def test_xlsx_every_valid_row_lands_and_bad_rows_are_named(cf: ChallengeFile, tmp_path: Path):
    """The three good meetings land with their times and people; the two bad rows are named
    by their row and column as the officer sees them in Excel."""
    plan = _import(cf, write_xlsx(tmp_path / "programme.xlsx"))
    assert _meetings(cf) == [
        ("2026-11-10", "09:30", "10:30", "Welcome from the Chief Executive"),
        ("2026-11-10", "11:00", "12:00", "Carers focus group"),
        ("2026-11-11", "14:00", "15:00", "Provider forum"),
    ]
    problems = [str(p) for p in plan.problems]
    assert len(problems) == 2
    assert problems[0].startswith("Row 8, column C (Time): the meeting ends (14:00) before")
    assert problems[1].startswith("Row 9, column A (Date): not a date: 'someday'")
    assert [r.outcome for r in plan.rows if r.row in (8, 9)] == ["error", "error"]
    people = {p.name: p for p in read_models.person_list(cf)}
    assert set(people) == {"Sam Okafor", "Lee Park", "Ana Wu"}
    assert people["Sam Okafor"].job_title == "Chief Executive"
    assert people["Lee Park"].group_name == "Provider"
    carers = cf.rows("meeting", "title = 'Carers focus group'")[0]
    assert carers["type"] == "focus_group"
    carer_group = next(g for g in people_records.stakeholder_groups(cf) if g["name"] == "Carer")
    assert headcounts.for_meeting(cf, carers["id"]) == {carer_group["id"]: 12}


def test_csv_utf8_with_bom_and_semicolons(cf: ChallengeFile, tmp_path: Path):
    """Excel's "CSV UTF-8" where the decimal mark is a comma: BOM, semicolons, a day heading
    row, "9.30" and "2pm" times, an accented name."""
    text = (
        "Date;Start;End;Meeting;Attendees;Group\r\n"
        "Tuesday 10 November 2026;;;;;\r\n"
        ";9.30;10.15;Director of Adult Social Care;Zoë Brontë;Senior leader\r\n"
        ";2pm;3pm;Frontline staff focus group;8 frontline staff;\r\n"
    )
    path = tmp_path / "programme.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    plan = _import(cf, path)
    assert not plan.problems
    assert _meetings(cf) == [
        ("2026-11-10", "09:30", "10:15", "Director of Adult Social Care"),
        ("2026-11-10", "14:00", "15:00", "Frontline staff focus group"),
    ]
    assert [p["name"] for p in cf.rows("person")] == ["Zoë Brontë"]


def test_csv_windows_1252_with_commas(cf: ChallengeFile, tmp_path: Path):
    """A CSV saved by Excel on Windows in the old code page: "é" and "–" survive."""
    text = (
        "Date,Time,Meeting with,Location,Peers\r\n"
        '11/11/2026,10:00-11:00,"Café Links – carers\' group",Hall,"Alex Morgan, Priya"\r\n'
    )
    path = tmp_path / "programme.csv"
    path.write_bytes(text.encode("cp1252"))
    _import(cf, path)
    meeting = cf.rows("meeting")[0]
    assert meeting["title"] == "Café Links – carers' group"
    peers = {p["name"] for p in programme.meeting_peers(cf, meeting["id"])}
    assert peers == {"Alex Morgan", "Priya Nair"}


def _fingerprint(cf: ChallengeFile) -> tuple:
    return tuple(
        cf.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in ("meeting", "person", "meeting_person", "meeting_peer", "headcount", "history")
    )


def test_a_spreadsheet_that_is_not_a_timetable_is_refused(cf: ChallengeFile, tmp_path: Path):
    """A budget sheet picked by mistake: one clear sentence, and nothing changes."""
    book = openpyxl.Workbook()
    book.active.append(["Cost centre", "Budget 2026/27", "Forecast"])
    book.active.append(["ASC-001", 1200000, 1250000])
    path = tmp_path / "budget.xlsx"
    book.save(path)
    before = _fingerprint(cf)
    with pytest.raises(ImportRefused, match="does not look like a timetable") as caught:
        _import(cf, path)
    assert "Nothing was changed" in str(caught.value)
    assert _fingerprint(cf) == before


def test_a_sheet_with_no_valid_row_changes_nothing(cf: ChallengeFile, tmp_path: Path):
    """Every row bad: the import is refused whole, naming the rows."""
    path = tmp_path / "bad.csv"
    path.write_text("Date,Start,Title\n32/11/2026,9.30,One\n10/11/2026,25.00,Two\n")
    before = _fingerprint(cf)
    with pytest.raises(ImportRefused, match="Row 2, column A") as caught:
        _import(cf, path)
    assert "Row 3, column B (Start)" in str(caught.value)
    assert _fingerprint(cf) == before


def test_not_a_spreadsheet_at_all(cf: ChallengeFile, tmp_path: Path):
    """A Word document renamed or an old .xls: told to save it as .xlsx or CSV."""
    path = tmp_path / "programme.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(sheets.SheetRefused, match="Save it from the spreadsheet program"):
        sheets.read_table(path)


def test_reimport_updates_in_place_and_lists_what_is_missing(cf: ChallengeFile, tmp_path: Path):
    """The council sends a new version: a changed venue updates the same meeting (its notes
    stay with it), a dropped meeting is listed and kept, a new one is added."""
    first = tmp_path / "v1.csv"
    first.write_text(
        "Date,Start,Title,Venue\n10/11/2026,09:30,Chief Executive,Room 1\n"
        "10/11/2026,11:00,Cabinet members,Room 2\n"
    )
    _import(cf, first)
    chief = cf.rows("meeting", "title = 'Chief Executive'")[0]
    observations.add_observation(cf, "Clear vision.", meeting_id=chief["id"])
    second = tmp_path / "v2.csv"
    second.write_text(
        "Date,Start,Title,Venue\n10/11/2026,09:30,Chief Executive,Council Chamber\n"
        "11/11/2026,10:00,Scrutiny chairs,Room 3\n"
    )
    plan = _import(cf, second)
    assert cf.count("meeting") == 3
    again = cf.get("meeting", chief["id"])
    assert again["location"] == "Council Chamber"
    assert cf.count("observation", "meeting_id = ?", (chief["id"],)) == 1
    assert [m.title for m in plan.missing] == ["Cabinet members"]
    assert cf.rows("meeting", "title = 'Cabinet members'"), "never deleted"
    assert [r.outcome for r in plan.rows] == ["update", "new"]
    assert _import(cf, second).summary(done=True).startswith("Added 0 meeting(s), updated 0")


def test_a_meeting_typed_by_hand_is_not_matched_by_name(cf: ChallengeFile, tmp_path: Path):
    """Matching is by import key, never by a title that happens to be the same."""
    programme.add_meeting(cf, date="2026-11-10", title="Chief Executive", start_time="09:30")
    path = tmp_path / "v1.csv"
    path.write_text("Date,Start,Title\n10/11/2026,09:30,Chief Executive\n")
    plan = _import(cf, path)
    assert [r.outcome for r in plan.rows] == ["new"]


def test_two_laptops_importing_the_same_timetable_merge_cleanly(tmp_path: Path):
    """Two peers import the same programme on their own copies: after merging there is one
    of each meeting and person, not two."""
    path = write_xlsx(tmp_path / "programme.xlsx")
    laptop_a, laptop_b = clone("laptop-a"), clone("laptop-b", peer=2)
    for laptop in (laptop_a, laptop_b):
        _import(laptop, path)
    meetings = laptop_a.count("meeting")
    people = laptop_a.count("person")
    merge.merge(laptop_a, laptop_b, backup=False)
    assert laptop_a.count("meeting") == meetings
    assert laptop_a.count("person") == people
    assert laptop_a.count("headcount") == 1


def test_dry_run_plan_reads_only(challenge_path: Path, tmp_path: Path):
    """The preview (and --dry-run) works on a read-only file and changes nothing."""
    before = challenge_path.read_bytes()
    with ChallengeFile.open(challenge_path, readonly=True) as cf:
        table = sheets.read_table(write_xlsx(tmp_path / "p.xlsx"))
        plan = plan_import(cf, table, programme_columns.recognise(table))
    assert len(plan.new_meetings) == 3
    assert challenge_path.read_bytes() == before


def test_columns_mapped_by_hand(cf: ChallengeFile, tmp_path: Path):
    """Headers PeerNotes does not know are mapped by header text or by letter."""
    path = tmp_path / "odd.csv"
    path.write_text("When,Slot,Who we meet,Where\n10/11/2026,9.30,Leader of the Council,Room 1\n")
    _import(cf, path, When="date", B="start", **{"Who we meet": "title", "4": "location"})
    assert _meetings(cf) == [("2026-11-10", "09:30", None, "Leader of the Council")]
    assert cf.rows("meeting")[0]["location"] == "Room 1"


def test_an_attendee_list_adds_people_once(cf: ChallengeFile, tmp_path: Path):
    """One row per person met, the meeting repeated: one meeting, each person once, and a
    person already recorded is reused, not duplicated."""
    people_records.add_person(cf, "Lee Park")
    path = tmp_path / "attendees.csv"
    path.write_text(
        "Date,Start,Meeting,Name,Job title,Organisation\n"
        "10/11/2026,14:00,Providers,Lee Park,Manager,Home Care Ltd\n"
        "10/11/2026,14:00,Providers,Ana Wu,Owner,Wu Care\n"
    )
    _import(cf, path)
    assert cf.count("meeting") == 1
    assert sorted(p["name"] for p in cf.rows("person")) == ["Ana Wu", "Lee Park"]
    meeting = cf.rows("meeting")[0]
    assert len(programme.meeting_people(cf, meeting["id"])) == 2
    assert cf.rows("person", "name = 'Ana Wu'")[0]["organisation"] == "Wu Care"


def test_a_date_outside_the_visit_is_a_warning_not_an_error(cf: ChallengeFile, tmp_path: Path):
    """A pre-site call is imported, with a clear note that it is outside the on-site days."""
    path = tmp_path / "p.csv"
    path.write_text("Date,Start,Title\n03/11/2026,10:00,Pre-site call\n")
    plan = _import(cf, path)
    assert cf.count("meeting") == 1
    assert "outside the on-site days" in str(plan.warnings[0])
    assert date(2026, 11, 3).isoformat() == cf.rows("meeting")[0]["date"]


def test_copy_of_file_then_import(tmp_path: Path):
    """Importing into a copied file (a peer's laptop) gives the same meeting ids."""
    path = tmp_path / "a.peernotes"
    make_challenge(path).close()
    shutil.copy(path, tmp_path / "b.peernotes")
    sheet = write_xlsx(tmp_path / "p.xlsx")
    ids = []
    for name in ("a.peernotes", "b.peernotes"):
        with ChallengeFile.open(tmp_path / name) as cf:
            _import(cf, sheet)
            ids.append(sorted(m["id"] for m in cf.rows("meeting")))
    assert ids[0] == ids[1]


def test_reimport_never_erases_what_a_peer_typed(cf: ChallengeFile, tmp_path: Path):
    """A peer set the end time and the type by hand; the council's sheet has neither column
    and a blank venue: re-importing keeps the peer's end, type and location."""
    path = tmp_path / "v1.csv"
    path.write_text("Date,Start,Title,Venue\n10/11/2026,09:30,Carers,\n")
    _import(cf, path)
    meeting = cf.rows("meeting")[0]
    programme.update_meeting(
        cf, meeting["id"], end_time="10:30", type="focus_group", location="Library"
    )
    plan = _import(cf, path)
    again = cf.get("meeting", meeting["id"])
    assert (again["end_time"], again["type"], again["location"]) == (
        "10:30",
        "focus_group",
        "Library",
    )
    assert [r.outcome for r in plan.rows] == ["same"]
