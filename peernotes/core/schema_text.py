"""The loop schema steps 6 and 8 share: the stored text the letter prints through the markup
(findings' statements and narratives, the outline's blocks, the letter settings' text),
escaped once with the step's own frozen escape function.

Frozen like the steps that use it: which rows it reads, in which order, and which it writes
must never change, or an older file upgraded today would differ from one upgraded when the
step shipped (tests/core/test_migration_escapes.py holds two upgraded fixtures to the byte).
A later step with new marks passes its own escape function and setting keys; it never edits
this loop.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence


def escape_stored_texts(
    conn: sqlite3.Connection,
    escape: Callable[[str], str],
    settings: Sequence[str],
    *,
    letter_blocks: bool,
) -> None:
    """Findings, then (when the step covers them) letter blocks, then the letter settings
    named in `settings`: each text `escape` changes is written back; the rest is untouched."""
    for row_id, statement, narrative in conn.execute(
        "SELECT id, statement, narrative FROM finding"
    ).fetchall():
        new = (escape(statement), escape(narrative or ""))
        if new != (statement, narrative or ""):
            conn.execute(
                "UPDATE finding SET statement = ?, narrative = ? WHERE id = ?", (*new, row_id)
            )
    if letter_blocks:
        for row_id, text in conn.execute("SELECT id, text FROM letter_block").fetchall():
            if escape(text) != text:
                conn.execute(
                    "UPDATE letter_block SET text = ? WHERE id = ?", (escape(text), row_id)
                )
    names = tuple(f"letter.{n}" for n in settings)
    marks = ", ".join("?" for _ in names)
    for row_id, value in conn.execute(
        f"SELECT id, value FROM setting WHERE key IN ({marks})", names
    ).fetchall():
        try:
            decoded = json.loads(value)
        except ValueError:
            continue
        if isinstance(decoded, str) and escape(decoded) != decoded:
            encoded = json.dumps(escape(decoded), ensure_ascii=False, sort_keys=True)
            conn.execute("UPDATE setting SET value = ? WHERE id = ?", (encoded, row_id))
