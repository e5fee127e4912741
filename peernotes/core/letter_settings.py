"""Letter settings: the wording around the findings, stored in the challenge file.

Each setting is one row of the `setting` table (key ``letter.<name>``, value JSON), so two
peers editing different settings never conflict when their files are merged. A setting that
was never saved takes its default, and several defaults come from the file itself (the
signatory is the lead peer, the feedback date the last on-site day, the scope the challenge's
own), so they follow the team list and the dates until someone types over them.

The standard paragraphs ship with PeerNotes' own wording. They may use placeholders --
{council}, {programme}, {document} ("letter" or "report"), {feedback_date}, {framework} --
filled in when the letter is built; unknown braces are left as typed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from peernotes.core import validation as check
from peernotes.core.errors import ValidationError
from peernotes.core.ids import link_id
from peernotes.core.records.people import normalise_name, team
from peernotes.core.store import ChallengeFile

PREFIX = "letter."
DOCUMENT_TYPES: tuple[str, ...] = ("Summary Letter", "Feedback Report", "Report")
# Paragraph numbering schemes (all real Word numbering): numbered paragraphs running on
# through the document; numbered section headings (1, 3.1) over unnumbered prose; none.
NUMBERING: tuple[str, ...] = ("paragraphs", "headings", "none")


@dataclass(frozen=True)
class Field:
    """One setting as the form shows it."""

    name: str
    label: str
    kind: str  # 'line' | 'text' | 'lines' | 'date' | 'choice' | 'flag' | 'list'
    help: str = ""
    group: str = "Letter"
    choices: tuple[str, ...] = ()  # a 'choice': the values offered
    free: bool = False  # a 'choice' that also takes any other value typed


FIELDS: tuple[Field, ...] = (
    Field(
        "document_type",
        "Title wording",
        "choice",
        "Summary Letter, Feedback Report, Report -- or any other wording",
        "Title",
        DOCUMENT_TYPES,
        free=True,
    ),
    Field(
        "letter_date", "Date of the letter", "date", "Its month and year go on the title.", "Title"
    ),
    Field(
        "salutation", "Salutation", "line", "e.g. 'Dear Sam' (leave empty for a report)", "Title"
    ),
    Field(
        "clients",
        "Clients",
        "lines",
        "Who commissioned the challenge, one per line: name, job title",
        "Introduction",
    ),
    Field(
        "purpose",
        "Why they asked",
        "text",
        "What the council wanted from the challenge, in a sentence or two",
        "Introduction",
    ),
    Field("scope", "Scope for the letter", "lines", "One bullet per line", "Introduction"),
    Field(
        "feedback_date",
        "Feedback presentation",
        "date",
        "The date of the final-day feedback presentation",
        "Introduction",
    ),
    Field(
        "acknowledgements",
        "Acknowledgements",
        "text",
        "Thanks; names are allowed here",
        "Introduction",
    ),
    Field(
        "what_is_peer_challenge",
        "What a peer challenge is",
        "text",
        "Standard paragraph",
        "Standard paragraphs",
    ),
    Field(
        "non_attribution",
        "Non-attribution statement",
        "text",
        "Standard paragraph",
        "Standard paragraphs",
    ),
    Field("basis", "Basis of the letter", "text", "Standard paragraph", "Standard paragraphs"),
    Field(
        "include_quotes",
        "Add verbatim quotes to the narratives (unattributed)",
        "flag",
        "Quotes linked to a finding go out as 'One person we spoke to said …'",
        "Findings",
    ),
    Field(
        "numbering",
        "Numbering",
        "choice",
        "paragraphs: numbered paragraphs through the letter; headings: numbered sections "
        "(1, 3.1) over unnumbered prose; none",
        "Document",
        NUMBERING,
    ),
    Field(
        "number_recommendations",
        "Number the recommendations (1, 2, 3 … through the document)",
        "flag",
        "",
        "Document",
    ),
    Field("strengths_label", "Strengths sub-heading", "line", "e.g. Strengths", "Findings"),
    Field(
        "areas_label",
        "Areas sub-heading",
        "line",
        "Areas for consideration, Areas for development, Areas for improvement …",
        "Findings",
    ),
    Field("next_steps", "Next steps", "text", "", "Closing"),
    Field(
        "action_plan_date",
        "Action plan due",
        "date",
        "When the council's action plan is due (next steps in the letter and the deck)",
        "Closing",
    ),
    Field(
        "progress_review_date",
        "Progress review",
        "date",
        "When the progress review is planned (next steps in the letter and the deck)",
        "Closing",
    ),
    Field("closing", "Closing paragraph", "text", "", "Closing"),
    Field("signatory_name", "Signatory", "line", "Defaults to the lead peer", "Closing"),
    Field("signatory_title", "Signatory's job title", "line", "", "Closing"),
    Field("signature_note", "Under the signature", "line", "", "Closing"),
    Field("contacts", "Contact details", "text", "Names, emails and phone numbers", "Closing"),
    Field(
        "allowed_names",
        "Names allowed in the letter",
        "list",
        "Confirmed by the non-attribution check",
        "Checks",
    ),
)
FIELD_NAMES: frozenset[str] = frozenset(f.name for f in FIELDS)
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}

# PeerNotes' own wording for the standard paragraphs (editable per challenge).
STANDARD_WORDING: dict[str, str] = {
    "what_is_peer_challenge": (
        "A peer challenge is carried out by serving councillors and officers from other "
        "councils and partner organisations, who bring their own experience of leading and "
        "delivering services. It is not an inspection. The team works as a critical friend: "
        "it aims to help {council} and its partners recognise what is working well, see where "
        "they could do better, and judge how ready they are to make the changes they want."
    ),
    "non_attribution": (
        "Everyone who took part was told that what they said would not be attributed to "
        "them. This {document} therefore does not name any individual, or any group small "
        "enough to identify someone, as the source of a view. Where people's own words are "
        "used, they are quoted without attribution."
    ),
    "basis": (
        "This {document} builds on the feedback presentation the team gave on "
        "{feedback_date}. It rests on what the team read, heard and saw, with each finding "
        "tested against more than one source wherever possible before it was included."
    ),
    "acknowledgements": (
        "The team would like to thank everyone at {council} and its partners who gave their "
        "time, and who spoke openly and constructively about their work. We are particularly "
        "grateful to those who organised the programme and looked after the team on site."
    ),
    "next_steps": (
        "{council} will want to consider how it responds to these findings and "
        "recommendations, and may wish to set out its response in an action plan. The Local "
        "Government Association would be pleased to discuss further support, including a "
        "review of progress later in the year."
    ),
    "closing": (
        "We have aimed to make these findings both supportive and challenging, and we hope "
        "{council} finds them helpful as it continues to improve. Thank you for hosting the "
        "peer challenge and for the welcome and openness the team received throughout."
    ),
    "signature_note": "On behalf of the peer challenge team",
}


@dataclass(frozen=True)
class LetterSettings:
    """Every setting's value (stored or default) and which of them were typed by someone."""

    values: Mapping[str, Any]
    stored: frozenset[str]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def is_default(self, name: str) -> bool:
        return name not in self.stored

    def lines(self, name: str) -> list[str]:
        """A 'lines' setting as a list of non-empty, stripped lines."""
        return [
            line.strip() for line in str(self.values.get(name) or "").splitlines() if line.strip()
        ]

    def paragraphs(self, name: str, context: Mapping[str, str] | None = None) -> list[str]:
        """A 'text' setting split into paragraphs on blank lines, placeholders filled in."""
        text = str(self.values.get(name) or "")
        if context is not None:
            text = fill_placeholders(text, context)
        return split_paragraphs(text)


# -------------------------------------------------------------------- reading
def defaults(cf: ChallengeFile) -> dict[str, Any]:
    """Every setting's default for this challenge (some depend on its team, dates and scope)."""
    challenge = cf.challenge()
    lead = next((p for p in team(cf) if p["role"] == "lead_peer"), None)
    scope_lines = [line.strip() for line in (challenge["scope"] or "").splitlines() if line.strip()]
    scope_lines += [
        r["name"]
        for r in cf.rows(
            "heading",
            "framework_id = ? AND kind = 'scope'",
            (challenge["framework_id"],),
            order_by="ordinal, created_at",
        )
    ]
    last_day = challenge["onsite_end"] or challenge["onsite_start"]
    return {
        "document_type": DOCUMENT_TYPES[0],
        "letter_date": last_day or date.today().isoformat(),
        "salutation": "",
        "clients": "",
        "purpose": "",
        "scope": "\n".join(scope_lines),
        "feedback_date": last_day or "",
        "action_plan_date": months_after(last_day, 3),
        "progress_review_date": months_after(last_day, 10),
        "include_quotes": False,
        "numbering": NUMBERING[0],
        "number_recommendations": False,
        "strengths_label": "Strengths",
        "areas_label": "Areas for consideration",
        "signatory_name": lead["name"] if lead else "",
        "signatory_title": ", ".join(x for x in (lead["job_title"], lead["organisation"]) if x)
        if lead
        else "",
        "contacts": "",
        "allowed_names": [],
        **{k: v for k, v in STANDARD_WORDING.items()},
    }


def load(cf: ChallengeFile) -> LetterSettings:
    """The letter settings of this challenge: stored values over defaults."""
    values = defaults(cf)
    stored = set()
    for key, raw in cf.conn.execute(
        "SELECT key, value FROM setting WHERE deleted = 0 AND key LIKE ?", (PREFIX + "%",)
    ):
        name = key[len(PREFIX) :]
        if name not in FIELD_NAMES:
            continue
        try:
            value = _clean(name, json.loads(raw))
        except (ValueError, TypeError):
            continue  # unreadable (a newer PeerNotes?): keep the default rather than fail
        values[name] = value
        stored.add(name)
    return LetterSettings(values, frozenset(stored))


# -------------------------------------------------------------------- writing
def save(cf: ChallengeFile, **values: Any) -> list[str]:
    """Store settings (validated first, all in one transaction). Returns the names changed."""
    cleaned = {name: _clean(name, value) for name, value in values.items()}
    changed = []
    with cf.transaction():
        for name, value in cleaned.items():
            if _put(cf, PREFIX + name, value):
                changed.append(name)
    return changed


def reset(cf: ChallengeFile, *names: str) -> list[str]:
    """Forget stored values so the defaults (PeerNotes' wording, the lead peer...) apply again."""
    for name in names:
        _known(name)
    reset_names = []
    with cf.transaction():
        for name in names:
            row = _row(cf, PREFIX + name)
            if row is not None and not row["deleted"]:
                cf.delete("setting", row["id"])
                reset_names.append(name)
    return reset_names


def allow_name(cf: ChallengeFile, text: str) -> bool:
    """Add an item to the names the user has confirmed may appear in the letter."""
    text = check.text("allowed_names", text, max_length=500)
    current = list(load(cf).allowed_names)
    if any(_fold(t) == _fold(text) for t in current):
        return False
    save(cf, allowed_names=[*current, text])
    return True


def disallow_name(cf: ChallengeFile, text: str) -> bool:
    current = list(load(cf).allowed_names)
    kept = [t for t in current if _fold(t) != _fold(text)]
    if len(kept) == len(current):
        return False
    save(cf, allowed_names=kept)
    return True


def put_setting(cf: ChallengeFile, key: str, value: Any) -> bool:
    """Store one JSON setting under `key` (any prefix); False when it already had that value.

    The row id derives from the key, so two laptops saving the same setting converge."""
    return _put(cf, key, value)


# ------------------------------------------------------------------ wording
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill_placeholders(text: str, context: Mapping[str, str]) -> str:
    """Replace {council}, {feedback_date}... ; anything else in braces stays as typed."""
    return _PLACEHOLDER.sub(lambda m: context.get(m.group(1), m.group(0)), text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; single line breaks inside a paragraph are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n[ \t]*\n", text)
    return [part.strip() for part in parts if part.strip()]


def long_date(value: str | None) -> str:
    """'2026-11-13' -> '13 November 2026' (UK style); '' for no date."""
    if not value:
        return ""
    day = date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def months_after(value: str | None, months: int) -> str:
    """The ISO date `months` months after `value` (the day clipped to the month's end);
    '' for no date. The domain's rule of thumb: action plan in about 3 months, progress
    review about 10 months after the challenge."""
    if not value:
        return ""
    day = date.fromisoformat(value)
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution).day
    return date(year, month, min(day.day, last)).isoformat()


def month_year(value: str | None) -> str:
    if not value:
        return ""
    return f"{date.fromisoformat(value):%B %Y}"


def date_range(start: str | None, end: str | None) -> str:
    """'10 to 13 November 2026', '28 October to 1 November 2026', or one date."""
    if not start or not end or start == end:
        return long_date(start or end)
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} to {last.day} {last:%B %Y}"
    return f"{long_date(start)} to {long_date(end)}"


# ------------------------------------------------------------------ internals
def _known(name: str) -> Field:
    try:
        return FIELD_BY_NAME[name]
    except KeyError:
        raise ValidationError(name, "is not a letter setting") from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_value(name: str, value: Any) -> Any:
    """A setting's value, checked as `save` checks it (the JSON import refuses a bad one)."""
    return _clean(name, value)


def _clean(name: str, value: Any) -> Any:
    field = _known(name)
    if isinstance(value, str):  # a lone surrogate pasted into a form cannot be stored (UTF-8)
        value = _SURROGATE.sub("\ufffd", value)
    if field.kind == "choice" and field.free:
        line = " ".join(check.text(name, value, max_length=200).split())
        if not line:
            raise ValidationError(name, "cannot be empty")
        return line
    if field.kind == "choice":
        return check.choice(name, value, field.choices)
    if field.kind == "date":
        return check.iso_date(name, value, required=False) or ""
    if field.kind == "flag":
        return bool(check.flag(name, value))
    if field.kind == "list":
        if not isinstance(value, list | tuple):
            raise ValidationError(name, "must be a list of names")
        return [check.text(f"{name}[{i}]", v, max_length=500) for i, v in enumerate(value)]
    if field.kind == "line":
        return " ".join(check.text(name, value, required=False, max_length=1000).split())
    return check.text(name, value, required=False)


def _row(cf: ChallengeFile, key: str) -> dict[str, Any] | None:
    rows = cf.rows("setting", "key = ?", (key,), include_deleted=True)
    return rows[0] if rows else None


def _put(cf: ChallengeFile, key: str, value: Any) -> bool:
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = _row(cf, key)
    if row is None:
        cf.insert("setting", {"key": key, "value": encoded}, row_id=link_id("setting", key))
        return True
    if not row["deleted"] and row["value"] == encoded:
        return False
    with cf.transaction():
        if row["deleted"]:
            cf.undelete("setting", row["id"])
        cf.update("setting", row["id"], {"value": encoded})
    return True


def _fold(text: str) -> str:
    return normalise_name(text)
