"""The synthesis feature: Findings, Roll-up and Coverage pages for the evening pooling of notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
