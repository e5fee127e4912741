"""Schema step 8: a file from version 7 whose text already holds `""` or "a) " lines prints
exactly as before, and its findings are not prose only until someone says so."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from peernotes.core import markup
from peernotes.core.ids import link_id
from peernotes.core.rollup import rollup
from peernotes.core.store import ChallengeFile

V7 = Path(__file__).parent.parent / "fixtures" / "challenge-v7.peernotes"
STATEMENT = 'They said ""fine"" twice'
NARRATIVE = "Two points:\na) first\n\\b) second"
SETTING = 'Thanks to ""all""\nc) staff'


def test_version_7_text_with_the_new_marks_prints_as_before(tmp_path):
    """Typed before `""` and "a) " meant anything: after the upgrade the letter shows the
    same characters, no quote styling, no lettered list; prose only is off."""
    path = tmp_path / "v7.peernotes"
    shutil.copy(V7, path)
    with sqlite3.connect(path) as conn:
        finding_id = conn.execute("SELECT id FROM finding ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute(
            "UPDATE finding SET statement = ?, narrative = ? WHERE id = ?",
            (STATEMENT, NARRATIVE, finding_id),
        )
        conn.execute(
            "INSERT INTO setting (id, created_at, modified_at, hlc, deleted, key, value) "
            "VALUES (?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', "
            "'0000000000001.00000.x', 0, 'letter.acknowledgements', ?)",
            (link_id("setting", "letter.acknowledgements"), json.dumps(SETTING)),
        )
        block_id = conn.execute("SELECT id FROM letter_block LIMIT 1").fetchone()[0]
        conn.execute("UPDATE letter_block SET text = ? WHERE id = ?", (NARRATIVE, block_id))
    conn.close()
    cf = ChallengeFile.open(path)
    try:
        row = cf.get("finding", finding_id)
        for stored, typed in ((row["statement"], STATEMENT), (row["narrative"], NARRATIVE)):
            lines = markup.parse(stored)
            assert markup.plain(stored) == typed  # "\\b) " printed its backslash in v7 too
            assert not any(ln.lettered or ln.level for ln in lines)
            assert not any(s.quote for ln in lines for s in ln.spans)
        value = json.loads(
            cf.conn.execute(
                "SELECT value FROM setting WHERE key = 'letter.acknowledgements'"
            ).fetchone()[0]
        )
        assert markup.plain(value) == SETTING
        block = cf.get("letter_block", block_id)
        assert markup.plain(block["text"]) == NARRATIVE
        assert not rollup(cf).finding(finding_id).prose_only
    finally:
        cf.close()


def test_an_export_from_version_7_imports_printing_as_before(tmp_path):
    """A JSON export written before `""` and "a) " were marks: imported, the finding prints
    as it did (no quote styling, no lettered list)."""
    from helpers import make_challenge

    from peernotes.core import findings, interchange

    cf = make_challenge(tmp_path / "source.peernotes")
    try:
        finding_id = findings.create_finding(cf, STATEMENT, narrative="List:\na) one")
        document = interchange.export_json(cf)
    finally:
        cf.close()
    document["schema_version"] = 7
    for row in document["tables"]["finding"]:
        del row["prose_only"]  # a version-7 export has no such column
    imported = interchange.import_json(document, tmp_path / "imported.peernotes")
    try:
        row = imported.get("finding", finding_id)
        assert markup.plain(row["statement"]) == STATEMENT
        assert not any(ln.lettered for ln in markup.parse(row["narrative"]))
    finally:
        imported.close()
