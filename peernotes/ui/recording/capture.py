"""The capture pane: what a peer types in a meeting, as fast as they can type.

Keys (shown in tooltips and the legend under the editor):
  Enter save and clear · Shift+Enter new line · Ctrl+1/2/3 read/heard/seen ·
  Alt+S/A/N strength/area/neutral · Ctrl+T add a heading · Ctrl+Q quote ·
  Ctrl+Shift+P add a person met · Ctrl+M choose the meeting (the same note keys as the
  Observations page: peernotes.ui.widgets.note_keys)
Each note starts in the meeting's natural mode and returns to it after every save; Enter
turns the text into an observation, saved at once and undoable.

The pane joins small parts, each with one job: the form (capture_form), the meeting choice
(capture_meeting), people met (capture_people), the crash draft (capture_draft), fixing a
saved note (capture_edit) and the list of notes under the box (capture_list).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError, SaveFailed
from peernotes.core.records import read_models
from peernotes.core.store import Change
from peernotes.ui.dialogs.form import explain
from peernotes.ui.operations import observations
from peernotes.ui.operations.observations import NoteData
from peernotes.ui.recording import capture_headcounts
from peernotes.ui.recording.capture_draft import DRAFT_KEY, DRAFT_RESTORED, CaptureDraft
from peernotes.ui.recording.capture_edit import NoteReediting
from peernotes.ui.recording.capture_form import LEGEND, CaptureForm
from peernotes.ui.recording.capture_list import CaptureList
from peernotes.ui.recording.capture_meeting import MeetingChooser
from peernotes.ui.recording.capture_people import MeetingPeople
from peernotes.ui.session import Session
from peernotes.ui.widgets.note_keys import MODE_KEYS, POLARITY_KEYS, install_note_keys

__all__ = ["DRAFT_KEY", "DRAFT_RESTORED", "LEGEND", "CapturePane"]
EMPTY_REASON = "Not saved: the observation is empty. Type what you read, heard or saw, then Enter."


@dataclass(frozen=True)
class _SavedNote:
    """The last note saved here, as typed, and the undo stack's index just after its save."""

    observation_id: str
    text: str
    mode: str
    polarity: str
    quote: bool
    heading_ids: tuple[str, ...]
    index: int


class CapturePane(QWidget):
    """Meeting, people met, the text, its tags, and the meeting's observations under it."""

    saved = Signal(str)  # observation id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Capture")
        self._last_saved: _SavedNote | None = None  # offered back if its save is undone
        self._build()
        self.reediting = NoteReediting(self)
        self.chooser = MeetingChooser(session, self.meeting, self.form.meeting_info)
        self.people_met = MeetingPeople(self)
        self.headcounts = capture_headcounts.HeadcountEntry(self)  # "12 carers" there too
        self.draft = CaptureDraft(self)
        self.draft_timer = self.draft.timer
        self._connect()
        self._shortcuts()
        self.reload_meetings()
        self.reload_documents()
        self.heading_picker.set_headings(read_models.framework_headings(session.cf))
        self.people_met.reload_names()
        self.set_meeting(self.chooser.default_meeting_id())
        self.restored_draft = self.draft.restore()  # the window announces it wherever
        session.changed.connect(self._on_changed)
        session.meeting_selected.connect(self.set_meeting)
        session.undo_stack.indexChanged.connect(self._undo_moved)
        self.editor.textChanged.connect(self._text_changed)  # after the draft is restored

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.form = form = CaptureForm()
        self.meeting, self.now_button, self.document = form.meeting, form.now_button, form.document
        self.meeting_info = form.meeting_info
        self.people, self.person_field = form.people, form.person_field
        self.editor, self.mode, self.mode_hint = form.editor, form.mode, form.mode_hint
        self.polarity, self.quote, self.heading_picker = (
            form.polarity,
            form.quote,
            form.heading_picker,
        )
        self.save_button, self.message = form.save_button, form.message
        self.notes = CaptureList(self.session)
        self.model, self.list, self.list_title = self.notes.model, self.notes.view, self.notes.title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.form_area = form.rows_area  # at 150 % on a laptop the form scrolls, not overlaps
        layout.addWidget(form, 0)
        layout.addSpacing(6)
        layout.addWidget(self.notes, 1)
        order = form.tab_order() + [self.list]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.chooser.chosen.connect(self._meeting_chosen)
        self.chooser.said.connect(self.show_note)
        self.now_button.clicked.connect(self.go_to_meeting_now)
        self.editor.submit.connect(self.save)
        self.editor.up_on_empty.connect(lambda: self.reediting.start(self.reediting.previous_id()))
        self.editor.escape.connect(lambda: self.reediting.stop())
        self.heading_picker.done.connect(self.focus_editor)
        self.heading_picker.message.connect(self.show_problem)
        self.save_button.clicked.connect(self.save)
        self.notes.open_requested.connect(self.reediting.start)
        self.notes.delete_requested.connect(self.delete_selected)
        self.mode.changed.connect(self._mode_changed)
        self._mode_changed(self.mode.value)

    def _shortcuts(self) -> None:
        handlers: dict[str, Callable[[], None]] = {
            "quote": self.quote.toggle,
            "heading": self.heading_picker.focus_field,
            "person": self.people_met.focus_field,
        }
        for value, _label, _keys in MODE_KEYS:
            handlers[value] = partial(self.mode.set_value, value)
        for value, _label, _keys in POLARITY_KEYS:
            handlers[value] = partial(self.polarity.set_value, value)
        install_note_keys(self, handlers)
        shortcut = QShortcut(QKeySequence("Ctrl+M"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.chooser.focus)

    # ------------------------------------------------------------- meetings
    def reload_meetings(self) -> None:
        self.chooser.reload()

    def default_meeting_id(self) -> str | None:
        return self.chooser.default_meeting_id()

    def set_meeting(self, meeting_id: str | None) -> None:
        self.chooser.set_meeting(meeting_id)

    def current_meeting_id(self) -> str | None:
        return self.chooser.meeting_id

    def natural_mode(self) -> str:
        return self.chooser.natural_mode()

    def go_to_meeting_now(self) -> None:
        """The meeting this peer is in now, saying which rule chose it."""
        if self.chooser.go_to_now():
            self.focus_editor()

    def _meeting_chosen(self, changed: bool) -> None:
        if changed:
            self.reediting.stop()
            self.mode.set_value(self.natural_mode())
        self._show_mode_hint()
        self.notes.show_meeting(self.chooser.meeting_id)
        self.people_met.reload()

    def _show_mode_hint(self) -> None:
        """A mode the peer set (Ctrl+1/2/3) shows until the note is saved."""
        natural, mode = self.natural_mode(), self.mode.value
        self.form.set_mode_hint(
            f"{mode.capitalize()} for this note only: back to {natural.capitalize()} after saving"
            if mode != natural
            else ""
        )

    # ------------------------------------------------------------ documents
    def reload_documents(self) -> None:
        current = self.document.currentData()
        self.document.blockSignals(True)
        self.document.clear()
        self.document.addItem("(no particular document)", None)
        for document in read_models.document_list(self.session.cf):
            self.document.addItem(document.title, document.id)
        self.document.setCurrentIndex(max(self.document.findData(current), 0))
        self.document.blockSignals(False)

    def _mode_changed(self, mode: str) -> None:
        self.form.show_document(mode == "read")
        if hasattr(self, "chooser"):
            self._show_mode_hint()

    # --------------------------------------------------------------- people
    def reload_people_names(self) -> None:
        self.people_met.reload_names()

    def reload_people(self) -> None:
        self.people_met.reload()

    def add_person_named(self, name: str) -> bool:
        """Add someone to the current meeting by name (see capture_people)."""
        return self.people_met.add_named(name)

    def remove_person(self, person_id: str) -> None:
        self.people_met.remove_person(person_id)

    # ----------------------------------------------------------------- save
    def save(self) -> str | None:
        """Save the typed observation with its tags; clear for the next. Returns its id."""
        text = self.editor.toPlainText()
        if not text.strip():
            self.show_problem(EMPTY_REASON)
            self.editor.setProperty("invalid", True)
            self._restyle(self.editor)
            self.editor.setFocus()
            return None
        meeting_id = self.current_meeting_id()
        document_id = self.document.currentData() if self.mode.value == "read" else None
        headings = self.heading_picker.heading_ids()
        mode, polarity, quote = self.mode.value, self.polarity.value, self.quote.isChecked()
        note = NoteData(text, mode, polarity, quote, tuple(headings), document_id)
        if self.reediting.active:
            return self.reediting.save(note)
        try:
            observation_id = observations.add_observation(self.session, note, meeting_id)
        except PeerNotesError as error:
            self.report(error)  # the text stays in the editor
            return None
        self._last_saved = _SavedNote(
            observation_id,
            text,
            mode,
            polarity,
            quote,
            tuple(headings),
            self.session.undo_stack.index(),
        )
        self.reset_box()
        self.draft_timer.stop()
        self.save_draft()
        preview = text.strip().splitlines()[0]
        preview = preview if len(preview) <= 60 else preview[:59] + "…"
        self.show_note(f"Saved: “{preview}”")
        self.editor.setFocus()
        self.saved.emit(observation_id)
        return observation_id

    def _undo_moved(self, index: int) -> None:
        """Undo of a save puts the note back in the box (with its tags), so a note saved too
        soon is fixed, not retyped; redo takes it out again if it was left as it was."""
        saved = self._last_saved
        if saved is None or index not in (saved.index - 1, saved.index):
            return  # not the save itself undone or redone (and Enter pays no extra read)
        exists = read_models.observation(self.session.cf, saved.observation_id) is not None
        typed = self.editor.toPlainText()
        if index == saved.index - 1 and not exists:
            if typed.strip():
                self.show_note("Undone: the note was taken out (the box already had new text).")
                return
            self.editor.setPlainText(saved.text)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
            self.mode.set_value(saved.mode)
            self.polarity.set_value(saved.polarity)
            self.quote.setChecked(saved.quote)
            self.heading_picker.set_heading_ids(list(saved.heading_ids))
            self.show_note("Undone: the note is back in the box. Edit it and press Enter.")
        elif index == saved.index and exists and typed == saved.text:
            self.reset_box()
            self.show_note("Redone: the note is saved again.")

    def reset_box(self) -> None:
        """An empty box for the next note, in the meeting's natural mode, no tags."""
        self.editor.clear()
        self.mode.set_value(self.natural_mode())
        self.polarity.set_value("neutral")
        self.quote.setChecked(False)
        self.heading_picker.clear()

    def delete_selected(self) -> None:
        ids = self.notes.selected_ids()
        if not ids:
            return
        try:
            count = observations.delete_observations(self.session, ids)
        except PeerNotesError as error:
            self.report(error)
            return
        deleted = "observation" if count == 1 else f"{count} observations"
        self.show_note(f"Deleted {deleted}. Undo with Ctrl+Z.")

    # ---------------------------------------------------------------- draft
    def _text_changed(self) -> None:
        if self.editor.property("invalid") and self.editor.toPlainText().strip():
            self.editor.setProperty("invalid", False)
            self._restyle(self.editor)
            self.message.clear()
        self.draft_timer.start()

    def flush(self) -> None:
        """Before the file closes: keep the draft now rather than in a second."""
        self.draft.flush()

    def save_draft(self) -> None:
        self.draft.save()

    # ------------------------------------------------------------- messages
    def show_problem(self, text: str) -> None:
        self._set_message(text, True)

    def show_note(self, text: str) -> None:
        self._set_message(text, False)

    def _set_message(self, text: str, problem: bool) -> None:
        if self.message.property("problem") is not problem:
            self.message.setProperty("problem", problem)
            self._restyle(self.message)  # costly with a style sheet: only when it changes
        self.message.setText(text)

    def report(self, error: PeerNotesError) -> None:
        """A failed save said on the status line (and to the window when the disk failed)."""
        if isinstance(error, SaveFailed):
            self.session.error.emit(str(error))
        self.show_problem(explain(error))

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def focus_editor(self) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # -------------------------------------------------------------- refresh
    def _on_changed(self, change: Change) -> None:
        if change.touches(Table.MEETING, Table.MEETING_PEER):
            self.reload_meetings()
        if change.touches(Table.DOCUMENT):
            self.reload_documents()
        if change.touches(Table.HEADING):
            self.heading_picker.set_headings(read_models.framework_headings(self.session.cf))
        if change.touches(Table.PERSON):
            self.reload_people_names()
        if change.touches(
            Table.PERSON, Table.MEETING_PERSON, Table.STAKEHOLDER_GROUP, Table.HEADCOUNT
        ):
            self.reload_people()
        if change.touches(Table.OBSERVATION):
            self.notes.update_title()
