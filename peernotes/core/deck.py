"""The final-day feedback presentation as plain data: slides with titles, bullets and notes.

Built from the same findings-by-heading value as the Roll-up page and the letter
(peernotes.core.rollup), so what is presented on the day is what the roll-up shows. The
.pptx renderer (peernotes.export.pptx_deck) and the presenter view only lay the slides out;
the non-attribution guard (peernotes.core.attribution.scan) reads `Deck.texts()` -- every
title, bullet and speaker note -- before anything is written or shown.

Text is never shrunk to fit: a slide whose bullets exceed the layout's `Capacity` (measured
from the template's body placeholder) is split over continuation slides. The deck's shape
follows the usual final-day feedback: title, the challenge, key messages, one slide per
heading in framework order, recommendations, next steps, thanks -- each optional, in an
order the team chooses (peernotes.core.deck_settings).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from peernotes.core import vocab
from peernotes.core.deck_settings import DeckOptions
from peernotes.core.deck_settings import load as load_options
from peernotes.core.letter import (
    ROLE_LABELS,
    Source,
    activity_bullets,
    activity_figures,
    clean_text,
    framework_title,
)
from peernotes.core.letter_settings import LetterSettings, date_range, long_date
from peernotes.core.letter_settings import load as load_settings
from peernotes.core.records.people import team as team_in_order
from peernotes.core.rollup import FindingEntry, HeadingEntry, Rollup, rollup
from peernotes.core.store import ChallengeFile

KIND_LABELS = {"strength": "Strengths", "area": "Areas for consideration"}
OTHER_FINDINGS = "Other findings"
CONTINUED = " (continued)"


@dataclass(frozen=True)
class Capacity:
    """How much text a content slide's body holds, in lines of its body font.

    `chars_per_line` is for a paragraph at level 0; each level of indent takes
    `indent_chars` off it. Every paragraph costs its wrapped lines plus `paragraph_gap`
    (the space before it). Measured from the template by peernotes.export.pptx_deck."""

    chars_per_line: int = 62
    lines: float = 11.0
    indent_chars: int = 3
    paragraph_gap: float = 0.25
    title_chars_per_line: int = 40
    title_lines: int = 2

    def title_fits(self, title: str) -> bool:
        lines = textwrap.wrap(title, max(8, self.title_chars_per_line))
        return len(lines) <= self.title_lines

    def line_count(self, text: str, level: int) -> int:
        width = max(8, self.chars_per_line - self.indent_chars * level)
        return max(1, sum(len(textwrap.wrap(part, width)) or 1 for part in text.split("\n")))

    def cost(self, bullet: Bullet) -> float:
        return self.line_count(bullet.text, bullet.level) + self.paragraph_gap


DEFAULT_CAPACITY = Capacity()


@dataclass(frozen=True)
class Bullet:
    """One paragraph of a slide's body. Level 0 is a label ("Strengths"), 1 a bullet."""

    text: str
    level: int = 1
    source: Source | None = None
    finding_id: str | None = None


@dataclass(frozen=True)
class Note:
    """One paragraph of the speaker notes (never shown to the audience)."""

    text: str
    source: Source | None = None


@dataclass(frozen=True)
class Slide:
    """One slide. `layout` is 'title' (title and subtitle) or 'content' (title and body).
    `part`/`parts` number the continuation slides of one logical slide."""

    key: str  # the optional slide it belongs to (deck_settings.SLIDE_KEYS)
    layout: str
    title: str
    subtitle: str = ""
    bullets: tuple[Bullet, ...] = ()
    notes: tuple[Note, ...] = ()
    part: int = 1
    parts: int = 1
    source: Source | None = None

    @property
    def notes_text(self) -> str:
        return "\n".join(n.text for n in self.notes)


@dataclass
class Deck:
    slides: list[Slide]
    title: str  # "<council> – <programme> – Feedback": file properties
    settings: LetterSettings  # the guard's expected names and allow-list
    capacity: Capacity
    warnings: list[str] = field(default_factory=list)

    def texts(self) -> list[tuple[str, Source | None]]:
        """Every text the audience or the presenter will see, for the guard."""
        out: list[tuple[str, Source | None]] = []
        for slide in self.slides:
            out.append((slide.title, slide.source))
            if slide.subtitle:
                out.append((slide.subtitle, slide.source))
            out.extend((b.text, b.source) for b in slide.bullets)
            out.extend((n.text, n.source) for n in slide.notes)
        return out

    def finding_ids(self) -> list[str]:
        return [b.finding_id for s in self.slides for b in s.bullets if b.finding_id]


# ------------------------------------------------------------------------ pagination
def paginate(
    key: str,
    title: str,
    bullets: Sequence[Bullet],
    notes_for: dict[str, Note],
    capacity: Capacity,
    *,
    general_notes: Sequence[Note] = (),
    source: Source | None = None,
) -> list[Slide]:
    """Split `bullets` over as many content slides as the capacity needs, never shrinking.

    A label is kept with the bullet after it and repeated, marked "(continued)", at the top
    of a continuation. Each part's notes are the notes of the findings on it."""
    pages: list[list[Bullet]] = [[]]
    used = 0.0
    label: Bullet | None = None
    for index, bullet in enumerate(bullets):
        cost = capacity.cost(bullet)
        if bullet.level == 0:
            label = bullet
            following = bullets[index + 1] if index + 1 < len(bullets) else None
            cost += capacity.cost(following) if following is not None else 0
        if pages[-1] and used + cost > capacity.lines:
            pages.append([])
            used = 0.0
            if bullet.level > 0 and label is not None:
                carried = Bullet(label.text + CONTINUED, 0, label.source)
                pages[-1].append(carried)
                used += capacity.cost(carried)
        pages[-1].append(bullet)
        used += capacity.cost(bullet)
    slides = []
    for number, page in enumerate(pages, start=1):
        notes = list(general_notes) if number == 1 else []
        notes += [notes_for[b.finding_id] for b in page if b.finding_id in notes_for]
        slides.append(
            Slide(
                key,
                "content",
                title if number == 1 else title + CONTINUED,
                bullets=tuple(page),
                notes=tuple(notes),
                part=number,
                parts=len(pages),
                source=source,
            )
        )
    return slides


# ------------------------------------------------------------------------ notes text
def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def triangulation_note(entry: FindingEntry) -> str:
    """What the presenter needs when asked "how do you know?": the finding's level and
    counts (modes, sources, groups, evidence by mode). Counts only -- never who said it."""
    t = entry.triangulation
    modes = ", ".join(vocab.MODES[m].lower() for m in vocab.MODES if m in t.modes)
    by_mode = " · ".join(
        f"{vocab.MODES[m].lower()} {entry.evidence_by_mode.get(m, 0)}" for m in vocab.MODES
    )
    text = (
        f"{entry.kind_label}: “{_short(entry.statement)}” — {t.label}. "
        f"{_plural(len(t.modes), 'mode')}{f' ({modes})' if modes else ''}, "
        f"{_plural(t.sources, 'source')}, {_plural(t.groups, 'stakeholder group')}; "
        f"evidence {by_mode}"
    )
    if entry.contradicting:
        text += f"; {entry.contradicting} contradicting"
    return text + "."


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(clean_text(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _finding_source(section: str, entry: FindingEntry, what: str = "bullet") -> Source:
    label = f"{entry.kind_label} “{_short(entry.statement, 60)}” – {what}"
    field_name = "statement"
    return Source(section, label, "finding", entry.id, field_name)


def _finding_bullets(
    section: str, entries: Iterable[FindingEntry], notes: dict[str, Note]
) -> list[Bullet]:
    bullets = []
    for entry in entries:
        text = clean_text(entry.statement).strip()
        if entry.notable:
            text += " (notable practice)"
        bullets.append(Bullet(text, 1, _finding_source(section, entry), entry.id))
        notes[entry.id] = Note(
            triangulation_note(entry), _finding_source(section, entry, "speaker note")
        )
    return bullets


# ------------------------------------------------------------------------ the builder
class _Builder:
    def __init__(self, cf: ChallengeFile, capacity: Capacity, options: DeckOptions):
        self.cf = cf
        self.capacity = capacity
        self.options = options
        self.settings = load_settings(cf)
        self.challenge = cf.challenge()
        self.rollup: Rollup = rollup(cf, inbox_limit=0, observation_stats=False)
        self.warnings: list[str] = []
        self.council = clean_text(self.challenge["council"])
        self.programme = clean_text(self.challenge["programme_title"])

    def build(self) -> Deck:
        makers = {
            "title": self._title,
            "challenge": self._challenge,
            "key_messages": self._key_messages,
            "headings": self._headings,
            "recommendations": self._recommendations,
            "next_steps": self._next_steps,
            "thanks": self._thanks,
        }
        slides: list[Slide] = []
        for key in self.options.slides:
            slides.extend(makers[key]())
        if not self.rollup.finding_entries():
            self.warnings.insert(
                0,
                "There are no findings yet: the deck has the title, the challenge and the "
                "next steps, but no key messages, heading or recommendation slides.",
            )
        title = " – ".join(x for x in (self.council, self.programme, "Feedback") if x)
        return Deck(slides, title, self.settings, self.capacity, self.warnings)

    def _content(
        self,
        key: str,
        title: str,
        bullets: list[Bullet],
        notes: dict[str, Note] | None = None,
        general: Sequence[Note] = (),
        source: Source | None = None,
    ) -> list[Slide]:
        for bullet in bullets:
            if self.capacity.cost(bullet) > self.capacity.lines:
                self.warnings.append(
                    f"“{_short(bullet.text, 50)}” is longer than one slide holds: it has a "
                    "slide of its own and runs past the bottom. Shorten it."
                )
        return paginate(
            key, title, bullets, notes or {}, self.capacity, general_notes=general, source=source
        )

    # ------------------------------------------------------------------ slides
    def _title(self) -> list[Slide]:
        feedback = long_date(self.settings.feedback_date)
        subtitle = "\n".join(
            x for x in (self.council, f"Feedback – {feedback}" if feedback else "Feedback") if x
        )
        source = Source("Title slide", "Challenge details", "challenge", self.challenge["id"])
        return [
            Slide("title", "title", self.programme or "Peer challenge", subtitle, source=source)
        ]

    def _challenge(self) -> list[Slide]:
        section = "The challenge"
        bullets: list[Bullet] = []
        scope = self.settings.lines("scope")
        if scope:
            bullets.append(Bullet("Scope", 0))
            src = Source(section, "Letter settings › Scope for the letter", "setting", "scope")
            bullets += [Bullet(line, 1, src) for line in scope]
        members = team_in_order(self.cf)
        if members:
            bullets.append(Bullet("The team", 0))
            for peer in members:
                role = ROLE_LABELS.get(peer["role"], "Peer")
                organisation = peer["organisation"] or ""
                text = f"{peer['name']} – {role}" + (f", {organisation}" if organisation else "")
                src = Source(section, "Team list", "peer", peer["id"], "name", True)
                bullets.append(Bullet(clean_text(text), 1, src))
        figures = activity_figures(self.cf)
        did = []
        if figures.documents:
            did.append(f"Read {figures.documents_phrase()}")
        if figures.meetings:
            did.append(f"Held {figures.meetings_phrase()}")
        if figures.people:
            did.append(f"Met {figures.people_phrase()}")
        dates = date_range(self.challenge["onsite_start"], self.challenge["onsite_end"])
        if dates or figures.days:
            did.append(
                f"On site {dates}" + (f" ({figures.days_phrase()})" if figures.days else "")
                if dates
                else f"{figures.days_phrase().capitalize()} on site"
            )
        src = Source(section, "Activity figures (counted from the notes)")
        if did:
            bullets.append(Bullet("What we did", 0))
            bullets += [Bullet(line, 1, src) for line in did]
        general = [
            Note(
                "Figures are lower bounds counted from the notes: "
                f"{figures.documents} documents, {figures.meetings} meetings, "
                f"{figures.people} people met, {figures.days} days.",
                src,
            )
        ]
        kinds = activity_bullets(figures)
        if kinds:
            general.append(Note("The programme included " + "; ".join(kinds) + ".", src))
        framework = self.cf.get("framework", self.challenge["framework_id"]) or {}
        if framework.get("name"):
            general.append(
                Note(
                    f"Framework: {framework_title(framework['name'])}.",
                    Source(section, "Framework", "framework", framework.get("id"), "name"),
                )
            )
        if not bullets:
            bullets.append(Bullet("The challenge's scope and team are not set yet.", 1))
        return self._content("challenge", "The challenge", bullets, general=general)

    def _by_kind(
        self,
        section: str,
        entries: list[FindingEntry],
        notes: dict[str, Note],
        kinds: Iterable[str],
    ) -> list[Bullet]:
        bullets: list[Bullet] = []
        for kind in kinds:
            of_kind = [e for e in entries if e.kind == kind]
            if of_kind:
                label = KIND_LABELS.get(kind) or "Recommendations"
                bullets.append(Bullet(label, 0))
                bullets += _finding_bullets(section, of_kind, notes)
        return bullets

    def _key_messages(self) -> list[Slide]:
        key = self.rollup.key_messages()
        if not key:
            if self.rollup.finding_entries():
                self.warnings.append(
                    "No finding is flagged as a key message, so the deck has no key messages slide."
                )
            return []
        notes: dict[str, Note] = {}
        bullets = self._by_kind("Key messages", key, notes, (*KIND_LABELS, "recommendation"))
        return self._content("key_messages", "Key messages", bullets, notes)

    def _heading_groups(self) -> list[tuple[HeadingEntry, list[FindingEntry]]]:
        """Each top heading with its own findings and its standards', in roll-up order."""
        tops: dict[str | None, tuple[HeadingEntry, list[FindingEntry]]] = {}
        top_of: dict[str | None, str | None] = {}
        for heading in self.rollup.headings:
            if heading.depth == 0 or heading.parent_id not in tops:
                tops[heading.id] = (heading, [])
                top_of[heading.id] = heading.id
            else:
                top_of[heading.id] = heading.parent_id
            tops[top_of[heading.id]][1].extend(heading.findings)
        return list(tops.values())

    def _headings(self) -> list[Slide]:
        kinds = list(KIND_LABELS)
        if self.options.recommendations_on_headings:
            kinds.append("recommendation")
        slides: list[Slide] = []
        for heading, entries in self._heading_groups():
            shown = [e for e in entries if e.kind in (kinds if heading.id else list(KIND_LABELS))]
            if not shown:
                continue
            title = clean_text(heading.name) if heading.id is not None else OTHER_FINDINGS
            full_name: list[Bullet] = []
            if not self.capacity.title_fits(title):  # the full name opens the body instead
                full_name = [Bullet(title, 0)]
                title = self._short_title(heading, title)
            if heading.id is None:
                self.warnings.append(
                    f"{_plural(len(shown), 'finding')} with no framework heading "
                    f"{'is' if len(shown) == 1 else 'are'} on the '{OTHER_FINDINGS}' slide."
                )
            notes: dict[str, Note] = {}
            bullets = full_name + self._by_kind(title, shown, notes, kinds)
            source = Source(title, "Heading", "heading", heading.id, "name") if heading.id else None
            slides += self._content("headings", title, bullets, notes, source=source)
        return slides

    def _short_title(self, heading: HeadingEntry, title: str) -> str:
        """A title that fits: 'Scoping question 2', or the name's first words and '…'."""
        if heading.kind == "scope":
            scope = [h for h in self.rollup.headings if h.kind == "scope"]
            return f"Scoping question {scope.index(heading) + 1}"
        words, short = title.split(), ""
        for word in words:
            candidate = f"{short} {word}".strip()
            if not self.capacity.title_fits(candidate + "…"):
                break
            short = candidate
        return (short or title[: self.capacity.title_chars_per_line // 2]) + "…"

    def _recommendations(self) -> list[Slide]:
        groups = [g for g in self.rollup.recommendation_groups if g.recommendations]
        if not groups:
            return []
        named = any(g.id is not None for g in groups)
        notes: dict[str, Note] = {}
        bullets: list[Bullet] = []
        for group in groups:
            if named:
                src = Source("Recommendations", "Group name", "recommendation_group", group.id)
                bullets.append(Bullet(clean_text(group.name), 0, src if group.id else None))
            bullets += _finding_bullets("Recommendations", group.recommendations, notes)
        return self._content("recommendations", "Recommendations", bullets, notes)

    def _next_steps(self) -> list[Slide]:
        s = self.settings
        section = "Next steps"
        lines = [
            ("letter_date", "The summary letter"),
            ("action_plan_date", "The council's action plan"),
            ("progress_review_date", "A progress review"),
        ]
        bullets = []
        for name, what in lines:
            when = long_date(s.values.get(name))
            text = f"{what}: by {when}" if when else f"{what}: date to be agreed"
            if name == "progress_review_date" and when:
                text = f"{what}: {when}"
            src = Source(section, f"Letter settings › {what}", "setting", name)
            bullets.append(Bullet(text, 1, src))
        note = Note(
            "Dates come from the letter settings (Letter page): date of the letter, action "
            "plan due, progress review.",
            Source(section, "Letter settings"),
        )
        return self._content("next_steps", "Next steps", bullets, general=[note])

    def _thanks(self) -> list[Slide]:
        subtitle = "Questions and discussion"
        return [
            Slide(
                "thanks",
                "title",
                "Thank you",
                subtitle,
                notes=(
                    Note(
                        "Thank the council, everyone who took part, and those who organised "
                        "the programme."
                    ),
                ),
            )
        ]


def build_deck(
    cf: ChallengeFile,
    capacity: Capacity = DEFAULT_CAPACITY,
    options: DeckOptions | None = None,
) -> Deck:
    """The feedback presentation of this challenge, ready for the guard and the renderers."""
    return _Builder(cf, capacity, options or load_options(cf)).build()


def lines_used(slide: Slide, capacity: Capacity) -> float:
    """The body lines a slide's bullets take (the overflow test checks this)."""
    return sum(capacity.cost(b) for b in slide.bullets)
