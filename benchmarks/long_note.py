"""A 1 MB note in the evidence report and the letter: bounded time (issue 16).

Builds a small challenge whose finding is backed by one note, renders the evidence report
and the letter (with the guard's scan), and prints the time with a 1 MB note next to the
same run with a 1 KB note (the raw baseline), as a ratio. No assertion: a figure to read.

    PYTHONPATH=. python benchmarks/long_note.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from helpers import make_challenge  # noqa: E402

from peernotes.core import attribution, findings  # noqa: E402
from peernotes.core.letter import build_letter  # noqa: E402
from peernotes.core.records import observations
from peernotes.export.docx_letter import export_letter  # noqa: E402
from peernotes.export.evidence_report import export_evidence_report  # noqa: E402

WORDS = "Carers described long waits for assessments and unclear letters. "


def _run(folder: Path, size: int) -> float:
    cf = make_challenge(folder / f"c{size}.peernotes")
    try:
        note = observations.add_observation(cf, "placeholder")
        text = (WORDS * (size // len(WORDS) + 1))[:size]
        with cf.transaction():  # past the core's 100,000-character limit, as an old import could
            cf.conn.execute("UPDATE observation SET text = ? WHERE id = ?", (text, note))
        finding = findings.create_finding(cf, "Carers wait too long", kind="area")
        findings.add_evidence(cf, finding, [note])
        started = time.perf_counter()
        export_evidence_report(cf, folder / f"e{size}.docx")
        letter = build_letter(cf)
        attribution.scan(cf, letter)
        export_letter(letter, folder / f"l{size}.docx")
        return time.perf_counter() - started
    finally:
        cf.close()


def _fresh(folder: Path) -> Path:
    folder.mkdir()
    return folder


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = min(_run(_fresh(Path(folder) / f"b{i}"), 1_000) for i in range(3))
        big = min(_run(_fresh(Path(folder) / f"m{i}"), 1_000_000) for i in range(3))
    print(f"evidence report + letter, 1 KB note: {base * 1000:.0f} ms (raw baseline)")
    print(f"evidence report + letter, 1 MB note: {big * 1000:.0f} ms  ratio {big / base:.2f}x")


if __name__ == "__main__":
    main()
