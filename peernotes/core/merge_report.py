"""What a merge brought, by file, peer and kind of record: the report and its counts.

Kept apart from the merge itself (peernotes.core.merge) so that the report, the preview
(peernotes.core.merge_preview) and the screens share one small value type. The report is
stored as JSON in `merge_log`, so new fields are read with defaults.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

LINK_TABLES: tuple[str, ...] = (
    "meeting_peer",
    "meeting_person",
    "observation_heading",
    "finding_evidence",
    "note_pair",
)
# What the report counts by peer: the records people make (links and logs are listed by table).
_NOT_BY_PEER = frozenset(LINK_TABLES) | {"merge_log"}
NO_PEER = "Set-up (no peer chosen)"


# ----------------------------------------------------------------------- report
@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    deleted: int = 0
    conflicts: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.deleted + self.conflicts

    def add(self, other: Counts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.deleted += other.deleted
        self.conflicts += other.conflicts


@dataclass
class SourceReport:
    """What one file brought in."""

    source_name: str
    by_peer: dict[str, Counts] = field(default_factory=dict)
    by_table: dict[str, Counts] = field(default_factory=dict)
    conflicts: list[dict[str, str]] = field(default_factory=list)
    history_added: int = 0
    record_history_added: int = 0  # earlier versions of records (not of merge records)
    source_peer: str | None = None  # who the copy is from (the peer its laptop records as)

    def count(self, table: str, peer: str, kind: str, n: int = 1) -> None:
        for key, bucket in ((table, self.by_table), (peer, self.by_peer)):
            if bucket is self.by_peer and table in _NOT_BY_PEER:
                continue
            counts = bucket.setdefault(key, Counts())
            setattr(counts, kind, getattr(counts, kind) + n)

    @property
    def changed(self) -> bool:
        return self.history_added > 0 or any(c.total for c in self.by_table.values())

    @property
    def worth_logging(self) -> bool:
        """Brought more than other files' merge records: otherwise logging this merge would
        itself be news for the next merge, and files exchanging logs would never settle."""
        return self.record_history_added > 0 or any(
            c.total for t, c in self.by_table.items() if t != "merge_log"
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SourceReport:
        data = json.loads(text)
        return cls(
            source_name=data["source_name"],
            by_peer={k: Counts(**v) for k, v in data.get("by_peer", {}).items()},
            by_table={k: Counts(**v) for k, v in data.get("by_table", {}).items()},
            conflicts=data.get("conflicts", []),
            history_added=data.get("history_added", 0),
            record_history_added=data.get("record_history_added", 0),
            source_peer=data.get("source_peer"),
        )


@dataclass
class MergeReport:
    parts: list[SourceReport] = field(default_factory=list)
    backup: Path | None = None
    kept: int = 0  # incoming deletions skipped (records kept by the deletion guard)
    orphans: list[str] = field(default_factory=list)  # records left pointing at deleted ones

    @property
    def changed(self) -> bool:
        return any(p.changed for p in self.parts)

    def by_peer(self) -> dict[str, Counts]:
        total: dict[str, Counts] = {}
        for part in self.parts:
            for peer, counts in part.by_peer.items():
                total.setdefault(peer, Counts()).add(counts)
        return dict(sorted(total.items()))

    @property
    def conflicts(self) -> int:
        return sum(len(p.conflicts) for p in self.parts)

    def lines(self) -> list[str]:
        """The report as text (CLI, log): per file, then per peer."""
        out = []
        for part in self.parts:
            if not part.changed:
                out.append(f"{part.source_name}: nothing new (already merged).")
                continue
            out.append(f"{part.source_name}:")
            for peer, c in sorted(part.by_peer.items()):
                out.append(
                    f"  {peer}: {c.new} new, {c.updated} updated, {c.deleted} deleted, "
                    f"{c.conflicts} conflict{'s' if c.conflicts != 1 else ''}"
                )
            links = sum(part.by_table.get(t, Counts()).total for t in LINK_TABLES)
            if links:
                out.append(f"  links between records: {links} changed")
        if self.conflicts:
            out.append(
                f"{self.conflicts} conflict{'s' if self.conflicts != 1 else ''} to review "
                "(Tools › Conflicts…): the other versions are kept."
            )
        for line in self.orphans:
            out.append(f"Check: {line} (on another laptop): listed in Tools › Conflicts….")
        if self.kept:
            out.append(
                f"{self.kept} deletion{'s' if self.kept != 1 else ''} skipped: "
                "the records are kept (recorded as a new edit, so other copies keep them too)."
            )
        if self.backup:
            out.append(f"Backup taken before merging: {self.backup}")
        return out
