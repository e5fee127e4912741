"""Shared set-up for the recording window's tests: a window on a small challenge file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from peernotes.ui.main_window import MainWindow


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
