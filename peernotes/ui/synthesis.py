"""The synthesis feature: Findings, Roll-up and Coverage pages for the evening pooling of notes."""

from __future__ import annotations

from typing import Any

from peernotes.ui.coverage_page import CoveragePage
from peernotes.ui.features import Page
from peernotes.ui.findings_page import FindingsPage
from peernotes.ui.rollup_page import RollupPage
from peernotes.ui.session import Session


def create_pages(session: Session, window: Any) -> list[Page]:
    return [
        Page(
            "findings",
            "Findings",
            50,
            lambda: FindingsPage(session, window),
            "Turn observations into findings and see how well each is evidenced",
        ),
        Page(
            "rollup",
            "Roll-up",
            60,
            lambda: RollupPage(session, window),
            "Every heading's strengths, areas and recommendations, to read aloud",
        ),
        Page(
            "coverage",
            "Coverage",
            70,
            lambda: CoveragePage(session, window),
            "Evidence per heading by mode and stakeholder group: where are we thin?",
        ),
    ]
