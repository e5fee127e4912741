"""Where are we thin? Evidence per heading, by mode and by stakeholder group.

An observation counts as evidence for a heading when it is tagged with the heading, or when it
is linked to a finding under that heading. A domain counts the evidence of its standards too
(each observation once). By-group counts come from the people met: an observation from a
meeting counts once for every stakeholder group present there; documents have no group.
Plain data, no Qt: the Coverage screen and any report use the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from peernotes.core import headcounts, vocab
from peernotes.core.errors import ValidationError
from peernotes.core.evidence import CONCAT_IDS, group_names, meeting_groups, split_ids
from peernotes.core.records import challenge
from peernotes.core.store import ChallengeFile, Row
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
    people_by_group: Mapping[str, int]  # people met (in at least one meeting) per group,
    # named or in an unnamed headcount

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


# (heading id, mode, meeting id) -> distinct observations
Tally = dict[tuple[str, str, str | None], int]


def coverage(cf: ChallengeFile) -> Coverage:
    heading_rows = challenge.headings(cf)
    groups = tuple(group_names(cf).items())
    group_ids = [g for g, _ in groups]
    groups_at = meeting_groups(cf)
    # live observation id -> its source's number; sources[n] = (mode, meeting id, how many)
    source, sources = _live_sources(cf)
    evidence = _evidence_sets(cf, heading_rows)
    finding_counts = _finding_counts(cf, heading_rows)

    limit = thin_below(cf)
    headings = []
    for h in heading_rows:
        tally = _tally(h["id"], evidence[h["id"]], source, sources)
        by_mode, by_group = _count(tally, group_ids, groups_at)
        total = sum(tally.values())
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

    everything = {("", mode, meeting_id): n for mode, meeting_id, n in sources}
    all_by_mode, all_by_group = _count(everything, group_ids, groups_at)
    sorted_anywhere = set().union(*evidence.values()) & source.keys()
    people = dict(
        cf.conn.execute(
            "SELECT p.group_id, count(DISTINCT p.id) FROM person p "
            "JOIN meeting_person mp ON mp.person_id = p.id AND mp.deleted = 0 "
            "JOIN meeting m ON m.id = mp.meeting_id AND m.deleted = 0 "
            "WHERE p.deleted = 0 AND p.group_id IS NOT NULL GROUP BY p.group_id"
        ).fetchall()
    )
    for group_id, unnamed in headcounts.by_group(cf).items():  # "12 carers": counted, unnamed
        people[group_id] = people.get(group_id, 0) + unnamed
    return Coverage(
        headings=tuple(headings),
        groups=groups,
        thin_below=limit,
        observations=len(source),
        untagged=len(source) - len(sorted_anywhere),
        by_mode=all_by_mode,
        by_group=all_by_group,
        people_by_group=MappingProxyType({g: people.get(g, 0) for g in group_ids}),
    )


Sources = list[tuple[str, str | None, int]]


def _live_sources(cf: ChallengeFile) -> tuple[dict[str, int], Sources]:
    """Every live observation's (mode, meeting), as {id: n} and a list whose n-th item is
    (mode, meeting id, observations). Read as one id list per (mode, meeting) from a
    covering index (schema v4), not a Python row per observation; small ints, not tuples,
    so counting them is cheap."""
    source: dict[str, int] = {}
    sources: Sources = []
    for mode, meeting_id, joined in cf.conn.execute(
        f"SELECT mode, meeting_id, {CONCAT_IDS.format('id')} FROM observation "
        "WHERE deleted = 0 GROUP BY mode, meeting_id"
    ):
        ids = split_ids(joined)
        source.update(dict.fromkeys(ids, len(sources)))
        sources.append((mode, meeting_id, len(ids)))
    return source, sources


def _evidence_sets(cf: ChallengeFile, heading_rows: list[Row]) -> dict[str, set[str]]:
    """{heading id: ids of the observations that are evidence for it}: tagged with it or in
    a finding under it; a domain also takes its standards'. May hold deleted observations:
    the callers keep only the live ones."""
    evidence: dict[str, set[str]] = {h["id"]: set() for h in heading_rows}
    for heading_id, joined in cf.conn.execute(
        f"SELECT heading_id, {CONCAT_IDS.format('observation_id')} FROM observation_heading "
        "WHERE deleted = 0 GROUP BY heading_id"
    ):
        if heading_id in evidence:
            evidence[heading_id].update(split_ids(joined))
    for heading_id, observation_id in cf.conn.execute(
        "SELECT f.heading_id, fe.observation_id FROM finding_evidence fe "
        "JOIN finding f ON f.id = fe.finding_id "
        "WHERE fe.deleted = 0 AND f.deleted = 0 AND f.heading_id IS NOT NULL"
    ):
        if heading_id in evidence:
            evidence[heading_id].add(observation_id)
    for h in heading_rows:  # standards after their domain: their own sets are complete
        if h["parent_id"] in evidence:
            evidence[h["parent_id"]] |= evidence[h["id"]]
    return evidence


def _tally(
    heading_id: str, observation_ids: Iterable[str], source: dict[str, int], sources: Sources
) -> Tally:
    """Live observations among `observation_ids`, counted by (mode, meeting)."""
    counted = Counter(map(source.get, observation_ids))
    return {
        (heading_id, sources[n][0], sources[n][1]): count
        for n, count in counted.items()
        if n is not None  # deleted observations
    }


def _finding_counts(cf: ChallengeFile, heading_rows: list[Row]) -> dict[str, int]:
    """Live findings per heading, a domain's count including its standards'."""
    known = {h["id"] for h in heading_rows}
    counts = dict(
        cf.conn.execute(
            "SELECT heading_id, count(*) FROM finding WHERE deleted = 0 GROUP BY heading_id"
        ).fetchall()
    )
    for h in heading_rows:
        if h["parent_id"] in known:
            counts[h["parent_id"]] = counts.get(h["parent_id"], 0) + counts.get(h["id"], 0)
    return counts


def _count(
    tally: Tally, group_ids: list[str], groups_at: dict[str, set[str]]
) -> tuple[Mapping[str, int], Mapping[str, int]]:
    """By mode and by stakeholder group: an observation from a meeting counts once for
    every group present there."""
    by_mode = dict.fromkeys(vocab.MODES, 0)
    by_group = dict.fromkeys(group_ids, 0)
    for (_heading, mode, meeting_id), n in tally.items():
        by_mode[mode] = by_mode.get(mode, 0) + n
        if meeting_id:
            for group_id in groups_at.get(meeting_id, ()):
                if group_id in by_group:
                    by_group[group_id] += n
    return MappingProxyType(by_mode), MappingProxyType(by_group)
