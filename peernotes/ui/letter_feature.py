"""The letter feature's place in the window: the Letter page and File › Export letter….

Kept apart from peernotes.ui.letter (the page itself, with the letter builder and the
non-attribution guard behind it) so that module loads when the page is first shown, not at
start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from peernotes.ui.dialogs import messages
from peernotes.ui.features import Page

if TYPE_CHECKING:
    from peernotes.ui.letter import LetterPage
    from peernotes.ui.main_window import MainWindow
    from peernotes.ui.session import Session


def _letter_page(session: Session, window: MainWindow) -> LetterPage:
    from peernotes.ui.letter import LetterPage

    return LetterPage(session, window)


def create_pages(session: Session, window: MainWindow) -> list[Page]:
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


def install_actions(window: MainWindow) -> None:
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
    from peernotes.ui.letter import LetterPage

    page = window.page_widget("letter") if window.session is not None else None
    if not isinstance(page, LetterPage):
        messages.error(window, "No challenge open", "Open a challenge file first.")
        return
    window.show_page("letter")
    run(page)
