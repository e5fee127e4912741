"""The recording window's screens, plugged into the main window (see peernotes.ui.features):
Programme 10, Capture 15, People 20, Documents 30, Observations 40."""

from __future__ import annotations

from typing import Any

from peernotes.ui.features import Page
from peernotes.ui.session import Session


def create_pages(session: Session, window: Any) -> list[Page]:
    # Imported here, when a file opens: the window paints before these screens load.
    from peernotes.ui.capture import CapturePane
    from peernotes.ui.documents import DocumentsPage
    from peernotes.ui.observations import ObservationsPage
    from peernotes.ui.people import PeoplePage
    from peernotes.ui.programme import ProgrammePage

    capture = CapturePane(session)
    return [
        Page(
            "programme",
            "Programme",
            10,
            ProgrammePage(session, window),
            "The on-site timetable, day by day",
        ),
        Page("capture", "Capture", 15, capture, "Write observations in a meeting, keyboard first"),
        Page(
            "people",
            "People",
            20,
            lambda: PeoplePage(session, window),
            "People met and the peer team",
        ),
        Page(
            "documents", "Documents", 30, lambda: DocumentsPage(session, window), "Documents read"
        ),
        Page(
            "observations",
            "Observations",
            40,
            lambda: ObservationsPage(session, window),
            "Every observation: filter, sort, edit",
        ),
    ]
