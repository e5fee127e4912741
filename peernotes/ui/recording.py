"""The recording window's screens, plugged into the main window (see peernotes.ui.features):
Programme 10, Capture 15, People 20, Documents 30, Observations 40."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from peernotes.ui.features import Page

if TYPE_CHECKING:  # the store loads when a file opens, after the first paint
    from peernotes.ui.session import Session


def _people(session: Session, window: Any) -> QWidget:
    from peernotes.ui.people import PeoplePage

    return PeoplePage(session, window)


def _documents(session: Session, window: Any) -> QWidget:
    from peernotes.ui.documents import DocumentsPage

    return DocumentsPage(session, window)


def _observations(session: Session, window: Any) -> QWidget:
    from peernotes.ui.observations import ObservationsPage

    return ObservationsPage(session, window)


def create_pages(session: Session, window: Any) -> list[Page]:
    # Imported here, when a file opens: the window paints before these screens load. Capture
    # (ready to type in) and Programme (the first page) are built now, the rest when shown.
    from peernotes.ui import spelling
    from peernotes.ui.capture import CapturePane
    from peernotes.ui.programme import ProgrammePage

    spelling.follow(session)  # names of people met are known before anyone types one
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
            lambda: _people(session, window),
            "People met and the peer team",
        ),
        Page("documents", "Documents", 30, lambda: _documents(session, window), "Documents read"),
        Page(
            "observations",
            "Observations",
            40,
            lambda: _observations(session, window),
            "Every observation: filter, sort, edit",
        ),
    ]
