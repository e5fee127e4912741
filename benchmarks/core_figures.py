"""Issue 2 figures: start-up time, save latency and memory, each next to a raw baseline.

    python -m benchmarks.core_figures [--runs N]

(a) start-up, from spawning the process: first paint of the window, and usable (the standard
    file open, its first page built and painted), each next to a bare PySide6 window's first
    paint measured in the same run (ratios; issue 18 targets <= 1.5x and <= 2.5x).
(b) save one observation on the large file through the core API (observations.add_observation),
    next to a raw sqlite3 INSERT + COMMIT with the same durability settings (WAL,
    synchronous=FULL) in the same run (median, p95; target p95 <= 5 ms).
(c) peak RSS of the app process with the large file open (target <= 200 MiB).
Qt runs offscreen so the figures do not depend on a display server.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import peernotes
from benchmarks.timing import p95
from benchmarks.workloads import workload

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow(); window.resize(1200, 800)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
            self.seen = True
            print(f"FIRST_PAINT {time.time():.6f}", flush=True)
            print(f"FIRST_PAINT_CPU {time.process_time():.4f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
painted = FirstPaint(); app.installEventFilter(painted)
window.show()
app.exec()
"""

APP_WINDOW = """
import os, resource, sys
os.environ["PEERNOTES_QUIT_WHEN_SHOWN"] = "1"
os.environ["PEERNOTES_STARTUP_TRACE"] = "1"
from peernotes.cli import main
code = main([sys.argv[1]])
print("RSS_KIB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def _time_process(code: str, *args: str, runs: int) -> tuple[list[dict[str, float]], str]:
    """Each run: seconds from spawning the process to each milestone it prints, and to exit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    timings, output = [], ""
    for _ in range(runs):
        spawned = time.time()
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
        )
        marks = {"exit": time.perf_counter() - started}
        if result.returncode != 0:
            raise SystemExit(f"process failed:\n{result.stderr[-2000:]}")
        for line in result.stdout.splitlines():
            label, _, value = line.partition(" ")
            if label in ("FIRST_PAINT", "USABLE"):
                marks[label] = float(value) - spawned
            elif label in ("FIRST_PAINT_CPU", "USABLE_CPU"):
                marks[label] = float(value)
        timings.append(marks)
        output = result.stdout
    return timings, output


def startup(runs: int) -> None:
    """First paint and usable (standard file open, first page built), each as a ratio to a
    bare PySide6 window's first paint in the same run (issue 18: <= 1.5x and <= 2.5x)."""
    standard = workload("standard")
    # A user's copy runs from bytecode: pip compiles it on install and the bundle ships it.
    # Without this, a checkout run with PYTHONDONTWRITEBYTECODE would compile every module
    # of ours on every start, which no user ever pays (PySide6's are compiled already).
    compileall.compile_dir(Path(peernotes.__file__).parent, quiet=1)
    bare: list[dict[str, float]] = []
    app: list[dict[str, float]] = []
    for _ in range(runs):  # interleaved: on a shared machine the load drifts between runs
        bare += _time_process(BARE_WINDOW, runs=1)[0]
        app += _time_process(APP_WINDOW, str(standard), runs=1)[0]
    b = statistics.median(run["FIRST_PAINT"] for run in bare)
    paint = statistics.median(run["FIRST_PAINT"] for run in app)
    usable = statistics.median(run["USABLE"] for run in app)
    print(
        f"(a) start-up, standard file, median of {runs}: first paint {paint * 1000:.0f} ms, "
        f"usable {usable * 1000:.0f} ms; bare PySide6 window first paint {b * 1000:.0f} ms; "
        f"ratios {paint / b:.2f}x (target <= 1.5x) and {usable / b:.2f}x (target <= 2.5x)"
    )
    # CPU seconds of each process at the same milestones: steadier than wall time when other
    # work shares the machine (the wall figure above is the one the targets are set on).
    b_cpu = statistics.median(run["FIRST_PAINT_CPU"] for run in bare)
    paint_cpu = statistics.median(run["FIRST_PAINT_CPU"] for run in app)
    usable_cpu = statistics.median(run["USABLE_CPU"] for run in app)
    print(
        f"    CPU time: first paint {paint_cpu * 1000:.0f} ms, usable {usable_cpu * 1000:.0f} ms, "
        f"bare window {b_cpu * 1000:.0f} ms; ratios {paint_cpu / b_cpu:.2f}x and "
        f"{usable_cpu / b_cpu:.2f}x"
    )


def save_latency(samples: int) -> None:
    from peernotes.core.records import challenge, observations
    from peernotes.core.store import ChallengeFile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.peernotes"
        shutil.copy(workload("large"), path)
        cf = ChallengeFile.open(path, accept_missing_wal=True)  # a copy of the cache
        meeting = cf.rows("meeting", order_by="date, start_time")[0]["id"]
        heading = challenge.headings(cf)[1]["id"]
        core = []
        for i in range(samples):
            started = time.perf_counter()
            observations.add_observation(
                cf,
                f"Benchmark observation {i}: carers described long waits.",
                mode="heard",
                meeting_id=meeting,
                heading_ids=[heading],
            )
            core.append(time.perf_counter() - started)
        cf.close()

        raw_path = Path(folder) / "raw.db"
        conn = sqlite3.connect(raw_path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(
            "CREATE TABLE observation (id TEXT PRIMARY KEY, text TEXT, mode TEXT, meeting_id TEXT)"
        )
        raw = []
        for i in range(samples):
            started = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO observation VALUES (?, ?, 'heard', ?)",
                (f"{i:032x}", f"Benchmark observation {i}", meeting),
            )
            conn.execute("COMMIT")
            raw.append(time.perf_counter() - started)
        conn.close()
    cm, cp = statistics.median(core) * 1000, p95(core) * 1000
    rm, rp = statistics.median(raw) * 1000, p95(raw) * 1000
    print(
        f"(b) save one observation, large file ({samples} saves): median {cm:.2f} ms, p95 {cp:.2f} ms "
        f"(target p95 <= 5 ms); raw sqlite3 insert+commit median {rm:.2f} ms, p95 {rp:.2f} ms; "
        f"ratio p95 {cp / rp:.2f}x"
    )


def memory() -> None:
    _, output = _time_process(APP_WINDOW, str(workload("large")), runs=1)
    kib = int(next(line.split()[1] for line in output.splitlines() if line.startswith("RSS_KIB")))
    print(f"(c) peak RSS, app with the large file open: {kib / 1024:.0f} MiB (target <= 200 MiB)")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each process")
    parser.add_argument("--saves", type=int, default=500, help="observations saved for (b)")
    parser.add_argument("--startup-only", action="store_true", help="only (a)")
    args = parser.parse_args()
    startup(args.runs)
    if not args.startup_only:
        save_latency(args.saves)
        memory()
    return 0


if __name__ == "__main__":
    sys.exit(main())
