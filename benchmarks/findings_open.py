"""Issue 14 figure: the Findings page opening on the standard file (3,000 notes).

    python -m benchmarks.findings_open [--runs N]

From the first show of a newly built FindingsPage to its tree, browser and editor filled and
painted (median over --runs, each on a fresh page), next to the raw core reads the page
needs (rollup.rollup + evidence.observation_ids + the first page of evidence.describe) in
the same run. Target: <= 300 ms. The spell-check word list is loaded before timing (it
loads once per process, after the first box is shown) and reported on its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.workloads import workload  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="peernotes-bench-"))
    os.environ["PEERNOTES_DATA_DIR"] = str(scratch / "data")
    path = scratch / "standard.peernotes"
    shutil.copy(workload("standard"), path)

    from PySide6.QtWidgets import QApplication

    from peernotes.core import evidence, rollup
    from peernotes.core.store import ChallengeFile
    from peernotes.ui import spelling
    from peernotes.ui.session import Session
    from peernotes.ui.synthesis.findings_page import FindingsPage

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    spelling.ensure_speller()
    word_list = (time.perf_counter() - started) * 1000
    cf = ChallengeFile.open(path)
    session = Session(cf)
    raw, page_times = [], []
    for _ in range(args.runs + 1):
        started = time.perf_counter()
        rollup.rollup(cf, inbox_limit=0, observation_stats=False)
        ids = evidence.observation_ids(cf)
        evidence.describe(cf, ids[:200])
        raw.append((time.perf_counter() - started) * 1000)
        page = FindingsPage(session)
        page.resize(1180, 650)
        started = time.perf_counter()
        page.show()
        app.processEvents()
        page.repaint()
        page_times.append((time.perf_counter() - started) * 1000)
        page.hide()
        page.deleteLater()
        app.processEvents()
    raw_ms, page_ms = statistics.median(raw[1:]), statistics.median(page_times[1:])
    print(f"spell-check word list (once per process): {word_list:.0f} ms")
    print(f"raw core reads (rollup + ids + first page): {raw_ms:.1f} ms")
    print(f"Findings page open, shown and painted:      {page_ms:.1f} ms")
    print(f"ratio page / raw: {page_ms / raw_ms:.2f}x   target: page <= 300 ms")
    session._unsubscribe()
    cf.close()


if __name__ == "__main__":
    main()
