"""Times and dates typed as officers write them are understood, and nonsense is refused."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from peernotes.core.errors import ValidationError
from peernotes.core.times import parse_date, parse_time, parse_time_range


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("9.30", "09:30"),
        ("09.30", "09:30"),
        ("0930", "09:30"),
        ("930", "09:30"),
        ("9:30am", "09:30"),
        ("9.30 a.m.", "09:30"),
        ("2pm", "14:00"),
        ("2.15 PM", "14:15"),
        ("12pm", "12:00"),
        ("12am", "00:00"),
        ("14:00", "14:00"),
        ("noon", "12:00"),
        ("3.30", "15:30"),
        ("03.30", "03:30"),
        ("3.30am", "03:30"),
        ("7.45", "07:45"),
    ],
)
def test_times_as_people_write_them(typed: str, stored: str):
    """A peer typing '9.30' or '2pm' into a meeting gets 09:30 / 14:00, not a refusal."""
    assert parse_time(typed) == stored


@pytest.mark.parametrize("typed", ["25:00", "13pm", "9.75", "half nine", "0pm"])
def test_impossible_times_are_refused_with_the_forms_that_work(typed: str):
    """A mistyped time is never silently stored as something else."""
    with pytest.raises(ValidationError, match="not a time") as caught:
        parse_time(typed, "start_time")
    assert caught.value.field == "start_time"


def test_spreadsheet_time_values():
    """Excel hands over real times, datetimes and fractions of a day: all read as HH:MM."""
    assert parse_time(time(9, 30)) == "09:30"
    assert parse_time(datetime(1899, 12, 30, 14, 0)) == "14:00"
    assert parse_time(0.6041666666666666) == "14:30"
    assert parse_time("") is None and parse_time(None) is None


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("9.30-10.30", "09:30", "10:30"),
        ("9:30 to 10:30am", "09:30", "10:30"),
        ("1-2pm", "13:00", "14:00"),
        ("11-12pm", "11:00", "12:00"),
        ("11am – 1pm", "11:00", "13:00"),
        ("2pm", "14:00", None),
    ],
)
def test_time_ranges_in_one_cell(typed: str, start: str, end: str | None):
    """A timetable's 'Time' column ("1-2pm") gives the meeting's start and end."""
    assert parse_time_range(typed) == (start, end)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-11-10", "2026-11-10"),
        ("10/11/2026", "2026-11-10"),
        ("10/11/26", "2026-11-10"),
        ("10.11.2026", "2026-11-10"),
        ("Tue 10 Nov 2026", "2026-11-10"),
        ("Tuesday 10th November", "2026-11-10"),
        (46336, "2026-11-10"),
        ("46336", "2026-11-10"),
    ],
)
def test_dates_day_first_words_and_excel_serials(typed: object, stored: str):
    """UK dates are day first; a date without a year is in the visit's year."""
    assert parse_date(typed, year=2026) == stored


def test_impossible_dates_are_refused():
    """31 February is not quietly turned into 3 March."""
    with pytest.raises(ValidationError, match="no such date"):
        parse_date("31/02/2026")
    with pytest.raises(ValidationError, match="no year"):
        parse_date("10 Nov")
