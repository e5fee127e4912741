"""What Help › About and a support call need to know: versions of PeerNotes and of the
libraries a challenge file depends on, and the licence notices a bundle must ship.

Qt's version is added by the window (the core never imports Qt); everything else is here so
`peernotes --version` and the About box say the same thing.
"""

from __future__ import annotations

import platform
import sqlite3
from dataclasses import dataclass

from peernotes import LICENCE, __version__
from peernotes.paths import resources_dir

NOTICES_FILE = "THIRD-PARTY-NOTICES.txt"


@dataclass(frozen=True)
class AboutInfo:
    version: str
    licence: str
    python: str
    sqlite: str
    sqlcipher: str  # "not installed" when passphrase protection is unavailable


def sqlcipher_version() -> str:
    """SQLCipher's own version and the SQLite it is built on, or why there is none."""
    try:
        import sqlcipher3
    except ImportError:
        return "not installed"
    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    cipher = row[0] if row else "unknown"
    return f"{cipher} (SQLite {sqlcipher3.sqlite_version})"


def about_info() -> AboutInfo:
    return AboutInfo(
        version=__version__,
        licence=LICENCE,
        python=platform.python_version(),
        sqlite=sqlite3.sqlite_version,
        sqlcipher=sqlcipher_version(),
    )


def third_party_notices() -> str:
    """The notices shipped in resources/licenses, or a sentence saying where they should be."""
    path = resources_dir() / "licenses" / NOTICES_FILE
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"The third-party notices ({path}) are missing from this copy of PeerNotes."
