"""The letter's outline: sections in the author's order, each with blocks in order.

Stored in the challenge file (tables `letter_section`, `letter_block`, schema v6), merge-ready
like every other row, so the document the challenge manager composes travels with the file,
merges and undoes. A block is either the author's own text (a paragraph, a bullet list, a
quote) or a *generated* block that stays live (the team list, the activity figures, the
findings of a heading...): its `text`, when not empty, is a template whose fields
(`{council}`, `{meetings}`...) are filled in when the letter is built. Every operation here
validates first and runs in one transaction, so the window, the CLI and the import share it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from peernotes.core import markup
from peernotes.core.errors import ValidationError
from peernotes.core.store import ChallengeFile

BLOCK_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "prose": "Paragraph",
        "bullets": "Bullet list",
        "quote": "Quote",
        "title": "Title block",
        "salutation": "Salutation",
        "opening": "Who asked, and the scope list",
        "standard": "Standard paragraph",
        "framework": "The framework and its headings",
        "team": "Team list",
        "activity": "On-site dates, activity figures and kinds of activity",
        "key_messages": "Key messages",
        "findings": "Findings",
        "recommendations": "Recommendations by group",
        "signature": "Sign-off and signature",
        "contacts": "Contact details",
        "appendix": "Framework appendix",
    }
)
AUTHORED = frozenset({"prose", "bullets", "quote"})
STANDARD_SETTINGS = (
    "what_is_peer_challenge",
    "non_attribution",
    "acknowledgements",
    "basis",
    "next_steps",
    "closing",
)
FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "council": "the council's name",
        "programme": "the programme's name",
        "document": "'letter' or 'report'",
        "framework": "the framework's name",
        "documents": "documents read ('over 40 documents')",
        "meetings": "meetings held ('44 meetings')",
        "people": "people met ('at least 95 people')",
        "days": "days on site ('four days')",
        "onsite_dates": "the on-site dates ('10 to 13 November 2026')",
        "feedback_date": "the date of the feedback presentation",
        "action_plan_date": "when the council's action plan is due (the deck's next steps too)",
        "progress_review_date": "when the progress review is planned (the deck's next steps too)",
        "clients": "who commissioned the challenge",
        "purpose": "why they asked",
    }
)
TITLE_LINES = ("council", "programme", "document_type", "date")
_OPTIONS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        # option -> allowed values (a tuple), or a type
        "numbered": {"": bool},  # every kind: False opts the block out of paragraph numbers
        "findings": {"order": ("kind", "author"), "bullets": bool, "labels": bool},
        "standard": {"setting": STANDARD_SETTINGS},
        "team": {"roles": bool, "separator": str},
        "title": {"lines": list, "date": ("month_year", "onsite_dates")},
        "recommendations": {"narratives": bool},
        "key_messages": {"labels": bool},
    }
)
_FIELD = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class OutlineBlock:
    id: str
    section_id: str
    kind: str
    text: str
    heading_id: str | None
    options: Mapping[str, Any]
    ordinal: float

    @property
    def label(self) -> str:
        return BLOCK_KINDS.get(self.kind, self.kind)

    @property
    def numbered(self) -> bool:
        return bool(self.options.get("numbered", True))


@dataclass(frozen=True)
class OutlineSection:
    id: str
    title: str
    numbered: bool
    level: int
    ordinal: float
    blocks: tuple[OutlineBlock, ...]


# ------------------------------------------------------------------ reading
def outline(cf: ChallengeFile) -> tuple[OutlineSection, ...]:
    """The live outline in the author's order (two queries)."""
    blocks: dict[str, list[OutlineBlock]] = {}
    for row in cf.rows("letter_block", order_by="ordinal, created_at, id"):
        blocks.setdefault(row["section_id"], []).append(_block(row))
    return tuple(
        OutlineSection(
            row["id"],
            row["title"],
            bool(row["numbered"]),
            row["level"],
            row["ordinal"],
            tuple(blocks.get(row["id"], ())),
        )
        for row in cf.rows("letter_section", order_by="ordinal, created_at, id")
    )


def _block(row: dict[str, Any]) -> OutlineBlock:
    try:
        options = json.loads(row["options"] or "{}")
    except ValueError:
        options = {}
    if not isinstance(options, dict):
        options = {}
    return OutlineBlock(
        row["id"],
        row["section_id"],
        row["kind"],
        row["text"] or "",
        row["heading_id"],
        MappingProxyType(options),
        row["ordinal"],
    )


# ------------------------------------------------------------------ checking
def template_problems(text: str) -> list[str]:
    """Unknown fields in a generated block's wording ('{counil}'), as sentences."""
    found = []
    for match in _FIELD.finditer(text):
        name = match.group(1)
        if name not in FIELDS:
            known = ", ".join("{" + f + "}" for f in FIELDS)
            found.append(f"“{{{name}}}” is not a field. The fields are {known}.")
    return found


def check_block(
    kind: Any, text: Any, options: Any, path: str = "block", *, generated_fields: bool = True
) -> tuple[str, str, dict[str, Any]]:
    """A block's kind, text and options, checked; a ValidationError names the bad path."""
    if kind not in BLOCK_KINDS:
        raise ValidationError(f"{path}.kind", f"must be one of {', '.join(BLOCK_KINDS)}")
    if not isinstance(text, str):
        raise ValidationError(f"{path}.text", "must be text")
    if kind not in AUTHORED and generated_fields:
        problems = template_problems(text)
        if problems:
            raise ValidationError(f"{path}.text", problems[0])
    if not isinstance(options, dict):
        raise ValidationError(f"{path}.options", "must be an object")
    allowed = {"numbered": bool, **_OPTIONS.get(kind, {})}
    allowed.pop("", None)
    for name, value in options.items():
        rule = allowed.get(name)
        where = f"{path}.options.{name}"
        if rule is None:
            known = ", ".join(sorted(allowed)) or "none"
            raise ValidationError(where, f"is not an option of a {kind} block (options: {known})")
        if isinstance(rule, tuple):
            if value not in rule:
                raise ValidationError(where, f"must be one of {', '.join(rule)}")
        elif not isinstance(value, rule) or (rule is int and isinstance(value, bool)):
            raise ValidationError(where, f"must be {_type_word(rule)}")
    if kind == "standard" and "setting" not in options:
        raise ValidationError(f"{path}.options.setting", "is required for a standard block")
    for index, line in enumerate(options.get("lines", []) if kind == "title" else []):
        if line not in TITLE_LINES:
            raise ValidationError(
                f"{path}.options.lines[{index}]", f"must be one of {', '.join(TITLE_LINES)}"
            )
    return kind, text, dict(options)


def markup_problems(block: OutlineBlock) -> list[str]:
    return markup.problems(block.text) if block.kind in AUTHORED else []


def _type_word(rule: Any) -> str:
    return {bool: "true or false", str: "text", list: "a list"}.get(rule, str(rule))


# ------------------------------------------------------------------ writing
def add_section(
    cf: ChallengeFile,
    title: str,
    *,
    index: int | None = None,
    level: int = 1,
    numbered: bool = True,
) -> str:
    """A new section at `index` (None: at the end)."""
    values = _section_values({"title": title, "level": level, "numbered": numbered})
    with cf.transaction():
        order = [s.id for s in outline(cf)]
        section_id = cf.insert("letter_section", {**values, "ordinal": float(len(order))})
        if index is not None:
            order.insert(max(0, min(index, len(order))), section_id)
            _renumber(cf, "letter_section", order)
    return section_id


def update_section(cf: ChallengeFile, section_id: str, **changes: Any) -> bool:
    cf.get("letter_section", section_id, required=True)
    return cf.update("letter_section", section_id, _section_values(changes))


def delete_section(cf: ChallengeFile, section_id: str) -> bool:
    """Delete a section and its blocks (tombstones: undo and merge bring them back)."""
    cf.get("letter_section", section_id, required=True)
    with cf.transaction():
        for row in cf.rows("letter_block", "section_id = ?", (section_id,)):
            cf.delete("letter_block", row["id"])
        return cf.delete("letter_section", section_id)


def move_section(cf: ChallengeFile, section_id: str, steps: int) -> bool:
    """Up (steps < 0) or down the outline; False at either end."""
    order = [s.id for s in outline(cf)]
    return _move(cf, "letter_section", order, section_id, steps)


def add_block(
    cf: ChallengeFile,
    section_id: str,
    kind: str,
    *,
    text: str = "",
    heading_id: str | None = None,
    options: dict[str, Any] | None = None,
    index: int | None = None,
) -> str:
    """A new block in a section at `index` (None: at its end)."""
    kind, text, opts = check_block(kind, text, options or {})
    cf.get("letter_section", section_id, required=True)
    _check_heading(cf, heading_id)
    with cf.transaction():
        order = [b.id for b in _blocks_of(cf, section_id)]
        values = {
            "section_id": section_id,
            "kind": kind,
            "text": text,
            "heading_id": heading_id,
            "options": json.dumps(opts, sort_keys=True),
            "ordinal": float(len(order)),
        }
        block_id = cf.insert("letter_block", values)
        if index is not None:
            order.insert(max(0, min(index, len(order))), block_id)
            _renumber(cf, "letter_block", order)
    return block_id


def update_block(cf: ChallengeFile, block_id: str, **changes: Any) -> bool:
    """Edit a block's text, heading or options (validated as a whole)."""
    row = cf.get("letter_block", block_id, required=True)
    assert row is not None
    current = _block(row)
    unknown = set(changes) - {"text", "heading_id", "options"}
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a block field that can be edited")
    text = changes.get("text", current.text)
    options = changes.get("options", dict(current.options))
    _, text, options = check_block(current.kind, text, options)
    heading_id = changes.get("heading_id", current.heading_id)
    _check_heading(cf, heading_id)
    return cf.update(
        "letter_block",
        block_id,
        {"text": text, "heading_id": heading_id, "options": json.dumps(options, sort_keys=True)},
    )


def delete_block(cf: ChallengeFile, block_id: str) -> bool:
    cf.get("letter_block", block_id, required=True)
    return cf.delete("letter_block", block_id)


def move_block(cf: ChallengeFile, block_id: str, steps: int) -> bool:
    """Up or down within its section; False at either end."""
    row = cf.get("letter_block", block_id, required=True)
    assert row is not None
    order = [b.id for b in _blocks_of(cf, row["section_id"])]
    return _move(cf, "letter_block", order, block_id, steps)


def move_block_to(cf: ChallengeFile, block_id: str, section_id: str, index: int) -> bool:
    """Drop a block into a section at a position (drag and drop): one transaction."""
    row = cf.get("letter_block", block_id, required=True)
    cf.get("letter_section", section_id, required=True)
    assert row is not None
    with cf.transaction():
        changed = False
        if row["section_id"] != section_id:
            changed = cf.update("letter_block", block_id, {"section_id": section_id})
        order = [b.id for b in _blocks_of(cf, section_id) if b.id != block_id]
        order.insert(max(0, min(index, len(order))), block_id)
        return _renumber(cf, "letter_block", order) or changed


# ------------------------------------------------------------------ internals
def _section_values(changes: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "title":
            if not isinstance(value, str) or len(value) > 500:
                raise ValidationError("title", "must be text of at most 500 characters")
            values["title"] = " ".join(value.split())
        elif name == "level":
            if value not in (1, 2) or isinstance(value, bool):
                raise ValidationError("level", "must be 1 (a section) or 2 (a sub-section)")
            values["level"] = value
        elif name == "numbered":
            if not isinstance(value, bool):
                raise ValidationError("numbered", "must be true or false")
            values["numbered"] = int(value)
        else:
            raise ValidationError(name, "is not a section field that can be edited")
    return values


def _check_heading(cf: ChallengeFile, heading_id: str | None) -> None:
    if heading_id is not None and cf.get("heading", heading_id) is None:
        raise ValidationError("heading_id", "is not a heading of this challenge")


def _blocks_of(cf: ChallengeFile, section_id: str) -> list[OutlineBlock]:
    rows = cf.rows(
        "letter_block", "section_id = ?", (section_id,), order_by="ordinal, created_at, id"
    )
    return [_block(r) for r in rows]


def _move(cf: ChallengeFile, table: str, order: list[str], row_id: str, steps: int) -> bool:
    index = order.index(row_id)
    target = max(0, min(len(order) - 1, index + steps))
    if target == index:
        return False
    order.insert(target, order.pop(index))
    return _renumber(cf, table, order)


def _renumber(cf: ChallengeFile, table: str, order: list[str]) -> bool:
    changed = False
    with cf.transaction():
        for index, row_id in enumerate(order):
            row = cf.get(table, row_id)
            if row is not None and row["ordinal"] != float(index):
                cf.update(table, row_id, {"ordinal": float(index)})
                changed = True
    return changed
