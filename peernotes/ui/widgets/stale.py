"""Refresh a page only when someone can see it.

Pages that summarise the whole file (roll-up, coverage) are costly to rebuild on a large file,
and every keystroke in the capture pane changes the file. They are marked stale on each change,
rebuilt shortly after if visible, and otherwise when next shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class StaleRefresher(QObject):
    def __init__(self, page: QWidget, refresh: Callable[[], None], delay_ms: int = 50) -> None:
        super().__init__(page)
        self.page = page
        self._refresh = refresh
        self.stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._refresh_if_visible)
        page.installEventFilter(self)

    def mark_stale(self, *_: object) -> None:
        self.stale = True
        self._timer.start()

    def refreshed(self) -> None:
        """The page has just been rebuilt: nothing is pending."""
        self.stale = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self._refresh()
        return False

    def _refresh_if_visible(self) -> None:
        if self.page.isVisible():
            self._refresh()
