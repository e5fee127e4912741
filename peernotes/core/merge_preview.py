"""What a merge would do, worked out without writing anything: the preview and --dry-run.

For each incoming file: who it is from (the peer its laptop records as), when a copy of
theirs was last merged here, and what it would add, change and delete, counted by kind of
record exactly as the merge report counts them (`SourceReport.by_table`). Only reads: the
target and the source are queried, nothing is inserted, so the file merged into stays
byte-identical and a preview costs a fraction of the merge (no rows copied, no full-text
index written).

How: the same walk as the merge (peernotes.core.merge) -- the source's (id, stamp) pairs in
key order, CHUNK at a time, looked up in the target by primary key. A row the target lacks
is an *add* (a tombstone the target never saw is not counted, as in the merge); a row the
target holds in another version is worked out with `versions.choose` over the versions the
two files hold between them, exactly as the merge would, and counted as changed or deleted
when the current version would move.

Each file is previewed against the target as it is now. When two files bring the same new
record (a peer who merged another peer's copy), each preview counts it, while the merge
counts it once, for the first file.

The deletion guard (`held_kinds`) reads the delete counts: a copy that deletes many records
of one kind is held until someone says what to do with its deletions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peernotes.core import versions
from peernotes.core.merge import (
    LINK_TABLES,
    MERGED_TABLES,
    NO_PEER,
    Counts,
    MergeRefused,
    Source,
    SourceReport,
    _check_same_challenge,
    _chunks,
    _next_rows,
    _opened,
    _peer_names,
    _same_file,
    _stamps_of,
    _where_ids,
    merge_history,
)
from peernotes.core.store import ChallengeFile, Row
from peernotes.core.triangulation import set_setting_value, setting_value

# What people call each kind of record (tables not listed are shown by their own name).
KIND_LABELS: dict[str, str] = {
    "observation": "notes",
    "meeting": "meetings",
    "person": "people",
    "document": "documents",
    "finding": "findings",
    "heading": "headings",
    "peer": "team members",
    "setting": "settings",
    "challenge": "challenge details",
    "meeting_peer": "peers at meetings",
    "meeting_person": "people at meetings",
    "observation_heading": "notes under headings",
    "finding_evidence": "evidence of findings",
    "merge_log": "merge records",
    "note_pair": "marks on notes written up twice",
}

GUARD_KEY = "merge.deletion_guard"
# Kinds the guard ignores: links come and go with ordinary tagging, merge records are logs.
_UNGUARDED = frozenset(LINK_TABLES) | {"merge_log"}
# Ids of deletions kept per file (to skip them): more than this many is a file to look at.
MAX_DELETIONS_KEPT = 200_000
# Records listed per kind of record and file (the counts stay exact; the rest is "N more"):
# enough to check what a copy brings, bounded so a preview's memory does not grow with it.
MAX_LISTED = 100
# What names a record in a list, by kind: the first of these columns it has (else its id).
_LABEL_COLUMNS = ("text", "statement", "title", "name", "source_name", "key", "recorded_at")
_LINK_LABELS = {  # a link: its two ends' kinds
    "meeting_peer": "a peer at a meeting",
    "meeting_person": "a person at a meeting",
    "observation_heading": "a note under a heading",
    "finding_evidence": "a note as evidence of a finding",
    "headcount": "unnamed people at a meeting",
    "note_pair": "two notes of one meeting marked",
}
_SIGNS = {"add": "+", "change": "~", "delete": "-"}  # the CLI's marks before each record


def kind_label(table: str) -> str:
    return KIND_LABELS.get(table, table.replace("_", " "))


@dataclass(frozen=True)
class DeletionGuard:
    """When a copy's deletions are held: at least `count` records of one kind, or at least
    `share` of a kind that has `min_kind` or more records here. A per-challenge setting."""

    count: int = 10
    share: float = 0.25
    min_kind: int = 8

    def holds(self, deletes: int, existing: int) -> bool:
        if deletes <= 0:
            return False
        return deletes >= self.count or (
            existing >= self.min_kind and deletes >= self.share * existing
        )


def deletion_guard(cf: ChallengeFile) -> DeletionGuard:
    """This challenge's guard (defaults: 10 of a kind, or a quarter of a kind of 8 or more)."""
    stored = setting_value(cf, GUARD_KEY, {})
    if not isinstance(stored, dict):
        return DeletionGuard()
    default = DeletionGuard()
    try:
        return DeletionGuard(
            count=max(1, int(stored.get("count", default.count))),
            share=min(1.0, max(0.0, float(stored.get("share", default.share)))),
            min_kind=max(1, int(stored.get("min_kind", default.min_kind))),
        )
    except (TypeError, ValueError):
        return default


def set_deletion_guard(cf: ChallengeFile, guard: DeletionGuard) -> None:
    set_setting_value(
        cf, GUARD_KEY, {"count": guard.count, "share": guard.share, "min_kind": guard.min_kind}
    )


@dataclass(frozen=True)
class RecordLine:
    """One record a copy would add, change or delete, as a person recognises it."""

    action: str  # 'add' | 'change' | 'delete'
    id: str
    label: str  # its first words, title or name

    def line(self) -> str:
        return f"{_SIGNS[self.action]} {self.label}"


def label_column(columns: Sequence[str]) -> str | None:
    """The column whose value names a record of a table with these columns, if any."""
    return next((c for c in _LABEL_COLUMNS if c in columns), None)


def record_label(table: str, value: object, row_id: str, limit: int = 80) -> str:
    """'Carers said the respite line…' -- a record's first words (or what a link joins)."""
    if table in _LINK_LABELS:
        return _LINK_LABELS[table]
    text = " ".join(str(value).split()) if value not in (None, "") else ""
    if not text:
        return f"{kind_label(table)} {row_id[:8]}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class KindPreview:
    """One kind of record in one incoming file."""

    table: str
    adds: int
    changes: int
    deletes: int
    conflicts: int
    existing: int  # records of this kind in the file merged into, before the merge
    held: bool  # the deletion guard holds these deletions
    # The records themselves (at most MAX_LISTED; adds, then changes, then deletions)
    records: tuple[RecordLine, ...] = field(default=(), compare=False)

    @property
    def label(self) -> str:
        return kind_label(self.table)

    @property
    def unlisted(self) -> int:
        """Records counted but not listed (beyond MAX_LISTED)."""
        return max(0, self.adds + self.changes + self.deletes - len(self.records))


@dataclass(frozen=True)
class FilePreview:
    """What one incoming file would bring."""

    source_name: str
    peer_name: str | None  # who the copy is from (the peer its laptop records as)
    last_merged: str | None  # when a copy from that peer (or of that name) was last merged
    kinds: tuple[KindPreview, ...]
    deleted: tuple[tuple[str, str], ...] = field(repr=False)  # (table, id) it would delete
    by_peer: dict[str, Counts] = field(default_factory=dict, compare=False)

    @property
    def held(self) -> bool:
        return any(k.held for k in self.kinds)

    @property
    def changed(self) -> bool:
        return any(k.adds or k.changes or k.deletes or k.conflicts for k in self.kinds)

    def kind(self, table: str) -> KindPreview | None:
        return next((k for k in self.kinds if k.table == table), None)

    def lines(self, *, records: bool = False) -> list[str]:
        """The preview as text (the CLI's --dry-run); with `records`, each kind's records
        under its counts (--dry-run --verbose)."""
        who = f" from {self.peer_name}" if self.peer_name else ""
        when = (
            f", last merged {self.last_merged[:16].replace('T', ' ')}" if self.last_merged else ""
        )
        if not self.last_merged:
            when = ", never merged before"
        out = [f"{self.source_name}{who}{when}:"]
        if not self.changed:
            out.append("  nothing new (already merged).")
        for k in self.kinds:
            if not (k.adds or k.changes or k.deletes or k.conflicts):
                continue
            text = f"  {k.label}: {k.adds} to add, {k.changes} to change, {k.deletes} to delete"
            if k.conflicts:
                text += f", {k.conflicts} conflict{'s' if k.conflicts != 1 else ''}"
            if k.held:
                text += f"  <- HELD: {k.deletes} of {k.existing} {k.label} deleted"
            out.append(text)
            if records:
                out += [f"      {r.line()}" for r in k.records]
                if k.unlisted:
                    out.append(f"      … and {k.unlisted} more")
        return out


def preview(
    target: ChallengeFile,
    source: Source,
    *,
    guard: DeletionGuard | None = None,
    progress: Callable[[str], None] | None = None,
) -> FilePreview:
    """What merging `source` (a path or an open file) into `target` would do. Reads only.
    Raises MergeRefused / FileRefused for a file the merge would refuse."""
    if isinstance(source, ChallengeFile):
        name = source.path.name if source.path else "(unsaved file)"
    else:
        name = Path(source).name
        if _same_file(Path(source), target.path):
            raise MergeRefused(f"{name} is the file you are merging into.")
    guard = guard or deletion_guard(target)
    with _opened(source) as opened:
        _check_same_challenge(target, opened, name)
        return _Preview(target, opened, name, progress).run(guard)


def previews(
    target: ChallengeFile,
    sources: Iterable[Source],
    *,
    guard: DeletionGuard | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[FilePreview]:
    guard = guard or deletion_guard(target)
    return [preview(target, s, guard=guard, progress=progress) for s in sources]


def source_peer_name(target: ChallengeFile, source: ChallengeFile) -> str | None:
    """The peer a copy's laptop records as (its `local.current_peer_id`), by name."""
    peer_id = source.peer_id
    if not peer_id:
        return None
    name = _peer_names(target, source)(peer_id)
    return None if name == NO_PEER else name


def last_merged(target: ChallengeFile, peer_name: str | None, source_name: str) -> str | None:
    """When a copy from this peer (or, for a copy that records no peer, of this file name)
    was last merged into `target` (or into a file merged into it): an ISO time, or None."""
    latest: str | None = None
    for row, report in merge_history(target):
        mine = report.source_peer == peer_name if peer_name else False
        if mine or (not report.source_peer and report.source_name == source_name):
            if latest is None or row["modified_at"] > latest:
                latest = row["modified_at"]
    return latest


class _Preview:
    """One source against the target: the merge's walk, counting instead of writing."""

    def __init__(
        self,
        target: ChallengeFile,
        source: ChallengeFile,
        name: str,
        progress: Callable[[str], None] | None = None,
    ):
        self.target, self.source = target, source
        self.progress = progress
        self.part = SourceReport(name)
        self.peer_names = _peer_names(target, source)
        self.fresh = self._fresh_history()
        conflicts = target.conn.execute("SELECT table_name, row_id, id FROM conflict").fetchall()
        self.conflicted = {(t, r) for t, r, _ in conflicts}
        self.conflict_ids = {c for _, _, c in conflicts}
        self.source_conflicted = set(
            source.conn.execute("SELECT table_name, row_id FROM conflict").fetchall()
        )
        self.deleted: list[tuple[str, str]] = []
        self.listed: dict[str, list[RecordLine]] = defaultdict(list)

    def _list(self, table: str, action: str, row_id: str, value: object) -> None:
        found = self.listed[table]
        if len(found) < MAX_LISTED:
            found.append(RecordLine(action, row_id, record_label(table, value, row_id)))

    def run(self, guard: DeletionGuard) -> FilePreview:
        kinds = []
        for table in MERGED_TABLES:
            seen = self._walk(table)
            again = {r for t, r in self.fresh if t == table}
            again |= {r for t, r in self.conflicted if t == table}
            for row_id in sorted(again - seen):
                self._refresh(table, row_id, None)
            existing = self.target.count(table)
            c = self.part.by_table.get(table, Counts())
            held = table not in _UNGUARDED and guard.holds(c.deleted, existing)
            order = {"add": 0, "change": 1, "delete": 2}
            listed = tuple(sorted(self.listed.pop(table, ()), key=lambda r: order[r.action]))
            kinds.append(
                KindPreview(table, c.new, c.updated, c.deleted, c.conflicts, existing, held, listed)
            )
        peer = source_peer_name(self.target, self.source)
        return FilePreview(
            self.part.source_name,
            peer,
            last_merged(self.target, peer, self.part.source_name),
            tuple(kinds),
            tuple(self.deleted[:MAX_DELETIONS_KEPT]),
            dict(sorted(self.part.by_peer.items())),
        )

    def _fresh_history(self) -> dict[tuple[str, str], list[Row]]:
        """Versions in the source's history that the target lacks, by record."""
        found: dict[tuple[str, str], list[Row]] = defaultdict(list)
        tconn, sconn = self.target.conn, self.source.conn
        for chunk in _chunks(sconn.execute("SELECT id FROM history ORDER BY id")):
            ids = [row[0] for row in chunk]
            have = {r[0] for r in _where_ids(tconn, "SELECT id FROM history", ids)}
            missing = [i for i in ids if i not in have]
            select = "SELECT table_name, row_id, data FROM history"
            for table, row_id, data in _where_ids(sconn, select, missing):
                found[(table, row_id)].append(json.loads(data))
        return found

    def _walk(self, table: str) -> set[str]:
        """Count the table's adds, and work out the rows both files hold in other versions.
        Returns the ids of records refreshed on the way (or added with fresh history)."""
        columns = self.target.columns(table)
        column_list = ", ".join(f'"{c}"' for c in columns)
        tconn, sconn = self.target.conn, self.source.conn
        seen: set[str] = set()
        after = ""
        while rows := _next_rows(sconn, _stamps_of(table), after):
            if self.progress:  # may raise to cancel
                self.progress(f"{self.part.source_name}: {kind_label(table)}")
            after = rows[-1][0]
            ids = [row_id for row_id, _ in rows]
            mine = dict(_where_ids(tconn, _stamps_of(table), ids))
            missing = [i for i in ids if i not in mine]
            differ = [i for i, hlc in rows if i in mine and mine[i] != hlc]
            name_column = f'"{label_column(columns)}"' if label_column(columns) else "NULL"
            added = _where_ids(
                sconn, f'SELECT id, modified_by, deleted, {name_column} FROM "{table}"', missing
            )
            for row_id, peer_id, deleted, value in sorted(added):
                if not deleted:
                    self.part.count(table, self.peer_names(peer_id), "new")
                    self._list(table, "add", row_id, value)
            fetch = differ + [i for i in missing if (table, i) in self.source_conflicted]
            for values in _where_ids(sconn, f'SELECT {column_list} FROM "{table}"', fetch):
                incoming = dict(zip(columns, values, strict=True))
                before = None if incoming["id"] in mine else incoming
                self._refresh(table, incoming["id"], incoming, before_if_new=before)
                seen.add(incoming["id"])
            for row_id in ids:
                if row_id in mine and (table, row_id) in self.fresh:
                    if row_id not in seen:
                        self._refresh(table, row_id, None)
                        seen.add(row_id)
                elif row_id not in mine and (table, row_id) in self.fresh:
                    seen.add(row_id)  # a new record: its versions came with it
        return seen

    def _refresh(
        self, table: str, row_id: str, incoming: Row | None, *, before_if_new: Row | None = None
    ) -> None:
        """Count what `versions.refresh` would do to one record, without doing it."""
        target = self.target
        found = versions.versions_of(target, table, row_id)
        for version in self.fresh.get((table, row_id), ()):
            found.setdefault(version["hlc"], version)
        if incoming is not None:
            found.setdefault(incoming["hlc"], incoming)
        before = target.get(table, row_id, include_deleted=True) or before_if_new
        if before is None and incoming is None:
            return  # versions of a record neither file holds as a row: the merge skips it
        outcome = versions.choose(found.values(), target.columns(table))
        after = outcome.winner
        name = self.peer_names
        value = after.get(label_column(tuple(after)) or "", None)
        if before is not None and not versions.same_row(before, after):
            if after["deleted"] and not before["deleted"]:
                self.part.count(table, name(after["modified_by"]), "deleted")
                self.deleted.append((table, row_id))
                self._list(table, "delete", row_id, value)
            elif not after["deleted"] or before["deleted"]:
                self.part.count(table, name(after["modified_by"]), "updated")
                self._list(table, "change", row_id, value)
        credit = name((incoming or after)["modified_by"])
        for loser in outcome.losers:
            if versions.conflict_id(table, row_id, loser["hlc"]) not in self.conflict_ids:
                self.part.count(table, credit, "conflicts")
