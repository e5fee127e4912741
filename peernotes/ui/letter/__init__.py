"""The letter feature: the Letter page, File › Export letter… and Export evidence report…,
the feedback deck (File › Export feedback presentation…, View › Present feedback, F5:
`deck_actions`) and File › Print… (`print_actions`), in that order in the menus.

`page` (the Letter page) with `composer`, `preview`, `options`, `guard` (the
non-attribution guard's dialog), `findings_tab` and `feedback_changes`; `deck_export` and
`presenter`; `printing` and `printables`. This module only declares the feature: those load
when first used (the letter builder, python-pptx and Qt's print support behind them), not at
start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from peernotes.ui.dialogs import messages
from peernotes.ui.features import Feature, Page

if TYPE_CHECKING:
    from peernotes.ui.letter.page import LetterPage
    from peernotes.ui.main_window import MainWindow
    from peernotes.ui.session import Session
    from peernotes.ui.workspace import Workspace


def _letter_page(session: Session, window: Workspace) -> LetterPage:
    from peernotes.ui.letter.page import LetterPage

    return LetterPage(session, window)


def _create_pages(session: Session, window: Workspace) -> list[Page]:
    return [
        Page(
            "letter",
            "Letter",
            80,
            lambda: _letter_page(session, window),
            "Letter settings, checks and Word export",
        )
    ]


def _export_letter(page: LetterPage) -> None:
    page.export_letter()


def _export_evidence_report(page: LetterPage) -> None:
    page.export_evidence_report()


def _install_letter_actions(window: MainWindow) -> None:
    file_menu = window.menu("&File")
    file_menu.addSeparator()
    actions: tuple[tuple[str, Callable[[LetterPage], None], str | None], ...] = (
        ("Export &letter…", _export_letter, "Ctrl+Shift+E"),
        ("Export &evidence report…", _export_evidence_report, None),
    )
    for text, run, shortcut in actions:
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, r=run: _run_on_page(window, r))
        file_menu.addAction(action)


def _run_on_page(window: MainWindow, run: Callable[[LetterPage], None]) -> None:
    """Show the Letter page and run one of its exports (it asks about weak findings)."""
    from peernotes.ui.letter.page import LetterPage

    page = window.page_widget("letter") if window.session is not None else None
    if not isinstance(page, LetterPage):
        messages.error(window, "No challenge open", "Open a challenge file first.")
        return
    window.show_page("letter")
    run(page)


def _install_actions(window: MainWindow) -> None:
    from peernotes.ui.letter import deck_actions, print_actions

    _install_letter_actions(window)
    deck_actions.install_actions(window)
    print_actions.install_actions(window)


FEATURE = Feature("letter", create_pages=_create_pages, install_actions=_install_actions)
