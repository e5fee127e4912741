"""Schema steps 6 and 8 escape the text already stored, so it prints as before under new
markup. A landed step never changes: these upgrades of the frozen v5 and v7 fixtures, with
text planted that each escape must touch, must come out the same to the byte, whatever is
refactored around the steps (their shared loop in `core/schema_text.py`)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from peernotes.core.schema import migrate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PLANTED = [
    "Strong *leadership* at C:\\council\\plans",
    '- a list-like line\n  - indented\nplain "quoted" and ""doubled"" text',
    'a) first lettered\n\\b) already escaped\nsaid ""yes"" then \\"x\\" and \\* kept',
]
# The whole upgraded file's rows (every table but the search indexes), and the row changes
# the upgrade made, measured when the steps were last changed on purpose.
EXPECTED = {
    5: ("10e0fb77919842a6be92423969aa5c7a6eb2411b603a135e4c0d9f201a0fa676", 76),
    7: ("5890760490c409625796831bf001a29eefc948f6e56f74bc46f171beeae4d485", 21),
}


def _planted_upgrade(tmp_path: Path, version: int) -> sqlite3.Connection:
    path = tmp_path / f"v{version}.peernotes"
    shutil.copy(FIXTURES / f"challenge-v{version}.peernotes", path)
    conn = sqlite3.connect(path, isolation_level=None)
    ids = [r[0] for r in conn.execute("SELECT id FROM finding ORDER BY id LIMIT 3")]
    for row_id, text in zip(ids, PLANTED, strict=True):
        conn.execute(
            "UPDATE finding SET statement = ?, narrative = ? WHERE id = ?",
            (text, text[::-1], row_id),
        )
    conn.execute(
        "UPDATE setting SET value = ? WHERE key = 'letter.purpose'", (json.dumps(PLANTED[0]),)
    )
    conn.execute(
        "UPDATE setting SET value = ? WHERE key = 'letter.salutation'", (json.dumps(PLANTED[2]),)
    )
    if version >= 6:
        blocks = [r[0] for r in conn.execute("SELECT id FROM letter_block ORDER BY id LIMIT 3")]
        for row_id, text in zip(blocks, PLANTED, strict=True):
            conn.execute("UPDATE letter_block SET text = ? WHERE id = ?", (text, row_id))
    return conn


def _digest(conn: sqlite3.Connection) -> str:
    digest = hashlib.sha256()
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%fts%' ORDER BY name"
        )
    ]
    for table in tables:
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(json.dumps([table, *row], ensure_ascii=False).encode())
    return digest.hexdigest()


@pytest.mark.parametrize("version", sorted(EXPECTED))
def test_the_escaping_steps_upgrade_a_frozen_file_exactly_as_they_shipped(
    tmp_path: Path, version: int
) -> None:
    """A team's older file upgraded today holds exactly what it held when steps 6 and 8
    shipped. If this failed, a letter's text (a list-like line, a quote, a lettered item)
    would print differently depending on which PeerNotes upgraded the file."""
    conn = _planted_upgrade(tmp_path, version)
    before = conn.total_changes
    migrate(conn, 8)
    changes = conn.total_changes - before
    statement = conn.execute(
        "SELECT statement FROM finding ORDER BY id LIMIT 1 OFFSET 2"
    ).fetchone()[0]
    assert statement == (
        '\\a) first lettered\n\\\\b) already escaped\nsaid \\"\\"yes\\"\\" then '
        + ('\\\\"x\\\\" and \\\\\\* kept' if version < 6 else '\\\\"x\\\\" and \\* kept')
    )
    assert (_digest(conn), changes) == EXPECTED[version]
    conn.close()
