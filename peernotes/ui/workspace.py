"""The seam between screens: what a page may ask of the window, and how it names a record.

Pages used to navigate with `getattr(window, "pages", {}).get("findings")` and
`hasattr(page.widget, "select_finding")`: a renamed method broke "Go to" silently. Now a page
asks the window for `go_to(Ref("finding", id))`; the window shows the page that lists that kind
of record and, if the page `SelectsRecords`, selects it. A type checker sees every link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from peernotes.ui.session import Session


@dataclass(frozen=True)
class Ref:
    """One record to show: its table ("finding", "heading", "observation"…) and id."""

    table: str
    row_id: str


# Which page lists each kind of record (a heading is shown as its notes on Findings).
PAGE_FOR_TABLE: dict[str, str] = {
    "finding": "findings",
    "heading": "findings",
    "observation": "observations",
    "meeting": "programme",
    "person": "people",
    "peer": "people",
    "document": "documents",
}


@runtime_checkable
class SelectsRecords(Protocol):
    """A page that can bring one of its records into view; False if it does not have it."""

    def select(self, ref: Ref) -> bool: ...


@runtime_checkable
class SavesPending(Protocol):
    """A page holding typed text not yet saved: the window asks it to save before closing."""

    def flush(self) -> object: ...


@runtime_checkable
class StopsWork(Protocol):
    """A page with background work (a list filling in): stopped when the file closes."""

    def shutdown(self) -> None: ...


@runtime_checkable
class TakesFocus(Protocol):
    """A page whose editor takes the keyboard when the page is shown (Capture)."""

    def focus_editor(self) -> None: ...


class Workspace(Protocol):
    """What pages, dialogs and menu actions may ask of the main window."""

    @property
    def session(self) -> Session | None: ...

    def show_page(self, key: str) -> None: ...

    def page_widget(self, key: str) -> QWidget | None: ...

    def go_to(self, ref: Ref) -> bool: ...

    def capture_in(self, meeting_id: str) -> None:
        """Show Capture, writing in this meeting."""
        ...

    def set_saving(self, pending: bool) -> None: ...

    def say(self, text: str, seconds: float = 8) -> None:
        """A passing note in the status bar (0 seconds: until the next note)."""
        ...


def go_to(window: Workspace, ref: Ref) -> bool:
    """Show the page that lists `ref`'s kind of record and select it there."""
    key = PAGE_FOR_TABLE.get(ref.table)
    if key is None or window.session is None:
        return False
    window.show_page(key)
    page = window.page_widget(key)
    return isinstance(page, SelectsRecords) and page.select(ref)
