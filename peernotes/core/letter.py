"""The summary letter as plain data: a list of blocks built from the challenge file.

Building and rendering are separate so that the non-attribution guard can read exactly the
text that will be written (peernotes.core.attribution), tests can check the letter's shape
without Word, and the .docx renderer (peernotes.export.docx_letter) only maps blocks to
styles. Every block says where its text came from (`Source`), so the guard can point the
user at the finding or setting to fix.

The letter follows the anatomy of a published peer challenge letter: title block;
introduction (who asked and why, scope, the standard paragraphs, framework, team, on-site
dates and activity figures counted from the notes); key messages; one section per framework
heading in framework order (Strengths and Areas for consideration as bullets, then the
numbered narrative paragraphs); recommendations by group; next steps; closing and signature;
contact details; an appendix tabling the framework.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peernotes.core import headcounts, vocab
from peernotes.core.letter_settings import (
    LetterSettings,
)
from peernotes.core.store import ChallengeFile
from peernotes.core.vocab import group_plural

# ------------------------------------------------------------------ text at the boundary
# XML 1.0 cannot hold C0 controls (except tab, newline, carriage return), U+FFFE/U+FFFF or
# lone surrogates; python-docx raises on them. Vertical tab and form feed are what Word
# itself puts on the clipboard for line and page breaks, so they become line breaks.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: Any) -> str:
    """Text that Word can hold: breaks normalised to '\\n', impossible characters removed
    (lone surrogates become U+FFFD so the reader sees something was there)."""
    if text is None:
        return ""
    text = _BREAKS.sub("\n", str(text))
    if _NOT_XML.search(text):
        text = _NOT_XML.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)
    return text


# --------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class Source:
    """Where a block's text came from: shown by the guard, and used by its "Go to".

    table/row_id/field point at the record to edit: ('finding', id, 'narrative'),
    ('setting', 'next_steps', None), ('challenge', id, 'council')... `names_expected`
    marks text that is meant to name people (team list, clients, signature, contacts).
    """

    section: str
    label: str
    table: str | None = None
    row_id: str | None = None
    field: str | None = None
    names_expected: bool = False

    def where(self) -> str:
        return f"{self.section} › {self.label}" if self.label else self.section


@dataclass(frozen=True)
class Run:
    """A run of text; `quote` is a quote inside a sentence (printed in the template's
    "Inline Quote" style, its quotation marks part of the text)."""

    text: str
    bold: bool = False
    italic: bool = False
    quote: bool = False


@dataclass(frozen=True)
class Block:
    """One paragraph-level element of the letter.

    kind: 'title' | 'subtitle' | 'heading' (level 1-3) | 'paragraph' | 'numbered'
          | 'bullet' (level 1-2) | 'list_number' | 'lettered' | 'quote' | 'table'
          | 'page_break'
    Tables keep their cells in `rows`, the first row being the header. `numbered` marks a
    heading that takes Word's heading numbering (the "numbered headings" scheme); 'numbered'
    paragraphs and 'list_number' items are numbered by Word too (see Letter.numbers).
    'lettered' items are a sub-list inside a paragraph (a, b, c); `starts_list` marks the
    first item of each, where Word's letters start again.
    """

    kind: str
    runs: tuple[Run, ...] = ()
    level: int = 1
    rows: tuple[tuple[str, ...], ...] = ()
    source: Source | None = None
    finding_id: str | None = None
    numbered: bool = False
    starts_list: bool = False

    @property
    def text(self) -> str:
        if self.kind == "table":
            return "\n".join("\t".join(row) for row in self.rows)
        return "".join(run.text for run in self.runs)


def _block(kind: str, text: str, source: Source | None = None, **extra: Any) -> Block:
    return Block(kind, (Run(clean_text(text)),), source=source, **extra)


@dataclass(frozen=True)
class ActivityFigures:
    """What the team did, counted from the notes. All figures are lower bounds: the notes
    record at least this many documents, meetings and people."""

    documents: int
    meetings: int
    people: int
    days: int
    meetings_by_type: dict[str, int] = field(default_factory=dict)
    groups_by_type: dict[str, tuple[str, ...]] = field(default_factory=dict)
    self_assessment: bool = False

    def documents_phrase(self) -> str:
        return f"{at_least(self.documents, 'over')} {_plural(self.documents, 'document')}"

    def meetings_phrase(self) -> str:
        return f"{count_words(self.meetings)} {_plural(self.meetings, 'meeting')}"

    def people_phrase(self) -> str:
        return f"{at_least(self.people, 'at least')} {_plural(self.people, 'person', 'people')}"

    def days_phrase(self) -> str:
        return f"{count_words(self.days)} {_plural(self.days, 'day')}"


@dataclass
class Letter:
    blocks: list[Block]
    title: str  # "<council> – <programme> – Summary Letter": header text and file properties
    figures: ActivityFigures
    settings: LetterSettings
    warnings: list[str] = field(default_factory=list)

    def texts(self) -> list[tuple[str, Source | None]]:
        return [(b.text, b.source) for b in self.blocks if b.kind != "page_break"]

    def numbers(self) -> list[str]:
        """The number Word shows before each block ('' for none): numbered paragraphs run
        on through the document (1, 2 … 59); numbered headings 1, 2, 2.1; numbered list
        items 1, 2, 3 through the document. What the composer's preview shows."""
        shown: list[str] = []
        paragraph = item = letter = 0
        heading = [0, 0, 0]
        for block in self.blocks:
            label = ""
            if block.kind == "lettered":
                letter = 1 if block.starts_list else letter + 1
                label = f"{_letters(letter)})"
            elif block.kind == "numbered":
                paragraph += 1
                label = f"{paragraph}."
            elif block.kind == "list_number":
                item += 1
                label = f"{item}."
            elif block.kind == "heading" and block.numbered:
                depth = max(1, min(block.level, 3)) - 1
                heading[depth] += 1
                heading[depth + 1 :] = [0] * (2 - depth)
                label = ".".join(str(n) for n in heading[: depth + 1])
            shown.append(label)
        return shown


# --------------------------------------------------------------------------- numbers
def _letters(n: int) -> str:
    """Word's lowerLetter format: a … z, then aa, bb … (the letter repeated)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_WORDS = (
    "no one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()


def count_words(n: int) -> str:
    """Small counts in words, as a letter writes them ('four'); larger ones in figures."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else f"{n:,}"


def at_least(n: int, word: str) -> str:
    """A count stated as a lower bound: 44 -> 'over 40', 95 -> 'at least 95' (word='at least'),
    small counts exact and in words ('six')."""
    if n < 10:
        return count_words(n)
    if word == "over":
        rounded = n // 10 * 10
        return f"{rounded:,}" if rounded == n else f"over {rounded:,}"
    return f"{word} {n:,}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many or one + "s")


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ------------------------------------------------------------------------- figures
def activity_figures(cf: ChallengeFile) -> ActivityFigures:
    """Documents in the pack, meetings held (reading sessions excluded), people met at them,
    on-site days -- plus which kinds of meeting were held with which stakeholder groups."""
    challenge = cf.challenge()
    documents = cf.count("document")
    meetings = cf.query(
        "SELECT id, type, date FROM meeting WHERE deleted = 0 AND type != 'document_review'"
    )
    people = cf.conn.execute(
        "SELECT count(DISTINCT p.id) FROM person p JOIN meeting_person mp ON mp.person_id = p.id "
        "JOIN meeting m ON m.id = mp.meeting_id "
        "WHERE p.deleted = 0 AND mp.deleted = 0 AND m.deleted = 0"
    ).fetchone()[0]
    people += headcounts.total(cf)  # "12 carers" met without names count too (lower bound)
    start, end = challenge["onsite_start"], challenge["onsite_end"]
    if start and end:
        days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
    else:
        days = len({m["date"] for m in meetings})
    by_type = Counter(m["type"] for m in meetings)
    group_rows = cf.query(
        "SELECT m.type, g.name, min(g.ordinal) AS ordinal FROM meeting m "
        "JOIN meeting_person mp ON mp.meeting_id = m.id AND mp.deleted = 0 "
        "JOIN person p ON p.id = mp.person_id AND p.deleted = 0 "
        "JOIN stakeholder_group g ON g.id = p.group_id AND g.deleted = 0 "
        "WHERE m.deleted = 0 AND g.single_person = 0 GROUP BY m.type, g.id "
        "UNION SELECT m.type, g.name, min(g.ordinal) AS ordinal FROM meeting m "
        "JOIN headcount h ON h.meeting_id = m.id AND h.deleted = 0 "
        "JOIN stakeholder_group g ON g.id = h.group_id AND g.deleted = 0 "
        "WHERE m.deleted = 0 AND g.single_person = 0 GROUP BY m.type, g.id "
        "ORDER BY ordinal, 2"
    )
    groups: dict[str, list[str]] = {}
    for row in group_rows:
        groups.setdefault(row["type"], []).append(row["name"])
    self_assessment = bool(
        cf.conn.execute(
            "SELECT 1 FROM document WHERE deleted = 0 AND "
            "(lower(title) LIKE '%self-assessment%' OR lower(title) LIKE '%self assessment%') LIMIT 1"
        ).fetchone()
    )
    return ActivityFigures(
        documents=documents,
        meetings=len(meetings),
        people=people,
        days=days,
        meetings_by_type=dict(by_type),
        groups_by_type={k: tuple(v) for k, v in groups.items()},
        self_assessment=self_assessment,
    )


_ACTIVITY = {
    "interview": ("interviews and discussions with {groups}", "interviews and discussions"),
    "focus_group": ("focus groups with {groups}", "focus groups"),
    "workshop": ("workshops with {groups}", "workshops"),
    "site_visit": ("visits to services, where the team met {groups}", "visits to services"),
    "phone_call": ("telephone conversations with {groups}", "telephone conversations"),
    "other": ("other meetings with {groups}", "other meetings"),
}


def activity_bullets(figures: ActivityFigures) -> list[str]:
    """The kinds of activity in the programme, from the meeting types and groups met."""
    bullets = []
    for kind in vocab.MEETING_TYPES:
        if kind not in _ACTIVITY or not figures.meetings_by_type.get(kind):
            continue
        with_groups, plain = _ACTIVITY[kind]
        groups = [
            group_plural(g) for g in figures.groups_by_type.get(kind, ()) if g.casefold() != "other"
        ]
        bullets.append(with_groups.format(groups=join_words(groups)) if groups else plain)
    if figures.documents:
        reading = "reading a range of documents provided by the council"
        if figures.self_assessment:
            reading += ", including its self-assessment"
        bullets.append(reading)
    return bullets


# ------------------------------------------------------------------------ building
ROLE_LABELS = {**vocab.PEER_ROLES, "other": "Peer"}
KIND_HEADINGS = {"strength": "Strengths", "area": "Areas for consideration"}
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def framework_title(name: str) -> str:
    """A framework's name as prose uses it: without a trailing '(previous version...)'."""
    return _TRAILING_PARENTHESIS.sub("", name).strip() or name


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(clean_text(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _count(n: int, word: str) -> str:
    return f"{count_words(n).capitalize() if n < 21 else n} {_plural(n, word)}"


def build_letter(cf: ChallengeFile, settings: LetterSettings | None = None) -> Letter:
    """The summary letter of this challenge as blocks, ready for the guard and the renderer:
    its outline walked (peernotes.core.letter_builder)."""
    from peernotes.core.letter_builder import LetterBuilder

    return LetterBuilder(cf, settings).build()
