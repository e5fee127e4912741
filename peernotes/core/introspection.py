"""Reading a file's schema (tables, columns, keys, indexes) through sqlite-utils.

sqlite-utils (part of the product's stack) already turns SQLite's PRAGMA rows into named
values -- `Column.notnull`, `ForeignKey.other_table`, `Index.columns` -- so the core reads a
schema by name instead of unpacking PRAGMA tuples by position, and compound keys, quoting and
the pragmas' version differences are the library's to get right.

Only code off the hot paths uses it (the interchange's column spec, salvage): sqlite-utils
brings click, dateutil and pluggy (~100 ms), so it is imported when `database()` is first
called, never when the window starts or a file opens (`tests/ui/test_startup.py` checks).
The store's rows and transactions and merge's bulk writes stay raw (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


def database(conn: Any) -> Database:
    """sqlite-utils' view of an open connection (sqlite3 or SQLCipher), its state untouched.

    Not `Database(conn)` bare: that turns on `recursive_triggers` (the store's triggers would
    then also fire for rows a REPLACE removes, and from within each other) and loads
    sqlite-utils plugins into our connection. Reads raise the driver's own errors, as a direct `execute` would.
    """
    from sqlite_utils import Database

    return Database(conn, recursive_triggers=False, execute_plugins=False)
