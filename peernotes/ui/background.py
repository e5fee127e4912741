"""Long work (a merge, its preview) off the UI thread, with progress and Cancel.

`run_in_background(parent, title, work)` runs `work(report)` on a worker thread and waits
for it in a local event loop, so the window keeps repainting, timers keep firing and the
progress dialog's Cancel button works, while the calling slot still reads as one
straight-line call (it returns work's result or raises its exception). `report(text)` shows
what is being done and raises `Cancelled` once the user has pressed Cancel: core work that
calls it between steps stops there (a merge rolls its one transaction back).

The work must not touch Qt, nor any SQLite connection made on the UI thread: it opens its
own (peernotes.core.merge_sources.writer_twin). Python threads share the interpreter lock,
but SQLite releases it while it works and the UI thread gets its turn every few
milliseconds, which is what keeps repaints within the 100 ms a person notices.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from peernotes.core.merge_sources import MergeCancelled

T = TypeVar("T")
Report = Callable[[str], None]
POLL_MS = 25


class Cancelled(MergeCancelled):
    """The user pressed Cancel: the work stopped and changed nothing."""


@dataclass
class _Job(Generic[T]):
    """What the two threads share: the worker writes `text` and its outcome, the UI thread
    writes `cancel` (plain attribute writes, atomic under the interpreter lock)."""

    text: str
    cancel: bool = False
    done: bool = False
    result: T | None = None
    error: BaseException | None = None

    def stop(self) -> None:
        self.cancel = True


def run_in_background(parent: QWidget | None, title: str, work: Callable[[Report], T]) -> T:
    """Run `work` on a worker thread; return its result (or raise its error) when it ends."""
    job: _Job[T] = _Job(title)

    def report(text: str) -> None:
        job.text = text
        if job.cancel:
            raise Cancelled("Cancelled: nothing was changed.")

    def target() -> None:
        try:
            job.result, job.done = work(report), True
        except BaseException as error:  # handed to the UI thread, raised there
            job.error = error

    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(job.stop)
    thread = threading.Thread(target=target, name=f"peernotes: {title}", daemon=True)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if not thread.is_alive():
            loop.quit()
            return
        if dialog.labelText() != job.text:
            dialog.setLabelText(job.text)

    timer.timeout.connect(poll)
    thread.start()
    timer.start()
    try:
        if thread.is_alive():
            loop.exec()
    finally:
        timer.stop()
        thread.join()
        dialog.reset()
        dialog.deleteLater()
    if job.error is not None:
        raise job.error
    assert job.done  # the thread ended without an error, so work returned
    return cast(T, job.result)  # T itself may include None: `done`, not the value, says it ran
