"""The challenge file: one SQLite database per peer challenge, and the only code that writes it.

`ChallengeFile` opens (refusing foreign, damaged and too-new files without touching them),
migrates, and offers a small generic record API -- insert, update, delete (tombstone),
undelete -- that stamps every row with who/when/HLC, keeps earlier versions in `history`,
runs each call in one transaction and tells listeners what changed after it commits.
Domain rules live one level up (peernotes.core.records); this module knows only rows.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peernotes import __version__, paths
from peernotes.core import fileformat, locking, sqlite_errors
from peernotes.core import readonly as readonly_state
from peernotes.core.clock import shared_clock
from peernotes.core.errors import FileRefused, NotAPeerNotesFile, NotFound, SaveFailed
from peernotes.core.files import (
    SHM,
    WAL,
    all_companions,
    companion,
    remove_with_companions,
    sidecars,
)
from peernotes.core.ids import link_id, new_id
from peernotes.core.schema import (
    BOOKKEEPING_COLUMNS,
    SCHEMA_VERSION,
    SYNCED_TABLES,
    migrate,
)
from peernotes.core.sqlite_errors import (
    DATABASE_ERRORS,
    DB_ERRORS,
    INTEGRITY_ERRORS,
    save_failed,
)

if TYPE_CHECKING:
    import sqlite_utils

Row = dict[str, Any]
_UNREAD = object()  # ChallengeFile._peer before the transaction has read it


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Change:
    """What one committed transaction changed: {table: {ids}}. Screens decide what to refresh."""

    tables: dict[str, set[str]] = field(default_factory=dict)
    # Tables that gained rows too many to list (a merge's new rows): their ids are not kept,
    # so a merge's memory does not grow with what comes in. Such a table is in `tables` too
    # (maybe with no ids): screens showing it re-read it whole.
    bulk: set[str] = field(default_factory=set)

    def add(self, table: str, row_id: str) -> None:
        self.tables.setdefault(table, set()).add(row_id)

    def add_bulk(self, table: str) -> None:
        self.tables.setdefault(table, set())
        self.bulk.add(table)

    def touches(self, *tables: str) -> bool:
        return any(t in self.tables for t in tables)


Listener = Callable[[Change], None]


class ReadOnlyCause(StrEnum):
    """Why a file asked for writing opened read-only (`ChallengeFile.readonly_cause`)."""

    PERMISSIONS = "permissions"  # the file, its folder or the medium cannot be written
    BUSY = "busy"  # another PeerNotes process holds the writer's lock
    MISSING_WAL = "missing_wal"  # copied while open without its -wal


class ChallengeFile:
    """An open challenge file. Not thread-safe: use it from one thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, readonly: bool = False):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.clock = shared_clock(paths.device_id())
        self._listeners: list[Listener] = []
        self._depth = 0
        self._broken = False  # an inner level of the open transaction failed
        self._peer: str | None | object = _UNREAD  # current_peer_id, read once a transaction
        self._high = ""  # the newest HLC stamp written in the open transaction
        self._pending = Change()
        self._columns: dict[str, tuple[str, ...]] = {}
        self._captures: list[dict[tuple[str, str], Row | None]] = []
        self.lock: locking.FileLock | None = None  # the writer's lock (peernotes.core.locking)
        self.readonly_reason: str | None = None  # why a file asked for writing opened read-only
        self.readonly_cause: ReadOnlyCause | None = None  # the same, for code to test
        self._tidy_on_close = False
        self.clock.observe(self.local("hlc_high"))

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        readonly: bool = False,
        passphrase: str | None = None,
        before_migration: Callable[[Path], None] | None = None,
        accept_missing_wal: bool = False,
        check_integrity: bool = False,
    ) -> ChallengeFile:
        """Open an existing file, refusing (untouched) anything that is not ours or too new.

        A file that was copied while open without its -wal opens read-only (readonly_reason
        says why) unless `accept_missing_wal` (the user chose to carry on without it).
        `check_integrity` runs SQLite's quick check before anything is written (DamagedFile)."""
        path = Path(path)
        fileformat.check_openable(path, encrypted_ok=passphrase is not None)
        wal_present = companion(path, WAL).exists()
        reason, cause = None, None
        if not readonly and not _writable(path):
            readonly, cause = True, ReadOnlyCause.PERMISSIONS
            reason = readonly_state.reason(path)
        lock = None
        if not readonly:
            lock = locking.acquire(path)
            if lock is None:
                readonly, reason = True, locking.busy_message(path)
                cause = ReadOnlyCause.BUSY
        before = {p for p in all_companions(path) if p.exists()}
        try:
            conn = _connect(path, passphrase, readonly=readonly)
        except BaseException as error:
            _abandon_open(None, lock, path, before)
            if isinstance(error, DB_ERRORS) and not readonly:
                raise sqlite_errors.open_failed(error, path) from error
            raise
        try:
            _verify_connection(conn, path)
            if check_integrity:
                _check_integrity(conn, path)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                if readonly:
                    raise FileRefused(
                        f"{path} was made by an older PeerNotes and must be upgraded, but it is "
                        "read-only. Copy it somewhere writable and open the copy."
                    )
                if before_migration is not None:
                    before_migration(path)
                migrate(conn)
            cf = cls(conn, path, readonly=readonly)
            if not readonly:
                if not wal_present and not accept_missing_wal and locking.left_open(conn):
                    cf.readonly, reason = True, locking.missing_wal_message(path)
                    cause = ReadOnlyCause.MISSING_WAL
                else:
                    locking.mark_open(conn)
        except BaseException as error:
            _abandon_open(conn, lock, path, before)
            if isinstance(error, DB_ERRORS) and not readonly:
                raise sqlite_errors.open_failed(error, path) from error
            raise
        cf.lock, cf.readonly_reason, cf.readonly_cause = lock, reason, cause
        # A read-only look at a closed file (export, check, a read-only window) makes SQLite
        # create -wal and -shm beside it, which a read-only connection cannot remove.
        cf._tidy_on_close = readonly and not wal_present and passphrase is None
        return cf

    @classmethod
    def create(cls, path: str | Path | None, *, passphrase: str | None = None) -> ChallengeFile:
        """A new, empty challenge file (schema only). Use peernotes.core.records.new_challenge
        to fill in the challenge itself. `path=None` makes an in-memory file (tests)."""
        if path is not None:
            path = Path(path)
            if path.exists():
                raise FileRefused(f"{path} already exists; PeerNotes will not overwrite it.")
            path.parent.mkdir(parents=True, exist_ok=True)
            from peernotes.core.privacy import create_private_file

            create_private_file(path)  # owner-only from the first byte (SQLite keeps the mode)
        conn, lock = None, None
        try:
            conn = _connect(path, passphrase, readonly=False)
            migrate(conn)
            cf = cls(conn, path)
            cf.lock = lock = locking.acquire(path) if path is not None else None
            if path is not None:
                locking.mark_open(conn)
            with cf.transaction():
                conn.execute("INSERT INTO meta(key, value) VALUES ('app', 'PeerNotes')")
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('created_with', ?)", (__version__,)
                )
            if path is not None:
                # Until a checkpoint the main file is 0 bytes and its header lives in the -wal:
                # a second window, a backup tool or a copy would see an empty file, not ours.
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except BaseException as error:
            _abandon_new(conn, lock, path)
            if isinstance(error, DB_ERRORS):
                raise sqlite_errors.create_failed(error, path) from error
            raise
        return cf

    def close(self) -> None:
        try:
            if not self.readonly:
                if self.lock is not None:
                    locking.mark_closed(self.conn)
                self.conn.execute("PRAGMA optimize")
        except DB_ERRORS:
            pass
        self.conn.close()
        if self.lock is not None:
            lock = self.lock
            self.lock = None
            lock.release()
        if self._tidy_on_close and self.path is not None:
            _remove_companions(self.path)

    def __enter__(self) -> ChallengeFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[ChallengeFile]:
        """One transaction. Listeners hear of it after it commits.

        A transaction opened inside another joins it (no savepoint): a save is then one
        BEGIN ... COMMIT however many layers (undo capture, domain operation, row writes) each
        say "one transaction". An error leaving an inner level rolls the whole outer
        transaction back, even if a caller catches it: nothing half-done is ever committed."""
        if self.readonly:
            raise SaveFailed(
                f"{self.path} is open read-only (another window has it, or the file is "
                "read-only): changes cannot be saved."
            )
        if self._depth:
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._broken = True
                raise
            finally:
                self._depth -= 1
            return
        self._depth, self._broken, self._peer, self._high = 1, False, _UNREAD, ""
        try:
            try:
                with self._atomic():
                    yield self
                    self._save_high()
                    if self._broken:
                        raise SaveFailed(
                            "A change could not be saved as a whole, so nothing was changed."
                        )
            except DATABASE_ERRORS as error:
                if isinstance(error, INTEGRITY_ERRORS) or sqlite_errors.code_of(error) is None:
                    raise  # a constraint, or Python's driver (undecodable text): not a save
                raise save_failed(error, self.path) from error
        except BaseException:
            self._pending = Change()
            raise
        finally:
            self._depth, self._peer = 0, _UNREAD
        change, self._pending = self._pending, Change()
        if change.tables:
            for listener in list(self._listeners):
                listener(change)

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection. Imported on first use: it brings click,
        dateutil and pluggy, a seventh of the app's start-up."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """The transaction starts with BEGIN IMMEDIATE: a second process writing the same file
        then waits (busy_timeout) instead of failing with "database is locked" when its read
        turns into a write after the other committed."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # ------------------------------------------------------------------ local
    def local(self, key: str) -> str | None:
        """Settings of this copy of the file on this laptop (never merged)."""
        row = self.conn.execute("SELECT value FROM local WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_local(self, key: str, value: str | None) -> None:
        self._peer = _UNREAD
        with self.transaction():
            self.conn.execute(
                "INSERT INTO local(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @property
    def peer_id(self) -> str | None:
        """The peer whose edits this laptop records (asked at creation: "who are you?")."""
        if self._peer is _UNREAD or not self._depth:
            peer = self.local("current_peer_id")
            if self._depth:
                self._peer = peer
            return peer
        return self._peer  # type: ignore[return-value]

    def set_current_peer(self, peer_id: str) -> None:
        self.get("peer", peer_id, required=True)
        self.set_local("current_peer_id", peer_id)

    @property
    def challenge_id(self) -> str | None:
        return self.meta("challenge_id")

    # ----------------------------------------------------------------- reading
    def columns(self, table: str) -> tuple[str, ...]:
        if table not in self._columns:
            self._columns[table] = tuple(
                r[1] for r in self.conn.execute(f"PRAGMA table_info({_ident(table)})")
            )
        return self._columns[table]

    def get(
        self, table: str, row_id: str, *, include_deleted: bool = False, required: bool = False
    ) -> Row | None:
        cursor = self.conn.execute(f"SELECT * FROM {_ident(table)} WHERE id = ?", (row_id,))
        row = _as_dict(cursor, cursor.fetchone())
        if row is not None and row["deleted"] and not include_deleted:
            row = None
        if row is None and required:
            raise NotFound(f"No {table.replace('_', ' ')} with id {row_id} in this challenge.")
        return row

    def rows(
        self,
        table: str,
        where: str = "",
        params: Sequence[Any] = (),
        *,
        order_by: str | None = None,
        include_deleted: bool = False,
    ) -> list[Row]:
        clauses = [] if include_deleted else ["deleted = 0"]
        if where:
            clauses.append(f"({where})")
        sql = f"SELECT * FROM {_ident(table)}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order_by:
            sql += f" ORDER BY {order_by}"
        return self.query(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def count(self, table: str, where: str = "", params: Sequence[Any] = ()) -> int:
        sql = f"SELECT count(*) FROM {_ident(table)} WHERE deleted = 0"
        if where:
            sql += f" AND ({where})"
        return self.conn.execute(sql, params).fetchone()[0]

    # ----------------------------------------------------------------- writing
    def _stamp(self) -> tuple[str, str, str | None]:
        stamp = self.clock.now()
        return stamp, utc_now(), self.peer_id

    def insert(self, table: str, values: dict[str, Any], *, row_id: str | None = None) -> str:
        """Create a row; returns its id. Bookkeeping columns are filled in here."""
        _check_synced(table)
        stamp, now, peer = self._stamp()
        row = dict(values)
        row["id"] = row_id or row.get("id") or new_id()
        row.update(created_at=now, created_by=peer, modified_at=now, modified_by=peer, hlc=stamp)
        row.setdefault("deleted", 0)
        self._check_columns(table, row)
        names = list(row)
        sql = (
            f"INSERT INTO {_ident(table)} ({', '.join(map(_ident, names))}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        with self.transaction():
            self.conn.execute(sql, [row[n] for n in names])
            self._touch(table, row["id"], stamp)
            self._captured(table, row["id"], None)
        return row["id"]

    def insert_many(self, table: str, rows: Sequence[dict[str, Any]]) -> list[str]:
        """Create many rows of one table at once, each stamped exactly as `insert` stamps it
        (for bulk writers such as the demo generator). All rows name the same columns."""
        _check_synced(table)
        peer = self.peer_id
        prepared = []
        for values in rows:
            stamp, now = self.clock.now(), utc_now()
            row = dict(values)
            row["id"] = row.get("id") or new_id()
            row.update(
                created_at=now, created_by=peer, modified_at=now, modified_by=peer, hlc=stamp
            )
            row.setdefault("deleted", 0)
            prepared.append(row)
        if not prepared:
            return []
        names = list(prepared[0])
        self._check_columns(table, prepared[0])
        if any(list(row) != names for row in prepared):
            raise ValueError("insert_many: every row must name the same columns")
        sql = (
            f"INSERT INTO {_ident(table)} ({', '.join(map(_ident, names))}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        with self.transaction():
            self.conn.executemany(sql, ([row[n] for n in names] for row in prepared))
            self._touch(table, prepared[-1]["id"], prepared[-1]["hlc"])
            for row in prepared:
                self._pending.add(table, row["id"])
                self._captured(table, row["id"], None)
        return [row["id"] for row in prepared]

    def link(self, table: str, values: dict[str, Any], ends: Sequence[str]) -> str:
        """Create (or revive) a link row whose id is derived from its ends, so the same link
        made on two laptops merges into one."""
        row_id = link_id(table, *ends)
        existing = self.get(table, row_id, include_deleted=True)
        if existing is None:
            return self.insert(table, values, row_id=row_id)
        changes = {k: v for k, v in values.items() if existing.get(k) != v}
        if existing["deleted"]:
            changes["deleted"] = 0
        if changes:
            self._write_update(table, existing, changes)
        return row_id

    def update(self, table: str, row_id: str, changes: dict[str, Any]) -> bool:
        """Change some fields of a live row. Returns False (and writes nothing) for a no-op."""
        _check_synced(table)
        current = self.get(table, row_id, required=True)
        assert current is not None
        real = {k: v for k, v in changes.items() if current.get(k) != v}
        if not real:
            return False
        self._check_columns(table, real)
        if set(real) & set(BOOKKEEPING_COLUMNS):
            raise ValueError("bookkeeping columns are not updated directly")
        self._write_update(table, current, real)
        return True

    def delete(self, table: str, row_id: str) -> bool:
        """Tombstone a row (it stays in the file so the deletion can be merged and undone)."""
        current = self.get(table, row_id)
        if current is None:
            return False
        self._write_update(table, current, {"deleted": 1})
        return True

    def undelete(self, table: str, row_id: str) -> bool:
        current = self.get(table, row_id, include_deleted=True, required=True)
        assert current is not None
        if not current["deleted"]:
            return False
        self._write_update(table, current, {"deleted": 0})
        return True

    def _write_update(self, table: str, current: Row, changes: dict[str, Any]) -> None:
        from peernotes.core.versions import settle  # versions builds on this module

        with self.transaction():
            settle(self, table, current)  # an edit of a field-merged row: see versions.settle
            self._write_version(table, current, changes)

    def _write_version(self, table: str, current: Row, changes: dict[str, Any]) -> None:
        stamp, now, peer = self._stamp()
        values = dict(changes, modified_at=now, modified_by=peer, hlc=stamp)
        values["base_hlc"] = current["hlc"]  # the version this edit was made on (merge)
        assignments = ", ".join(f"{_ident(k)} = ?" for k in values)
        with self.transaction():
            self.conn.execute(
                f"UPDATE {_ident(table)} SET {assignments} WHERE id = ?",
                [*values.values(), current["id"]],
            )
            self._captured(table, current["id"], current)
            self.record_history(table, current)
            self._touch(table, current["id"], stamp)

    def record_history(self, table: str, version: Row) -> None:
        """Keep a version of a row (idempotent: one history row per row and HLC stamp)."""
        self.conn.execute(
            "INSERT OR IGNORE INTO history(id, table_name, row_id, hlc, modified_at, modified_by, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                link_id("history", table, version["id"], version["hlc"]),
                table,
                version["id"],
                version["hlc"],
                version["modified_at"],
                version["modified_by"],
                json.dumps(version, sort_keys=True, ensure_ascii=False),
            ),
        )

    def history(self, table: str, row_id: str) -> list[Row]:
        """Earlier versions of a row, oldest first, each with its data decoded."""
        rows = self.query(
            "SELECT * FROM history WHERE table_name = ? AND row_id = ? ORDER BY hlc",
            (table, row_id),
        )
        for row in rows:
            row["data"] = json.loads(row["data"])
        return rows

    def _touch(self, table: str, row_id: str, stamp: str) -> None:
        """A row was written with `stamp`: listeners will hear of it, and the clock's high
        mark is saved once, as the transaction commits (`_save_high`)."""
        self._high = max(self._high, stamp)
        self._pending.add(table, row_id)

    def _save_high(self) -> None:
        if self._high:
            self.conn.execute(
                "INSERT INTO local(key, value) VALUES ('hlc_high', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
                (self._high,),
            )

    def note_change(self, table: str, row_id: str) -> None:
        """For writers outside this class (merge): report a row as changed to listeners."""
        self._pending.add(table, row_id)

    def note_new_rows(self, table: str) -> None:
        """For writers outside this class (merge): rows were added to `table`, too many to
        list; listeners re-read the table (Change.bulk)."""
        self._pending.add_bulk(table)

    def _check_columns(self, table: str, row: dict[str, Any]) -> None:
        unknown = set(row) - set(self.columns(table))
        if unknown:
            raise ValueError(f"{table} has no column(s) {', '.join(sorted(unknown))}")

    # -------------------------------------------------------------- undo support
    @contextmanager
    def capture(self) -> Iterator[dict[tuple[str, str], Row | None]]:
        """Record the state before the first touch of every row written inside the block:
        {(table, id): row before, or None for a row created}. Undo restores these."""
        touched: dict[tuple[str, str], Row | None] = {}
        self._captures.append(touched)
        try:
            yield touched
        finally:
            self._captures.remove(touched)

    def _captured(self, table: str, row_id: str, before: Row | None) -> None:
        for touched in self._captures:
            touched.setdefault((table, row_id), before)

    def restore_version(self, table: str, row_id: str, version: Row | None) -> None:
        """Make a row look like `version` again (None = as if never created: tombstoned),
        written as a new edit so it merges like any other."""
        current = self.get(table, row_id, include_deleted=True)
        if current is None:
            if version is not None:
                values = {k: v for k, v in version.items() if k not in BOOKKEEPING_COLUMNS}
                values["deleted"] = version.get("deleted", 0)
                self.insert(table, values, row_id=row_id)
            return
        if version is None:
            wanted = {"deleted": 1}
        else:
            wanted = {
                k: v
                for k, v in version.items()
                if k in self.columns(table) and k not in BOOKKEEPING_COLUMNS
            }
            wanted["deleted"] = version["deleted"]
        changes = {k: v for k, v in wanted.items() if current.get(k) != v}
        if changes:
            self._write_update(table, current, changes)

    # ----------------------------------------------------------------- helpers
    def challenge(self) -> Row:
        rows = self.rows("challenge")
        if not rows:
            raise NotAPeerNotesFile(f"{self.path} holds no challenge (an unfinished new file?).")
        return rows[0]

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


# --------------------------------------------------------------------- internals
def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad identifier {name!r}")
    return f'"{name}"'


def _check_synced(table: str) -> None:
    if table not in SYNCED_TABLES:
        raise ValueError(f"{table} is not a record table")


def _as_dict(cursor: sqlite3.Cursor, row: tuple | None) -> Row | None:
    if row is None:
        return None
    return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}


_writable = readonly_state.writable


def _abandon_new(
    conn: sqlite3.Connection | None, lock: locking.FileLock | None, path: Path | None
) -> None:
    """A new file that could not be completed: close it and remove it and its companions,
    so nothing half-made is left under the chosen name."""
    if conn is not None:
        try:
            conn.close()
        except DB_ERRORS:
            pass
    if lock is not None:
        lock.release()
    if path is not None:
        remove_with_companions(path)


def _abandon_open(
    conn: sqlite3.Connection | None,
    lock: locking.FileLock | None,
    path: Path,
    existed: set[Path],
) -> None:
    """An open that failed: close, release the lock, and remove the -wal/-shm that this very
    attempt created (only while holding the writer's lock: nobody else can be using them)."""
    if conn is not None:
        try:
            conn.close()
        except DB_ERRORS:
            pass
    if lock is not None:
        if lock.fd is not None:
            for made in set(sidecars(path)) - existed:
                try:  # the -shm never holds saved data; a -wal only once it has content
                    if made.exists() and (made.name.endswith(SHM) or made.stat().st_size == 0):
                        made.unlink()
                except OSError:
                    pass
        lock.release()


def _remove_companions(path: Path) -> None:
    """Let SQLite remove the empty -wal/-shm a read-only look left beside a file.

    Only SQLite knows whether another connection still uses them, so a brief read-write
    connection is opened and closed: as the last one it checkpoints nothing and deletes both;
    if anyone else has the file open, it leaves them. The file's content is not changed."""
    wal = companion(path, WAL)
    if not wal.exists() or not _writable(path):
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0.2)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # busy or unreadable: the companions stay, as SQLite left them


def _connect(path: Path | None, passphrase: str | None, *, readonly: bool) -> sqlite3.Connection:
    """A connection with our pragmas: WAL, foreign keys, a busy timeout, durable commits."""
    if passphrase is not None:
        from peernotes.core import encryption

        conn = encryption.connect(path, passphrase, readonly=readonly)
    elif path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
    elif readonly:
        conn = readonly_state.reading_connection(path)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    if path is not None and not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk before save() returns, even if power is lost next.
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _verify_connection(conn: sqlite3.Connection, path: Path) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except DATABASE_ERRORS as error:
        refused = readonly_state.refusal(error, path)
        if refused is not None:
            raise refused from error
        raise NotAPeerNotesFile(
            f"{path} cannot be read as a PeerNotes file ({error}). Nothing was changed."
        ) from error
    from peernotes.core.schema import APPLICATION_ID

    if app_id != APPLICATION_ID:
        raise NotAPeerNotesFile(f"{path} is not a PeerNotes file. Nothing was changed.")
    if version > SCHEMA_VERSION:
        from peernotes.core.errors import TooNewFile

        raise TooNewFile(str(path), version, SCHEMA_VERSION)


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    from peernotes.core.errors import DamagedFile

    try:
        found = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    except DATABASE_ERRORS as error:
        found = [str(error)]
    if found != ["ok"]:
        raise DamagedFile(f"{path} is damaged ({found[0]}). Nothing was changed.")
