"""The letter's inline markup: what a peer types, what the letter prints, what the guard reads."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from peernotes.core import markup
from peernotes.core.schema_v8 import _v8_escape

# Text made of the characters the marks are built from, so the properties meet every mark.
MARKY = st.text(alphabet='ab) "*\\-\nxQ', max_size=40)


def _v6_render(text: str) -> list[tuple[int, str]]:
    """The schema-6 markup as it printed (frozen here): (list level, text) per line."""
    token = re.compile(r"\\[\\*-]|\*\*|\*")
    out = []
    for raw in text.split("\n"):
        level = 0
        if re.match(r"^[ \t]*- ", raw):
            level, raw = 1, re.sub(r"^[ \t]*- ", "", raw, count=1)
        pieces, position = [], 0  # (text, is a token)
        for match in token.finditer(raw):
            pieces.append((raw[position : match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
        pieces.append((raw[position:], False))
        marks = [p for p, _ in pieces if p in ("*", "**")]
        balanced = {m for m in ("*", "**") if marks.count(m) % 2 == 0}
        shown = "".join(
            "" if p in balanced else (p[1:] if is_token and p.startswith("\\") else p)
            for p, is_token in pieces
        )
        out.append((level, shown))
    return out


@given(MARKY)
def test_escaped_text_prints_exactly_as_typed(text):
    """Text from before the markup, escaped once: the reader sees every character typed,
    no emphasis, no quote styling, no list."""
    lines = markup.parse(markup.escape(text))
    assert markup.plain(markup.escape(text)) == text
    assert all(line.level == 0 for line in lines)
    assert not any(s.bold or s.italic or s.quote for line in lines for s in line.spans)


@given(MARKY)
def test_the_v8_step_keeps_v6_text_printing_as_before(text):
    """A file's text written in the schema-6 markup prints the same after the v8 step gave
    `""` and "a) " a meaning (emphasis and bullets still work, nothing new appears)."""
    escaped = markup.parse(_v8_escape(text))
    assert [(line.level, line.text) for line in escaped] == _v6_render(text)
    assert not any(line.lettered for line in escaped)
    assert not any(s.quote for line in escaped for s in line.spans)
    assert _v8_escape(text) == markup.escape_quotes_and_letters(text)


def test_an_inline_quote_is_a_quote_run_the_guard_reads_as_words():
    """ ""words"" inside a sentence prints “words” as a quote run; the guard reads the words."""
    (line,) = markup.parse('Staff said ""we are *listened* to"" every time.')
    quoted = [s for s in line.spans if s.quote]
    assert "".join(s.text for s in quoted) == "“we are listened to”"
    assert [s.text for s in quoted if s.italic] == ["listened"]
    assert markup.plain('Staff said ""we are listened to"".') == "Staff said “we are listened to”."


def test_lettered_lines_are_a_sub_list_whatever_letter_was_typed():
    """ "a) " lines are items of a lettered list (Word letters them); "- " lines stay bullets."""
    lines = markup.parse("Three things:\na) a plan\nc) **data**\n- a bullet\n\\a) not a list")
    assert [(ln.level, ln.lettered, ln.text) for ln in lines] == [
        (0, False, "Three things:"),
        (1, True, "a plan"),
        (1, True, "data"),
        (1, False, "a bullet"),
        (0, False, "a) not a list"),
    ]


def test_unbalanced_quote_marks_print_as_typed_with_a_clear_message():
    """A quote never closed: the text prints as typed and the writer is told which mark."""
    text = 'They said ""it is fine.'
    assert markup.plain(text) == text
    assert markup.problems(text) == ['a quote mark “""” has no closing “""”: it prints as typed']
    assert markup.problems('Fine ""quote"" and **bold**') == []
