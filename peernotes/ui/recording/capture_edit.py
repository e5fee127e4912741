"""Fixing a note already saved, without leaving Capture (Up in the empty box, or a double-click
on the note in the list below it).

A typo spotted just after Enter used to mean going to the Observations page and finding
the note again, in the middle of a meeting. Here the note comes back into the same box with
its tags; Enter saves the change (one undo step), Escape stops editing and leaves it as it
was. While a saved note is being edited, the crash draft is not written: a draft restored
as a new note would duplicate it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor

from peernotes.core.errors import PeerNotesError
from peernotes.core.records import read_models
from peernotes.ui.operations import observations
from peernotes.ui.operations.observations import NoteData

if TYPE_CHECKING:
    from peernotes.ui.recording.capture import CapturePane

SAVE_NEW = "Save observation"
SAVE_CHANGES = "Save changes"


class NoteReediting:
    """The note being edited in the capture box (None: the box holds a new note)."""

    def __init__(self, pane: CapturePane) -> None:
        self.pane = pane
        self.observation_id: str | None = None

    @property
    def active(self) -> bool:
        return self.observation_id is not None

    def previous_id(self) -> str | None:
        """The latest note in the list under the box (this meeting's, newest first)."""
        model = self.pane.model
        return model.id_at(0) if model.rowCount() else None

    def start(self, observation_id: str | None) -> bool:
        """Load a saved note into the box; refused (with a reason) over unsaved typing."""
        pane = self.pane
        note = read_models.observation(pane.session.cf, observation_id) if observation_id else None
        if note is None:
            pane.show_note("No note to edit yet in this meeting.")
            return False
        if pane.editor.toPlainText().strip() and not self.active:
            pane.show_problem("Save or clear the note you are typing before editing another.")
            return False
        self.observation_id = note.id
        pane.draft_timer.stop()
        pane.editor.setPlainText(note.text)
        pane.editor.moveCursor(QTextCursor.MoveOperation.End)
        pane.mode.set_value(note.mode)
        pane.polarity.set_value(note.polarity)
        pane.quote.setChecked(note.is_quote)
        pane.heading_picker.set_heading_ids(list(note.heading_ids))
        index = pane.document.findData(note.document_id)
        pane.document.setCurrentIndex(max(index, 0))
        pane.save_button.setText(SAVE_CHANGES)
        pane.show_note(
            f"Editing your note from {_clock(note.observed_at)}: Enter saves the change, "
            "Escape stops editing."
        )
        pane.editor.setFocus()
        return True

    def save(self, note: NoteData) -> str | None:
        """Write the box back to the note being edited, as one undo step."""
        observation_id = self.observation_id
        if observation_id is None:
            return None
        try:
            observations.edit_observation(self.pane.session, observation_id, note)
        except PeerNotesError as error:
            self.pane.report(error)  # the text stays in the box
            return None
        self.stop(cleared_note="Changes saved. Ctrl+Z undoes them.")
        return observation_id

    def stop(self, cleared_note: str = "Stopped editing: the note is as it was.") -> None:
        if not self.active:
            return
        self.observation_id = None
        pane = self.pane
        pane.save_button.setText(SAVE_NEW)
        pane.reset_box()
        pane.show_note(cleared_note)


def _clock(value: str | None) -> str:
    try:
        return datetime.fromisoformat(value or "").strftime("%H:%M")
    except ValueError:
        return (value or "")[11:16]
