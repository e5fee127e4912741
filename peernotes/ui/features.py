"""The screens and menu actions of the main window, gathered from one package per feature.

A feature package (`ui/recording/`, `ui/synthesis/`, `ui/letter/`, `ui/team/`, `ui/safety/`)
declares itself in its `__init__.py` as `FEATURE = Feature(key, create_pages=...,
install_actions=...)`:
    create_pages(session, workspace) -> list[Page]   called each time a challenge is opened
    install_actions(window) -> None                  called once, right after the first paint
The main window lists the pages in the navigation in `order` (Programme 10, Capture 15,
People 20, Documents 30, Observations 40, Findings 50, Roll-up 60, Coverage 70, Letter 80,
Merge 90).

A feature's `__init__.py` stays light: it imports Qt's action classes and this module, never
a page's module (those load when the page is first shown, after the window has painted:
tests/ui/test_features.py checks it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow
    from peernotes.ui.session import Session
    from peernotes.ui.workspace import Workspace

FEATURE_MODULES: list[str] = [
    "peernotes.ui.recording",
    "peernotes.ui.synthesis",
    "peernotes.ui.letter",
    "peernotes.ui.team",
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


def no_pages(session: Session, workspace: Workspace) -> list[Page]:
    """A feature that only adds menu actions."""
    return []


def no_actions(window: MainWindow) -> None:
    """A feature that only adds pages."""


@dataclass(frozen=True)
class Feature:
    """One feature's place in the window: its pages and its menu actions.

    `create_pages` runs each time a challenge opens and returns `Page`s whose content is
    usually a function, so a page's module is imported when it is first shown. `install_actions`
    runs once per window, after the first paint, and adds the feature's menu items."""

    key: str
    create_pages: Callable[[Session, Workspace], list[Page]] = no_pages
    install_actions: Callable[[MainWindow], None] = no_actions


def _declared(name: str) -> Feature:
    feature = getattr(importlib.import_module(name), "FEATURE", None)
    if not isinstance(feature, Feature):
        raise TypeError(f"{name} declares no FEATURE = Feature(...)")
    return feature


def features() -> list[Feature]:
    """Every feature ships with the app: a missing one is a broken install, not an option."""
    return [_declared(name) for name in FEATURE_MODULES]
