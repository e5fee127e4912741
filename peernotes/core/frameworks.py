"""Frameworks: the built-in templates shipped in resources/frameworks, and copying one into a file.

A challenge holds its own copy of the framework (rows in `framework` and `heading`), so it can
add its own headings and scoping questions without touching the template, and so a file
opens the same way on a laptop with a different PeerNotes version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from peernotes.core.errors import ValidationError
from peernotes.paths import resources_dir


@dataclass(frozen=True)
class Standard:
    number: int | str
    name: str


@dataclass(frozen=True)
class Domain:
    name: str
    standards: tuple[Standard, ...] = ()
    prompt: str = ""  # the framework's own question(s) for the heading, where it states them


@dataclass(frozen=True)
class FrameworkTemplate:
    id: str
    name: str
    kind: str  # standards | themes | regulatory
    domain_label: str
    standard_label: str | None
    domains: tuple[Domain, ...]
    score_scale: tuple[dict[str, Any], ...] = ()
    example_scope_questions: tuple[str, ...] = field(default=())
    # The stakeholder groups such a challenge usually meets: a new challenge starts with them.
    stakeholder_groups: tuple[str, ...] = ()

    @property
    def heading_count(self) -> int:
        return len(self.domains) + sum(len(d.standards) for d in self.domains)


def _parse(data: dict[str, Any]) -> FrameworkTemplate:
    try:
        labels = data.get("labels") or {}
        domains = tuple(
            Domain(
                name=str(d["name"]),
                standards=tuple(
                    Standard(number=s.get("number", ""), name=str(s["name"]))
                    for s in d.get("standards") or ()
                ),
                prompt=str(d.get("prompt") or ""),
            )
            for d in data["domains"]
        )
        return FrameworkTemplate(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=str(data.get("type", "themes")),
            domain_label=str(labels.get("domain") or "Domain"),
            standard_label=labels.get("standard"),
            domains=domains,
            score_scale=tuple(data.get("score_scale") or ()),
            example_scope_questions=tuple(
                str(q["name"]) for q in data.get("example_scope_questions") or ()
            ),
            stakeholder_groups=tuple(str(g) for g in data.get("stakeholder_groups") or ()),
        )
    except (KeyError, TypeError) as error:
        raise ValidationError("framework", f"malformed framework template ({error})") from error


_cache: dict[str, FrameworkTemplate] | None = None


def builtin_frameworks() -> dict[str, FrameworkTemplate]:
    """All shipped templates by id, in a stable order (by name)."""
    global _cache
    if _cache is None:
        found = {}
        for path in sorted((resources_dir() / "frameworks").glob("*.json")):
            template = _parse(json.loads(path.read_text(encoding="utf-8")))
            found[template.id] = template
        _cache = dict(sorted(found.items(), key=lambda item: item[1].name))
    return _cache


def builtin(framework_id: str) -> FrameworkTemplate:
    try:
        return builtin_frameworks()[framework_id]
    except KeyError:
        known = ", ".join(builtin_frameworks())
        raise ValidationError(
            "framework", f"no built-in framework {framework_id!r} (known: {known})"
        ) from None


DEFAULT_FRAMEWORK = "cfbo-previous"


def default_groups(template: FrameworkTemplate) -> list[tuple[str, bool]]:
    """(name, single person) of the groups a new challenge on `template` starts with: the
    framework's usual ones, else the general list (a team's own headings)."""
    from peernotes.core.vocab import DEFAULT_STAKEHOLDER_GROUPS

    if template.stakeholder_groups:
        return [(name, False) for name in template.stakeholder_groups]
    return list(DEFAULT_STAKEHOLDER_GROUPS)


def prompts(builtin_id: str | None) -> dict[str, str]:
    """{heading name: the framework's question for it} of a built-in framework ({} if none)."""
    template = builtin_frameworks().get(builtin_id or "")
    if template is None:
        return {}
    return {d.name: d.prompt for d in template.domains if d.prompt}
