"""Start-up paints the window before it opens the challenge (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

from peernotes.ui.startup import AfterFirstPaint


class _PaintLog(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and isinstance(watched, QLabel):
            self.log.append("paint")
        return False


def test_the_file_opens_only_after_the_window_has_painted(qtbot):
    """If this fails, a peer double-clicking a challenge stares at nothing while it opens."""
    log: list[str] = []
    painted = _PaintLog(log)
    QApplication.instance().installEventFilter(painted)
    try:
        window = QLabel("PeerNotes")
        qtbot.addWidget(window)
        AfterFirstPaint(window, lambda: log.append("open"))
        assert log == []  # nothing opens before the event loop has painted
        window.show()
        qtbot.waitUntil(lambda: "open" in log, timeout=3000)
    finally:
        QApplication.instance().removeEventFilter(painted)
    assert log.index("paint") < log.index("open")
    assert log.count("open") == 1


def test_a_window_that_never_paints_still_opens_its_file(qtbot):
    """A minimised start must not leave the challenge unopened for ever."""
    opened: list[bool] = []
    window = QLabel("never shown")
    qtbot.addWidget(window)
    AfterFirstPaint(window, lambda: opened.append(True))
    qtbot.waitUntil(lambda: opened == [True], timeout=3000)
