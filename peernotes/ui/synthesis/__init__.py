"""The synthesis feature: Findings, Roll-up and Coverage pages for the evening pooling of notes,
and Tools › Meetings written up twice….

`findings_page` with its parts (`findings_tree`, `findings_browser`, `finding_editor`),
`rollup_page`, `coverage_page` with `coverage_chart` and `coverage_table`, `models` and
`dialogs` (shared by those screens), `weak_findings_dialog` (asked before the letter or the deck
is written) and `written_twice`. This module only declares the feature: the pages' modules are
imported when a page is first shown, not at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from peernotes.ui.features import Feature, Page

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow
    from peernotes.ui.session import Session
    from peernotes.ui.workspace import Workspace


def _findings(session: Session, window: Workspace):
    from peernotes.ui.synthesis.findings_page import FindingsPage

    return FindingsPage(session, window)


def _rollup(session: Session, window: Workspace):
    from peernotes.ui.synthesis.rollup_page import RollupPage

    return RollupPage(session, window)


def _coverage(session: Session, window: Workspace):
    from peernotes.ui.synthesis.coverage_page import CoveragePage

    return CoveragePage(session, window)


def _create_pages(session: Session, window: Workspace) -> list[Page]:
    return [
        Page(
            "findings",
            "Findings",
            50,
            lambda: _findings(session, window),
            "Turn observations into findings and see how well each is evidenced",
        ),
        Page(
            "rollup",
            "Roll-up",
            60,
            lambda: _rollup(session, window),
            "Every heading's strengths, areas and recommendations, to read aloud",
        ),
        Page(
            "coverage",
            "Coverage",
            70,
            lambda: _coverage(session, window),
            "Evidence per heading by mode and stakeholder group: where are we thin?",
        ),
    ]


def open_written_twice(window: MainWindow, meeting_id: str | None = None) -> None:
    """Tools › Meetings written up twice…: two peers' notes of one meeting side by side."""
    from peernotes.ui.synthesis.written_twice import WrittenTwiceDialog

    if window.session is not None:
        window.written_twice = WrittenTwiceDialog.open_for(window.session, window, meeting_id)


def _install_actions(window: MainWindow) -> None:
    action = QAction("Meetings &written up twice…", window)
    tip = "Line up two peers' notes of one meeting and mark the same point, both, or a disagreement"
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: open_written_twice(window))
    window.menu("&Tools").addAction(action)


FEATURE = Feature("synthesis", create_pages=_create_pages, install_actions=_install_actions)
