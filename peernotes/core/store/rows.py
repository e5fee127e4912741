"""The stamped row API: every write stamps who, when and the HLC, keeps the earlier version in
`history`, runs in one transaction and is reported to listeners.

Domain rules live one level up (peernotes.core.records); this module knows only rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from peernotes.core.errors import NotAPeerNotesFile, NotFound
from peernotes.core.ids import link_id, new_id
from peernotes.core.schema import BOOKKEEPING_COLUMNS, SYNCED_TABLES
from peernotes.core.store.change import Row, utc_now
from peernotes.core.store.transactions import TransactionalStore

if TYPE_CHECKING:
    from peernotes.core.store.challenge_file import ChallengeFile


class RowStore(TransactionalStore):
    """Generic reads and stamped writes of the synced tables."""

    def set_current_peer(self, peer_id: str) -> None:
        self.get("peer", peer_id, required=True)
        self.set_local("current_peer_id", peer_id)

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
            # an edit of a field-merged row: see versions.settle (self is the ChallengeFile)
            settle(cast("ChallengeFile", self), table, current)
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
