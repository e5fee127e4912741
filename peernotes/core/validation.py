"""Checks on user input. Each raises ValidationError naming the field, before anything is written."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from peernotes.core.errors import ValidationError
from peernotes.core.times import parse_time


def text(field: str, value: Any, *, required: bool = True, max_length: int = 100_000) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    if any("\ud800" <= c <= "\udfff" for c in value):
        # Half a surrogate pair (from a broken paste or bad JSON) cannot be stored as UTF-8:
        # join real pairs, mark lone halves with U+FFFD instead of failing the save.
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(field, "cannot be empty")
    if len(cleaned) > max_length:
        raise ValidationError(field, f"is longer than {max_length:,} characters")
    return cleaned


def choice(field: str, value: Any, allowed: dict[str, str] | tuple[str, ...]) -> str:
    if value not in allowed:
        options = ", ".join(allowed)
        raise ValidationError(field, f"{value!r} is not one of: {options}")
    return value


def iso_date(field: str, value: Any, *, required: bool = True) -> str | None:
    if value in (None, ""):
        if required:
            raise ValidationError(field, "a date is required (YYYY-MM-DD)")
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValidationError(field, f"not a date: {value!r} (expected YYYY-MM-DD)") from None


def clock_time(field: str, value: Any, *, required: bool = False) -> str | None:
    if value in (None, ""):
        if required:
            raise ValidationError(field, "a time is required (HH:MM)")
        return None
    return parse_time(value, field)  # "9.30", "0930", "2pm": as people write them


def timestamp(field: str, value: Any) -> str:
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    try:
        return datetime.fromisoformat(str(value)).replace(microsecond=0).isoformat()
    except ValueError:
        raise ValidationError(field, f"not a date and time: {value!r}") from None


def flag(field: str, value: Any) -> int:
    if value in (0, 1, True, False):
        return int(value)
    raise ValidationError(field, f"must be true or false, not {value!r}")
