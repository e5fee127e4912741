"""The synthesis feature: Findings, Roll-up and Coverage pages for the evening pooling of notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction

from peernotes.ui.features import Page

if TYPE_CHECKING:
    from peernotes.ui.session import Session

# The pages' modules are imported when a page is first shown, not at start-up.


def _findings(session: Session, window: Any):
    from peernotes.ui.findings_page import FindingsPage

    return FindingsPage(session, window)


def _rollup(session: Session, window: Any):
    from peernotes.ui.rollup_page import RollupPage

    return RollupPage(session, window)


def _coverage(session: Session, window: Any):
    from peernotes.ui.coverage_page import CoveragePage

    return CoveragePage(session, window)


def create_pages(session: Session, window: Any) -> list[Page]:
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


def open_written_twice(window: Any, meeting_id: str | None = None) -> None:
    """Tools › Meetings written up twice…: two peers' notes of one meeting side by side."""
    from peernotes.ui.written_twice import WrittenTwiceDialog

    session = getattr(window, "session", None)
    if session is not None:
        window.written_twice = WrittenTwiceDialog.open_for(session, window, meeting_id)


def install_actions(window: Any) -> None:
    action = QAction("Meetings &written up twice…", window)
    tip = "Line up two peers' notes of one meeting and mark the same point, both, or a disagreement"
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: open_written_twice(window))
    window.menu("&Tools").addAction(action)
