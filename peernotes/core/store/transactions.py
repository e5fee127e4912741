"""The store's transactions, its listeners and the settings of this copy of the file.

`transaction()` is the only way a write reaches the file: the outermost level is one
`BEGIN IMMEDIATE` ... `COMMIT`, inner levels join it, and listeners hear what changed
only after the outermost level commits. Storage failures become `SaveFailed` here, chosen by
SQLite's error code (peernotes.core.sqlite_errors).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from peernotes.core import locking, sqlite_errors
from peernotes.core.clock import shared_clock, unnamed_device
from peernotes.core.errors import SaveFailed
from peernotes.core.sqlite_errors import DATABASE_ERRORS, INTEGRITY_ERRORS, save_failed
from peernotes.core.store.change import Change, Listener, Row
from peernotes.core.store.connection import ReadOnlyCause

_UNREAD = object()  # TransactionalStore._peer before the transaction has read it


class TransactionalStore:
    """A connection with transactions, listeners and local settings; rows come one level up
    (peernotes.core.store.rows). Not thread-safe: use it from one thread."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        readonly: bool = False,
        device: str | None = None,
    ):
        """`device` names this laptop in every stamp (merge tells laptops apart by it); the
        caller passes it, the store never reads the user's data folder (clock.unnamed_device)."""
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.clock = shared_clock(device or unnamed_device())
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

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[Self]:
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

    def _save_high(self) -> None:
        """The clock's high mark, saved once as the transaction commits (rows.RowStore._touch
        keeps the newest stamp written)."""
        if self._high:
            self.conn.execute(
                "INSERT INTO local(key, value) VALUES ('hlc_high', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
                (self._high,),
            )

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

    @property
    def challenge_id(self) -> str | None:
        return self.meta("challenge_id")
