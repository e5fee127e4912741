"""What an imported document may hold: the same limits as the core API, and the JSON shapes
that would otherwise crash the parser or the database instead of being refused.

Python's json module accepts what PeerNotes cannot store or export again: an integer too
large for SQLite or for a float, `1e400` (becomes infinity, exported as `Infinity`, which
import then refuses), a lone surrogate escape (cannot be encoded as UTF-8), and brackets
nested thousands deep (a RecursionError). Here the parser is given hooks that turn such
numbers into a marker refused at their path, deep nesting is refused naming where it starts,
and each text value is held to the core's limits (length, no lone surrogates).
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from peernotes.core.clock import parse as parse_hlc

MAX_TEXT = 100_000  # characters, as peernotes.core.validation.text
MAX_DEPTH = 64  # a PeerNotes export nests 4 deep; anything past this is not one
LARGEST_INTEGER = 2**53  # exact in JSON readers everywhere, and fits SQLite's INTEGER
FUTURE_SLACK = timedelta(days=2)  # a laptop clock a little fast is not "the far future"


class RefusedNumber(float):
    """A JSON number PeerNotes cannot keep (too large, not finite): NaN to any comparison,
    refused with its path when the value is checked."""

    def __new__(cls, literal: str) -> RefusedNumber:
        number = super().__new__(cls, math.nan)
        number.literal = literal
        return number

    literal: str

    def problem(self) -> str:
        shown = self.literal if len(self.literal) <= 24 else self.literal[:20] + "…"
        return f"the number {shown} is too large (or not finite) to keep"


def _int(literal: str) -> int | RefusedNumber:
    digits = literal.lstrip("-")
    if len(digits) > 16:
        return RefusedNumber(literal)
    value = int(literal)
    return value if abs(value) <= LARGEST_INTEGER else RefusedNumber(literal)


def _float(literal: str) -> float:
    value = float(literal)
    return value if math.isfinite(value) else RefusedNumber(literal)


def parse(text: str, parse_constant: Any) -> Any:
    """json.loads with the number hooks; deep nesting raises DeepNesting(path)."""
    try:
        return json.loads(text, parse_constant=parse_constant, parse_int=_int, parse_float=_float)
    except RecursionError:
        raise DeepNesting(nesting_path(text)) from None


class DeepNesting(ValueError):
    def __init__(self, path: str):
        self.path = path
        super().__init__(f"brackets nested more than {MAX_DEPTH} deep at {path}")


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]')


def nesting_path(text: str) -> str:
    """The path ("tables.observation[3].text[0]...") where nesting passes MAX_DEPTH."""
    stack: list[list[Any]] = []  # [kind, key or index, pending key]
    for token in _TOKEN.finditer(text):
        part = token.group(0)
        if part in "{[":
            stack.append([part, None if part == "{" else 0, None])
            if len(stack) > MAX_DEPTH:
                return _path(stack)
        elif part in "}]":
            if stack:
                stack.pop()
        elif part == ",":
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
        elif part == ":":
            if stack and stack[-1][0] == "{":
                stack[-1][1] = stack[-1][2]
        elif stack and stack[-1][0] == "{":
            try:
                stack[-1][2] = json.loads(part)
            except ValueError:
                stack[-1][2] = "?"
    return _path(stack) or "the top level"


def _path(stack: list[list[Any]]) -> str:
    out = ""
    for kind, key, _pending in stack[:-1]:
        if kind == "[":
            out += f"[{key}]"
        else:
            out += ("." if out else "") + str(key)
    return clean(out) or "the top level"


def clean(text: str) -> str:
    """`text` safe to print: lone surrogates shown as U+FFFD."""
    if not has_lone_surrogate(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def text_problem(value: str) -> str | None:
    """Why a text value cannot be imported as it is, or None."""
    if has_lone_surrogate(value):
        return "holds half a surrogate pair (a broken \\ud800-style escape): not valid text"
    if len(value) > MAX_TEXT:
        return f"is longer than {MAX_TEXT:,} characters ({len(value):,})"
    return None


def hlc_problem(value: str, now: datetime | None = None) -> str | None:
    """A clock stamp far in the future would spread by merge and outrun every laptop."""
    try:
        wall = parse_hlc(value)[0]
    except (ValueError, IndexError, TypeError):
        return None  # the format check reports malformed stamps
    limit = (now or datetime.now(UTC)) + FUTURE_SLACK
    if wall > int(limit.timestamp() * 1000):
        return f"is a clock stamp in the future ({value!r}): the exporting laptop's clock is wrong"
    return None
