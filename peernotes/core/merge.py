"""Team merge: bring other laptops' copies of the same challenge into this file, losing nothing.

A merge is the union of record versions (see peernotes.core.versions): rows the target has
never seen are copied as they are; a record both files hold in different versions gets the
source's version added to its history, and its current version and conflicts are worked out
from all versions it now has. So merging is idempotent (a second merge finds nothing new),
order-free (A then B = B then A = a file that already merged both), and never drops an edit:
an edit that lost is in history and, if it was made side by side with the winner, listed as
a conflict for a person to review.

Safety: each source is read through a read-only snapshot (the file is never written, and no
-wal/-shm is created beside it); the target is backed up first; everything lands in ONE
transaction; files of another challenge, too-new files and non-PeerNotes files are refused
before anything changes.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from peernotes.core import fileformat, versions
from peernotes.core.errors import FileRefused, NotAPeerNotesFile, SaveFailed, TooNewFile
from peernotes.core.schema import APPLICATION_ID, SCHEMA_VERSION, SYNCED_TABLES, migrate
from peernotes.core.store import DB_ERRORS, ChallengeFile, Row

# `conflict` is derived (recomputed from versions), never copied row by row.
MERGED_TABLES: tuple[str, ...] = tuple(t for t in SYNCED_TABLES if t != "conflict")
LINK_TABLES: tuple[str, ...] = (
    "meeting_peer",
    "meeting_person",
    "observation_heading",
    "finding_evidence",
)
# What the report counts by peer: the records people make (links and logs are listed by table).
_NOT_BY_PEER = frozenset(LINK_TABLES) | {"merge_log"}
NO_PEER = "Set-up (no peer chosen)"


class MergeRefused(FileRefused):
    """A file that cannot be merged into this one. Nothing has been changed."""


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

    def count(self, table: str, peer: str, kind: str) -> None:
        for key, bucket in ((table, self.by_table), (peer, self.by_peer)):
            if bucket is self.by_peer and table in _NOT_BY_PEER:
                continue
            counts = bucket.setdefault(key, Counts())
            setattr(counts, kind, getattr(counts, kind) + 1)

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
        )


@dataclass
class MergeReport:
    parts: list[SourceReport] = field(default_factory=list)
    backup: Path | None = None

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
        if self.backup:
            out.append(f"Backup taken before merging: {self.backup}")
        return out


# ----------------------------------------------------------------- the sources
def open_source(path: str | Path) -> ChallengeFile:
    """A private in-memory snapshot of a file to merge from, upgraded if it is older.

    The file itself is opened read-only: `immutable` when it has no -wal beside it (nothing
    at all is written, not even a -shm), plain read-only when a -wal holds recent edits."""
    path = Path(path)
    fileformat.check_openable(path)
    wal = path.with_name(path.name + "-wal")
    query = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    snapshot = sqlite3.connect(":memory:", isolation_level=None)
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
        try:
            source.backup(snapshot)
        finally:
            source.close()
        app_id = snapshot.execute("PRAGMA application_id").fetchone()[0]
        version = snapshot.execute("PRAGMA user_version").fetchone()[0]
    except DB_ERRORS as error:
        snapshot.close()
        raise NotAPeerNotesFile(
            f"{path} cannot be read as a PeerNotes file ({error}). Nothing was changed."
        ) from error
    if app_id != APPLICATION_ID:
        snapshot.close()
        raise NotAPeerNotesFile(f"{path} is not a PeerNotes file. Nothing was changed.")
    if version > SCHEMA_VERSION:
        snapshot.close()
        raise TooNewFile(str(path), version, SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        migrate(snapshot)  # the snapshot, never the file
    return ChallengeFile(snapshot, path, readonly=True)


def _check_same_challenge(target: ChallengeFile, source: ChallengeFile, name: str) -> None:
    mine, theirs = target.challenge_id, source.challenge_id
    if not mine:
        raise MergeRefused("This file holds no challenge yet, so there is nothing to merge into.")
    if not theirs:
        raise MergeRefused(f"{name} holds no challenge. Nothing was changed.")
    if mine != theirs:
        other = source.rows("challenge")
        what = (
            f"{other[0]['council']} — {other[0]['programme_title']}"
            if other
            else "another challenge"
        )
        raise MergeRefused(
            f"{name} belongs to a different challenge ({what}). Only copies of the same "
            "challenge can be merged (made with File › Copy for a peer…). Nothing was changed."
        )


def _same_file(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


# ------------------------------------------------------------------- the merge
Source = str | Path | ChallengeFile


def merge(
    target: ChallengeFile,
    sources: Source | Sequence[Source],
    *,
    backup: bool = True,
    progress: Callable[[str], None] | None = None,
) -> MergeReport:
    """Merge one or more files (paths, or open ChallengeFiles) of the same challenge into
    `target`, in one transaction. Raises MergeRefused / FileRefused before changing anything."""
    if isinstance(sources, str | Path | ChallengeFile):
        sources = [sources]
    if target.readonly:
        raise SaveFailed(f"{target.path} is open read-only: nothing can be merged into it.")
    opened: list[tuple[ChallengeFile, str, bool]] = []
    try:
        for source in sources:
            if isinstance(source, ChallengeFile):
                name = source.path.name if source.path else "(unsaved file)"
                opened.append((source, name, False))
                continue
            path = Path(source)
            if _same_file(path, target.path):
                raise MergeRefused(f"{path.name} is the file you are merging into.")
            opened.append((open_source(path), path.name, True))
        for source, name, _ in opened:
            _check_same_challenge(target, source, name)
        report = MergeReport()
        if backup and target.path is not None:
            report.backup = _backup(target)
        with target.transaction():
            for source, name, _ in opened:
                if progress:
                    progress(name)
                part = _merge_one(target, source, name)
                report.parts.append(part)
                if part.worth_logging:
                    target.insert("merge_log", {"source_name": name, "report": part.to_json()})
        return report
    finally:
        for source, _, mine in opened:
            if mine:
                source.close()


def _backup(target: ChallengeFile) -> Path:
    from peernotes.core import backups

    return backups.backup(target, "before-merge")


def _merge_one(target: ChallengeFile, source: ChallengeFile, name: str) -> SourceReport:
    part = SourceReport(name)
    tconn, sconn = target.conn, source.conn
    _advance_clock(target, source)
    peer_names = _peer_names(target, source)

    # 1. history: a union on id (one row per record and version)
    known = {r[0] for r in tconn.execute("SELECT id FROM history")}
    hist_cols = "id, table_name, row_id, hlc, modified_at, modified_by, data"
    fresh_history = []
    if any(r[0] not in known for r in sconn.execute("SELECT id FROM history")):
        fresh_history = [
            r for r in sconn.execute(f"SELECT {hist_cols} FROM history") if r[0] not in known
        ]
        tconn.executemany(
            f"INSERT INTO history ({hist_cols}) VALUES (?, ?, ?, ?, ?, ?, ?)", fresh_history
        )
    part.history_added = len(fresh_history)
    history_rows: dict[str, set[str]] = defaultdict(set)
    for row in fresh_history:
        history_rows[row[1]].add(row[2])
    part.record_history_added = sum(1 for row in fresh_history if row[1] != "merge_log")

    # Records the source has open conflicts on: their versions are not a simple line.
    source_conflicted: dict[str, set[str]] = defaultdict(set)
    for table, row_id in sconn.execute("SELECT table_name, row_id FROM conflict"):
        source_conflicted[table].add(row_id)

    already_conflicted: dict[str, set[str]] = defaultdict(set)
    for table, row_id in tconn.execute("SELECT table_name, row_id FROM conflict"):
        already_conflicted[table].add(row_id)

    # 2. rows, table by table: only tables where the source has a version the target lacks
    stamps = _stamps(tconn)
    differing = {t for t, row_id, hlc in _stamp_rows(sconn) if stamps[t].get(row_id) != hlc}
    for table in MERGED_TABLES:
        if not (
            table in differing
            or history_rows.get(table)
            or source_conflicted.get(table)
            or already_conflicted.get(table)
        ):
            continue
        columns = target.columns(table)
        if set(columns) != set(source.columns(table)):
            raise MergeRefused(f"{name} has a different layout of {table}; it cannot be merged.")
        hlc_at = columns.index("hlc")
        present = stamps[table]
        column_list = ", ".join(f'"{c}"' for c in columns)
        new_rows: list[tuple[Any, ...]] = []
        refresh: dict[str, Row | None] = {}
        for row in sconn.execute(f'SELECT {column_list} FROM "{table}"'):
            mine = present.get(row[0])
            if mine is None:
                new_rows.append(row)
            elif mine != row[hlc_at]:
                refresh[row[0]] = dict(zip(columns, row, strict=True))
        if new_rows:
            new_rows.sort()  # in key order: far fewer index pages touched per row
            tconn.executemany(
                f'INSERT INTO "{table}" ({column_list}) VALUES ({", ".join("?" for _ in columns)})',
                new_rows,
            )
        deleted_at = columns.index("deleted")
        by_at = columns.index("modified_by")
        for row in new_rows:
            target.note_change(table, row[0])
            if not row[deleted_at]:
                part.count(table, peer_names(row[by_at]), "new")
            if row[0] in source_conflicted[table]:
                refresh.setdefault(row[0], None)
        for row_id in history_rows.get(table, ()):
            if row_id in present:
                refresh.setdefault(row_id, None)
        for row_id in already_conflicted.get(table, ()):
            refresh.setdefault(row_id, None)  # local edits since: its winner may have moved
        for row_id, incoming in refresh.items():
            _refresh_row(target, table, row_id, incoming, part, peer_names)
    return part


def _stamp_rows(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """(table, id, hlc) of every row of every merged table, in one query."""
    parts = [f"SELECT '{t}', id, hlc FROM \"{t}\"" for t in MERGED_TABLES]
    return conn.execute(" UNION ALL ".join(parts))


def _stamps(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {t: {} for t in MERGED_TABLES}
    for table, row_id, hlc in _stamp_rows(conn):
        found[table][row_id] = hlc
    return found


def _refresh_row(
    target: ChallengeFile,
    table: str,
    row_id: str,
    incoming: Row | None,
    part: SourceReport,
    peer_names: Callable[[str | None], str],
) -> None:
    result = versions.refresh(target, table, row_id, incoming)
    before, after = result.before, result.after
    credit = peer_names((incoming or after)["modified_by"])
    if before is not None and result.changed:
        if after["deleted"] and not before["deleted"]:
            part.count(table, peer_names(after["modified_by"]), "deleted")
        elif not after["deleted"] or before["deleted"]:
            part.count(table, peer_names(after["modified_by"]), "updated")
    for conflict in result.new_conflicts:
        part.count(table, credit, "conflicts")
        part.conflicts.append(
            {"id": conflict["id"], "table": table, "row_id": row_id, "peer": credit}
        )


def _peer_names(target: ChallengeFile, source: ChallengeFile) -> Callable[[str | None], str]:
    names = {r[0]: r[1] for r in source.conn.execute("SELECT id, name FROM peer")}
    names.update({r[0]: r[1] for r in target.conn.execute("SELECT id, name FROM peer")})

    def name(peer_id: str | None) -> str:
        return names.get(peer_id, NO_PEER) if peer_id else NO_PEER

    return name


def _advance_clock(target: ChallengeFile, source: ChallengeFile) -> None:
    """Edits made here after the merge must sort after everything that came in."""
    parts = [f'SELECT max(hlc) AS h FROM "{t}"' for t in (*MERGED_TABLES, "history")]
    highest = source.conn.execute(f"SELECT max(h) FROM ({' UNION ALL '.join(parts)})").fetchone()[0]
    if highest is None:
        return
    target.clock.observe(highest)
    target.conn.execute(
        "INSERT INTO local(key, value) VALUES ('hlc_high', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
        (highest,),
    )


# ------------------------------------------------------------------ the log
def merge_history(cf: ChallengeFile) -> list[tuple[Row, SourceReport]]:
    """Past merges recorded in this file (and in files merged into it), newest first."""
    rows = cf.rows("merge_log", order_by="hlc DESC")
    return [(row, SourceReport.from_json(row["report"])) for row in rows]


def open_conflict_count(cf: ChallengeFile) -> int:
    return cf.conn.execute("SELECT count(*) FROM conflict WHERE status = 'open'").fetchone()[0]
