"""The recording feature: the screens used on site, in the navigation as Programme 10,
Capture 15, People 20, Documents 30, Observations 40 (see peernotes.ui.features).

`programme` (the timetable, with `my_day`), `capture` (the pane a peer types into, with its
parts `capture_*`), `people`, `documents`, `observations`, and `list_page` (the list screen
People and Documents share). This module only declares the feature: Capture and Programme load
when a file opens, after the first paint; the others when first shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from peernotes.ui.features import Feature, Page

if TYPE_CHECKING:  # the store loads when a file opens, after the first paint
    from peernotes.ui.session import Session
    from peernotes.ui.workspace import Workspace


def _people(session: Session, window: Workspace) -> QWidget:
    from peernotes.ui.recording.people import PeoplePage

    return PeoplePage(session, window)


def _documents(session: Session, window: Workspace) -> QWidget:
    from peernotes.ui.recording.documents import DocumentsPage

    return DocumentsPage(session, window)


def _observations(session: Session, window: Workspace) -> QWidget:
    from peernotes.ui.recording.observations import ObservationsPage

    return ObservationsPage(session, window)


def _create_pages(session: Session, window: Workspace) -> list[Page]:
    # Imported here, when a file opens: the window paints before these screens load. Capture
    # (ready to type in) and Programme (the first page) are built now, the rest when shown.
    from peernotes.ui import spelling
    from peernotes.ui.recording.capture import CapturePane
    from peernotes.ui.recording.programme import ProgrammePage

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


FEATURE = Feature("recording", create_pages=_create_pages)
