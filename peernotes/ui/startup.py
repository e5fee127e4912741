"""Start-up in two steps: paint the window first, then open the challenge.

A peer double-clicking a file on a slow council laptop should see PeerNotes at once. So the
window (welcome screen or empty workspace) is shown and painted before anything the first screen
does not need is imported; the file opens, and the first page is built, right after that first
paint. Issue 18 sets the targets against a bare PySide6 window: first paint <= 1.5x, usable
(file open, first page ready) <= 2.5x; `benchmarks/core_figures.py` measures both.

`PEERNOTES_STARTUP_TRACE=1` prints `FIRST_PAINT <epoch seconds>` and `USABLE <epoch seconds>`
on stdout, each followed by `<label>_CPU <CPU seconds of the process>`; with
`PEERNOTES_QUIT_WHEN_SHOWN=1` the app quits once usable (benchmarks, the bundle's smoke test).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

# If no paint arrives (a minimised start, a platform that never exposes), open anyway. Not
# sooner: on a busy machine the first paint can take more than half a second, and opening the
# file first would leave the peer looking at nothing for the whole open.
FALLBACK_MS = 1500


class AfterFirstPaint(QObject):
    """Runs `then` once, in the event loop turn after `window` first paints.

    It watches the window alone, not the application: an application-wide filter hands every
    object in the program to Python, Qt's private ones too (the style sheet's style), and to
    name their type PySide6 loads every widget class it has, about 20 ms before the first
    paint. The window's own paint comes first: children paint on top of it."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then, self._done = then, False
        self._watching: QWidget | None = window
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self._stop_watching()
            trace("FIRST_PAINT")
            QTimer.singleShot(0, self._run)
        return False

    def _stop_watching(self) -> None:
        if self._watching is not None:
            self._watching.removeEventFilter(self)
            self._watching = None

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._stop_watching()
        self._then()


def trace(label: str) -> None:
    """One start-up milestone on stdout, when the benchmark asked for them."""
    if os.environ.get("PEERNOTES_STARTUP_TRACE"):
        print(f"{label} {time.time():.6f}", flush=True)
        print(f"{label}_CPU {time.process_time():.4f}", flush=True)


def when_usable(window: QWidget) -> None:
    """The file is open and its first page built: paint it, note the time, quit if asked."""
    window.repaint()
    trace("USABLE")
    if os.environ.get("PEERNOTES_QUIT_WHEN_SHOWN"):
        app = QApplication.instance()
        if app is not None:
            QTimer.singleShot(0, app.quit)
