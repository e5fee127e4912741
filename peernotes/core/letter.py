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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peernotes.core import vocab
from peernotes.core.letter_settings import (
    LetterSettings,
    date_range,
    fill_placeholders,
    long_date,
    month_year,
    split_paragraphs,
)
from peernotes.core.letter_settings import load as load_settings
from peernotes.core.records import headings as framework_headings
from peernotes.core.records import team as team_in_order
from peernotes.core.rollup import FindingEntry, FindingsSection, GroupEntry, rollup
from peernotes.core.store import ChallengeFile, Row

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
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """One paragraph-level element of the letter.

    kind: 'title' | 'subtitle' | 'heading' (level 1-3) | 'paragraph' | 'numbered'
          | 'bullet' (level 1-2) | 'quote' | 'table' | 'page_break'
    Tables keep their cells in `rows`, the first row being the header.
    """

    kind: str
    runs: tuple[Run, ...] = ()
    level: int = 1
    rows: tuple[tuple[str, ...], ...] = ()
    source: Source | None = None
    finding_id: str | None = None

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


# --------------------------------------------------------------------------- numbers
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
        "WHERE m.deleted = 0 AND g.single_person = 0 "
        "GROUP BY m.type, g.id ORDER BY ordinal, g.name"
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


_GROUP_PLURALS = {
    "councillor": "councillors",
    "senior leader": "senior leaders",
    "manager": "managers",
    "frontline staff": "frontline staff",
    "partner": "partners",
    "provider": "providers",
    "voluntary sector": "voluntary sector organisations",
    "person who uses services": "people who use services",
    "carer": "carers",
}


def group_plural(name: str) -> str:
    """'Carer' -> 'carers', 'Person who uses services' -> 'people who use services'."""
    key = name.strip().casefold()
    if key in _GROUP_PLURALS:
        return _GROUP_PLURALS[key]
    words = name.strip()
    if len(words) > 1 and words[1].islower():
        words = words[0].lower() + words[1:]
    last = words.split()[-1].lower() if words.split() else ""
    if last.endswith(("s", "staff", "people", "sector", "team", "board")):
        return words
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return words[:-1] + "ies"
    if last.endswith(("ch", "sh", "x")):
        return words + "es"
    return words + "s"


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


class _Builder:
    def __init__(self, cf: ChallengeFile, settings: LetterSettings | None):
        self.cf = cf
        self.settings = settings or load_settings(cf)
        self.challenge = cf.challenge()
        self.framework = cf.get("framework", self.challenge["framework_id"]) or {}
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        s = self.settings
        self.document_word = "report" if s.document_type == "Report" else "letter"
        self.context = {
            "council": clean_text(self.challenge["council"]),
            "programme": clean_text(self.challenge["programme_title"]),
            "document": self.document_word,
            "feedback_date": long_date(s.feedback_date) or "the last day on site",
            "framework": framework_title(self.framework.get("name", "")),
        }

    # ---------------------------------------------------------------- emitters
    def add(self, kind: str, text: str, source: Source | None = None, **extra: Any) -> None:
        text = clean_text(text)
        if text.strip() or kind == "page_break":
            self.blocks.append(Block(kind, (Run(text),), source=source, **extra))

    def add_runs(
        self, kind: str, runs: list[Run], source: Source | None = None, **extra: Any
    ) -> None:
        cleaned = tuple(Run(clean_text(r.text), r.bold, r.italic) for r in runs if r.text)
        if cleaned:
            self.blocks.append(Block(kind, cleaned, source=source, **extra))

    def setting_paragraphs(
        self, name: str, section: str, kind: str = "numbered", *, names_expected: bool = False
    ) -> int:
        from peernotes.core.letter_settings import FIELD_BY_NAME

        label = FIELD_BY_NAME[name].label
        source = Source(
            section, f"Letter settings › {label}", "setting", name, None, names_expected
        )
        paragraphs = self.settings.paragraphs(name, self.context)
        for text in paragraphs:
            self.add(kind, text, source)
        return len(paragraphs)

    # ---------------------------------------------------------------- sections
    def build(self) -> Letter:
        figures = activity_figures(self.cf)
        sections, unheaded, groups = self._sections()
        recommendations = [r for g in groups for r in g.recommendations]
        self._title()
        self._introduction(figures)
        self._key_messages(sections, unheaded, recommendations)
        for section in sections:
            self._heading_section(
                section.heading.name,
                section.statements,
                section.heading.id,
                section.kind_grouped(),
            )
        if unheaded:
            self.warnings.append(
                f"{_count(len(unheaded), 'finding')} {'has' if len(unheaded) == 1 else 'have'} "
                "no framework heading: they appear under 'Other findings'."
            )
            self._heading_section("Other findings", unheaded, None)
        self._recommendations(groups)
        self._closing()
        self._contacts()
        self._appendix()
        if not sections and not unheaded and not recommendations:
            self.warnings.insert(
                0, "There are no findings yet: the letter has no findings sections."
            )
        title = " – ".join(
            x
            for x in (
                self.context["council"],
                self.context["programme"],
                self.settings.document_type,
            )
            if x
        )
        return Letter(self.blocks, title, figures, self.settings, self.warnings)

    def _title(self) -> None:
        s = self.settings
        src = Source("Title", "Council and programme", "challenge", self.challenge["id"], "council")
        self.add("title", self.challenge["council"], src)
        self.add(
            "subtitle",
            self.challenge["programme_title"],
            Source("Title", "Programme", "challenge", self.challenge["id"], "programme_title"),
        )
        self.add(
            "subtitle",
            s.document_type,
            Source("Title", "Title wording", "setting", "document_type"),
        )
        self.add(
            "subtitle",
            month_year(s.letter_date),
            Source("Title", "Date of the letter", "setting", "letter_date"),
        )
        if s.salutation:
            self.add(
                "paragraph",
                s.salutation,
                Source(
                    "Title", "Letter settings › Salutation", "setting", "salutation", None, True
                ),
            )

    def _introduction(self, figures: ActivityFigures) -> None:
        s, ctx = self.settings, self.context
        self.add("heading", "Introduction", level=1)
        section = "Introduction"
        # Who asked and why.
        clients = s.lines("clients")
        opening = (
            f"{ctx['council']} asked the Local Government Association to carry out "
            f"{_article(ctx['programme'])} {ctx['programme']}."
        )
        if clients:
            opening += f" The work was commissioned by {join_words(clients)}, the clients for this challenge."
        else:
            self.warnings.append("No clients are named in the letter settings.")
        purpose = " ".join(split_paragraphs(fill_placeholders(s.purpose or "", ctx)))
        if purpose:
            opening += " " + purpose
        scope = s.lines("scope")
        if scope:
            opening += " The scope of the challenge was to consider:"
        self.add(
            "numbered",
            opening,
            Source(section, "Opening (clients, purpose, scope)", "setting", "purpose"),
        )
        for line in scope:
            self.add(
                "bullet",
                line,
                Source(section, "Letter settings › Scope for the letter", "setting", "scope"),
                level=2,
            )
        # What a peer challenge is, and the non-attribution promise.
        self.setting_paragraphs("what_is_peer_challenge", section)
        self.setting_paragraphs("non_attribution", section)
        # The framework used as headings.
        tops = [h for h in self._headings if h["depth"] == 0 and h["kind"] != "scope"]
        questions = [h for h in self._headings if h["kind"] == "scope"]
        if tops:
            label = (self.framework.get("domain_label") or "heading").lower()
            text = (
                f"The team used the {ctx['framework']} as the framework for the challenge. "
                f"Its {_plural(len(tops), label)} gave the headings for the feedback and for this "
                f"{self.document_word} (see Appendix 1)"
            )
            text += (
                ", together with the scoping questions set out above:"
                if questions and scope
                else ":"
            )
            self.add(
                "numbered",
                text,
                Source(section, "Framework", "framework", self.framework.get("id"), "name"),
            )
            for heading in tops:
                self.add(
                    "bullet",
                    heading["name"],
                    Source(section, "Framework heading", "heading", heading["id"], "name"),
                    level=2,
                )
        # The team.
        members = team_in_order(self.cf)
        if members:
            self.add(
                "numbered", "The members of the peer challenge team were:", Source(section, "Team")
            )
            for peer in members:
                role = ROLE_LABELS.get(peer["role"], "Peer")
                detail = ", ".join(x for x in (peer["job_title"], peer["organisation"]) if x)
                runs = [Run(f"{role} – {peer['name']}", bold=True)]
                if detail:
                    runs.append(Run(f", {detail}"))
                self.add_runs(
                    "bullet",
                    runs,
                    Source(section, "Team list", "peer", peer["id"], "name", True),
                    level=2,
                )
        else:
            self.warnings.append("The team list is empty.")
        # On-site dates and activity figures.
        self._activity(figures)
        self.setting_paragraphs("acknowledgements", section, names_expected=True)
        self.setting_paragraphs("basis", section)

    def _activity(self, figures: ActivityFigures) -> None:
        section = "Introduction"
        dates = date_range(self.challenge["onsite_start"], self.challenge["onsite_end"])
        did = []
        if figures.documents:
            did.append(f"read {figures.documents_phrase()}")
        if figures.meetings:
            did.append(f"held {figures.meetings_phrase()}")
        if figures.people:
            did.append(f"met and spoke with {figures.people_phrase()}")
        text = f"The team was on site from {dates}." if dates else ""
        if did:
            over = f" over {figures.days_phrase()} on site" if figures.days else ""
            text += f" To reach its findings the team {join_words(did)}{over}."
        bullets = activity_bullets(figures)
        if bullets:
            text += " The programme included:"
        src = Source(section, "On-site dates and activity figures (counted from the notes)")
        self.add("numbered", text.strip(), src)
        for bullet in bullets:
            self.add("bullet", bullet, src, level=2)

    # ---------------------------------------------------------------- findings
    def _sections(self) -> tuple[list[FindingsSection], list[FindingEntry], list[GroupEntry]]:
        """The findings from the one findings-by-heading value (peernotes.core.rollup):
        sections with strengths or areas, the unheaded ones, the recommendation groups."""
        self._headings = framework_headings(self.cf)
        value = rollup(self.cf, observation_stats=False)
        sections = [s for s in value.sections if s.heading.id is not None and s.statements]
        unheaded = [f for s in value.sections if s.heading.id is None for f in s.statements]
        groups = [g for g in value.recommendation_groups if g.recommendations]
        self._quotes = self._linked_quotes() if self.settings.include_quotes else {}
        return sections, unheaded, groups

    def _linked_quotes(self) -> dict[str, list[Row]]:
        quotes: dict[str, list[Row]] = {}
        for row in self.cf.query(
            "SELECT fe.finding_id, o.id, o.text FROM finding_evidence fe "
            "JOIN observation o ON o.id = fe.observation_id "
            "WHERE fe.deleted = 0 AND o.deleted = 0 AND o.is_quote = 1 AND fe.relation = 'supports' "
            "ORDER BY o.observed_at, o.id"
        ):
            quotes.setdefault(row["finding_id"], []).append(row)
        return quotes

    def _finding_source(self, section: str, finding: FindingEntry, field_name: str) -> Source:
        what = {
            "strength": "Strength",
            "area": "Area for consideration",
            "recommendation": "Recommendation",
        }
        part = "bullet" if field_name == "statement" else "narrative"
        label = f"{what.get(finding.kind, 'Finding')} “{_short(finding.statement)}” – {part}"
        return Source(section, label, "finding", finding.id, field_name)

    def _bullet(self, section: str, finding: FindingEntry) -> None:
        statement = clean_text(finding.statement).rstrip()
        runs = [Run(statement)]
        if finding.notable:
            stop = statement[-1:] if statement[-1:] in ".!?" else ""
            runs = [
                Run(statement[: len(statement) - len(stop)]),
                Run(" (notable practice)", italic=True),
                Run(stop),
            ]
        self.add_runs(
            "bullet",
            runs,
            self._finding_source(section, finding, "statement"),
            finding_id=finding.id,
        )

    def _narratives(self, section: str, findings: Sequence[FindingEntry]) -> None:
        for finding in findings:
            src = self._finding_source(section, finding, "narrative")
            for paragraph in split_paragraphs(finding.narrative or ""):
                self.add("numbered", paragraph, src, finding_id=finding.id)
            for quote in self._quotes.get(finding.id, []):
                text = clean_text(quote["text"]).strip().strip("\"'“”‘’ ").strip()
                if text:
                    self.add(
                        "quote",
                        f"One person we spoke to said: “{text}”",
                        Source(
                            section,
                            f"Quote linked to “{_short(finding.statement)}”",
                            "observation",
                            quote["id"],
                            "text",
                        ),
                        finding_id=finding.id,
                    )

    def _heading_section(
        self,
        title: str,
        findings: Sequence[FindingEntry],
        heading_id: str | None,
        narratives: Sequence[FindingEntry] | None = None,
    ) -> None:
        """Strengths and areas as bullets (a key message's bullet is in the key messages
        only: printed once), then the narratives, strengths' first (the version-4 shape)."""
        src = Source(title, "Heading", "heading", heading_id, "name") if heading_id else None
        self.add("heading", title, src, level=1)
        for kind, sub in KIND_HEADINGS.items():
            of_kind = [f for f in findings if f.kind == kind and not f.key_message]
            if of_kind:
                self.add("heading", sub, level=2)
                for finding in of_kind:
                    self._bullet(title, finding)
        by_kind = [f for kind in KIND_HEADINGS for f in findings if f.kind == kind]
        self._narratives(title, by_kind if narratives is None else narratives)

    def _key_messages(
        self,
        sections: list[FindingsSection],
        unheaded: list[FindingEntry],
        recs: list[FindingEntry],
    ) -> None:
        ordered = [f for s in sections for f in s.statements] + unheaded + recs
        key = [f for f in ordered if f.key_message]
        if not key:
            if ordered:
                self.warnings.append(
                    "No finding is flagged as a key message, so the letter has no key messages summary."
                )
            return
        self.add("heading", "Key messages", level=1)
        for kind, title in (*KIND_HEADINGS.items(), ("recommendation", "Recommendations")):
            of_kind = [f for f in key if f.kind == kind]
            if of_kind:
                self.add("heading", title, level=2)
                for finding in of_kind:
                    self._bullet("Key messages", finding)

    def _recommendations(self, groups: list[GroupEntry]) -> None:
        if not groups:
            return
        self.add("heading", "Recommendations", level=1)
        named = [g for g in groups if g.id is not None]
        for group in groups:
            if group.id is not None:
                src = Source(
                    "Recommendations", "Group name", "recommendation_group", group.id, "name"
                )
                self.add("heading", group.name, src, level=2)
            elif named:
                self.add("heading", "Other recommendations", level=2)
            self._recommendation_list(group.recommendations)

    def _recommendation_list(self, recs: Sequence[FindingEntry]) -> None:
        for rec in recs:
            self._bullet("Recommendations", rec)
        self._narratives("Recommendations", recs)

    # ---------------------------------------------------------------- closing
    def _closing(self) -> None:
        s = self.settings
        self.add("heading", "Next steps", level=1)
        self.setting_paragraphs("next_steps", "Next steps")
        self.setting_paragraphs("closing", "Next steps")
        self.add("paragraph", "Yours sincerely,")
        src = Source(
            "Signature", "Letter settings › Signatory", "setting", "signatory_name", None, True
        )
        if s.signatory_name:
            self.add_runs("paragraph", [Run(s.signatory_name, bold=True)], src)
        else:
            self.warnings.append(
                "No signatory: set one in the letter settings, or add a lead peer."
            )
        self.add(
            "paragraph",
            s.signatory_title,
            Source(
                "Signature",
                "Letter settings › Signatory's job title",
                "setting",
                "signatory_title",
                None,
                True,
            ),
        )
        if s.signature_note:
            self.add_runs(
                "paragraph",
                [Run(f"({s.signature_note})", italic=True)],
                Source(
                    "Signature",
                    "Letter settings › Under the signature",
                    "setting",
                    "signature_note",
                ),
            )

    def _contacts(self) -> None:
        paragraphs = self.settings.paragraphs("contacts", self.context)
        if not paragraphs:
            self.warnings.append("No contact details are set for the letter.")
            return
        self.add("heading", "Contact details", level=1)
        self.setting_paragraphs("contacts", "Contact details", "paragraph", names_expected=True)

    def _appendix(self) -> None:
        tops = [h for h in self._headings if h["depth"] == 0 and h["kind"] != "scope"]
        if not tops:
            return
        name = framework_title(self.framework.get("name", "")) or "The framework"
        src = Source("Appendix", "Framework", "framework", self.framework.get("id"), "name")
        self.add("page_break", "")
        self.add("heading", f"Appendix 1 – {name}", src, level=1)
        domain_label = self.framework.get("domain_label") or "Heading"
        standard_label = self.framework.get("standard_label")
        children: dict[str, list[Row]] = {}
        for h in self._headings:
            if h["depth"] == 1:
                children.setdefault(h["parent_id"], []).append(h)
        has_children = any(children.get(h["id"]) for h in tops)
        if has_children:
            header = (domain_label, f"{standard_label or 'Standard'}s")
            rows = [
                (
                    clean_text(h["name"]),
                    "\n".join(
                        clean_text(f"{c['number']}. {c['name']}" if c["number"] else c["name"])
                        for c in children.get(h["id"], [])
                    ),
                )
                for h in tops
            ]
        else:
            header = (domain_label,)
            rows = [(clean_text(h["name"]),) for h in tops]
        self.blocks.append(Block("table", rows=(header, *rows), source=src))
        questions = [h for h in self._headings if h["kind"] == "scope"]
        if questions:
            self.add("heading", "Scoping questions", level=2)
            for q in questions:
                self.add(
                    "bullet",
                    q["name"],
                    Source("Appendix", "Scoping question", "heading", q["id"], "name"),
                )


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(clean_text(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _count(n: int, word: str) -> str:
    return f"{count_words(n).capitalize() if n < 21 else n} {_plural(n, word)}"


def build_letter(cf: ChallengeFile, settings: LetterSettings | None = None) -> Letter:
    """The summary letter of this challenge as blocks, ready for the guard and the renderer."""
    return _Builder(cf, settings).build()
