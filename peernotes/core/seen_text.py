"""Text as a person sees it, for the non-attribution guard -- with a way back to the original.

Word and web pages paste names carrying invisible characters (a soft hyphen, a zero-width
space or joiner, a word joiner): "Oka\u00adfor" shows as "Okafor" but never matches it. Look-alike
letters from other scripts (Cyrillic "О", Greek "Ο"), full-width forms, letters spaced or
dotted out ("O k a f o r") and e-mail or handle forms ("sam.okafor@...", "@SamOkafor") hide
names the same way. `see(text)` undoes all of that and returns, with the normalised text,
the index in the original of every character, so a hit is reported -- and Go to lands -- on
the text the user wrote.

Look-alikes come from Unicode's confusables table (the maintained `confusable-homoglyphs`
package, loaded only when a text holds a non-Latin letter) plus NFKC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Letters the confusables table maps to another non-ASCII look-alike (к -> ĸ): finish the job.
_EXTRA = {"ĸ": "k", "ɸ": "f", "ß": "b", "ı": "i", "ȷ": "j", "ɑ": "a", "ɡ": "g", "ʏ": "y"}
_SEPARATORS = " .\u00b7\u2022-_/"
# Three or more single letters each followed by one separator ("O k a f o r", "O.K.A.F.O.R").
_SPACED = re.compile(r"(?<!\w)(?:[^\W\d_][ .\u00b7\u2022\-_/]){2,}[^\W\d_](?!\w)")
# An e-mail address or a handle: its separators are spaces to a reader of names.
_ADDRESS = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?<![\w@])@\w[\w.\-]*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class Seen:
    """The normalised text and, for each of its characters, its index in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a match at [start, end) in the normalised text."""
        if not self.origin:
            return start, end
        first = self.origin[min(start, len(self.origin) - 1)]
        last = self.origin[min(end, len(self.origin)) - 1] + 1 if end > start else first
        return first, last


def _invisible(char: str) -> bool:
    """Format characters (soft hyphen, ZWSP, ZWJ, ZWNJ, word joiner, BOM, direction marks)."""
    return unicodedata.category(char) == "Cf"


@cache
def _latin(char: str) -> str:
    """`char` as NFKC, with a letter from another script replaced by its Latin look-alike."""
    text = unicodedata.normalize("NFKC", char)
    if len(text) != 1 or text.isascii() or not text.isalpha():
        return text
    if "LATIN" in unicodedata.name(text, ""):
        return text
    try:
        from confusable_homoglyphs import confusables

        found = confusables.is_confusable(text, greedy=True, preferred_aliases=["latin"])
    except (ImportError, OSError, ValueError):  # a build without its data: NFKC alone
        return _EXTRA.get(text, text)
    if found:
        for glyph in found[0]["homoglyphs"]:
            candidate = _EXTRA.get(glyph["c"], glyph["c"])
            if len(candidate) == 1 and (
                candidate.isascii() or "LATIN" in unicodedata.name(candidate, "")
            ):
                return candidate
    return _EXTRA.get(text, text)


def see(text: str) -> Seen:
    """`text` normalised for name matching, with the way back (see the module docstring)."""
    if text.isascii() and "@" not in text and not _SPACED.search(text):
        return Seen(text, ())
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            chars.append(char)
            origin.append(index)
            continue
        if _invisible(char):
            continue
        for piece in _latin(char):
            chars.append(piece)
            origin.append(index)
    seen = "".join(chars)
    seen, origin = _collapse_spaced(seen, origin)
    seen, origin = _open_addresses(seen, origin)
    return Seen(seen, tuple(origin))


def _collapse_spaced(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """ "O k a f o r" -> "Okafor" (the separators dropped)."""
    if not _SPACED.search(text):
        return text, origin
    keep = [True] * len(text)
    for match in _SPACED.finditer(text):
        for i in range(match.start(), match.end()):
            if text[i] in _SEPARATORS:
                keep[i] = False
    return (
        "".join(c for c, k in zip(text, keep, strict=True) if k),
        [o for o, k in zip(origin, keep, strict=True) if k],
    )


def _open_addresses(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """ "sam.okafor@x.gov.uk" -> "sam okafor x gov uk"; "@SamOkafor" -> " Sam Okafor"."""
    if "@" not in text:
        return text, origin
    chars, where = list(text), list(origin)
    for match in reversed(list(_ADDRESS.finditer(text))):
        start, end = match.span()
        for i in range(start, end):
            if chars[i] in ".+-_@":
                chars[i] = " "
        for split in reversed([m.start() for m in _CAMEL.finditer(text, start, end)]):
            chars.insert(split, " ")
            where.insert(split, where[split])
    return "".join(chars), where
