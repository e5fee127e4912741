"""Start-up paints the window before it opens the challenge (issue 18)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

from peernotes.ui.main_window import MainWindow
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
    qtbot.waitUntil(lambda: opened == [True], timeout=6000)


def _menu_items(window: MainWindow) -> list[tuple[str, str, bool]]:
    items = []
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        for action in menu.actions() if menu is not None else []:
            shortcuts = ",".join(s.toString() for s in action.shortcuts())
            items.append((f"{bar_action.text()} › {action.text()}", shortcuts, action.isEnabled()))
    return items


def test_a_window_started_fast_has_every_menu_item_and_shortcut_once_usable(qtbot, challenge_path):
    """If this fails, started from the desktop (menus filled after the first paint) PeerNotes
    lacks a menu item or a shortcut, or lists them in another order, than when built whole."""
    whole = MainWindow()
    qtbot.addWidget(whole)
    fast = MainWindow(defer_features=True)
    qtbot.addWidget(fast)
    assert [a.text() for a in fast.menuBar().actions()] == [
        a.text() for a in whole.menuBar().actions()
    ]
    fast.install_features()
    assert _menu_items(fast) == _menu_items(whole)
    assert fast.open_path(challenge_path)
    with_file = _menu_items(fast)
    fast.close()  # one window at a time holds the file
    assert whole.open_path(challenge_path)
    assert _menu_items(whole) == with_file
    whole.close()


def test_a_file_opened_before_the_menus_are_filled_still_gets_them(qtbot, challenge_path):
    """If this fails, a file handed over at the very start opens in a window with empty menus."""
    window = MainWindow(defer_features=True)
    qtbot.addWidget(window)
    assert window.open_path(challenge_path)
    assert any(a.text() == "&Undo" for a in window.menu("&Edit").actions())
    assert window.menu("&File").actions()
    window.close()


def test_opening_a_challenge_does_not_import_sqlite_utils(challenge_path):
    """If this fails, every start pays ~0.1 s for sqlite-utils (and click, dateutil, pluggy),
    which only the interchange and salvage need: a peer waits longer for the window. Run in a
    fresh process, so other tests' imports cannot hide it."""
    root = Path(__file__).resolve().parents[2]
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PEERNOTES_QUIT_WHEN_SHOWN="1",
        PEERNOTES_STARTUP_TRACE="1",
        PYTHONPATH=str(root),
    )
    script = (
        "import sys; from peernotes.cli import main; main([sys.argv[1]]); "
        "print('SQLITE_UTILS', 'sqlite_utils' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(challenge_path)],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=120,
    )
    assert "USABLE" in result.stdout, result.stderr  # the file opened and its page was built
    assert "SQLITE_UTILS False" in result.stdout, result.stdout
