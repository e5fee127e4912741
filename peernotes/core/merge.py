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
before anything changes. A merge that would bring nothing writes nothing (no backup either).

Cost (docs/merge.md, benchmarks/merge.py): sources are checked, then merged, one at a time,
each compared with the target chunk by chunk through indexed lookups, so memory does not
grow with the number of files or the size of the target; listeners are told which tables
gained rows (Change.bulk), not every new row's id; new rows go in with multi-row INSERTs.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peernotes.core import fileformat, versions
from peernotes.core import readonly as readonly_state
from peernotes.core.errors import (
    DamagedFile,
    FileRefused,
    NotAPeerNotesFile,
    SaveFailed,
    TooNewFile,
)
from peernotes.core.files import WAL, companion
from peernotes.core.merge_report import LINK_TABLES as LINK_TABLES  # the report: part of
from peernotes.core.merge_report import NO_PEER as NO_PEER  # this module's interface too
from peernotes.core.merge_report import Counts as Counts
from peernotes.core.merge_report import MergeReport as MergeReport
from peernotes.core.merge_report import SourceReport as SourceReport
from peernotes.core.schema import APPLICATION_ID, SCHEMA_VERSION, SYNCED_TABLES, migrate
from peernotes.core.store import DB_ERRORS, ChallengeFile, Row

# `conflict` is derived (recomputed from versions), never copied row by row.
MERGED_TABLES: tuple[str, ...] = tuple(t for t in SYNCED_TABLES if t != "conflict")


class MergeRefused(FileRefused):
    """A file that cannot be merged into this one. Nothing has been changed."""


# ----------------------------------------------------------------- the sources
def open_source(path: str | Path, *, passphrase: str | None = None) -> ChallengeFile:
    """A read-only view of a file to merge from: a file of this version with no -wal is read
    in place, `immutable` (nothing written beside it, not even a -shm); any other, a private
    in-memory snapshot (with the -wal's edits; upgraded there if older). A protected file
    needs `passphrase` (EncryptedFile without it, WrongPassphrase with a wrong one); its
    snapshot stays in memory, never on disk. A plain file's passphrase is ignored."""
    path = Path(path)
    header = fileformat.check_openable(path, encrypted_ok=passphrase is not None)
    wal = companion(path, WAL)
    query = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    direct = header is not None and not wal.exists() and header.user_version == SCHEMA_VERSION
    if header is None:  # protected (check_openable lets that through only with a passphrase)
        from peernotes.core import encryption

        try:
            snapshot = encryption.snapshot(path, passphrase or "", immutable=not wal.exists())
        except DB_ERRORS as error:
            raise NotAPeerNotesFile(
                f"{path} cannot be read as a PeerNotes file ({error}). Nothing was changed."
            ) from error
    elif direct:  # a copy in memory would cost the file's size, twice (check, then merge)
        snapshot = readonly_state.reading_connection(path, query)
    else:
        snapshot = sqlite3.connect(":memory:", isolation_level=None)
    try:
        if header is not None and not direct:
            source = readonly_state.reading_connection(path, query)
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

# Source rows compared with the target per step: memory per source is bounded by this, not by
# the size of either file.
CHUNK = 2048


def merge(
    target: ChallengeFile,
    sources: Source | Sequence[Source],
    *,
    backup: bool = True,
    progress: Callable[[str], None] | None = None,
    keep: Sequence[tuple[str, str]] = (),
) -> MergeReport:
    """Merge one or more files (paths, or open ChallengeFiles) of the same challenge into
    `target`, in one transaction. Raises MergeRefused / FileRefused before changing anything.

    Every source is checked first, one at a time (a path is opened, checked, closed), then
    opened again one at a time to merge: only one source's snapshot is in memory at once, so
    memory does not grow with the number of files. The check also looks for anything new:
    when no source brings anything (and no conflict here needs recomputing) the file is left
    alone -- no backup, no transaction -- and the report says "nothing new" for each file.

    `keep` lists (table, id) records whose incoming deletions are skipped (the deletion
    guard): after the sources are in, each one that ended up deleted is undeleted, as a new
    edit with a fresh stamp made on top of the deletion -- so every copy that later merges
    this file converges on the record being kept, and the next merge does not ask again."""
    if isinstance(sources, str | Path | ChallengeFile):
        sources = [sources]
    if target.readonly:
        raise SaveFailed(f"{target.path} is open read-only: nothing can be merged into it.")
    checked, news = _check_sources(target, sources)
    report = MergeReport()
    if not news:
        for _, name in checked:
            if progress:
                progress(name)
            report.parts.append(SourceReport(name))
        return report
    check_destination(target)
    if backup and target.path is not None:
        report.backup = _backup(target)
    with target.transaction():
        for source, name in checked:
            if progress:
                progress(name)
            with _opened(source) as opened:
                _check_same_challenge(target, opened, name)  # a path may have changed since
                part = _merge_one(target, opened, name, progress)
            report.parts.append(part)
            if part.worth_logging:
                target.insert("merge_log", {"source_name": name, "report": part.to_json()})
        report.kept = _undelete(target, keep)
    from peernotes.core import orphans

    report.orphans = orphans.find(target).lines()
    return report


def _check_sources(
    target: ChallengeFile, sources: Sequence[Source]
) -> tuple[list[tuple[Source, str]], bool]:
    """Each source with its name, refusing any that cannot be merged (nothing changed yet),
    and whether any of them brings anything new (or a conflict here needs recomputing)."""
    checked: list[tuple[Source, str]] = []
    news = _stale_conflicts(target)
    for source in sources:
        if isinstance(source, ChallengeFile):
            name = source.path.name if source.path else "(unsaved file)"
        else:
            name = Path(source).name
            if _same_file(Path(source), target.path):
                raise MergeRefused(f"{name} is the file you are merging into.")
        with _opened(source) as opened:
            _check_same_challenge(target, opened, name)
            news = news or _brings_anything(target, opened)
        checked.append((source, name))
    return checked, news


def _undelete(target: ChallengeFile, keep: Sequence[tuple[str, str]]) -> int:
    kept = 0
    for table, row_id in keep:
        row = target.get(table, row_id, include_deleted=True)
        if row is not None and row["deleted"]:
            target.undelete(table, row_id)
            kept += 1
    return kept


@contextmanager
def _opened(source: Source) -> Iterator[ChallengeFile]:
    """An open ChallengeFile as it is (the caller closes it); a path as a snapshot closed after."""
    if isinstance(source, ChallengeFile):
        yield source
        return
    opened = open_source(Path(source))
    try:
        yield opened
    finally:
        opened.close()


def _stale_conflicts(target: ChallengeFile) -> bool:
    """Has a record listed in `conflict` been edited here since its conflicts were worked
    out? (A merge recomputes them then, even when the sources bring nothing.) Every other
    change of a record's versions -- merging, resolving -- recomputes them as it goes."""
    rows = target.conn.execute("SELECT table_name, row_id, winner_hlc FROM conflict").fetchall()
    for table, row_id, winner_hlc in rows:
        if table not in MERGED_TABLES:
            return True
        current = target.conn.execute(f'SELECT hlc FROM "{table}" WHERE id = ?', (row_id,))
        if (current.fetchone() or (None,))[0] != winner_hlc:
            return True
    return False


def _brings_anything(target: ChallengeFile, source: ChallengeFile) -> bool:
    """Does `source` hold a row, or a version in history, that `target` lacks? (Read only.)"""
    tconn, sconn = target.conn, source.conn
    for table in MERGED_TABLES:
        for chunk in _chunks(sconn.execute(_stamps_of(table))):
            ids = [row_id for row_id, _ in chunk]
            mine = dict(_where_ids(tconn, _stamps_of(table), ids))
            if any(mine.get(row_id) != hlc for row_id, hlc in chunk):
                return True
    for chunk in _chunks(sconn.execute("SELECT id FROM history")):
        ids = [row[0] for row in chunk]
        if len(_where_ids(tconn, "SELECT id FROM history", ids)) < len(ids):
            return True
    return False


def check_destination(target: ChallengeFile) -> None:
    """Refuse to write into a damaged file (DamagedFile, nothing changed).

    A merge writes many pages at once: into a file whose b-tree is already damaged it can
    spread the damage or fail half-way through a page SQLite cannot read. SQLite's
    quick_check (integrity_check without the slower index-content comparison) finds the
    damage first; the user is told how to salvage the file instead. Backups already taken
    are left where they are."""
    try:
        found = [r[0] for r in target.conn.execute("PRAGMA quick_check(5)")]
    except DB_ERRORS as error:
        found = [str(error)]
    if found == ["ok"]:
        return
    where = target.path or "This file"
    recover = (
        f" Save what can be read with: peernotes check {target.path} --recover NEW.peernotes, "
        "then merge into NEW.peernotes."
        if target.path
        else ""
    )
    raise DamagedFile(f"{where} is damaged ({found[0]}), so nothing was merged into it.{recover}")


def _backup(target: ChallengeFile) -> Path:
    from peernotes.core import backups

    return backups.backup(target, "before-merge")


def _merge_one(
    target: ChallengeFile,
    source: ChallengeFile,
    name: str,
    progress: Callable[[str], None] | None = None,
) -> SourceReport:
    """Bring one source in. The source's (id, hlc) stamps are walked in key order, CHUNK at a
    time, each chunk compared with the target by indexed lookups; only rows the target lacks
    or holds in another version are read in full. Nothing proportional to the size of the
    target is held in memory, and new rows go in key order (fewer index pages touched)."""
    part = SourceReport(name)
    _advance_clock(target, source)
    peer_names = _peer_names(target, source)
    if source.peer_id:
        part.source_peer = peer_names(source.peer_id)
    history_rows = _merge_history(target, source, part)  # 1. history: a union on id
    # Records with open conflicts: their versions are not a simple line.
    source_conflicted = _conflicted(source)
    already_conflicted = _conflicted(target)
    for table in MERGED_TABLES:  # 2. rows, table by table, chunk by chunk
        walk = _TableMerge(target, source, name, table, progress)
        walk.with_history = history_rows.get(table, set())
        walk.conflicted_there = source_conflicted.get(table, set())
        walk.run()
        for peer_id, count in walk.new_by_peer.items():
            part.count(table, peer_names(peer_id), "new", count)
        refresh = walk.to_refresh()
        for row_id in sorted(already_conflicted.get(table, ())):
            refresh.setdefault(row_id, None)  # local edits since: its winner may have moved
        for row_id, incoming in refresh.items():
            _refresh_row(target, table, row_id, incoming, part, peer_names)
    return part


def _merge_history(
    target: ChallengeFile, source: ChallengeFile, part: SourceReport
) -> dict[str, set[str]]:
    """Copy the versions in the source's history that the target lacks (one row per record
    and version); returns the records that gained versions, by table."""
    tconn, sconn = target.conn, source.conn
    hist_cols = "id, table_name, row_id, hlc, modified_at, modified_by, data"
    history_rows: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(sconn.execute("SELECT id FROM history ORDER BY id")):
        ids = [row[0] for row in chunk]
        have = {r[0] for r in _where_ids(tconn, "SELECT id FROM history", ids)}
        missing = [i for i in ids if i not in have]
        if not missing:
            continue
        fresh = sorted(_where_ids(sconn, f"SELECT {hist_cols} FROM history", missing))
        target.insert_verbatim("history", hist_cols.split(", "), fresh)
        part.history_added += len(fresh)
        for row in fresh:
            history_rows[row[1]].add(row[2])
            if row[1] != "merge_log":
                part.record_history_added += 1
    return history_rows


def _conflicted(cf: ChallengeFile) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for table, row_id in cf.conn.execute("SELECT table_name, row_id FROM conflict"):
        found[table].add(row_id)
    return found


class _TableMerge:
    """One table of one source merged in: new rows copied, rows held in other versions read
    for `versions.refresh`, chunk by chunk in key order."""

    def __init__(
        self,
        target: ChallengeFile,
        source: ChallengeFile,
        name: str,
        table: str,
        progress: Callable[[str], None] | None,
    ) -> None:
        columns = target.columns(table)
        if set(columns) != set(source.columns(table)):
            raise MergeRefused(f"{name} has a different layout of {table}; it cannot be merged.")
        self.target, self.source, self.name, self.table = target, source, name, table
        self.columns, self.progress = columns, progress
        column_list = ", ".join(f'"{c}"' for c in columns)
        self.select_rows = f'SELECT {column_list} FROM "{table}"'
        self.with_history: set[str] = set()  # records that gained versions in history
        self.conflicted_there: set[str] = set()  # records the source has conflicts on
        self.refresh: dict[str, Row | None] = {}
        self.later: dict[str, None] = {}  # refreshed after the rows held in other versions
        self.seen_with_history: set[str] = set()
        self.new_by_peer: Counter[str | None] = Counter()

    def run(self) -> None:
        sconn, tconn, table = self.source.conn, self.target.conn, self.table
        hlc_at = self.columns.index("hlc")
        after, mostly_new = "", False  # ids are never empty: every id sorts after ""
        while True:
            if self.progress:  # may raise to cancel: the transaction is rolled back
                self.progress(f"{self.name}: {table.replace('_', ' ')}")
            # The next CHUNK ids after `after`: stamps only, or whole rows when the chunk
            # before was mostly new (then this one most likely is too: read it once).
            select = self.select_rows if mostly_new else _stamps_of(table)
            rows = _next_rows(sconn, select, after)
            if not rows:
                break
            after = rows[-1][0]
            chunk = [(row[0], row[hlc_at]) for row in rows] if mostly_new else rows
            ids = [row_id for row_id, _ in chunk]
            mine = dict(_where_ids(tconn, _stamps_of(table), ids))
            missing = [row_id for row_id in ids if row_id not in mine]
            differ = [i for i, hlc in chunk if i in mine and mine[i] != hlc] if mine else []
            if self.with_history:
                self._note_history(ids, mine)
            if missing:
                self._insert_new(rows if mostly_new else None, chunk, missing)
            if differ:
                self._read_differ(rows if mostly_new else None, differ)
            mostly_new = len(missing) * 2 > len(chunk)

    def _note_history(self, ids: list[str], mine: dict[str, str]) -> None:
        for row_id in sorted(self.with_history.intersection(ids)):
            self.seen_with_history.add(row_id)
            if row_id in mine:
                self.later[row_id] = None

    def _insert_new(
        self, whole: list[tuple[Any, ...]] | None, chunk: list[Any], missing: list[str]
    ) -> None:
        """Copy the rows the target lacks (`whole`: the chunk's rows, already read)."""
        wanted = set(missing)
        if whole is not None:
            new_rows = [row for row in whole if row[0] in wanted]
        elif len(missing) * 2 > len(chunk):  # mostly new: read the chunk's id range
            span = _id_range(self.source.conn, self.select_rows, chunk[0][0], chunk[-1][0])
            new_rows = [row for row in span if row[0] in wanted]
        else:
            new_rows = sorted(_where_ids(self.source.conn, self.select_rows, missing))
        self.target.insert_verbatim(self.table, self.columns, new_rows)  # announced per table
        deleted_at, by_at = self.columns.index("deleted"), self.columns.index("modified_by")
        self.new_by_peer.update(row[by_at] for row in new_rows if not row[deleted_at])
        for row_id in sorted(self.conflicted_there.intersection(missing)):
            self.later[row_id] = None

    def _read_differ(self, whole: list[tuple[Any, ...]] | None, differ: list[str]) -> None:
        """Read the source's version of the rows both files hold in other versions."""
        if whole is not None:
            wanted = set(differ)
            found = [row for row in whole if row[0] in wanted]
        else:
            found = sorted(_where_ids(self.source.conn, self.select_rows, differ))
        for row in found:
            self.refresh[row[0]] = dict(zip(self.columns, row, strict=True))

    def to_refresh(self) -> dict[str, Row | None]:
        """Every record to work out again: the source's other versions (with their row),
        then records that gained versions in history only."""
        # Versions of records the source no longer holds as rows (not expected, but kept).
        unseen = sorted(self.with_history - self.seen_with_history)
        for row_id, _ in _where_ids(self.target.conn, _stamps_of(self.table), unseen):
            self.later[row_id] = None
        for row_id in self.later:
            self.refresh.setdefault(row_id, None)
        return self.refresh


def _chunks(cursor: sqlite3.Cursor) -> Iterator[list[Any]]:
    """A query's rows, CHUNK at a time."""
    while rows := cursor.fetchmany(CHUNK):
        yield rows


def _where_ids(conn: sqlite3.Connection, select: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """`select ... WHERE id IN (ids)` in one query. The ids travel as one JSON array, so the
    statement text (and SQLite's cached statement) is the same however many there are."""
    if not ids:
        return []
    where = " WHERE id IN (SELECT value FROM json_each(?))"
    return conn.execute(select + where, (json.dumps(list(ids)),)).fetchall()


def _stamps_of(table: str) -> str:
    """The query of a table's (id, hlc) stamps: which version of each record a file holds."""
    return f'SELECT id, hlc FROM "{table}"'


def _next_rows(conn: sqlite3.Connection, select: str, after: str) -> list[tuple[Any, ...]]:
    """The CHUNK rows of `select` whose ids come next after `after`, in key order."""
    return conn.execute(f"{select} WHERE id > ? ORDER BY id LIMIT ?", (after, CHUNK)).fetchall()


def _id_range(
    conn: sqlite3.Connection, select: str, first: str, last: str
) -> list[tuple[Any, ...]]:
    """`select ... WHERE id BETWEEN first AND last`, in key order."""
    return conn.execute(f"{select} WHERE id BETWEEN ? AND ? ORDER BY id", (first, last)).fetchall()


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
    target.observe_stamp(highest)


# ------------------------------------------------------------------ the log
def merge_history(cf: ChallengeFile) -> list[tuple[Row, SourceReport]]:
    """Past merges recorded in this file (and in files merged into it), newest first."""
    rows = cf.rows("merge_log", order_by="hlc DESC")
    return [(row, SourceReport.from_json(row["report"])) for row in rows]


@dataclass(frozen=True, slots=True)
class PastMerge:
    """One past merge as the Team page lists it: when (ISO) and what it brought."""

    merged_at: str
    report: SourceReport


def past_merges(cf: ChallengeFile) -> list[PastMerge]:
    """`merge_history` as typed values for the screen, newest first."""
    return [PastMerge(row["modified_at"], report) for row, report in merge_history(cf)]


def open_conflict_count(cf: ChallengeFile) -> int:
    """Open conflicts plus orphans (records whose parent was deleted elsewhere): what the
    review lists."""
    from peernotes.core import orphans

    listed = cf.conn.execute("SELECT count(*) FROM conflict WHERE status = 'open'").fetchone()[0]
    return listed + orphans.find(cf).total
