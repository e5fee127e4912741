"""Times and dates as people write them: "9.30", "0930", "9:30am", "2pm", "12/03/2026".

A bare hour from 1 to 6 ("3.30", "2", "430") is the afternoon: nobody's programme meets at
half past three in the night, while "3.30" for 15:30 is how officers write it. "03:30" (a
leading zero), "3.30am" and 24-hour times are read as written.

Council officers type programmes in every style, and spreadsheets hand over real time and
date values (an Excel time is a fraction of a day, an Excel date a day count). One parser
serves the meeting dialog, the programme importer and the record checks, so a time the
dialog accepts is a time the importer accepts. Every refusal is a ValidationError whose
message says what was expected; nothing here guesses silently: "13pm" and "31/02" fail.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from peernotes.core.errors import ValidationError

# 9 | 9.30 | 9:30 | 09h30 | 0930 | 930, each with an optional am/pm ("9.30 a.m.").
_CLOCK = re.compile(
    r"^(?:(?P<h>\d{1,2})(?:\s*[:.h]\s*(?P<m>\d{2}))?|(?P<hhmm>\d{3,4}))"
    r"\s*(?P<half>[ap])?\.?\s*(?:m\.?)?$"
)
_NAMED = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
# "9.30-10.30", "9:30 to 10:30am", "9.30 – 10.30", "11-12pm"
_RANGE = re.compile(r"^(?P<a>.+?)\s*(?:-|–|—|to|until)\s*(?P<b>.+)$")

EXPECTED_TIME = "a time such as 9.30, 09:30, 0930, 9:30am or 2pm"
EXPECTED_DATE = "a date such as 2026-11-10, 10/11/2026 or Tue 10 Nov 2026"


def parse_time(value: object, field: str = "time") -> str | None:
    """The time as 24-hour "HH:MM", or None for an empty value. Accepts the forms above,
    a datetime.time / datetime, and a spreadsheet time value (a fraction of a day)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.strftime("%H:%M")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):
        return _from_fraction(value.total_seconds() / 86400, field, value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        if 0 <= value < 1:
            return _from_fraction(float(value), field, value)
        value = str(value)
    return _clock_text(str(value), field)


def _from_fraction(fraction: float, field: str, shown: object) -> str:
    if not 0 <= fraction < 1:
        raise ValidationError(field, f"not a time: {shown!r} (expected {EXPECTED_TIME})")
    minutes = round(fraction * 24 * 60)
    if minutes == 24 * 60:
        minutes -= 1
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _clock_text(text: str, field: str) -> str:
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _NAMED:
        return _NAMED[cleaned]
    match = _CLOCK.match(cleaned)
    if not match:
        raise ValidationError(field, f"not a time: {text.strip()!r} (expected {EXPECTED_TIME})")
    if match["hhmm"]:
        hour, minute = int(match["hhmm"][:-2]), int(match["hhmm"][-2:])
    else:
        hour, minute = int(match["h"]), int(match["m"] or 0)
    half = match["half"]
    if not half and 1 <= hour <= 6 and not (match["h"] or match["hhmm"]).startswith("0"):
        hour += 12  # "3.30" in a programme is the afternoon; "03:30" is written on purpose
    elif half:
        if not 1 <= hour <= 12:
            raise ValidationError(field, f"not a time: {text.strip()!r} (hour {hour} with {half}m)")
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        raise ValidationError(field, f"not a time: {text.strip()!r} (expected {EXPECTED_TIME})")
    return f"{hour:02d}:{minute:02d}"


def has_half(text: str) -> bool:
    """True when a written time says am or pm itself."""
    return bool(re.search(r"[ap]\.?\s*m\.?\s*$", text.strip().lower()))


def parse_time_range(value: object, field: str = "time") -> tuple[str | None, str | None]:
    """A start and end written in one cell ("9.30-10.30", "1-2pm"), or a single start time.
    When only the end says am/pm, the start takes the same half if it then starts first."""
    if not isinstance(value, str):
        return parse_time(value, field), None
    text = value.strip()
    match = _RANGE.match(text)
    if not match:
        return parse_time(text, field), None
    first, second = match["a"], match["b"]
    end = parse_time(second, field)
    start = parse_time(first, field)
    half = re.search(r"([ap])\.?\s*m\.?\s*$", second.lower())
    if half and not has_half(first) and start is not None and end is not None:
        try:
            same_half = parse_time(f"{first}{half[1]}m", field)
        except ValidationError:
            same_half = None
        if same_half is not None and same_half <= end:
            start = same_half
    return start, end


# ------------------------------------------------------------------------- dates
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+"
_NUMERIC = re.compile(r"^(?:" + _WEEKDAY + r")?(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_WORDS = re.compile(
    r"^(?:" + _WEEKDAY + r")?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?$"
)
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug folded in)


def parse_date(value: object, field: str = "date", *, year: int | None = None) -> str | None:
    """The date as ISO "YYYY-MM-DD", or None for an empty value. UK order (day first) for
    numbers; a date without a year takes `year` (the visit's). Accepts a date/datetime and a
    spreadsheet date serial (days since 1899-12-30)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value, field)
    text = " ".join(str(value).strip().lower().split())
    iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[ t]\d{2}:\d{2}(?::\d{2})?)?", text)
    if iso:
        try:
            return date.fromisoformat(iso[1]).isoformat()
        except ValueError:
            raise ValidationError(field, f"no such date: {text!r}") from None
    return _text(text, field, year)


def _from_serial(serial: float, field: str) -> str:
    if not 1 <= serial < 2958466:
        raise ValidationError(field, f"not a date: {serial!r} (expected {EXPECTED_DATE})")
    return (_EXCEL_EPOCH + timedelta(days=int(serial))).isoformat()


def _text(text: str, field: str, year: int | None) -> str:
    numeric, words = _NUMERIC.match(text), _WORDS.match(text)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _from_serial(float(text), field)
    if numeric:
        day, month, year_text = int(numeric[1]), int(numeric[2]), numeric[3]
    elif words and words[2] in _MONTHS:
        day, month, year_text = int(words[1]), _MONTHS[words[2]], words[3]
    else:
        raise ValidationError(field, f"not a date: {text!r} (expected {EXPECTED_DATE})")
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    if year is None:
        raise ValidationError(field, f"{text!r} has no year (expected {EXPECTED_DATE})")
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValidationError(field, f"no such date: {text!r}") from None
