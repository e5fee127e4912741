"""The letter's light inline markup: what a peer can type in a finding or a paragraph.

    **bold**   *italic*   a line starting "- " inside a paragraph: an item of a nested list
    \\*  \\\\  and "\\- " at the start of a line: the character itself

Markup is read only where the letter prints it (finding statements and narratives, letter
settings, outline blocks); everything else -- the non-attribution guard, search, the deck's
notes -- reads `plain()`, the text without the marks. Files from before the markup existed
have their `*`, `\\` and leading "- " escaped once by the schema step that introduced it, so
they print as before. Unbalanced marks print as typed and are reported (`problems`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ESCAPABLE = re.compile(r"([\\*])")
_LIST_ITEM = re.compile(r"^[ \t]*- ")
_TOKEN = re.compile(r"\\[\\*-]|\*\*|\*")


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Line:
    """One line of a paragraph: `level` 0 is the paragraph itself, 1 an item of its list."""

    spans: tuple[Span, ...]
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def escape(text: str) -> str:
    """Text typed before the markup existed, made to print exactly as it did."""
    escaped = _ESCAPABLE.sub(r"\\\1", text)
    lines = []
    for line in escaped.split("\n"):
        item = _LIST_ITEM.match(line)
        if item:
            line = line[: item.end() - 2] + "\\" + line[item.end() - 2 :]
        lines.append(line)
    return "\n".join(lines)


def parse(text: str) -> list[Line]:
    """A paragraph's lines with their spans; consecutive plain lines are kept apart (the
    renderer joins level-0 lines with line breaks, as before)."""
    lines = []
    for raw in text.split("\n"):
        level = 0
        if _LIST_ITEM.match(raw):
            level, raw = 1, _LIST_ITEM.sub("", raw, count=1)
        lines.append(Line(tuple(_spans(raw)), level))
    return lines


def plain(text: str) -> str:
    """The text as a reader sees it: marks removed, escapes resolved, list items kept as
    lines. What the non-attribution guard reads."""
    return "\n".join(line.text for line in parse(text))


def problems(text: str) -> list[str]:
    """Why the marks of this text will not print as the writer meant (empty: none)."""
    found = []
    for number, raw in enumerate(text.split("\n"), 1):
        body = _LIST_ITEM.sub("", raw, count=1)
        tokens = [t for t in _TOKEN.findall(body) if not t.startswith("\\")]
        bold = tokens.count("**")
        italic = tokens.count("*")
        where = f" (line {number})" if "\n" in text else ""
        if bold % 2:
            found.append(f"a “**” has no closing “**”{where}: it prints as typed")
        if italic % 2:
            found.append(f"a “*” has no closing “*”{where}: it prints as typed")
    return found


def _spans(raw: str) -> list[Span]:
    tokens = _split(raw)
    marks = [t for t in tokens if t in ("*", "**")]
    balanced = {m for m in ("*", "**") if marks.count(m) % 2 == 0}
    spans: list[Span] = []
    bold = italic = False
    for token in tokens:
        if token == "**" and "**" in balanced:
            bold = not bold
        elif token == "*" and "*" in balanced:
            italic = not italic
        else:
            text = token[1:] if token.startswith("\\") and len(token) == 2 else token
            if spans and (spans[-1].bold, spans[-1].italic) == (bold, italic):
                spans[-1] = Span(spans[-1].text + text, bold, italic)
            else:
                spans.append(Span(text, bold, italic))
    return [s for s in spans if s.text]


def _split(raw: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    for match in _TOKEN.finditer(raw):
        if match.start() > position:
            tokens.append(raw[position : match.start()])
        tokens.append(match.group())
        position = match.end()
    if position < len(raw):
        tokens.append(raw[position:])
    return tokens
