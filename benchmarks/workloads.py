"""The benchmark workloads, generated once and cached in benchmarks/out/.

    standard: 8 peers, 60 meetings, 150 people, 50 documents, 3,000 observations
    large:    the same challenge with 50,000 observations
Run `python -m benchmarks.workloads` to (re)build both.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"

WORKLOADS = {
    "standard": {"peers": 8, "meetings": 60, "people": 150, "documents": 50, "observations": 3_000},
    "large": {"peers": 8, "meetings": 60, "people": 150, "documents": 50, "observations": 50_000},
}


def workload(name: str, *, rebuild: bool = False) -> Path:
    """Path to the workload file, generating it on first use."""
    from peernotes.core.demo import write_demo

    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.peernotes"
    if rebuild and path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    if not path.exists():
        started = time.perf_counter()
        write_demo(path, **WORKLOADS[name])
        print(
            f"generated {name} workload in {time.perf_counter() - started:.1f} s: {path}",
            file=sys.stderr,
        )
    return path


if __name__ == "__main__":
    for name in WORKLOADS:
        workload(name, rebuild=True)
