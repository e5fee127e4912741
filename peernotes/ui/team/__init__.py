"""The team feature: File › Copy for a peer…, Merge from…, Tools › Conflicts… and the Merge page.

`page` (the Merge page, copies for peers), `merge_dialog`, `conflicts_dialog` with
`conflict_fields`, `history_dialog` (one record's versions), `deletion_guard`, `models` (the
dialogs' table models). This module only declares the feature: those load when first used,
with the merge machinery behind them, not before the window's first paint."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from peernotes.ui.features import Feature, Page

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow
    from peernotes.ui.session import Session
    from peernotes.ui.workspace import Workspace


def _copy_for_peer(window: MainWindow) -> None:
    from peernotes.ui.team.page import copy_for_peer

    copy_for_peer(window)


def _merge_from(window: MainWindow) -> None:
    from peernotes.ui.team.page import merge_from

    merge_from(window)


def _review_conflicts(window: MainWindow) -> None:
    from peernotes.ui.team.page import review_conflicts

    review_conflicts(window)


def _install_actions(window: MainWindow) -> None:
    file_menu = window.menu("&File")
    file_menu.addSeparator()
    entries: tuple[tuple[str, Callable[[MainWindow], None], str], ...] = (
        ("Cop&y for a peer…", _copy_for_peer, "Write a copy of this challenge for a team member"),
        ("&Merge from…", _merge_from, "Bring team members' files into this one"),
    )
    for text, slot, tip in entries:
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False, s=slot: s(window))
        file_menu.addAction(action)
    review = QAction("&Conflicts…", window)
    review.setStatusTip("Review records changed on two laptops before they were merged")
    review.triggered.connect(lambda _checked=False: _review_conflicts(window))
    window.menu("&Tools").addAction(review)


def _create_pages(session: Session, window: Workspace) -> list[Page]:
    def merge_page():  # noqa: ANN202 (the page module loads on first use)
        from peernotes.ui.team.page import MergePage

        return MergePage(session, window)

    return [Page("merge", "Merge", 90, merge_page, "Merge the team's files and review conflicts")]


FEATURE = Feature("team", create_pages=_create_pages, install_actions=_install_actions)
