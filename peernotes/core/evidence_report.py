"""The internal evidence report as plain data: the roll-up's findings with the evidence behind each.

Built from the one findings-by-heading value (peernotes.core.rollup), so the report lists the
same findings under the same headings in the same order as the roll-up, the letter and the
deck; peernotes.export.evidence_report only renders it. Unlike the letter it names sources,
stakeholder groups and the peers who recorded each note: it is for the peer team only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peernotes.core import vocab
from peernotes.core.rollup import FindingEntry, Rollup, rollup
from peernotes.core.store import ChallengeFile


@dataclass(frozen=True)
class EvidenceRow:
    """One observation linked to a finding, described for the report's table."""

    relation: str
    mode: str
    text: str
    is_quote: bool
    source: str
    groups: tuple[str, ...]
    recorded_by: str
    day: str


@dataclass(frozen=True)
class ReportFinding:
    entry: FindingEntry
    group: str | None  # the recommendation group's name, if any
    evidence: tuple[EvidenceRow, ...]


@dataclass(frozen=True)
class ReportHeading:
    label: str
    level: int  # 1: a domain, custom heading or scoping question; 2: a standard
    findings: tuple[ReportFinding, ...]


@dataclass(frozen=True)
class EvidenceReport:
    council: str
    programme_title: str
    framework_name: str
    rule: str  # how the triangulation status is worked out, in words
    status_counts: tuple[tuple[str, int], ...]  # (status label, findings), first seen first
    headings: tuple[ReportHeading, ...]  # only headings with findings (a domain with a
    # standard's findings is listed even without its own)
    unheaded: tuple[ReportFinding, ...]
    findings: int


def evidence_report(cf: ChallengeFile, value: Rollup | None = None) -> EvidenceReport:
    """The report's content: every finding in the shared order, with its evidence."""
    value = value or rollup(cf, observation_stats=False)
    challenge = cf.challenge()
    framework = cf.get("framework", challenge["framework_id"]) or {}
    evidence = evidence_by_finding(cf)
    groups = {g.id: g.name for g in value.recommendation_groups if g.id is not None}

    def described(entry: FindingEntry) -> ReportFinding:
        group = groups.get(entry.group_id or "") if entry.kind == "recommendation" else None
        return ReportFinding(entry, group, tuple(evidence.get(entry.id, ())))

    headings: list[ReportHeading] = []
    unheaded: tuple[ReportFinding, ...] = ()
    for section in value.sections:
        if not section.findings:
            continue
        if section.heading.id is None:
            unheaded = tuple(described(f) for f in section.findings)
            continue
        for heading in section.headings:
            if heading is section.heading:
                label = heading.label if heading.kind == "scope" else heading.name
                headings.append(ReportHeading(label, 1, tuple(map(described, heading.in_order))))
            elif heading.findings:
                headings.append(
                    ReportHeading(heading.label, 2, tuple(map(described, heading.in_order)))
                )
    counts: dict[str, int] = {}
    for entry in value.in_order():
        counts[entry.triangulation.label] = counts.get(entry.triangulation.label, 0) + 1
    return EvidenceReport(
        council=challenge["council"],
        programme_title=challenge["programme_title"],
        framework_name=framework.get("name", ""),
        rule=value.thresholds.rule(),
        status_counts=tuple(counts.items()),
        headings=tuple(headings),
        unheaded=unheaded,
        findings=sum(counts.values()),
    )


def evidence_by_finding(cf: ChallengeFile) -> dict[str, list[EvidenceRow]]:
    """All live evidence links, read in two queries, grouped by finding (supporting first)."""
    groups_at: dict[str, list[str]] = {}
    for meeting_id, name in cf.conn.execute(
        "SELECT meeting_id, name FROM (SELECT mp.meeting_id, g.name, g.ordinal "
        "FROM meeting_person mp JOIN person p ON p.id = mp.person_id AND p.deleted = 0 "
        "JOIN stakeholder_group g ON g.id = p.group_id AND g.deleted = 0 "
        "WHERE mp.deleted = 0 UNION SELECT h.meeting_id, g.name, g.ordinal FROM headcount h "
        "JOIN stakeholder_group g ON g.id = h.group_id AND g.deleted = 0 WHERE h.deleted = 0) "
        "ORDER BY ordinal, name"  # the groups met there, named or in a headcount
    ):
        groups_at.setdefault(meeting_id, []).append(name)
    result: dict[str, list[EvidenceRow]] = {}
    for row in cf.query(
        "SELECT fe.finding_id, fe.relation, o.text, o.mode, o.is_quote, o.observed_at, "
        "o.meeting_id, m.title AS meeting, m.type AS meeting_type, m.date AS meeting_date, "
        "d.title AS document, p.name AS peer "
        "FROM finding_evidence fe JOIN observation o ON o.id = fe.observation_id AND o.deleted = 0 "
        "LEFT JOIN meeting m ON m.id = o.meeting_id AND m.deleted = 0 "
        "LEFT JOIN document d ON d.id = o.document_id AND d.deleted = 0 "
        "LEFT JOIN peer p ON p.id = o.recorded_by "
        "WHERE fe.deleted = 0 ORDER BY fe.relation DESC, o.observed_at, o.id"
    ):
        result.setdefault(row["finding_id"], []).append(
            EvidenceRow(
                relation=vocab.EVIDENCE_RELATIONS.get(row["relation"]) or str(row["relation"]),
                mode=vocab.MODES.get(row["mode"]) or str(row["mode"]),
                text=row["text"],
                is_quote=bool(row["is_quote"]),
                source=_source(row),
                groups=tuple(groups_at.get(row["meeting_id"] or "", ())),
                recorded_by=row["peer"] or "",
                day=_short_date(row["meeting_date"] or (row["observed_at"] or "")[:10]),
            )
        )
    return result


def _source(row: dict[str, object]) -> str:
    document, meeting = row["document"], row["meeting"]
    if document and (row["mode"] == "read" or not meeting):
        return f"Document: {document}"
    if meeting:
        kind = vocab.MEETING_TYPES.get(str(row["meeting_type"]), "Meeting")
        title = str(meeting)
        return title if title.casefold().startswith(kind.casefold()) else f"{kind}: {title}"
    return "No source recorded"


def _short_date(value: str) -> str:
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day:%b %Y}"
