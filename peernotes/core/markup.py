"""The letter's light inline markup: what a peer can type in a finding or a paragraph.

    **bold**   *italic*   ""a quote inside a sentence""
    a line starting "- " inside a paragraph: an item of a nested bullet list
    a line starting "a) ", "b) " … (any one small letter): an item of a lettered sub-list,
        lettered by Word (a, b, c: the typed letter is not kept, so an item inserted in Word
        re-letters the rest)
    \\*  \\\\  \\"  "\\- " and "\\a) " at the start of a line: the character itself

An inline quote prints between curly quotation marks in the template's "Inline Quote" style
(italic in the shipped template): “quoted words”. Two straight double quotes are what a peer
can type on any keyboard, and `""` almost never occurs in prose, so it does not steal a
character people use. Markup is read only where the letter prints it (finding statements
and narratives, letter settings, outline blocks); everything else -- the non-attribution
guard, search, the deck's notes -- reads `plain()`, the text without the marks (the quote
keeps its curly quotation marks: the guard reads the words). Text from before a mark
existed is escaped once by the schema step that introduced it (`escape`), so it prints as
before. Unbalanced marks print as typed and are reported (`problems`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ESCAPABLE = re.compile(r"([\\*])")
_LIST_ITEM = re.compile(r"^[ \t]*- ")
_LETTERED = re.compile(r"^[ \t]*[a-z]\) ")
_ESCAPED_LETTERED = re.compile(r"^([ \t]*)\\([a-z]\) )")
_TOKEN = re.compile(r'\\[\\*"-]|\*\*|\*|""')
_MARKS = ("*", "**", '""')


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis; `quote`: inside an inline quote."""

    text: str
    bold: bool = False
    italic: bool = False
    quote: bool = False


@dataclass(frozen=True)
class Line:
    """One line of a paragraph: `level` 0 is the paragraph itself, 1 an item of its list;
    `lettered` items are lettered a, b, c (else bulleted)."""

    spans: tuple[Span, ...]
    level: int = 0
    lettered: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def escape(text: str) -> str:
    """Text typed before the markup existed, made to print exactly as it did."""
    return escape_quotes_and_letters(escape_emphasis(text))


def escape_emphasis(text: str) -> str:
    """`*`, `\\` and list-like "- " lines (the marks of schema 6)."""
    escaped = _ESCAPABLE.sub(r"\\\1", text)
    lines = []
    for line in escaped.split("\n"):
        item = _LIST_ITEM.match(line)
        if item:
            line = line[: item.end() - 2] + "\\" + line[item.end() - 2 :]
        lines.append(line)
    return "\n".join(lines)


def escape_quotes_and_letters(text: str) -> str:
    """Text in the schema-6 markup, made to print the same under the marks of schema 8:
    `""` and lettered-like "a) " lines are escaped, and so is a lone backslash that would
    now escape something (before `"`, or before a line's "a) ")."""
    lines = []
    for line in text.split("\n"):
        item = _LETTERED.match(line)
        lead = _ESCAPED_LETTERED.match(line)
        if item:
            line = line[: item.end() - 3] + "\\" + line[item.end() - 3 :]
        elif lead:
            line = lead.group(1) + "\\" + line[len(lead.group(1)) :]
        lines.append(_escape_quotes(line))
    return "\n".join(lines)


def _escape_quotes(line: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(line):
        char, after = line[index], line[index + 1 : index + 2]
        before = line[index - 1 : index] if index else ""
        if char == "\\" and after and after in "\\*-":
            out.append(char + after)
            index += 2
            continue
        if char == "\\" and after == '"':
            out.append("\\\\")
        elif char == '"' and '"' in (after, before):
            out.append('\\"')
        else:
            out.append(char)
        index += 1
    return "".join(out)


def parse(text: str) -> list[Line]:
    """A paragraph's lines with their spans; consecutive plain lines are kept apart (the
    renderer joins level-0 lines with line breaks, as before)."""
    lines = []
    for raw in text.split("\n"):
        level, lettered = 0, False
        if _LIST_ITEM.match(raw):
            level, raw = 1, _LIST_ITEM.sub("", raw, count=1)
        elif _LETTERED.match(raw):
            level, lettered, raw = 1, True, _LETTERED.sub("", raw, count=1)
        else:
            raw = _ESCAPED_LETTERED.sub(r"\1\2", raw, count=1)
        lines.append(Line(tuple(_spans(raw)), level, lettered))
    return lines


def plain(text: str) -> str:
    """The text as a reader sees it: marks removed, escapes resolved, list items kept as
    lines. What the non-attribution guard reads."""
    return "\n".join(line.text for line in parse(text))


def problems(text: str) -> list[str]:
    """Why the marks of this text will not print as the writer meant (empty: none)."""
    found = []
    for number, raw in enumerate(text.split("\n"), 1):
        body = _LETTERED.sub("", _LIST_ITEM.sub("", raw, count=1), count=1)
        tokens = [t for t in _TOKEN.findall(body) if not t.startswith("\\")]
        where = f" (line {number})" if "\n" in text else ""
        for mark, name in (("**", "“**”"), ("*", "“*”"), ('""', 'quote mark “""”')):
            if tokens.count(mark) % 2:
                found.append(f"a {name} has no closing {name.split(' ')[-1]}{where}: "
                             "it prints as typed")  # fmt: skip
    return found


def _spans(raw: str) -> list[Span]:
    tokens = _split(raw)
    marks = [t for t, is_token in tokens if is_token and t in _MARKS]
    balanced = {m for m in _MARKS if marks.count(m) % 2 == 0}
    spans: list[Span] = []
    state = {"**": False, "*": False, '""': False}
    for token, is_token in tokens:
        if is_token and token in balanced:
            state[token] = not state[token]
            if token == '""':
                _append(spans, "“" if state[token] else "”", state, quote_mark=True)
        else:
            _append(spans, token[1:] if is_token and token[0] == "\\" else token, state)
    return [s for s in spans if s.text]


def _append(spans: list[Span], text: str, state: dict[str, bool], quote_mark: bool = False) -> None:
    """Text in the current emphasis, merged with the span before when it matches; a quote's
    closing mark belongs to the quote."""
    quote = state['""'] or quote_mark
    span = Span(text, state["**"], state["*"], quote)
    if spans and (spans[-1].bold, spans[-1].italic, spans[-1].quote) == (
        span.bold,
        span.italic,
        span.quote,
    ):
        spans[-1] = Span(spans[-1].text + text, span.bold, span.italic, span.quote)
    else:
        spans.append(span)


def _split(raw: str) -> list[tuple[str, bool]]:
    """The line cut into (text, is a mark or an escape) pieces."""
    tokens: list[tuple[str, bool]] = []
    position = 0
    for match in _TOKEN.finditer(raw):
        if match.start() > position:
            tokens.append((raw[position : match.start()], False))
        tokens.append((match.group(), True))
        position = match.end()
    if position < len(raw):
        tokens.append((raw[position:], False))
    return tokens
