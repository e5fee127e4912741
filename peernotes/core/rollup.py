"""The roll-up by domain: the framework walked in order, each heading with its findings.

Plain data, no Qt, and the ONE findings-by-heading value of PeerNotes: the Roll-up screen,
the letter, the feedback deck and the evidence report are all built from `rollup()`, so they
never disagree about which finding sits under which heading or in which order. Built in a
fixed number of queries whatever the size of the file.

The shared order of findings: framework order of their headings, then the author's order
within a heading -- each finding's `ordinal`, ties (files from before findings were ordered
across kinds) broken by kind (strengths, areas, recommendations), then age. `sections` folds
standards into their domain, the way the letter, deck and evidence report print them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from peernotes.core import vocab
from peernotes.core.evidence import (
    HAS_HEADING,
    ObservationInfo,
    describe,
    inbox_condition,
    meeting_groups,
)
from peernotes.core.records import challenge as challenge_records
from peernotes.core.store import ChallengeFile, Row
from peernotes.core.triangulation import (
    EVIDENCE_SQL,
    EvidenceRow,
    Thresholds,
    Triangulation,
    evaluate,
    thresholds,
)

KINDS: tuple[str, ...] = tuple(vocab.FINDING_KINDS)  # strength, area, recommendation
KIND_RANK: Mapping[str, int] = MappingProxyType({k: i for i, k in enumerate(KINDS)})
NO_HEADING_LABEL = "Cross-cutting (no heading)"
NO_GROUP_LABEL = "Not yet in a group"


@dataclass(frozen=True)
class FindingEntry:
    """A finding as the roll-up and the letter show it."""

    id: str
    statement: str
    narrative: str
    kind: str  # strength | area | recommendation
    heading_id: str | None
    group_id: str | None
    notable: bool
    key_message: bool
    ordinal: float
    triangulation: Triangulation
    evidence_by_mode: Mapping[str, int]  # supporting observations per mode, read/heard/seen
    contradicting: int
    prose_only: bool = False  # printed as a paragraph with no bullet statement

    @property
    def kind_label(self) -> str:
        return vocab.FINDING_KINDS[self.kind]


@dataclass(frozen=True)
class HeadingEntry:
    """One heading of the framework (domain, standard, custom heading or scoping question)."""

    id: str | None  # None for the findings not yet under any heading
    number: str
    name: str
    kind: str  # domain | standard | custom | scope | none
    depth: int  # 0 for a domain/custom/scope heading, 1 for a standard
    parent_id: str | None
    strengths: tuple[FindingEntry, ...] = ()
    areas: tuple[FindingEntry, ...] = ()
    recommendations: tuple[FindingEntry, ...] = ()
    observations: int = 0  # live observations tagged with this heading

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}".strip()

    def by_kind(self, kind: str) -> tuple[FindingEntry, ...]:
        return {
            "strength": self.strengths,
            "area": self.areas,
            "recommendation": self.recommendations,
        }[kind]

    @property
    def findings(self) -> tuple[FindingEntry, ...]:
        return self.strengths + self.areas + self.recommendations

    @property
    def in_order(self) -> tuple[FindingEntry, ...]:
        """This heading's findings in the shared (author's) order, whatever their kind."""
        return in_shared_order(self.findings)


def in_shared_order(entries: Iterable[FindingEntry]) -> tuple[FindingEntry, ...]:
    """Findings of one heading in the author's order: ordinal, then kind (stable, so the
    age order `rollup()` reads them in breaks the remaining ties)."""
    return tuple(sorted(entries, key=lambda e: (e.ordinal, KIND_RANK.get(e.kind, len(KINDS)))))


@dataclass(frozen=True)
class FindingsSection:
    """A top-level heading (domain, custom heading, scoping question, or the no-heading entry)
    with its own findings and its standards', as one section of the letter, deck or report.

    `findings` is the shared order: the top heading's own, then each standard's in framework
    order, each in the author's order. `headings` are the entries folded in (top first)."""

    heading: HeadingEntry
    headings: tuple[HeadingEntry, ...]
    findings: tuple[FindingEntry, ...]

    def by_kind(self, kind: str) -> tuple[FindingEntry, ...]:
        return tuple(f for f in self.findings if f.kind == kind)

    def kind_grouped(self) -> tuple[FindingEntry, ...]:
        """Strengths and areas heading by heading, each heading's strengths before its areas:
        the order a letter printed its paragraphs in before the author could set one."""
        return tuple(
            f for h in self.headings for kind in KINDS[:2] for f in h.in_order if f.kind == kind
        )

    @property
    def statements(self) -> tuple[FindingEntry, ...]:
        """Strengths and areas (recommendations are printed by group)."""
        return tuple(f for f in self.findings if f.kind != "recommendation")


@dataclass(frozen=True)
class GroupEntry:
    """A recommendation group ("Quick wins") and its recommendations in roll-up order."""

    id: str | None  # None for recommendations in no group
    name: str
    recommendations: tuple[FindingEntry, ...]


@dataclass(frozen=True)
class Rollup:
    council: str
    programme_title: str
    thresholds: Thresholds
    headings: tuple[HeadingEntry, ...]  # framework order; a final id=None entry if needed
    recommendation_groups: tuple[GroupEntry, ...]  # user order; a final id=None entry if needed
    inbox: tuple[ObservationInfo, ...]  # untagged observations in no finding, newest first
    inbox_total: int  # may exceed len(inbox) when the inbox was limited
    observations: int  # live observations in the file
    levels: Mapping[str, int] = field(default_factory=dict)  # findings per triangulation level

    def finding_entries(self) -> list[FindingEntry]:
        return [f for h in self.headings for f in h.findings]

    def key_messages(self) -> list[FindingEntry]:
        return [f for f in self.in_order() if f.key_message]

    def finding(self, finding_id: str) -> FindingEntry | None:
        return next((f for f in self.finding_entries() if f.id == finding_id), None)

    @property
    def sections(self) -> tuple[FindingsSection, ...]:
        """Standards folded into their domain; sections without findings included (a
        renderer skips them or not). The no-heading entry, if any, comes last."""
        folded: dict[str | None, list[HeadingEntry]] = {}
        tops: list[HeadingEntry] = []
        for heading in self.headings:
            if heading.depth == 0 or heading.parent_id not in folded:
                tops.append(heading)
                folded.setdefault(heading.id, []).append(heading)
            else:
                folded.setdefault(heading.parent_id, []).append(heading)
        return tuple(
            FindingsSection(
                top,
                tuple(folded[top.id]),
                tuple(f for h in folded[top.id] for f in h.in_order),
            )
            for top in tops
        )

    def in_order(self) -> list[FindingEntry]:
        """Every finding once, in the shared order (section by section)."""
        return [f for s in self.sections for f in s.findings]


def rollup(
    cf: ChallengeFile, *, inbox_limit: int | None = 200, observation_stats: bool = True
) -> Rollup:
    """The whole roll-up. `inbox_limit` caps the inbox items described (None = all).

    `observation_stats=False` skips the two figures that read every observation (tagged
    observations per heading, the inbox): HeadingEntry.observations and inbox_total are then
    0. The findings, their triangulation and the groups cost a few milliseconds whatever the
    file's size; those two figures cost a scan of all observations (see benchmarks/).
    """
    challenge = cf.challenge()
    heading_rows = challenge_records.headings(cf)
    rule = thresholds(cf)
    entries = _finding_entries(cf, rule)
    tagged, inbox_total, inbox = (
        _observation_stats(cf, inbox_limit) if observation_stats else ({}, 0, ())
    )
    by_section: dict[tuple[str | None, str], list[FindingEntry]] = {}
    for entry in entries:
        by_section.setdefault((entry.heading_id, entry.kind), []).append(entry)
    known = {h["id"] for h in heading_rows}
    headings = [_heading_entry(row, by_section, tagged.get(row["id"], 0)) for row in heading_rows]
    stray = [e for e in entries if e.heading_id not in known]
    if stray:
        headings.append(_unheaded(stray))

    levels: dict[str, int] = {}
    for entry in entries:
        levels[entry.triangulation.level] = levels.get(entry.triangulation.level, 0) + 1
    return Rollup(
        council=challenge["council"],
        programme_title=challenge["programme_title"],
        thresholds=rule,
        headings=tuple(headings),
        recommendation_groups=_groups(cf, headings),
        inbox=inbox,
        inbox_total=inbox_total,
        observations=cf.count("observation"),
        levels=MappingProxyType(levels),
    )


def _finding_entries(cf: ChallengeFile, rule: Thresholds) -> list[FindingEntry]:
    rows = cf.query(
        "SELECT id, statement, narrative, kind, heading_id, group_id, notable, key_message, "
        "ordinal, prose_only FROM finding WHERE deleted = 0 ORDER BY ordinal, created_at, id"
    )
    evidence: dict[str, list[EvidenceRow]] = {r["id"]: [] for r in rows}
    for row in cf.conn.execute(EVIDENCE_SQL):
        evidence[row[0]].append(row)
    groups_at = meeting_groups(cf)
    entries = []
    for row in rows:
        own = evidence[row["id"]]
        by_mode = dict.fromkeys(vocab.MODES, 0)
        for item in own:
            if item[1] != "contradicts":
                by_mode[item[2]] = by_mode.get(item[2], 0) + 1
        triangulation = evaluate(own, groups_at, rule)
        entries.append(
            FindingEntry(
                id=row["id"],
                statement=row["statement"],
                narrative=row["narrative"],
                kind=row["kind"],
                heading_id=row["heading_id"],
                group_id=row["group_id"],
                notable=bool(row["notable"]),
                key_message=bool(row["key_message"]),
                ordinal=row["ordinal"],
                triangulation=triangulation,
                evidence_by_mode=MappingProxyType(by_mode),
                contradicting=triangulation.contradicting,
                prose_only=bool(row["prose_only"]),
            )
        )
    return entries


def _heading_entry(
    row: Row, by_section: dict[tuple[str | None, str], list[FindingEntry]], observations: int
) -> HeadingEntry:
    return HeadingEntry(
        id=row["id"],
        number=row["number"] or "",
        name=row["name"],
        kind=row["kind"],
        depth=row["depth"],
        parent_id=row["parent_id"],
        strengths=tuple(by_section.get((row["id"], "strength"), ())),
        areas=tuple(by_section.get((row["id"], "area"), ())),
        recommendations=tuple(by_section.get((row["id"], "recommendation"), ())),
        observations=observations,
    )


def _unheaded(stray: list[FindingEntry]) -> HeadingEntry:
    return HeadingEntry(
        id=None,
        number="",
        name=NO_HEADING_LABEL,
        kind="none",
        depth=0,
        parent_id=None,
        strengths=tuple(e for e in stray if e.kind == "strength"),
        areas=tuple(e for e in stray if e.kind == "area"),
        recommendations=tuple(e for e in stray if e.kind == "recommendation"),
    )


def _groups(cf: ChallengeFile, headings: list[HeadingEntry]) -> tuple[GroupEntry, ...]:
    recommendations = [f for h in headings for f in h.recommendations]
    groups = cf.query(
        "SELECT id, name FROM recommendation_group WHERE deleted = 0 "
        "ORDER BY ordinal, created_at, id"
    )
    known = {g["id"] for g in groups}
    result = [
        GroupEntry(g["id"], g["name"], tuple(r for r in recommendations if r.group_id == g["id"]))
        for g in groups
    ]
    loose = tuple(r for r in recommendations if r.group_id not in known)
    if loose:
        result.append(GroupEntry(None, NO_GROUP_LABEL, loose))
    return tuple(result)


def _observation_stats(
    cf: ChallengeFile, inbox_limit: int | None
) -> tuple[dict[str, int], int, tuple[ObservationInfo, ...]]:
    """Live observations tagged per heading, and the inbox: its size and its newest
    `inbox_limit` items described.

    Counted from covering indexes (schema v4) without reading a note. The inbox size is not
    a per-note NOT EXISTS (two index probes for each of 50,000 notes) but a difference:
    the live notes, less the distinct notes with a tag (read off the index in order), plus
    the few deleted ones among those, less the notes only in a finding. This relies on every
    tag naming an existing observation, which the foreign keys (and recovery's repair of
    references) guarantee."""
    tagged = dict(
        cf.conn.execute(
            "SELECT heading_id, count(*) FROM observation_heading WHERE deleted = 0 "
            "GROUP BY heading_id"
        ).fetchall()
    )
    for heading_id, dead in cf.conn.execute(
        "SELECT oh.heading_id, count(*) FROM observation o "  # CROSS JOIN: the few dead first
        "CROSS JOIN observation_heading oh ON oh.observation_id = o.id AND oh.deleted = 0 "
        "WHERE o.deleted = 1 GROUP BY oh.heading_id"
    ):
        tagged[heading_id] = tagged.get(heading_id, 0) - dead

    # the rule of evidence.inbox_condition: live, no tag to a heading that is not deleted
    # (a tag to an unknown heading still counts), in no live finding
    any_deleted_heading = cf.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM heading WHERE deleted = 1)"
    ).fetchone()[0]
    live_heading = (
        " AND heading_id NOT IN (SELECT id FROM heading WHERE deleted = 1)"
        if any_deleted_heading
        else ""
    )
    total = cf.conn.execute(
        "SELECT (SELECT count(*) FROM observation WHERE deleted = 0)"
        " - (SELECT count(*) FROM (SELECT DISTINCT observation_id FROM observation_heading "
        f"    WHERE deleted = 0{live_heading}))"
        f" + (SELECT count(*) FROM observation o WHERE o.deleted = 1 AND {HAS_HEADING})"
        " - (SELECT count(*) FROM observation o WHERE o.deleted = 0 "
        f"    AND NOT {HAS_HEADING} AND o.id IN (SELECT fe.observation_id "
        "    FROM finding_evidence fe JOIN finding f ON f.id = fe.finding_id "
        "    WHERE fe.deleted = 0 AND f.deleted = 0))"
    ).fetchone()[0]
    if inbox_limit == 0 or total == 0:
        return tagged, total, ()
    sql = (
        f"SELECT o.id FROM observation o WHERE o.deleted = 0 AND {inbox_condition('o')} "
        "ORDER BY o.observed_at DESC, o.rowid DESC"
    )
    if inbox_limit is not None:
        sql += f" LIMIT {int(inbox_limit)}"
    ids = [r[0] for r in cf.conn.execute(sql)]
    described = describe(cf, ids)
    return tagged, total, tuple(described[i] for i in ids if i in described)
