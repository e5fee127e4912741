"""A very long note (1 MB, past the core's limit, as an old import could leave) in the
evidence report and the letter (issue 16): the report prints a capped part with a marker and
says so at the top; both are written. Speed is in benchmarks/long_note.py, not here."""

from __future__ import annotations

from pathlib import Path

import docx
from helpers import make_challenge

from peernotes.core import attribution, findings
from peernotes.core.letter import build_letter
from peernotes.core.records import observations
from peernotes.export.docx_letter import export_letter
from peernotes.export.evidence_report import NOTE_CAP, export_evidence_report

WORDS = "Carers described long waits for assessments and unclear letters. "


def test_a_one_megabyte_note_is_capped_with_a_marker_and_the_report_says_so(tmp_path: Path):
    """Without the cap the report's table cell held the whole megabyte (Word and LibreOffice
    took minutes to open it); the reader sees where the note was cut and why."""
    cf = make_challenge(tmp_path / "c.peernotes")
    try:
        note = observations.add_observation(cf, "placeholder")
        text = (WORDS * 16_000)[:1_000_000]
        with cf.transaction():
            cf.conn.execute("UPDATE observation SET text = ? WHERE id = ?", (text, note))
        finding = findings.create_finding(cf, "Carers wait too long", kind="area")
        findings.add_evidence(cf, finding, [note])
        report = export_evidence_report(cf, tmp_path / "evidence.docx")
        letter = build_letter(cf)
        assert attribution.scan(cf, letter) == []
        export_letter(letter, tmp_path / "letter.docx")
    finally:
        cf.close()
    document = docx.Document(str(report))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Long notes are shortened" in paragraphs and "1 note is longer" in paragraphs
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    cut = [c for c in cells if "more characters not shown" in c]
    assert len(cut) == 1 and len(cut[0]) < NOTE_CAP + 80
    assert cut[0].startswith(text[:200]) and f"{1_000_000 - NOTE_CAP:,}" in cut[0]
