"""Spelling for the words bound for notes and the letter: British English, offline.

The checker is pyspellchecker (maintained, MIT, pure Python: it installs with `pip install .`
on Windows and macOS with no system library). Its own English list is American, so it loads a
British one instead: resources/spelling/en_GB.counts.gz, built by scripts/make_en_gb_dictionary.py
from the LibreOffice en_GB Hunspell dictionary (LGPL), so "color" and "organization" are
flagged and "colour" and "organisation" pass. A short shipped list
(resources/spelling/en-GB-extra.txt) adds local-government words. The names of the team, the
people met, the council and the framework's terms are never flagged, and each user's "Add to
dictionary" words are kept in their data folder across restarts.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from peernotes.core.store import ChallengeFile
from peernotes.paths import data_dir, resources_dir

WORD = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]")


def user_dictionary_path() -> Path:
    return data_dir() / "dictionary.txt"


WORD_COUNTS = "en_GB.counts.gz"


def format_counts(counts: dict[str, int]) -> str:
    """The word list's file format: one line per count, `count word word ...`, most frequent
    first. Underlining needs only the words and suggestions need the counts, so the words can
    be read without building a dictionary of 170,000 counts: pyspellchecker's JSON took
    about 180 ms of the window's time right after a file opened; this takes about 35."""
    by_count: dict[int, list[str]] = {}
    for word, count in counts.items():
        by_count.setdefault(count, []).append(word)
    return "".join(f"{c} {' '.join(sorted(by_count[c]))}\n" for c in sorted(by_count, reverse=True))


def _word_list() -> str:
    path = resources_dir() / "spelling" / WORD_COUNTS
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def _extra_words() -> list[str]:
    """The shipped local-government words (resources/spelling/en-GB-extra.txt)."""
    text = (resources_dir() / "spelling" / "en-GB-extra.txt").read_text(encoding="utf-8")
    return [
        w.lower() for line in text.splitlines() if not line.startswith("#") for w in line.split()
    ]


@lru_cache(maxsize=1)
def _base_words() -> frozenset[str]:
    """Every British English word the checker knows (loaded once, without the counts)."""
    # One split of the whole list: the counts come along as number tokens, which no WORD
    # (letters only) is ever looked up as; leaving them in halves the time to build the set.
    return frozenset(chain(_word_list().split(), _extra_words()))


class Speller:
    """Knows words; suggests corrections; learns a user's own words and a challenge's names."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._base = _base_words()
        self._own = set(self._read_own())
        self._names: set[str] = set()
        self.add_names(names)

    @staticmethod
    def _read_own() -> list[str]:
        try:
            text = user_dictionary_path().read_text(encoding="utf-8")
        except OSError:
            return []
        return [w.strip().lower() for w in text.splitlines() if w.strip()]

    def add_names(self, names: Iterable[str]) -> None:
        """Words of people's names, the council and the framework: never flagged."""
        for name in names:
            self._names.update(w.lower() for w in WORD.findall(name or ""))

    def known(self, word: str) -> bool:
        lower = word.lower().strip("'")
        if len(lower) < 2 or lower in self._base or lower in self._own or lower in self._names:
            return True
        if lower.endswith("'s") and lower[:-2] in self._base | self._own | self._names:
            return True
        return word.isupper()  # an acronym (ASC, CQC) is not a misspelling

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of each unknown word in `text`."""
        return [
            (m.start(), len(m.group())) for m in WORD.finditer(text) if not self.known(m.group())
        ]

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        """Likely corrections, best first, in the word's own capitalisation."""
        checker = _checker()
        found = checker.candidates(word.lower()) or set()
        ranked = sorted(
            (w for w in found if w != word.lower()), key=checker.word_usage_frequency, reverse=True
        )
        british = [w for w in ranked if self.known(w)][:limit]
        return [w.capitalize() if word[:1].isupper() else w for w in british]

    def add_to_dictionary(self, word: str) -> None:
        """Remember `word` for this user, in every challenge and after a restart."""
        lower = word.lower()
        if lower in self._own:
            return
        self._own.add(lower)
        path = user_dictionary_path()
        with path.open("a", encoding="utf-8") as handle:
            handle.write(lower + "\n")


@lru_cache(maxsize=1)
def _checker() -> Any:
    """pyspellchecker with the British list and the local-government words, for suggestions:
    loaded the first time someone asks for one (a right-click on an underlined word)."""
    from spellchecker import SpellChecker

    counts: dict[str, int] = {}
    for line in _word_list().splitlines():
        count, _, words = line.partition(" ")
        counts.update(dict.fromkeys(words.split(), int(count)))
    checker = SpellChecker(language=None)
    checker.distance = 2
    checker.word_frequency.load_json(counts)
    checker.word_frequency.load_words(_extra_words())
    return checker


def challenge_names(cf: ChallengeFile) -> list[str]:
    """The team, the people met, the council, groups, documents and the framework's terms."""
    names = [str(cf.challenge().get("council") or "")]
    for table, column in (
        ("peer", "name"),
        ("person", "name"),
        ("stakeholder_group", "name"),
        ("heading", "name"),
        ("document", "title"),
        ("meeting", "title"),
    ):
        names += [r[0] for r in cf.conn.execute(f"SELECT {column} FROM {table} WHERE deleted = 0")]
    return names
