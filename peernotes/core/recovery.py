"""Salvage: read what can still be read from a damaged challenge file into a new one.

A file with a damaged page (a failing disk, a half-finished copy, a sync client's meddling)
usually still holds most of its rows. `salvage` never writes to the damaged file: it works on
a private copy, reads each table row by row in rowid order, steps over unreadable pages by
probing further rowids, and writes every row it can read -- ids, times and authors unchanged,
so the result still merges with the team's other copies -- into a new file. References to
rows that were lost are cleared (optional ones) or the referring link dropped (required
ones), so the new file is consistent and editable. The report says what was saved.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peernotes.core import bad_text, encryption, fileformat
from peernotes.core.errors import PeerNotesError
from peernotes.core.files import sidecars
from peernotes.core.introspection import database
from peernotes.core.schema import APPLICATION_ID
from peernotes.core.store import DB_ERRORS, ChallengeFile, fresh_files

if TYPE_CHECKING:
    from sqlite_utils import Database

# Tables whose rows are not data: SQLite's own, and the full-text indexes (virtual tables kept
# in step by triggers) with their shadow tables, which share the index's name as a prefix.
_SKIP_PREFIXES = ("sqlite_", "observation_fts", "finding_fts")
# Tables that reference others come after them (foreign keys are checked at the end anyway).
_FIRST = ("meta", "local", "framework", "heading", "challenge", "peer", "stakeholder_group")
_MAX_ROWID = 2**62


class RecoveryFailed(PeerNotesError):
    pass


@dataclass
class TableReport:
    saved: int = 0
    damaged_areas: int = 0  # unreadable stretches stepped over
    dropped: int = 0  # rows read but dropped because what they refer to was lost


@dataclass
class RecoveryReport:
    source: Path
    target: Path
    tables: dict[str, TableReport] = field(default_factory=dict)
    cleared_references: int = 0
    repaired_text: int = 0  # values with undecodable bytes, kept with U+FFFD in their place
    source_problems: list[str] = field(default_factory=list)

    @property
    def damaged(self) -> bool:
        return any(t.damaged_areas for t in self.tables.values()) or bool(self.source_problems)

    def saved(self, table: str) -> int:
        report = self.tables.get(table)
        return report.saved - report.dropped if report else 0

    def summary(self) -> str:
        parts = [
            f"{self.saved('observation')} observations",
            f"{self.saved('meeting')} meetings",
            f"{self.saved('person')} people",
            f"{self.saved('document')} documents",
            f"{self.saved('finding')} findings",
        ]
        text = f"Saved {', '.join(parts)} into {self.target.name}."
        areas = sum(t.damaged_areas for t in self.tables.values())
        if areas:
            text += f" {areas} damaged area{'s' if areas != 1 else ''} could not be read."
        if self.repaired_text:
            text += (
                f" {self.repaired_text} damaged text value{'s' if self.repaired_text != 1 else ''}"
                " could not be decoded and were kept with \ufffd in place of the bad bytes."
            )
        if self.cleared_references:
            text += f" {self.cleared_references} links to lost records were removed."
        return text


def problems(path: Path, passphrase: str | None = None, *, limit: int = 20) -> list[str]:
    """What SQLite's integrity check says about `path` ([] when sound). Reads a copy."""
    with _private_copy(path) as copy:
        conn = _open(copy, passphrase)
        try:
            rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
        except DB_ERRORS as error:
            return [str(error)]
        finally:
            conn.close()
    found = [r[0] for r in rows]
    return [] if found == ["ok"] else found


def looks_like_ours(path: Path) -> bool:
    """True when the header says PeerNotes (so a damaged file is worth salvaging)."""
    try:
        header = fileformat.read_header(Path(path))
    except OSError:
        return False
    if header is None:
        return encryption.is_encrypted(Path(path))
    return header.application_id == APPLICATION_ID


def salvage(
    source: Path, target: Path, passphrase: str | None = None, *, device: str | None = None
) -> RecoveryReport:
    """Copy every readable row of `source` into a new challenge file at `target`."""
    source, target = Path(source), Path(target)
    report = RecoveryReport(source, target)
    with _private_copy(source) as copy:
        conn = _open(copy, passphrase)
        repairs = bad_text.tolerate(conn)
        try:
            report.source_problems = _quick_problems(conn)
            source_db = database(conn)
            try:
                source_tables = _tables(source_db)
            except DB_ERRORS as error:
                raise RecoveryFailed(
                    f"{source.name} is too badly damaged to read even its list of tables "
                    f"({error}). Restore a backup instead."
                ) from error
            out = ChallengeFile.create(target, passphrase=passphrase, device=device)
            try:
                out.conn.execute("PRAGMA foreign_keys = OFF")
                target_db = database(out.conn)
                target_tables = _tables(target_db)
                order = [t for t in _FIRST if t in target_tables]
                order += sorted(t for t in target_tables if t not in order)
                for table in order:
                    if table not in source_tables:
                        continue
                    readable = set(_columns(source_db, table))
                    columns = [c for c in _columns(target_db, table) if c in readable]
                    if not columns:
                        continue
                    report.tables[table] = _copy_table(conn, out, table, columns)
                report.cleared_references = _repair_references(out, target_db, report)
                out.conn.execute("PRAGMA foreign_keys = ON")
                fresh_files.rebuild_search_indexes(out.conn)
                if not out.integrity_ok():
                    raise RecoveryFailed(f"The recovered file {target.name} did not verify.")
            except BaseException:
                out.close()
                for item in (target, *sidecars(target)):
                    item.unlink(missing_ok=True)
                raise
            out.close()
        finally:
            conn.close()
    report.repaired_text = repairs.count
    return report


# --------------------------------------------------------------------- reading
class _private_copy:
    """A temporary copy of a file (and its -wal), so reading never changes the original."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> Path:
        self._dir = tempfile.TemporaryDirectory(prefix="peernotes-recovery-")
        copy = Path(self._dir.name) / "copy.peernotes"
        shutil.copyfile(self.path, copy)
        wal = sidecars(self.path)[0]
        if wal.exists():
            shutil.copyfile(wal, sidecars(copy)[0])
        return copy

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()


def _open(path: Path, passphrase: str | None) -> Any:
    if passphrase is not None or encryption.is_encrypted(path):
        if passphrase is None:
            raise RecoveryFailed(
                f"{path.name} is protected: the passphrase is needed to recover it."
            )
        return encryption.connect(path, passphrase)
    return sqlite3.connect(str(path), isolation_level=None)


def _quick_problems(conn: Any) -> list[str]:
    try:
        found = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
    except DB_ERRORS as error:
        return [str(error)]
    return [] if found == ["ok"] else found


def _tables(db: Database) -> set[str]:
    """The tables holding data (a damaged file's list may fail to read: the caller says so)."""
    return {n for n in db.table_names() if not n.startswith(_SKIP_PREFIXES)}


def _columns(db: Database, table: str) -> list[str]:
    return [column.name for column in db.table(table).columns]


def _copy_table(conn: Any, out: ChallengeFile, table: str, columns: list[str]) -> TableReport:
    """Every readable row of `table`, ids, stamps and authors unchanged (the bulk API)."""
    report = TableReport()
    names = ", ".join(f'"{c}"' for c in columns)
    select = f'SELECT rowid, {names} FROM "{table}" NOT INDEXED'
    rows = (row[1:] for row in _readable_rows(conn, select, report))
    if table in ("meta", "local"):  # keys the new file already holds: the damaged file's win
        report.saved = out.insert_verbatim(table, columns, rows, existing="replace")
    else:
        report.saved = out.insert_verbatim(table, columns, rows, existing="ignore")
    return report


def _readable_rows(conn: Any, select: str, report: TableReport) -> Iterator[tuple[Any, ...]]:
    """Rows in rowid order, stepping over unreadable pages instead of stopping at the first."""
    after = -_MAX_ROWID
    while True:
        try:
            for row in conn.execute(f"{select} WHERE rowid > ? ORDER BY rowid", (after,)):
                after = row[0]
                yield row
            return
        except DB_ERRORS:
            report.damaged_areas += 1
        resumed = _resume_after(conn, select, after)
        if resumed is None:
            return
        gap_rows, after = resumed
        yield from gap_rows


def _resume_after(conn: Any, select: str, failed_after: int) -> tuple[list[tuple], int] | None:
    """Find the next readable row past a damaged stretch: probe rowids at doubling distances,
    then look back one by one over the stretch so no readable row is skipped.

    (Python's cursor reads one row ahead, so the row just before the damage comes back here.)
    """
    step = 1
    while failed_after + step < _MAX_ROWID:
        probe = failed_after + step
        try:
            row = conn.execute(
                f"{select} WHERE rowid >= ? ORDER BY rowid LIMIT 1", (probe,)
            ).fetchone()
        except DB_ERRORS:
            step *= 2
            continue
        found = []
        for rowid in range(failed_after + 1, min(probe, failed_after + 1 + 4096)):
            try:
                hit = conn.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchone()
            except DB_ERRORS:
                continue
            if hit is not None:
                found.append(hit)
        if row is None:
            return (found, found[-1][0]) if found else None
        found.append(row)
        return found, row[0]
    return None


# ----------------------------------------------------------------- consistency
def _repair_references(out: ChallengeFile, target: Database, report: RecoveryReport) -> int:
    """Clear optional references to lost rows; drop rows whose required reference was lost."""
    cleared = 0
    for _round in range(10):
        broken = out.conn.execute("PRAGMA foreign_key_check").fetchall()
        if not broken:
            break
        with out.transaction():
            for table, rowid, _parent, fkid in broken:
                column, required = _fk_column(target, table, fkid)
                if required:
                    fresh_files.drop_by_rowid(out.conn, table, rowid)
                    report.tables.setdefault(table, TableReport()).dropped += 1
                else:
                    fresh_files.clear_reference(out.conn, table, column, rowid)
                cleared += 1
    return cleared


def _fk_column(target: Database, table: str, fkid: int) -> tuple[str, bool]:
    """The column of the key `PRAGMA foreign_key_check` numbers `fkid`, and whether it is
    required. sqlite-utils lists a table's keys in SQLite's own numbering (0, 1, ...)."""
    keys = target.table(table).foreign_keys
    if not 0 <= fkid < len(keys):  # pragma: no cover - SQLite names every key it reports
        raise RecoveryFailed(f"unknown foreign key {fkid} on {table}")
    column = keys[fkid].columns[0]
    required = {c.name: c.notnull for c in target.table(table).columns}
    return column, bool(required.get(column))
