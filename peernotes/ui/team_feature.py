"""The team feature's place in the window: File › Copy for a peer…, Merge from…, Tools ›
Conflicts… and the Merge page.

Kept apart from peernotes.ui.team (the page and the merge dialogs, with the merge machinery
behind them) so that those load when first used, not before the window's first paint."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from peernotes.ui.features import Page

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow
    from peernotes.ui.session import Session


def _copy_for_peer(window: MainWindow) -> None:
    from peernotes.ui.team import copy_for_peer

    copy_for_peer(window)


def _merge_from(window: MainWindow) -> None:
    from peernotes.ui.team import merge_from

    merge_from(window)


def _review_conflicts(window: MainWindow) -> None:
    from peernotes.ui.team import review_conflicts

    review_conflicts(window)


def install_actions(window: MainWindow) -> None:
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


def create_pages(session: Session, window: MainWindow) -> list[Page]:
    def merge_page():  # noqa: ANN202 (the page module loads on first use)
        from peernotes.ui.team import MergePage

        return MergePage(session, window)

    return [Page("merge", "Merge", 90, merge_page, "Merge the team's files and review conflicts")]
