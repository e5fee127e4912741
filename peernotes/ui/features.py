"""The screens and menu actions of the main window, gathered from one module per feature.

A feature module may define:
    create_pages(session, window) -> list[Page]   called each time a challenge is opened
    install_actions(window) -> None               called once, when the window is built
The main window lists the pages in the navigation in `order` (Programme 10, People 20,
Documents 30, Observations 40, Findings 50, Roll-up 60, Coverage 70, Letter 80, Merge 90).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from PySide6.QtWidgets import QWidget

FEATURE_MODULES: list[str] = [
    "peernotes.ui.recording",
    "peernotes.ui.synthesis",
    "peernotes.ui.letter",
    "peernotes.ui.team",
    "peernotes.ui.safety",
]


@dataclass
class Page:
    key: str
    title: str
    order: int
    widget: QWidget
    tooltip: str = ""


def feature_modules() -> list[ModuleType]:
    modules = []
    for name in FEATURE_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:  # a real missing dependency, not an absent feature
                raise
    return modules
