"""The letter feature's place in the window: the Letter page and File › Export letter….

Kept apart from peernotes.ui.letter (the page itself, with the letter builder and the
non-attribution guard behind it) so that module loads when the page is first shown, not at
start-up."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence

from peernotes.ui.dialogs import messages
from peernotes.ui.features import Page
from peernotes.ui.session import Session


def _letter_page(session: Session, window: Any):
    from peernotes.ui.letter import LetterPage

    return LetterPage(session, window)


def create_pages(session: Session, window: Any) -> list[Page]:
    return [
        Page(
            "letter",
            "Letter",
            80,
            lambda: _letter_page(session, window),
            "Letter settings, checks and Word export",
        )
    ]


def install_actions(window: Any) -> None:
    file_menu = window.menu("&File")
    file_menu.addSeparator()
    for text, method, shortcut in (
        ("Export &letter…", "export_letter", "Ctrl+Shift+E"),
        ("Export &evidence report…", "export_evidence_report", None),
    ):
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, m=method: _run_on_page(window, m))
        file_menu.addAction(action)


def _run_on_page(window: Any, method: str) -> None:
    page = getattr(window, "pages", {}).get("letter")
    if getattr(window, "session", None) is None or page is None:
        messages.error(window, "No challenge open", "Open a challenge file first.")
        return
    window.show_page("letter")
    getattr(page.widget, method)()
