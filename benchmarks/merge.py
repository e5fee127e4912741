"""Benchmark: the challenge manager merges 8 peers' files of 5,000 observations each.

    python benchmarks/merge.py [--peers 8] [--observations 5000]

Prints the time of the first merge (all 8 files in one call, backup included), the re-merge
of the same files (nothing new), peak Python memory per file merged (it should stay flat as
files are added), and a ratio against a raw baseline measured in the same run: ATTACH each
file and INSERT OR IGNORE ... SELECT every table and the history (no conflict detection, no
report, no backup: the floor of copying the same rows). Targets: first merge <= 3 s,
re-merge <= 1 s with no changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from peernotes.core import distribution, merge, records
from peernotes.core.clock import HybridClock
from peernotes.core.schema import SYNCED_TABLES
from peernotes.core.store import ChallengeFile

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
    records.new_challenge(
        cf,
        council="Fernhill Borough Council",
        programme_title="Adult Social Care Peer Challenge",
        framework="cfbo-previous",
        onsite_start="2026-11-10",
        onsite_end="2026-11-13",
        peers=TEAM,
        me=len(TEAM) - 1,
    )
    headings = [h["id"] for h in records.headings(cf) if h["kind"] == "standard"]
    meetings = [
        records.add_meeting(cf, date="2026-11-1" + str(d), title=f"Meeting {d}-{n}").id
        for d in range(4)
        for n in range(10)
    ]
    team = records.team(cf)
    paths = []
    for index in range(peers):
        path = folder / f"peer{index}.peernotes"
        distribution.copy_for_peer(cf, team[index % len(team)]["id"], path)
        copy = ChallengeFile.open(path)
        copy.clock = HybridClock(f"laptop{index}")
        copy.clock.observe(copy.local("hlc_high"))
        with copy.transaction():
            for n in range(observations):
                records.add_observation(
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", type=int, default=8)
    parser.add_argument("--observations", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("PEERNOTES_DATA_DIR", str(folder / "data"))
        t0 = time.perf_counter()
        manager, peers = build(folder, args.peers, args.observations)
        print(
            f"built {args.peers} peer files x {args.observations} observations "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        raw_target = folder / "raw.peernotes"
        shutil.copy(manager, raw_target)

        cf = ChallengeFile.open(manager)
        peaks = []
        started = time.perf_counter()
        report = merge.merge(cf, peers)  # all files, one transaction, backup first
        first = time.perf_counter() - started
        merged = cf.count("observation")
        cf.close()

        # memory per file: merge the files one at a time into a fresh copy, peak per call
        step_target = folder / "steps.peernotes"
        shutil.copy(manager.with_name("raw.peernotes"), step_target)
        cf = ChallengeFile.open(step_target)
        for path in peers:
            tracemalloc.start()
            merge.merge(cf, path, backup=False)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        cf.close()

        cf = ChallengeFile.open(manager)
        started = time.perf_counter()
        again = merge.merge(cf, peers)
        second = time.perf_counter() - started
        cf.close()

        raw = baseline(raw_target, peers)

    print(
        f"first merge : {first:.2f} s for {args.peers} files -> {merged:,} observations "
        f"(target <= 3 s) {'OK' if first <= 3 else 'SLOW'}"
    )
    print("  by peer   : " + "; ".join(f"{p} {c.new} new" for p, c in report.by_peer().items()))
    print(
        "  peak per file merged one by one (flat = not growing with each file): "
        + ", ".join(f"{p / 1e6:.1f}" for p in peaks)
        + " MB"
    )
    print(
        f"re-merge    : {second:.2f} s, changed: {again.changed} (target <= 1 s, no change) "
        f"{'OK' if second <= 1 and not again.changed else 'SLOW' if again.changed is False else 'CHANGED'}"
    )
    print(f"raw baseline: {raw:.2f} s (ATTACH + INSERT OR IGNORE ... SELECT of every table)")
    print(f"ratio       : merge / baseline = {first / raw:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
