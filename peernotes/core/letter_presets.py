"""Shapes to start a letter from: presets that fill the outline, and nothing else.

Each preset is the outline (sections and blocks) and the few document settings of a shape
in published use (docs/domain.md): the regional summary letter, the feedback report with
numbered sections over prose, the 2024 corporate peer challenge report, and PeerNotes'
standard letter (the version-4 shape every existing file was given). Applying one replaces
the outline in one transaction (tombstones, so undo and merge see it); everything stays
editable. `is_edited` tells the window whether applying one would lose the author's work,
so it can ask first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from peernotes.core import letter_settings
from peernotes.core.errors import ValidationError
from peernotes.core.letter_outline import check_block, outline
from peernotes.core.records.challenge import headings as framework_headings
from peernotes.core.store import ChallengeFile

BlockSpec = tuple[str, str, str | None, dict[str, Any]]  # kind, text, heading_id, options


@dataclass(frozen=True)
class SectionSpec:
    title: str
    blocks: tuple[BlockSpec, ...]
    level: int = 1
    numbered: bool = True


def _b(kind: str, text: str = "", heading_id: str | None = None, **options: Any) -> BlockSpec:
    return (kind, text, heading_id, options)


def _std(name: str) -> BlockSpec:
    return _b("standard", setting=name)


INTRODUCTION = (
    _b("opening"),
    _std("what_is_peer_challenge"),
    _std("non_attribution"),
    _b("framework"),
    _b("team"),
    _b("activity"),
    _std("acknowledgements"),
    _std("basis"),
)


def standard(cf: ChallengeFile) -> list[SectionSpec]:
    """PeerNotes' standard letter: what version 4 printed (strengths' paragraphs first)."""
    return [
        SectionSpec("", (_b("title"), _b("salutation"))),
        SectionSpec("Introduction", INTRODUCTION),
        SectionSpec("Key messages", (_b("key_messages"),)),
        SectionSpec("", (_b("findings", order="kind"),)),
        SectionSpec("Recommendations", (_b("recommendations"),)),
        SectionSpec("Next steps", (_std("next_steps"), _std("closing"), _b("signature"))),
        SectionSpec("Contact details", (_b("contacts"),)),
        SectionSpec("", (_b("appendix"),)),
    ]


def regional_summary_letter(cf: ChallengeFile) -> list[SectionSpec]:
    """The 2013-style regional summary letter: numbered paragraphs through the letter; a
    summary of headline bullets and the author's own numbered context paragraphs; one
    section per theme with Strengths / Areas bullets then paragraphs in the author's order;
    recommendations in named groups; next steps; contact details."""
    return [
        SectionSpec("", (_b("title"), _b("salutation"))),
        SectionSpec("Introduction", INTRODUCTION),
        SectionSpec("Summary", (_b("key_messages"), _b("prose"))),
        SectionSpec("", (_b("findings", order="author"),)),
        SectionSpec("Recommendations", (_b("recommendations"),)),
        SectionSpec("Next steps", (_std("next_steps"), _std("closing"), _b("signature"))),
        SectionSpec("Contact details", (_b("contacts"),)),
        SectionSpec("", (_b("appendix"),)),
    ]


def _feedback_headings(cf: ChallengeFile) -> list[tuple[str, str]]:
    """One feedback sub-section per scoping question when findings are filed under them,
    else one per top-level framework heading."""
    rows = framework_headings(cf)
    questions = [(h["id"], h["name"]) for h in rows if h["kind"] == "scope"]
    answered = any(
        cf.count("finding", "heading_id = ?", (question_id,)) for question_id, _ in questions
    )
    if answered:
        return questions
    return [(h["id"], h["name"]) for h in rows if h["depth"] == 0 and h["kind"] != "scope"]


def feedback_report(cf: ChallengeFile) -> list[SectionSpec]:
    """Numbered sections and sub-sections over unnumbered prose, no bullets: 1 Introduction,
    2 Key messages, 3 Approach (3.1 the team, 3.2 scope, 3.3 process), 4 Feedback (4.1 … one
    per scoping question), 5 Next steps."""
    feedback = [
        SectionSpec(name, (_b("findings", heading_id=hid, order="author", bullets=False),), 2)
        for hid, name in _feedback_headings(cf)
    ]
    return [
        SectionSpec("", (_b("title", lines=["council", "programme", "document_type", "date"]),)),
        SectionSpec("Introduction", (_std("what_is_peer_challenge"), _std("non_attribution"))),
        SectionSpec("Key messages", (_b("key_messages", labels=False), _b("prose"))),
        SectionSpec("Approach", ()),
        SectionSpec("The peer team", (_b("team", roles=False, separator=", "),), 2),
        SectionSpec("Scope", (_b("opening"),), 2),
        SectionSpec("The process", (_b("activity"), _std("basis")), 2),
        SectionSpec("Feedback", ()),
        *feedback,
        SectionSpec("Next steps", (_std("next_steps"),)),
    ]


def corporate_2024(cf: ChallengeFile) -> list[SectionSpec]:
    """The 2024 corporate peer challenge report: an executive summary, the numbered
    recommendations up front, then the approach and feedback per core element."""
    rows = framework_headings(cf)
    elements = [(h["id"], h["name"]) for h in rows if h["depth"] == 0 and h["kind"] != "scope"]
    feedback = [
        SectionSpec(name, (_b("findings", heading_id=hid, order="author"),), 2)
        for hid, name in elements
    ]
    return [
        SectionSpec("", (_b("title"),)),
        SectionSpec("Executive summary", (_b("prose"), _b("key_messages"))),
        SectionSpec("Recommendations", (_b("recommendations", narratives=False),)),
        SectionSpec("Summary of the peer challenge approach", ()),
        SectionSpec("The peer team", (_b("team"),), 2),
        SectionSpec("Scope and focus", (_b("opening"), _b("framework")), 2),
        SectionSpec("The peer challenge process", (_b("activity"),), 2),
        SectionSpec("Feedback", ()),
        *feedback,
        SectionSpec("Next steps", (_std("next_steps"), _std("closing"))),
    ]


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    description: str
    settings: Mapping[str, Any]
    sections: Callable[[ChallengeFile], list[SectionSpec]]


PRESETS: Mapping[str, Preset] = MappingProxyType(
    {
        p.key: p
        for p in (
            Preset(
                "regional_summary_letter",
                "Regional summary letter",
                "Numbered paragraphs through the letter; themes with Strengths / Areas bullets; "
                "recommendations in groups.",
                {"document_type": "Summary Letter", "numbering": "paragraphs",
                 "number_recommendations": False},
                regional_summary_letter,
            ),
            Preset(
                "feedback_report",
                "Feedback report",
                "Numbered sections (1, 3.1 …) over unnumbered prose answering the scoping "
                "questions; no bullets.",
                {"document_type": "Feedback Report", "numbering": "headings",
                 "number_recommendations": False},
                feedback_report,
            ),
            Preset(
                "corporate_2024",
                "Corporate peer challenge report (2024)",
                "Executive summary, numbered recommendations up front, feedback per core "
                "element.",
                {"document_type": "Report", "numbering": "headings",
                 "number_recommendations": True},
                corporate_2024,
            ),
            Preset(
                "standard",
                "PeerNotes standard letter",
                "The letter PeerNotes wrote before the outline (version 4).",
                {"numbering": "paragraphs", "number_recommendations": False},
                standard,
            ),
        )
    }
)  # fmt: skip


def preset(key: str) -> Preset:
    try:
        return PRESETS[key]
    except KeyError:
        raise ValidationError(
            "preset", f"no preset {key!r} (known: {', '.join(PRESETS)})"
        ) from None


def apply_preset(cf: ChallengeFile, key: str) -> None:
    """Replace the outline with a preset's and set its document settings: one transaction."""
    chosen = preset(key)
    specs = chosen.sections(cf)
    for s_index, spec in enumerate(specs):
        for b_index, (kind, text, _h, options) in enumerate(spec.blocks):
            check_block(kind, text, options, f"sections[{s_index}].blocks[{b_index}]")
    with cf.transaction():
        for row in cf.rows("letter_block"):
            cf.delete("letter_block", row["id"])
        for row in cf.rows("letter_section"):
            cf.delete("letter_section", row["id"])
        for s_index, spec in enumerate(specs):
            section_id = cf.insert(
                "letter_section",
                {"title": spec.title, "level": spec.level, "numbered": int(spec.numbered),
                 "ordinal": float(s_index)},
            )  # fmt: skip
            for b_index, (kind, text, heading_id, options) in enumerate(spec.blocks):
                cf.insert(
                    "letter_block",
                    {"section_id": section_id, "kind": kind, "text": text,
                     "heading_id": heading_id, "options": json.dumps(options, sort_keys=True),
                     "ordinal": float(b_index)},
                )  # fmt: skip
        letter_settings.save(cf, **dict(chosen.settings))


def current_shape(cf: ChallengeFile) -> list[Any]:
    return [
        (s.title, s.level, s.numbered,
         [(b.kind, b.text, b.heading_id, json.dumps(dict(b.options), sort_keys=True))
          for b in s.blocks])
        for s in outline(cf)
    ]  # fmt: skip


def preset_shape(cf: ChallengeFile, key: str) -> list[Any]:
    return [
        (s.title, s.level, s.numbered,
         [(k, t, h, json.dumps(o, sort_keys=True)) for k, t, h, o in s.blocks])
        for s in preset(key).sections(cf)
    ]  # fmt: skip


def is_edited(cf: ChallengeFile) -> bool:
    """True when the outline is not exactly one of the presets: applying one would replace
    the author's own sections or text (the window asks first)."""
    shape = current_shape(cf)
    return all(shape != preset_shape(cf, key) for key in PRESETS)
