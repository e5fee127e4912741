"""The challenge itself and its framework headings: create a challenge, edit it, add headings.

Operations validate their input, then write in one transaction; they raise ValidationError
naming the field (the same rules for the window, the CLI, the JSON import and the demo).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from peernotes.core import validation as check
from peernotes.core.errors import ValidationError
from peernotes.core.frameworks import FrameworkTemplate, builtin, default_groups, prompts
from peernotes.core.records.people import add_peer, peer_values
from peernotes.core.store import ChallengeFile, Row


def new_challenge(
    cf: ChallengeFile,
    *,
    council: str,
    programme_title: str,
    framework: str | FrameworkTemplate,
    onsite_start: str | date | None = None,
    onsite_end: str | date | None = None,
    scope: str = "",
    scope_questions: Sequence[str] = (),
    peers: Sequence[dict[str, Any]] = (),
    me: int | None = None,
    stakeholder_groups: Sequence[tuple[str, bool]] | None = None,
) -> str:
    """Fill an empty file with a challenge: its framework, groups, team and who is editing.
    The groups default to the framework's usual ones (a corporate challenge gets no carers)."""
    council = check.text("council", council)
    programme_title = check.text("programme_title", programme_title)
    start = check.iso_date("onsite_start", onsite_start, required=False)
    end = check.iso_date("onsite_end", onsite_end, required=False)
    if start and end and end < start:
        raise ValidationError("onsite_end", "the on-site days end before they start")
    template = builtin(framework) if isinstance(framework, str) else framework
    if stakeholder_groups is None:
        stakeholder_groups = default_groups(template)
    if cf.rows("challenge"):
        raise ValidationError("challenge", "this file already holds a challenge")
    for index, peer in enumerate(peers):
        peer_values(peer, f"peers[{index}]")
    with cf.transaction():
        framework_id = install_framework(cf, template)
        challenge_id = cf.insert(
            "challenge",
            {
                "council": council,
                "programme_title": programme_title,
                "scope": check.text("scope", scope, required=False),
                "onsite_start": start,
                "onsite_end": end,
                "framework_id": framework_id,
            },
        )
        cf.set_meta("challenge_id", challenge_id)
        for index, (name, single) in enumerate(stakeholder_groups):
            cf.insert(
                "stakeholder_group",
                {"name": name, "single_person": int(single), "ordinal": index},
            )
        for number, question in enumerate(scope_questions, start=1):
            add_heading(cf, question, kind="scope", number=f"Q{number}")
        peer_ids = [add_peer(cf, **peer) for peer in peers]
        if me is not None:
            cf.set_current_peer(peer_ids[me])
    return challenge_id


def install_framework(cf: ChallengeFile, template: FrameworkTemplate) -> str:
    """Copy a template's domains and standards into the file, in framework order."""
    with cf.transaction():
        framework_id = cf.insert(
            "framework",
            {
                "name": template.name,
                "kind": template.kind,
                "builtin_id": template.id,
                "domain_label": template.domain_label,
                "standard_label": template.standard_label,
                "score_scale": _json(list(template.score_scale)) if template.score_scale else None,
            },
        )
        install_headings(cf, framework_id, template)
    return framework_id


def install_headings(cf: ChallengeFile, framework_id: str, template: FrameworkTemplate) -> None:
    """A template's domains and standards as headings of a framework row, in order (also
    used by the JSON import, when a framework row names a built-in framework)."""
    with cf.transaction():
        for d_index, domain in enumerate(template.domains):
            domain_id = cf.insert(
                "heading",
                {
                    "framework_id": framework_id,
                    "parent_id": None,
                    "kind": "domain",
                    "number": str(d_index + 1),
                    "name": domain.name,
                    "ordinal": d_index,
                },
            )
            for s_index, standard in enumerate(domain.standards):
                cf.insert(
                    "heading",
                    {
                        "framework_id": framework_id,
                        "parent_id": domain_id,
                        "kind": "standard",
                        "number": str(standard.number),
                        "name": standard.name,
                        "ordinal": s_index,
                    },
                )


def update_challenge(cf: ChallengeFile, **changes: Any) -> bool:
    current = cf.challenge()
    cleaned: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("council", "programme_title"):
            cleaned[key] = check.text(key, value)
        elif key == "scope":
            cleaned[key] = check.text(key, value, required=False)
        elif key in ("onsite_start", "onsite_end"):
            cleaned[key] = check.iso_date(key, value, required=False)
        else:
            raise ValidationError(key, "is not a challenge field that can be edited")
    start = cleaned.get("onsite_start", current["onsite_start"])
    end = cleaned.get("onsite_end", current["onsite_end"])
    if start and end and end < start:
        raise ValidationError("onsite_end", "the on-site days end before they start")
    return cf.update("challenge", current["id"], cleaned)


# -------------------------------------------------------------------- headings
def headings(cf: ChallengeFile) -> list[Row]:
    """Live headings of the challenge's framework in framework order: each domain, then its
    standards; then the challenge's own headings and scoping questions. Each row gets `depth`
    and `prompt` (the built-in framework's question for a domain, shown when tagging)."""
    framework_id = cf.challenge()["framework_id"]
    rows = cf.rows("heading", "framework_id = ?", (framework_id,), order_by="ordinal, created_at")
    top = [r for r in rows if r["parent_id"] is None]
    kind_order = {"domain": 0, "custom": 1, "scope": 2}
    top.sort(key=lambda r: (kind_order.get(r["kind"], 1), r["ordinal"]))
    children: dict[str, list[Row]] = {}
    for row in rows:
        if row["parent_id"] is not None:
            children.setdefault(row["parent_id"], []).append(row)
    framework = cf.get("framework", framework_id) if top else None
    questions = prompts(framework["builtin_id"]) if framework else {}
    ordered: list[Row] = []
    for parent in top:
        prompt = questions.get(parent["name"], "") if parent["kind"] == "domain" else ""
        ordered.append(dict(parent, depth=0, prompt=prompt))
        for child in children.get(parent["id"], []):
            ordered.append(dict(child, depth=1, prompt=""))
    return ordered


def heading_label(row: Row) -> str:
    """How a heading is shown and picked: '4 Coproduced with people...' or 'Q1 ...'."""
    number = row.get("number") or ""
    return f"{number} {row['name']}".strip()


def add_heading(
    cf: ChallengeFile,
    name: str,
    *,
    parent_id: str | None = None,
    kind: str = "custom",
    number: str = "",
) -> str:
    """A heading of the challenge's own (custom) or a scoping question, after the built-in ones."""
    name = check.text("name", name, max_length=500)
    check.choice("kind", kind, ("domain", "standard", "custom", "scope"))
    framework_id = cf.challenge()["framework_id"]
    if parent_id is not None:
        parent = cf.get("heading", parent_id)
        if parent is None:
            raise ValidationError("parent_id", "unknown heading")
        kind = "standard"
    siblings = cf.rows(
        "heading",
        "framework_id = ? AND parent_id IS ?" + ("" if parent_id else " AND kind = ?"),
        (framework_id, parent_id) if parent_id else (framework_id, None, kind),
    )
    ordinal = max((r["ordinal"] for r in siblings), default=-1) + 1
    if kind == "scope" and not number:
        number = f"Q{len(siblings) + 1}"
    return cf.insert(
        "heading",
        {
            "framework_id": framework_id,
            "parent_id": parent_id,
            "kind": kind,
            "number": number,
            "name": name,
            "ordinal": ordinal,
        },
    )


def check_headings(cf: ChallengeFile, heading_ids: Iterable[str], field_name: str) -> list[str]:
    ids = list(dict.fromkeys(heading_ids))
    if not ids:
        return ids
    framework_id = cf.challenge()["framework_id"]
    marks = ",".join("?" for _ in ids)
    known = {
        r["id"]
        for r in cf.query(
            f"SELECT id FROM heading WHERE deleted = 0 AND framework_id = ? AND id IN ({marks})",
            (framework_id, *ids),
        )
    }
    for index, heading_id in enumerate(ids):
        if heading_id not in known:
            raise ValidationError(
                f"{field_name}[{index}]", f"unknown framework heading {heading_id!r}"
            )
    return ids


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
