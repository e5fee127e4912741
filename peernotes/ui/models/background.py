"""Observation queries off the UI thread, for files too large to filter between keystrokes.

A worker thread opens the same file a second time, read-only (SQLite's WAL lets it read while
the window writes), runs peernotes.core.records.read_models.observation_ids and hands back the ids. Only
the newest request matters: older ones still waiting are skipped, and results that arrive
after a newer request are dropped by the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from peernotes.core.records import read_models
from peernotes.core.store import ChallengeFile


class _Worker(QObject):
    done = Signal(int, object)
    failed = Signal(int)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.latest = 0
        self.cf: ChallengeFile | None = None

    @Slot(int, object)
    def run(self, generation: int, request: Any) -> None:
        if generation < self.latest:
            return  # a newer request is queued behind this one
        try:
            if self.cf is None:
                self.cf = ChallengeFile.open(self.path, readonly=True)
            where, order_by, descending = request
            ids = read_models.observation_ids(
                self.cf, where, order_by=order_by, descending=descending
            )
        except Exception:  # noqa: BLE001 - the model falls back to querying directly
            self.failed.emit(generation)
            return
        self.done.emit(generation, ids)

    @Slot()
    def close(self) -> None:
        if self.cf is not None:
            self.cf.close()
            self.cf = None


class BackgroundQueries(QObject):
    """Runs observation queries in a thread; `finished(generation, ids)` on the UI thread."""

    finished = Signal(int, object)
    failed = Signal(int)
    _request = Signal(int, object)
    _close = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("observation-queries")
        self.worker = _Worker(path)
        self.worker.moveToThread(self._thread)
        self._request.connect(self.worker.run)
        self._close.connect(self.worker.close)
        self.worker.done.connect(self.finished)
        self.worker.failed.connect(self.failed)
        self._thread.start()

    def ask(self, generation: int, request: Any) -> None:
        self.worker.latest = generation
        self._request.emit(generation, request)

    def stop(self) -> None:
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait(5000)
