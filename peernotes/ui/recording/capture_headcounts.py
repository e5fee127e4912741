"""Unnamed headcounts from Capture: "12 carers" typed where people met are added.

A peer in a carers' forum meets twelve carers and learns no names; the letter's "at least N
people" and the coverage by group still need them. The people-met field (Ctrl+Shift+P) takes
a count as well as a name: text that starts with a number is a headcount for a stakeholder
group of the current meeting ("12 carers", "3 providers; 2 carers"). Typing a new number for a
group sets its count ("adjust"); the count shows as a chip beside the people, and removing the
chip (click, or Delete on it) clears it. Each change is one undoable step
(`operations.meetings.record_headcounts`). The meeting dialog's "Unnamed people" field is the
other way in.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from peernotes.core import headcounts
from peernotes.core.errors import PeerNotesError, ValidationError
from peernotes.core.records import read_models
from peernotes.core.store import ChallengeFile
from peernotes.ui.operations import meetings
from peernotes.ui.session import Session
from peernotes.ui.widgets.chips import ChipBox

CHIP = "headcount:"  # chip keys: "headcount:<group id>", beside the people's ids
HINT = "Add person met, or 12 carers…"  # the field is narrow; Ctrl+Shift+P is in the legend
TIP = (
    "\nA number first records people met without names for their stakeholder group:\n"
    "'12 carers' (a new number replaces the old; remove a count with its chip)."
)


def is_count(text: str) -> bool:
    """'12 carers' is a headcount; a name never starts with a digit."""
    return text.strip()[:1].isdigit()


def group_of(chip_key: str) -> str | None:
    """The group of a headcount chip, or None for a person's chip."""
    return chip_key[len(CHIP) :] if chip_key.startswith(CHIP) else None


def chips(cf: ChallengeFile, meeting_id: str | None) -> list[tuple[str, str]]:
    """(chip key, label) for each headcount of the meeting, in the groups' order."""
    if meeting_id is None:
        return []
    counts = headcounts.for_meeting(cf, meeting_id)
    return [
        (CHIP + g.id, meetings.headcount_label(g.name, counts[g.id]) + ", no names")
        for g in read_models.groups(cf)
        if counts.get(g.id)
    ]


class _Pane(Protocol):
    """What the entry needs of the capture pane."""

    @property
    def session(self) -> Session: ...

    @property
    def person_field(self) -> QLineEdit: ...

    @property
    def people(self) -> ChipBox: ...

    def current_meeting_id(self) -> str | None: ...

    def show_note(self, text: str) -> None: ...

    def show_problem(self, text: str) -> None: ...


class HeadcountEntry(QObject):
    """Takes Enter in the people-met field when the text is a count, before the field's own
    handler (which would offer to create a person called '12 carers')."""

    def __init__(self, pane: _Pane) -> None:
        super().__init__(pane.person_field)
        self.pane = pane
        field = pane.person_field
        field.setPlaceholderText(HINT)
        field.setToolTip(field.toolTip() + TIP)
        field.installEventFilter(self)
        pane.people.removed.connect(self.chip_removed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and is_count(self.pane.person_field.text())
        ):
            self.enter()
            return True
        return super().eventFilter(watched, event)

    def enter(self) -> None:
        meeting_id = self.pane.current_meeting_id()
        if meeting_id is None:
            self.pane.show_problem("Choose a meeting first: people are counted in a meeting.")
            return
        try:
            said = meetings.record_headcounts(
                self.pane.session, meeting_id, self.pane.person_field.text()
            )
        except PeerNotesError as error:
            self.pane.show_problem(_sentence(error))  # the text stays, to be corrected
            return
        self.pane.person_field.clear()
        self.pane.show_note(said)

    def chip_removed(self, key: str) -> None:
        group_id, meeting_id = group_of(key), self.pane.current_meeting_id()
        if group_id is None or meeting_id is None:
            return
        try:
            self.pane.show_note(meetings.remove_headcount(self.pane.session, meeting_id, group_id))
        except PeerNotesError as error:
            self.pane.show_problem(_sentence(error))


def _sentence(error: PeerNotesError) -> str:
    if isinstance(error, ValidationError):
        text = error.message
        return (
            text[:1].upper() + text[1:] + ("" if text.endswith(".") else ". Nothing was recorded.")
        )
    return str(error)
