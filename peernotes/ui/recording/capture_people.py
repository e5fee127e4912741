"""People met, from Capture: the chips of the meeting's people and the field that adds one.

Typing a name offers the people already recorded (a second 'Adam Yeadon' is asked about, not
created silently); a new name opens the person dialog for their stakeholder group. Each add
or removal is one undoable step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

from peernotes.core.errors import PeerNotesError
from peernotes.core.records import read_models
from peernotes.ui.dialogs.person import DuplicatePersonDialog, PersonDialog
from peernotes.ui.operations import people
from peernotes.ui.operations.inputs import PersonData
from peernotes.ui.recording import capture_headcounts

if TYPE_CHECKING:
    from peernotes.ui.recording.capture import CapturePane

NO_MEETING = "Choose a meeting first: people are added to a meeting."


class MeetingPeople(QObject):
    """Keeps the chips in step with the file and adds or removes people met."""

    def __init__(self, pane: CapturePane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.session = pane.session
        self._picked_person = False
        form = pane.form
        self.chips = form.people
        self.field = form.person_field
        self.names = form.person_names
        completer = self.field.completer()
        # The str overload (the stubs do not know overloaded signals can be indexed).
        completer.activated[str].connect(self._person_completed)  # type: ignore[index]
        self.field.returnPressed.connect(self._person_entered)
        self.field.escape.connect(pane.focus_editor)
        self.chips.removed.connect(self.remove_person)

    def reload_names(self) -> None:
        self.names.setStringList(sorted({p.name for p in read_models.person_list(self.session.cf)}))

    def reload(self) -> None:
        cf = self.session.cf
        meeting_id = self.pane.current_meeting_id()
        people = read_models.people_in(cf, meeting_id) if meeting_id else []
        groups = {g.id: g.name for g in read_models.groups(cf)}
        self.chips.set_chips(
            [
                (p.id, p.name + (f" · {groups[p.group_id]}" if p.group_id in groups else ""))
                for p in people
            ]
            + capture_headcounts.chips(cf, meeting_id)
        )
        self.field.setEnabled(meeting_id is not None)

    def focus_field(self) -> None:
        if not self.field.isEnabled():
            self.pane.show_problem(NO_MEETING)
            return
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _person_completed(self, name: str) -> None:
        self._picked_person = True
        matches = read_models.people_named(self.session.cf, name)
        if len(matches) == 1:
            self.add_existing(matches[0].id)
        else:
            self.add_named(name)
        QTimer.singleShot(0, self.field.clear)

    def _person_entered(self) -> None:
        if self._picked_person:
            self._picked_person = False
            self.field.clear()
            return
        name = self.field.text().strip()
        if not name:
            self.pane.focus_editor()
            return
        if self.add_named(name):
            self.field.clear()

    def add_named(self, name: str) -> bool:
        """Add someone to the current meeting by name: an existing person (offered when the
        name matches) or a new one with their stakeholder group. Returns True when added."""
        meeting_id = self.pane.current_meeting_id()
        if meeting_id is None:
            self.pane.show_problem(NO_MEETING)
            return False
        cf = self.session.cf
        matches = read_models.people_named(cf, name)
        if matches:
            choice = DuplicatePersonDialog.ask(self.pane, name, matches)
            if choice is None:
                return False
            if choice != DuplicatePersonDialog.NEW:
                return self.add_existing(choice)
        data = PersonDialog.ask(
            self.pane,
            read_models.groups(cf),
            PersonData(name),
            lambda data: self._add_new(meeting_id, data, name if matches else None),
            title="New person met",
        )
        if data is None:
            return False
        self.pane.show_note(f"{data.name} added to the meeting.")
        return True

    def _add_new(self, meeting_id: str, data: PersonData, duplicate_of: str | None) -> str:
        return people.add_new_to_meeting(self.session, meeting_id, data, duplicate_of)

    def add_existing(self, person_id: str) -> bool:
        meeting_id = self.pane.current_meeting_id()
        if meeting_id is None:
            return False
        try:
            people.add_to_meeting(self.session, meeting_id, person_id)
        except PeerNotesError as error:
            self.pane.report(error)
            return False
        person = read_models.person(self.session.cf, person_id)
        self.pane.show_note(f"{person.name if person else 'Person'} added to the meeting.")
        return True

    def remove_person(self, person_id: str) -> None:
        meeting_id = self.pane.current_meeting_id()
        if meeting_id is None or capture_headcounts.group_of(person_id):
            return
        try:
            people.remove_from_meeting(self.session, meeting_id, person_id)
        except PeerNotesError as error:
            self.pane.report(error)
