"""Text that cannot be decoded: damage PeerNotes survives instead of crashing on.

SQLite stores whatever bytes it is given; one invalid UTF-8 byte in one row (bit rot, another
tool writing the file) makes Python's sqlite3 raise on every read of that row, so an export
or a salvage stopped at the first one. `tolerate` makes a connection decode such values with
U+FFFD (the replacement character, visible as �) in place of the bad bytes and counts them,
so exports finish and say so. It costs a Python call per text value, so only the paths that
must read everything (exports, check, recovery) use it. `find` names the damaged values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

REPLACEMENT = "\ufffd"


@dataclass
class Repairs:
    """How many text values a tolerant connection had to decode with replacements."""

    count: int = 0
    on_first: Callable[[], None] | None = None  # told once, at the first repair (the window)

    def note(self) -> str:
        plural = "s" if self.count != 1 else ""
        return (
            f"note: {self.count} text value{plural} in the challenge file could not be "
            f"decoded (damaged bytes); they were written with {REPLACEMENT} in place of the "
            "bad bytes. Run 'peernotes check' on the file to see where."
        )


def _decoder(repairs: Repairs) -> Callable[[bytes], str]:
    def decode(raw: bytes) -> str:
        try:
            return str(raw, "utf-8")
        except UnicodeDecodeError:
            repairs.count += 1
            if repairs.count == 1 and repairs.on_first is not None:
                repairs.on_first()
            return raw.decode("utf-8", errors="replace")

    return decode


def tolerate(conn: Any, on_first: Callable[[], None] | None = None) -> Repairs:
    """Make `conn` decode undecodable text with U+FFFD; the returned Repairs counts them.

    `on_first` is called at the first repair, inside SQLite's read: it must only schedule
    (the window queues a message), never query the connection."""
    repairs = Repairs(on_first=on_first)
    conn.text_factory = _decoder(repairs)
    return repairs


@dataclass(frozen=True)
class BadText:
    table: str
    row: str  # the record's id, or its rowid when the table has no id
    column: str

    def __str__(self) -> str:
        return f"{self.table.replace('_', ' ')} {self.row} ({self.column})"


def find(conn: Any, *, limit: int = 20) -> list[BadText]:
    """The first `limit` stored text values that are not valid UTF-8, naming their records."""
    found: list[BadText] = []
    previous = conn.text_factory
    conn.text_factory = bytes
    try:
        for table in _tables(conn):
            columns = [_text(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')]
            key = "id" if "id" in columns else "rowid"
            for column in columns:
                select = (
                    f'SELECT {key}, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\''
                )
                for row_key, raw in conn.execute(select):
                    try:
                        str(raw, "utf-8")
                    except UnicodeDecodeError:
                        name = (
                            row_key.decode("utf-8", "replace")
                            if isinstance(row_key, bytes)
                            else str(row_key)
                        )
                        found.append(BadText(table, name, column))
                        if len(found) >= limit:
                            return found
    finally:
        conn.text_factory = previous
    return found


def _tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%_fts%' ORDER BY name"
    ).fetchall()
    return [_text(r[0]) for r in rows]


def _text(value: Any) -> str:
    """A name or id read while the connection returns bytes."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
