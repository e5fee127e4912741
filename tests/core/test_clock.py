"""The hybrid logical clock: stamps only move forward, and never repeat within one laptop."""

from __future__ import annotations

from pathlib import Path

from peernotes.core.clock import HybridClock, parse
from tests.helpers import make_challenge


def test_a_slow_wall_clock_still_moves_forward() -> None:
    walls = iter([5_000, 4_000, 4_000, 6_000])
    clock = HybridClock("laptop", lambda: next(walls))
    stamps = [clock.now() for _ in range(4)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 4


def test_a_stamp_seen_from_another_laptop_is_passed() -> None:
    clock = HybridClock("mine", lambda: 1_000)
    clock.observe(HybridClock("theirs", lambda: 9_000).now())
    wall, _, device = parse(clock.now())
    assert wall == 9_000 and device == "mine"


def test_two_files_open_on_one_laptop_never_share_a_stamp(tmp_path: Path) -> None:
    """A peer's copy open beside the merged file: both record under this laptop's device id,
    so equal stamps would make two different versions of a record look identical to merge."""
    first = make_challenge(tmp_path / "first.peernotes")
    second = make_challenge(tmp_path / "second.peernotes")
    try:
        stamps = []
        for _ in range(200):
            stamps.append(first.clock.now())
            stamps.append(second.clock.now())
        assert len(set(stamps)) == len(stamps)
    finally:
        first.close()
        second.close()
