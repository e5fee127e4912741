"""How sure are we? A finding's triangulation level, computed from its evidence, never typed.

The rule (thresholds adjustable per challenge, stored in `setting`):
  triangulated   at least `min_modes` modes (read / heard / seen) AND `min_sources` sources
  corroborated   at least `min_sources` independent sources, fewer modes
  single source  supporting evidence, but fewer than `min_sources` sources -- "to test"
  no evidence    nothing supports it yet
A source is a distinct meeting or document (two peers noting the same meeting = one source;
see evidence.source_key). Stakeholder groups and recording peers are counted and shown, but
the level rests on modes and sources only. Contradicting evidence is counted apart and never
raises (or lowers) the level: the team weighs it, the rule does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from peernotes.core import vocab
from peernotes.core.errors import ValidationError
from peernotes.core.evidence import meeting_groups, source_key
from peernotes.core.ids import link_id
from peernotes.core.store import ChallengeFile

MIN_MODES_KEY = "triangulation.min_modes"
MIN_SOURCES_KEY = "triangulation.min_sources"

LEVELS: dict[str, str] = {
    "triangulated": "Triangulated",
    "corroborated": "Corroborated",
    "single_source": "Single source — to test",
    "no_evidence": "No evidence yet",
}
LEVEL_ORDER: tuple[str, ...] = tuple(LEVELS)  # strongest first


@dataclass(frozen=True)
class Thresholds:
    min_modes: int = 2
    min_sources: int = 2

    def rule(self) -> str:
        """The rule in words, for tooltips, the roll-up legend and the evidence report."""
        return (
            f"Triangulated: at least {_n(self.min_modes, 'mode')} (read, heard, seen) and "
            f"at least {_n(self.min_sources, 'independent source')}. "
            f"Corroborated: at least {_n(self.min_sources, 'independent source')}. "
            "A source is a meeting or a document; two peers noting the same meeting "
            "are one source. Contradicting evidence is shown apart and does not count."
        )


@dataclass(frozen=True)
class Triangulation:
    level: str  # 'triangulated' | 'corroborated' | 'single_source' | 'no_evidence'
    label: str
    modes: frozenset[str]
    sources: int
    groups: int
    peers: int
    supporting: int
    contradicting: int
    explanation: str
    meetings: int = field(default=0, compare=False)
    documents: int = field(default=0, compare=False)


# ------------------------------------------------------------------ settings
def setting_value(cf: ChallengeFile, key: str, default: Any = None) -> Any:
    """A per-challenge setting's value (JSON-decoded), or `default` when unset or unreadable."""
    row = cf.conn.execute(
        "SELECT value FROM setting WHERE key = ? AND deleted = 0", (key,)
    ).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        return default


def set_setting_value(cf: ChallengeFile, key: str, value: Any) -> None:
    """Store a per-challenge setting (one row per key, so settings merge independently)."""
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = cf.conn.execute("SELECT id FROM setting WHERE key = ?", (key,)).fetchone()
    with cf.transaction():
        if row is None:
            cf.insert("setting", {"key": key, "value": encoded}, row_id=link_id("setting", key))
        else:
            current = cf.get("setting", row[0], include_deleted=True)
            assert current is not None
            if current["deleted"]:
                cf.undelete("setting", row[0])
            cf.update("setting", row[0], {"value": encoded})


def thresholds(cf: ChallengeFile) -> Thresholds:
    """This challenge's thresholds (defaults: 2 modes, 2 sources)."""
    default = Thresholds()
    return Thresholds(
        min_modes=_bounded(
            setting_value(cf, MIN_MODES_KEY), 1, len(vocab.MODES), default.min_modes
        ),
        min_sources=_bounded(setting_value(cf, MIN_SOURCES_KEY), 1, 99, default.min_sources),
    )


def set_thresholds(cf: ChallengeFile, value: Thresholds) -> None:
    if not isinstance(value.min_modes, int) or not 1 <= value.min_modes <= len(vocab.MODES):
        raise ValidationError("min_modes", f"must be a whole number from 1 to {len(vocab.MODES)}")
    if not isinstance(value.min_sources, int) or not 1 <= value.min_sources <= 99:
        raise ValidationError("min_sources", "must be a whole number from 1 to 99")
    with cf.transaction():
        if setting_value(cf, MIN_MODES_KEY) != value.min_modes:
            set_setting_value(cf, MIN_MODES_KEY, value.min_modes)
        if setting_value(cf, MIN_SOURCES_KEY) != value.min_sources:
            set_setting_value(cf, MIN_SOURCES_KEY, value.min_sources)


def _bounded(value: Any, low: int, high: int, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return default
    return value


# ----------------------------------------------------------------- assessing
# One row of evidence: (finding id, relation, mode, meeting id, document id, recorded by)
EVIDENCE_SQL = (
    "SELECT fe.finding_id, fe.relation, o.mode, o.meeting_id, o.document_id, o.recorded_by "
    "FROM finding_evidence fe "
    "JOIN observation o ON o.id = fe.observation_id "
    "JOIN finding f ON f.id = fe.finding_id "
    "WHERE fe.deleted = 0 AND o.deleted = 0 AND f.deleted = 0"
)

EvidenceRow = tuple[str, str, str, str | None, str | None, str | None]


def assess(cf: ChallengeFile, finding_id: str) -> Triangulation:
    """The triangulation of one finding (no_evidence for an unknown or deleted one)."""
    rows = cf.conn.execute(EVIDENCE_SQL + " AND fe.finding_id = ?", (finding_id,)).fetchall()
    groups = meeting_groups(cf, (r[3] for r in rows))
    return evaluate(rows, groups, thresholds(cf))


def assess_all(cf: ChallengeFile) -> dict[str, Triangulation]:
    """Every live finding's triangulation, in one pass over the evidence."""
    by_finding: dict[str, list[EvidenceRow]] = {
        r[0]: [] for r in cf.conn.execute("SELECT id FROM finding WHERE deleted = 0")
    }
    for row in cf.conn.execute(EVIDENCE_SQL):
        by_finding[row[0]].append(row)
    groups = meeting_groups(cf)
    rule = thresholds(cf)
    return {fid: evaluate(rows, groups, rule) for fid, rows in by_finding.items()}


def evaluate(
    rows: Iterable[EvidenceRow], groups_at: dict[str, set[str]], rule: Thresholds
) -> Triangulation:
    """The level for one finding's evidence rows. Pure: the tests feed it hand-built sets."""
    modes: set[str] = set()
    sources: set[str] = set()
    groups: set[str] = set()
    peers: set[str] = set()
    supporting = contradicting = 0
    for _finding, relation, mode, meeting_id, document_id, recorded_by in rows:
        if relation == "contradicts":
            contradicting += 1
            continue
        supporting += 1
        modes.add(mode)
        sources.add(source_key(mode, meeting_id, document_id, recorded_by))
        if meeting_id:
            groups |= groups_at.get(meeting_id, set())
        if recorded_by:
            peers.add(recorded_by)
    if supporting == 0:
        level = "no_evidence"
    elif len(modes) >= rule.min_modes and len(sources) >= rule.min_sources:
        level = "triangulated"
    elif len(sources) >= rule.min_sources:
        level = "corroborated"
    else:
        level = "single_source"
    meetings = sum(1 for s in sources if s.startswith("meeting:"))
    documents = sum(1 for s in sources if s.startswith("document:"))
    result = Triangulation(
        level=level,
        label=LEVELS[level],
        modes=frozenset(modes),
        sources=len(sources),
        groups=len(groups),
        peers=len(peers),
        supporting=supporting,
        contradicting=contradicting,
        explanation="",
        meetings=meetings,
        documents=documents,
    )
    return _with_explanation(result, rule)


def _with_explanation(t: Triangulation, rule: Thresholds) -> Triangulation:
    from dataclasses import replace

    return replace(t, explanation=explain(t, rule))


def explain(t: Triangulation, rule: Thresholds) -> str:
    """'Corroborated: 2 sources (2 meetings) but 1 mode (heard) -- triangulated needs 2 modes.'"""
    contra = (
        f" {_n(t.contradicting, 'contradicting observation')} "
        f"{'is' if t.contradicting == 1 else 'are'} shown apart and not counted."
        if t.contradicting
        else ""
    )
    if t.level == "no_evidence":
        return f"{t.label}: no observation supports this finding yet.{contra}"
    modes = ", ".join(m for m in vocab.MODES if m in t.modes)
    parts = []
    if t.meetings:
        parts.append(_n(t.meetings, "meeting"))
    if t.documents:
        parts.append(_n(t.documents, "document"))
    other = t.sources - t.meetings - t.documents
    if other:
        parts.append(_n(other, "peer's unsourced notes", plural="peers' unsourced notes"))
    counts = (
        f"{_n(t.supporting, 'supporting observation')} from {_n(t.sources, 'source')} "
        f"({', '.join(parts)}), {_n(len(t.modes), 'mode')} ({modes}), "
        f"{_n(t.groups, 'stakeholder group')}, recorded by {_n(t.peers, 'peer')}."
    )
    if t.level == "triangulated":
        why = f"Meets the rule: at least {rule.min_modes} modes and {rule.min_sources} sources."
    elif t.level == "corroborated":
        why = (
            f"Triangulated needs at least {_n(rule.min_modes, 'mode')}: "
            "look for something read, heard or seen another way."
        )
    else:
        why = (
            f"Needs at least {_n(rule.min_sources, 'independent source')} to be corroborated: "
            "test it in another meeting or document."
        )
    return f"{t.label}: {counts} {why}{contra}"


def _n(count: int, word: str, *, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"
