"""Where are we thin? Evidence per heading, by mode and by stakeholder group.

An observation counts as evidence for a heading when it is tagged with the heading, or when it
is linked to a finding under that heading. A domain counts the evidence of its standards too
(each observation once). By-group counts come from the people met: an observation from a
meeting counts once for every stakeholder group present there; documents have no group.
Plain data, no Qt: the Coverage screen and any report use the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from peernotes.core import records, vocab
from peernotes.core.errors import ValidationError
from peernotes.core.evidence import group_names, meeting_groups
from peernotes.core.store import ChallengeFile
from peernotes.core.triangulation import set_setting_value, setting_value

THIN_BELOW_KEY = "coverage.thin_below"
DEFAULT_THIN_BELOW = 3


@dataclass(frozen=True)
class HeadingCoverage:
    id: str
    number: str
    name: str
    kind: str
    depth: int
    parent_id: str | None
    total: int  # distinct observations that are evidence for this heading
    by_mode: Mapping[str, int]  # read/heard/seen
    by_group: Mapping[str, int]  # stakeholder group id -> observations from meetings with them
    findings: int
    thin: bool  # fewer than the challenge's thin_below observations

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}".strip()

    @property
    def unheard(self) -> tuple[str, ...]:
        """Ids of the stakeholder groups with no evidence under this heading."""
        return tuple(g for g, n in self.by_group.items() if n == 0)


@dataclass(frozen=True)
class Coverage:
    headings: tuple[HeadingCoverage, ...]  # framework order
    groups: tuple[tuple[str, str], ...]  # (id, name) of the live stakeholder groups, in order
    thin_below: int
    observations: int  # all live observations
    untagged: int  # live observations with no heading and in no finding under a heading
    by_mode: Mapping[str, int]  # over all observations
    by_group: Mapping[str, int]  # over all observations
    people_by_group: Mapping[str, int]  # people met (in at least one meeting) per group

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(vocab.MODES)

    @property
    def thin_headings(self) -> tuple[HeadingCoverage, ...]:
        return tuple(h for h in self.headings if h.thin)

    @property
    def unheard_groups(self) -> tuple[tuple[str, str], ...]:
        """Groups from whom nothing at all has been heard yet."""
        return tuple((g, name) for g, name in self.groups if self.by_group.get(g, 0) == 0)

    def group_name(self, group_id: str) -> str:
        return dict(self.groups).get(group_id, "")


def thin_below(cf: ChallengeFile) -> int:
    value = setting_value(cf, THIN_BELOW_KEY, DEFAULT_THIN_BELOW)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
        return DEFAULT_THIN_BELOW
    return value


def set_thin_below(cf: ChallengeFile, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
        raise ValidationError("thin_below", "must be a whole number from 0 to 10,000")
    if thin_below(cf) != value or setting_value(cf, THIN_BELOW_KEY) is None:
        set_setting_value(cf, THIN_BELOW_KEY, value)


_EVIDENCE_PER_HEADING = """
SELECT x.heading_id, o.id, o.mode, o.meeting_id FROM (
  SELECT oh.heading_id AS heading_id, oh.observation_id AS observation_id
  FROM observation_heading oh WHERE oh.deleted = 0
  UNION
  SELECT f.heading_id, fe.observation_id FROM finding_evidence fe
  JOIN finding f ON f.id = fe.finding_id
  WHERE fe.deleted = 0 AND f.deleted = 0 AND f.heading_id IS NOT NULL
) x JOIN observation o ON o.id = x.observation_id AND o.deleted = 0
"""


def coverage(cf: ChallengeFile) -> Coverage:
    heading_rows = records.headings(cf)
    groups = tuple(group_names(cf).items())
    group_ids = [g for g, _ in groups]
    groups_at = meeting_groups(cf)
    parent = {h["id"]: h["parent_id"] for h in heading_rows}

    # heading -> {observation id: (mode, meeting id)}, a domain also taking its standards'
    evidence: dict[str, dict[str, tuple[str, str | None]]] = {h["id"]: {} for h in heading_rows}
    for heading_id, observation_id, mode, meeting_id in cf.conn.execute(_EVIDENCE_PER_HEADING):
        if heading_id not in evidence:
            continue
        evidence[heading_id][observation_id] = (mode, meeting_id)
        if parent.get(heading_id) in evidence:
            evidence[parent[heading_id]][observation_id] = (mode, meeting_id)

    finding_counts = dict(
        cf.conn.execute(
            "SELECT heading_id, count(*) FROM finding WHERE deleted = 0 GROUP BY heading_id"
        ).fetchall()
    )
    for h in heading_rows:  # a domain's count includes its standards' findings
        if h["parent_id"] in evidence:
            finding_counts[h["parent_id"]] = finding_counts.get(
                h["parent_id"], 0
            ) + finding_counts.get(h["id"], 0)

    limit = thin_below(cf)
    headings = []
    for h in heading_rows:
        items = evidence[h["id"]].values()
        by_mode, by_group = _count(items, group_ids, groups_at)
        total = len(evidence[h["id"]])
        headings.append(
            HeadingCoverage(
                id=h["id"],
                number=h["number"] or "",
                name=h["name"],
                kind=h["kind"],
                depth=h["depth"],
                parent_id=h["parent_id"],
                total=total,
                by_mode=by_mode,
                by_group=by_group,
                findings=finding_counts.get(h["id"], 0),
                thin=total < limit,
            )
        )

    everything = cf.conn.execute(
        "SELECT mode, meeting_id FROM observation WHERE deleted = 0"
    ).fetchall()
    all_by_mode, all_by_group = _count(everything, group_ids, groups_at)
    sorted_anywhere = set().union(*(set(e) for e in evidence.values())) if evidence else set()
    people = dict(
        cf.conn.execute(
            "SELECT p.group_id, count(DISTINCT p.id) FROM person p "
            "JOIN meeting_person mp ON mp.person_id = p.id AND mp.deleted = 0 "
            "JOIN meeting m ON m.id = mp.meeting_id AND m.deleted = 0 "
            "WHERE p.deleted = 0 AND p.group_id IS NOT NULL GROUP BY p.group_id"
        ).fetchall()
    )
    return Coverage(
        headings=tuple(headings),
        groups=groups,
        thin_below=limit,
        observations=len(everything),
        untagged=len(everything) - len(sorted_anywhere),
        by_mode=all_by_mode,
        by_group=all_by_group,
        people_by_group=MappingProxyType({g: people.get(g, 0) for g in group_ids}),
    )


def _count(
    items, group_ids: list[str], groups_at: dict[str, set[str]]
) -> tuple[Mapping[str, int], Mapping[str, int]]:
    by_mode = dict.fromkeys(vocab.MODES, 0)
    by_group = dict.fromkeys(group_ids, 0)
    for mode, meeting_id in items:
        by_mode[mode] = by_mode.get(mode, 0) + 1
        if meeting_id:
            for group_id in groups_at.get(meeting_id, ()):
                if group_id in by_group:
                    by_group[group_id] += 1
    return MappingProxyType(by_mode), MappingProxyType(by_group)
