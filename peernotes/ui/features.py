"""The screens and menu actions of the main window, gathered from one module per feature.

A feature module may define:
    create_pages(session, window) -> list[Page]   called each time a challenge is opened
    install_actions(window) -> None               called once, when the window is built
The main window lists the pages in the navigation in `order` (Programme 10, People 20,
Documents 30, Observations 40, Findings 50, Roll-up 60, Coverage 70, Letter 80, Merge 90).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from PySide6.QtWidgets import QWidget

FEATURE_MODULES: list[str] = [
    "peernotes.ui.recording",
    "peernotes.ui.synthesis",
    "peernotes.ui.letter_feature",
    "peernotes.ui.deck_feature",
    "peernotes.ui.print_feature",
    "peernotes.ui.team_feature",
    "peernotes.ui.safety",
    "peernotes.ui.file_actions",
]


class Page:
    """One screen of the workflow. `content` is the widget, or a function that builds it:
    such a page is built the first time anyone asks for `widget` (usually when it is first
    shown), so opening a challenge does not pay for screens nobody has looked at yet."""

    def __init__(
        self,
        key: str,
        title: str,
        order: int,
        content: QWidget | Callable[[], QWidget],
        tooltip: str = "",
    ) -> None:
        self.key, self.title, self.order, self.tooltip = key, title, order, tooltip
        self._widget = content if isinstance(content, QWidget) else None
        self._build = None if isinstance(content, QWidget) else content
        self.on_built: Callable[[Page], None] | None = None  # the window puts it in place

    @property
    def built(self) -> bool:
        return self._widget is not None

    @property
    def widget(self) -> QWidget:
        if self._widget is None:
            assert self._build is not None
            self._widget = self._build()
            if self.on_built is not None:
                self.on_built(self)
        return self._widget


def feature_modules() -> list[ModuleType]:
    """Every feature ships with the app: a missing one is a broken install, not an option."""
    return [importlib.import_module(name) for name in FEATURE_MODULES]
