"""Benchmark (issue 6): the challenge manager merges 8 peers' files of 5,000 observations each.

    python -m benchmarks.merge [--peers 8] [--observations 5000] [--runs 3] [--rebuild]

Figures (each timed --runs times on fresh copies; the median is judged, the best is shown):
  first merge   all the files in one call, backup included.              target <= 3 s
  re-merge      the same files again into the merged file (nothing new). target <= 1 s, no change
  memory        peak RSS growth of a fresh process merging 1, 2, 4 ... all the files in one
                call: it must stay flat (not grow by a file's worth with every file added);
                and peak Python memory (tracemalloc) per file merged one by one into a
                growing file.
  dry run       what `peernotes merge --dry-run` does: a snapshot of the target and the
                preview of every file (nothing written).              target <= 0.5x first merge
  repaint gap   (issue 15) the longest gap between ticks of a 5 ms QTimer while the window's
                background merge runs (ui/background.run_in_background), offscreen.
                                                                      target <= 100 ms
  raw baseline  ATTACH each file and INSERT OR IGNORE ... SELECT every table and the history
                in one transaction: no conflict detection, no report, no backup, no snapshot
                (the floor of copying the same rows). Ratio = first merge / raw baseline.
The peers' files are built once (about 20 s) and cached in benchmarks/out/ (--rebuild redoes
them). The machine may be shared with other work: the ratio, measured in the same run, says
more than the seconds do.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from peernotes.core import distribution, merge, merge_preview
from peernotes.core.clock import HybridClock
from peernotes.core.records import challenge, people, programme
from peernotes.core.records import observations as observation_records
from peernotes.core.schema import SCHEMA_VERSION, SYNCED_TABLES
from peernotes.core.store import ChallengeFile

OUT = Path(__file__).resolve().parent / "out"
FIRST_TARGET, AGAIN_TARGET = 3.0, 1.0
RAW_RATIO_TARGET, DRY_RATIO_TARGET, PER_FILE_MB_TARGET, GAP_TARGET_MS = 1.5, 0.5, 0.5, 100

TEAM = [
    {"name": "Alex Morgan", "role": "lead_peer"},
    {"name": "Priya Nair", "role": "officer_peer"},
    {"name": "Cllr Tom Birch", "role": "member_peer"},
    {"name": "Dana Ruiz", "role": "officer_peer"},
    {"name": "Kit Lowe", "role": "officer_peer"},
    {"name": "Mo Adeyemi", "role": "officer_peer"},
    {"name": "Sian Ellis", "role": "officer_peer"},
    {"name": "Jo Clarke", "role": "challenge_manager"},
]


def build(folder: Path, peers: int, observations: int) -> tuple[Path, list[Path]]:
    """A manager's file and `peers` copies, each peer recording `observations` notes."""
    manager_path = folder / "manager.peernotes"
    cf = ChallengeFile.create(manager_path)
    challenge.new_challenge(
        cf,
        council="Fernhill Borough Council",
        programme_title="Adult Social Care Peer Challenge",
        framework="cfbo-previous",
        onsite_start="2026-11-10",
        onsite_end="2026-11-13",
        peers=TEAM,
        me=len(TEAM) - 1,
    )
    headings = [h["id"] for h in challenge.headings(cf) if h["kind"] == "standard"]
    meetings = [
        programme.add_meeting(cf, date="2026-11-1" + str(d), title=f"Meeting {d}-{n}").id
        for d in range(4)
        for n in range(10)
    ]
    team = people.team(cf)
    paths = []
    for index in range(peers):
        path = folder / f"peer{index}.peernotes"
        distribution.copy_for_peer(cf, team[index % len(team)]["id"], path)
        copy = ChallengeFile.open(path)
        copy.clock = HybridClock(f"laptop{index}")
        copy.clock.observe(copy.local("hlc_high"))
        with copy.transaction():
            for n in range(observations):
                observation_records.add_observation(
                    copy,
                    f"Peer {index} observation {n}: staff described the waiting list.",
                    mode="heard",
                    meeting_id=meetings[n % len(meetings)],
                    heading_ids=[headings[n % len(headings)]] if n % 2 else [],
                    observed_at="2026-11-10T10:00",
                )
        copy.close()
        paths.append(path)
    cf.close()
    return manager_path, paths


def cached(peers: int, observations: int, *, rebuild: bool) -> tuple[Path, list[Path]]:
    """The built files, from benchmarks/out/ when they are there (and of this schema)."""
    folder = OUT / f"merge-{peers}x{observations}-v{SCHEMA_VERSION}"
    done = folder / "complete"
    if rebuild or not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        build(folder, peers, observations)
        for leftover in folder.glob("*.lock"):
            leftover.unlink()
        done.write_text("built\n")
        print(f"built {peers} peer files x {observations} in {time.perf_counter() - started:.1f} s")
    else:
        print(f"using the files built in {folder} (--rebuild to build them again)")
    return folder / "manager.peernotes", [folder / f"peer{i}.peernotes" for i in range(peers)]


def fresh_copies(manager: Path, peers: list[Path], folder: Path) -> tuple[Path, list[Path]]:
    folder.mkdir(parents=True)
    for path in (manager, *peers):
        shutil.copy(path, folder / path.name)
    return folder / manager.name, [folder / p.name for p in peers]


def baseline(target: Path, sources: list[Path]) -> float:
    conn = sqlite3.connect(str(target), isolation_level=None)
    started = time.perf_counter()
    for index, source in enumerate(sources):
        conn.execute(f"ATTACH ? AS s{index}", (f"{source}",))
    conn.execute("BEGIN")
    for index in range(len(sources)):
        for table in (*SYNCED_TABLES, "history"):
            conn.execute(f'INSERT OR IGNORE INTO "{table}" SELECT * FROM s{index}."{table}"')
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


# ------------------------------------------------------------------ peak RSS
def _status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def rss_child(folder: Path, count: int) -> None:
    """(In a fresh process) merge the first `count` peers' files in one call; print the
    growth of peak RSS during the merge, in MB."""
    os.environ["PEERNOTES_DATA_DIR"] = str(folder / f"data{count}")
    target = folder / f"rss{count}.peernotes"
    shutil.copy(folder / "manager.peernotes", target)
    sources = [folder / f"peer{i}.peernotes" for i in range(count)]
    cf = ChallengeFile.open(target)
    before = _status_kib("VmRSS")
    try:  # reset the process's peak RSS (VmHWM) to its current RSS (Linux >= 4.0)
        Path("/proc/self/clear_refs").write_text("5")
        peak = lambda: _status_kib("VmHWM")  # noqa: E731
    except OSError:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # noqa: E731
    merge.merge(cf, sources)
    grown = (peak() or 0) - (before or 0)
    cf.close()
    print(f"{grown / 1024:.1f}")


def gap_child(folder: Path) -> None:
    """(In a fresh process) the window's background merge of every file in `folder`, with a
    5 ms timer ticking on the UI thread: print the longest gap between ticks, in ms."""
    os.environ["PEERNOTES_DATA_DIR"] = str(folder / "gapdata")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from peernotes.core.merge_sources import writer_twin
    from peernotes.ui.background import run_in_background

    app = QApplication.instance() or QApplication([])
    target = folder / "manager.peernotes"
    sources = sorted(folder.glob("peer*.peernotes"))
    cf = ChallengeFile.open(target)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def work(report: object) -> merge.MergeReport:
        twin = writer_twin(cf)
        try:
            return merge.merge(twin, sources, progress=report)  # type: ignore[arg-type]
        finally:
            twin.close()

    timer.start()
    run_in_background(None, "Merging…", work)
    timer.stop()
    cf.close()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    print(f"{max(gaps) * 1000:.0f} {len(ticks)}")
    del app


def repaint_gap(folder: Path) -> tuple[float, int]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.merge", "--gap-child", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    gap, ticks = done.stdout.strip().splitlines()[-1].split()
    return float(gap), int(ticks)


def rss_growth(folder: Path, count: int) -> float:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.merge", "--rss-child", str(folder), str(count)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return float(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------- main
def _figure(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.2f} s (best {min(values):.2f}; "
        + ", ".join(f"{v:.2f}" for v in values)
        + ")"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", type=int, default=8)
    parser.add_argument("--observations", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--rss-child", nargs=2, metavar=("FOLDER", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--gap-child", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        rss_child(Path(args.rss_child[0]), int(args.rss_child[1]))
        return 0
    if args.gap_child:
        gap_child(Path(args.gap_child))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("PEERNOTES_DATA_DIR", str(folder / "data"))
        manager, peers = cached(args.peers, args.observations, rebuild=args.rebuild)

        firsts, agains, raws, dries = [], [], [], []
        report = again = None
        merged = 0
        for run in range(args.runs):
            target, sources = fresh_copies(manager, peers, folder / f"run{run}")
            started = time.perf_counter()  # the CLI's --dry-run: a snapshot, then previews
            snapshot = merge.open_source(target)
            merge_preview.previews(snapshot, sources)
            snapshot.close()
            dries.append(time.perf_counter() - started)
            cf = ChallengeFile.open(target)
            started = time.perf_counter()
            report = merge.merge(cf, sources)  # all files, one transaction, backup first
            firsts.append(time.perf_counter() - started)
            merged = cf.count("observation")
            started = time.perf_counter()
            again = merge.merge(cf, sources)
            agains.append(time.perf_counter() - started)
            cf.close()

            raw_target, raw_sources = fresh_copies(manager, peers, folder / f"raw{run}")
            raws.append(baseline(raw_target, raw_sources))

        # Python memory per file: merge the files one at a time into one growing file
        target, sources = fresh_copies(manager, peers, folder / "steps")
        cf = ChallengeFile.open(target)
        python_peaks = []
        for path in sources:
            tracemalloc.start()
            merge.merge(cf, path, backup=False)
            python_peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        cf.close()

        # Peak RSS of a fresh process merging 1, 2, 4 ... files in one call
        rss_folder = folder / "rss"
        fresh_copies(manager, peers, rss_folder)
        counts = sorted({1, *(c for c in (2, 4) if c < args.peers), args.peers})
        rss = {count: rss_growth(rss_folder, count) for count in counts}

        gap_folder = folder / "gap"
        fresh_copies(manager, peers, gap_folder)
        gap_ms, ticks = repaint_gap(gap_folder)

    assert report is not None and again is not None
    first, second, raw, dry = (statistics.median(v) for v in (firsts, agains, raws, dries))
    print(
        f"first merge : {_figure(firsts)} for {args.peers} files -> {merged:,} observations "
        f"(target <= {FIRST_TARGET:g} s) {'OK' if first <= FIRST_TARGET else 'SLOW'}"
    )
    print("  by peer   : " + "; ".join(f"{p} {c.new} new" for p, c in report.by_peer().items()))
    verdict = "CHANGED" if again.changed else "OK" if second <= AGAIN_TARGET else "SLOW"
    print(
        f"re-merge    : {_figure(agains)}, changed: {again.changed} "
        f"(target <= {AGAIN_TARGET:g} s, no change) {verdict}"
    )
    source_mb = peers[0].stat().st_size / 1e6
    per_file = (rss[counts[-1]] - rss[counts[0]]) / max(1, counts[-1] - counts[0])
    print(
        "peak RSS growth merging N files in one call (fresh process): "
        + ", ".join(f"{n}: {mb:.1f}" for n, mb in rss.items())
        + f" MB -> {per_file:+.1f} MB per extra file (one file is {source_mb:.1f} MB) "
        + ("FLAT" if per_file <= PER_FILE_MB_TARGET else "GROWS")
        + f" (target <= {PER_FILE_MB_TARGET:g} MB per extra file)"
    )
    print(
        "peak Python memory per file merged one by one into a growing file: "
        + ", ".join(f"{p / 1e6:.1f}" for p in python_peaks)
        + " MB"
    )
    print(f"raw baseline: {_figure(raws)} (ATTACH + INSERT OR IGNORE ... SELECT of every table)")
    print(
        f"ratio       : first merge / raw baseline = {first / raw:.2f}x (medians; target <= "
        f"{RAW_RATIO_TARGET:g}x) {'OK' if first / raw <= RAW_RATIO_TARGET else 'SLOW'}"
    )
    print(
        f"dry run     : {_figure(dries)} = {dry / first:.2f}x the first merge (target <= "
        f"{DRY_RATIO_TARGET:g}x) {'OK' if dry / first <= DRY_RATIO_TARGET else 'SLOW'}"
    )
    print(
        f"repaint gap : longest {gap_ms:.0f} ms between {ticks} ticks of a 5 ms timer during "
        f"the background merge (target <= {GAP_TARGET_MS} ms) "
        + ("OK" if gap_ms <= GAP_TARGET_MS else "SLOW")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
