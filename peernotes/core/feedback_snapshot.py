"""The feedback as presented: what the team said on the last day, kept in the file.

The letter follows weeks after the presentation and must not silently contradict it. When
the deck is presented or exported from the window (or with `export --feedback
--record-as-presented`), the findings it carried are stored as one `feedback_snapshot` row:
id, kind, statement and heading of each. Rows are never edited, only added, so two laptops
that each recorded a snapshot keep both after a merge; the newest (by recording time, then
clock stamp) is the one the Letter page compares against, the others are listed.

`changes_since` compares the file's findings now with a snapshot, per heading: findings
added, removed, reworded, and moved between strengths and areas (or to a recommendation).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from peernotes.core.rollup import FindingEntry, HeadingEntry, Rollup, rollup
from peernotes.core.store import ChallengeFile, utc_now
from peernotes.core.vocab import FINDING_KINDS

TABLE = "feedback_snapshot"
OCCASIONS = ("presented", "exported")
NO_HEADING = "Findings with no heading"


@dataclass(frozen=True)
class SnapshotFinding:
    id: str
    kind: str
    statement: str
    heading: str  # the top heading's name when recorded


@dataclass(frozen=True)
class Snapshot:
    id: str
    recorded_at: str
    recorded_by: str  # the peer's name, or '' when unknown
    occasion: str  # presented | exported
    slides: int
    findings: tuple[SnapshotFinding, ...]


@dataclass(frozen=True)
class FindingChange:
    """One difference from the feedback as presented."""

    change: str  # added | removed | reworded | moved
    finding_id: str
    statement: str  # as it is now (as it was, for a removed one)
    before: str = ""  # the earlier wording (reworded) or kind (moved)
    after: str = ""  # the kind now (moved)

    def describe(self) -> str:
        if self.change == "reworded":
            return f"Reworded: “{self.before}” → “{self.statement}”"
        if self.change == "moved":
            return f"Moved from {self.before} to {self.after}: “{self.statement}”"
        return f"{self.change.capitalize()}: “{self.statement}”"


@dataclass(frozen=True)
class HeadingChanges:
    heading: str
    changes: tuple[FindingChange, ...]


# ------------------------------------------------------------------------ recording
def _top_names(result: Rollup) -> dict[str | None, str]:
    """Each heading id -> the name of its top heading (a standard's domain)."""
    names: dict[str | None, str] = {}
    by_id: dict[str | None, HeadingEntry] = {h.id: h for h in result.headings}
    for heading in result.headings:
        top = heading
        while top.parent_id is not None and top.parent_id in by_id:
            top = by_id[top.parent_id]
        names[heading.id] = top.name if top.id is not None else NO_HEADING
    return names


def current_findings(cf: ChallengeFile) -> list[SnapshotFinding]:
    """The file's findings now, in roll-up order, as a snapshot would hold them."""
    result = rollup(cf, inbox_limit=0, observation_stats=False)
    names = _top_names(result)
    return [_entry(e, names) for e in result.finding_entries()]


def _entry(entry: FindingEntry, names: dict[str | None, str]) -> SnapshotFinding:
    return SnapshotFinding(
        entry.id, entry.kind, entry.statement, names.get(entry.heading_id, NO_HEADING)
    )


def record(
    cf: ChallengeFile,
    finding_ids: Iterable[str] | None = None,
    *,
    occasion: str = "presented",
    slides: int = 0,
) -> str:
    """Store the findings presented (all of them when `finding_ids` is None) as a new
    snapshot; returns its id. One insert: one transaction."""
    if occasion not in OCCASIONS:
        raise ValueError(f"occasion must be one of {OCCASIONS}")
    findings = current_findings(cf)
    if finding_ids is not None:
        wanted = set(finding_ids)
        findings = [f for f in findings if f.id in wanted]
    content = {
        "slides": slides,
        "findings": [
            {"id": f.id, "kind": f.kind, "statement": f.statement, "heading": f.heading}
            for f in findings
        ],
    }
    return cf.insert(
        TABLE,
        {
            "recorded_at": utc_now(),
            "occasion": occasion,
            "presented_findings": json.dumps(content, ensure_ascii=False, sort_keys=True),
        },
    )


# ------------------------------------------------------------------------ reading
def snapshots(cf: ChallengeFile) -> list[Snapshot]:
    """Every snapshot, newest first (two laptops' snapshots both stay after a merge)."""
    rows = cf.query(
        f"SELECT id, recorded_at, occasion, presented_findings, created_by, hlc FROM {TABLE} "
        "WHERE deleted = 0 ORDER BY recorded_at DESC, hlc DESC"
    )
    peers = {p["id"]: p["name"] for p in cf.rows("peer", include_deleted=True)}
    out = []
    for row in rows:
        try:
            content = json.loads(row["presented_findings"])
            items = content.get("findings", [])
            findings = tuple(
                SnapshotFinding(
                    str(f["id"]), str(f["kind"]), str(f["statement"]), str(f.get("heading", ""))
                )
                for f in items
            )
            slides = int(content.get("slides", 0))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # unreadable (a newer PeerNotes?): skip rather than fail
        out.append(
            Snapshot(
                row["id"],
                row["recorded_at"],
                peers.get(row["created_by"] or "", ""),
                row["occasion"],
                slides,
                findings,
            )
        )
    return out


def latest(cf: ChallengeFile) -> Snapshot | None:
    found = snapshots(cf)
    return found[0] if found else None


def _kind_word(kind: str) -> str:
    return {"strength": "strengths", "area": "areas for consideration"}.get(
        kind, FINDING_KINDS.get(kind, kind).lower() + "s"
    )


def changes_since(cf: ChallengeFile, snapshot: Snapshot) -> list[HeadingChanges]:
    """What changed since `snapshot`, per heading (headings as they are now, in framework
    order; headings no longer there last). Headings with no change are left out."""
    now = current_findings(cf)
    then = {f.id: f for f in snapshot.findings}
    by_heading: dict[str, list[FindingChange]] = {}
    order: list[str] = []
    for finding in now:
        if finding.heading not in order:
            order.append(finding.heading)
        before = then.get(finding.id)
        changes = by_heading.setdefault(finding.heading, [])
        if before is None:
            changes.append(FindingChange("added", finding.id, finding.statement))
            continue
        if before.statement != finding.statement:
            changes.append(
                FindingChange("reworded", finding.id, finding.statement, before.statement)
            )
        if before.kind != finding.kind:
            changes.append(
                FindingChange(
                    "moved",
                    finding.id,
                    finding.statement,
                    _kind_word(before.kind),
                    _kind_word(finding.kind),
                )
            )
    present = {f.id for f in now}
    for finding in snapshot.findings:
        if finding.id not in present:
            if finding.heading not in order:
                order.append(finding.heading)
            by_heading.setdefault(finding.heading, []).append(
                FindingChange("removed", finding.id, finding.statement)
            )
    return [HeadingChanges(h, tuple(by_heading[h])) for h in order if by_heading.get(h)]
