"""A hybrid logical clock: orders edits across laptops whose wall clocks drift.

A stamp is `<wall ms, 13 digits>.<counter, 5 digits>.<device>`; stamps sort as strings.
The clock never goes backwards: it advances past every stamp it has issued or seen
(from a merged file), so an edit made after seeing another always sorts after it, even
when this laptop's wall clock is behind. See docs/merge.md for why this over version vectors.
"""

from __future__ import annotations

import functools
import threading
import time
import uuid
from collections.abc import Callable


def parse(stamp: str) -> tuple[int, int, str]:
    wall, counter, device = stamp.split(".", 2)
    return int(wall), int(counter), device


def format_stamp(wall: int, counter: int, device: str) -> str:
    return f"{wall:013d}.{counter:05d}.{device}"


class HybridClock:
    def __init__(self, device: str, wall_ms: Callable[[], int] | None = None):
        self.device = device
        self._wall_ms = wall_ms or (lambda: int(time.time() * 1000))
        self._last = (0, 0)
        self._lock = threading.Lock()

    def now(self) -> str:
        with self._lock:
            wall = self._wall_ms()
            last_wall, last_counter = self._last
            if wall > last_wall:
                self._last = (wall, 0)
            else:
                self._last = (last_wall, last_counter + 1)
            return format_stamp(*self._last, self.device)

    def observe(self, stamp: str | None) -> None:
        """Move past a stamp seen in the file or a merged file."""
        if not stamp:
            return
        wall, counter, _ = parse(stamp)
        with self._lock:
            if (wall, counter) > self._last:
                self._last = (wall, counter)


_shared: dict[str, HybridClock] = {}
_shared_lock = threading.Lock()


def shared_clock(device: str) -> HybridClock:
    """One clock per device in this process.

    Two files open at once on one laptop (a peer's copy beside the merged file) carry the same
    device id; separate clocks could issue the same stamp twice, and two different versions of a
    record with equal stamps would look identical to merge."""
    with _shared_lock:
        clock = _shared.get(device)
        if clock is None:
            clock = _shared[device] = HybridClock(device)
        return clock


@functools.cache
def unnamed_device() -> str:
    """The device of a store opened without one (tests, scripts, a library caller): unique to
    this process, so its stamps never collide with a laptop's. The app's edges (the window,
    the CLI, the demo script) pass this laptop's own id, peernotes.paths.device_id()."""
    return "unnamed" + uuid.uuid4().hex[:8]
