"""What every benchmark script times and prints the same way, in one place.

The machine is shared, so a benchmark judges its figure next to a raw baseline measured in
the same run, as a ratio; figures are medians after one warm-up call (the first call pays
for imports and cold caches, which is start-up's business, not the operation's).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def seconds_each(fn: Callable[[], object], runs: int, *, warm_up: bool = True) -> list[float]:
    """How long each of `runs` calls of `fn` took, in seconds (after one untimed call)."""
    if warm_up:
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def median_seconds(fn: Callable[[], object], runs: int, *, warm_up: bool = True) -> float:
    """The median of `runs` timed calls of `fn`, in seconds, after one warm-up call."""
    return statistics.median(seconds_each(fn, runs, warm_up=warm_up))


def median_ms(fn: Callable[[], object], runs: int, *, warm_up: bool = True) -> float:
    """`median_seconds`, in milliseconds."""
    return median_seconds(fn, runs, warm_up=warm_up) * 1000


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank), so one slow outlier in 20 does not set it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def spread_ms(seconds: list[float]) -> tuple[float, float, float]:
    """Median, p95 and worst of timings in seconds, as milliseconds."""
    return statistics.median(seconds) * 1000, p95(seconds) * 1000, max(seconds) * 1000


def verdict(met: bool) -> str:
    """How a benchmark's last line says whether its target was met."""
    return "met" if met else "NOT met"
