"""Splitters that remember where the person left them, across pages and restarts.

The evening's layout (how much room the tree, the evidence and the reading pane get) is a
choice worth keeping: it is saved in the window settings whenever a handle is dragged.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QSplitter


def _settings():
    from peernotes.ui.main_window import settings  # the window's one settings file

    return settings()


def remember_splitter(splitter: QSplitter, key: str, default: Sequence[int]) -> None:
    """Restore the splitter's sizes saved under `key` (or `default`), and save each move."""
    splitter.setSizes(list(default))
    name = f"splitters/{key}"
    saved = _settings().value(name)
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        splitter.restoreState(saved)
    splitter.splitterMoved.connect(lambda *_: _settings().setValue(name, splitter.saveState()))
