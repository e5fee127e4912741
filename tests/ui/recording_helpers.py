"""Shared set-up for the recording window's tests: a window on a small challenge file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from peernotes.ui.main_window import MainWindow

# Every page of an open challenge, in navigation order: the accessibility, appearance and
# fit walks all use this list, and test_every_page_is_walked keeps it equal to the window's.
WORKFLOW_PAGES = (
    "programme",
    "capture",
    "people",
    "documents",
    "observations",
    "findings",
    "rollup",
    "coverage",
    "letter",
    "merge",
)


def open_window(qtbot, path: Path) -> MainWindow:
    """A shown, active main window with `path` open."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(path)
    window.activateWindow()
    return window


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def type_text(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
