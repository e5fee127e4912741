"""Edit one observation in place: text saves as you type (debounced, one undo step per
burst of typing), tags and headings save at once."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError, SaveFailed
from peernotes.core.records import read_models
from peernotes.core.records.values import Observation
from peernotes.core.store import Change
from peernotes.ui.dialogs.form import explain
from peernotes.ui.models.records import meeting_label
from peernotes.ui.operations import observations
from peernotes.ui.session import Session
from peernotes.ui.spelling import attach as spell_check
from peernotes.ui.widgets.choices import ChoiceButtons
from peernotes.ui.widgets.heading_picker import HeadingPicker
from peernotes.ui.widgets.note_keys import (
    KEYS_BY_ACTION,
    MODE_KEYS,
    POLARITY_KEYS,
    install_note_keys,
)

TEXT_DELAY_MS = 600
NOTHING_SELECTED = "Select an observation above to read and edit it here."


class ObservationTags(QWidget):
    """The note's tags beside its text: mode, polarity, quote, meeting, document, headings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = ChoiceButtons(MODE_KEYS, "Mode")
        self.polarity = ChoiceButtons(
            [(v, label.split()[0], keys) for v, label, keys in POLARITY_KEYS], "Polarity"
        )
        self.quote = QCheckBox("Verbatim quote")
        self.quote.setToolTip(f"Quotes are never attributed to anyone ({KEYS_BY_ACTION['quote']})")
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Meeting")
        self.document = QComboBox()
        self.document.setAccessibleName("Document")
        for combo in (self.meeting, self.document):  # long titles must not widen the window
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(24)
        self.headings = HeadingPicker()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Mode", self.mode)
        form.addRow("Polarity", self.polarity)
        form.addRow("", self.quote)
        form.addRow("Meeting", self.meeting)
        form.addRow("Document", self.document)
        form.addRow("Headings", self.headings)

    def fill_choices(self, cf: Any) -> None:
        """The meetings, documents and headings to choose from."""
        self.meeting.clear()
        self.meeting.addItem("(no meeting)", None)
        for meeting in read_models.meeting_list(cf):
            self.meeting.addItem(meeting_label(meeting), meeting.id)
        self.document.clear()
        self.document.addItem("(no document)", None)
        for document in read_models.document_list(cf):
            self.document.addItem(document.title, document.id)
        self.headings.set_headings(read_models.framework_headings(cf))

    def show_observation(self, note: Observation) -> None:
        self.mode.set_value(note.mode)
        self.polarity.set_value(note.polarity)
        self.quote.setChecked(note.is_quote)
        self.meeting.setCurrentIndex(max(self.meeting.findData(note.meeting_id), 0))
        self.document.setCurrentIndex(max(self.document.findData(note.document_id), 0))
        self.headings.set_heading_ids(list(note.heading_ids))


class ObservationEditor(QWidget):
    """The selected observation: its text (saved as you type), its tags (saved at once)."""

    saving = Signal(bool)  # True while typed text waits to be saved
    deleted = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.observation_id: str | None = None
        self._loading = False
        self.setAccessibleName("Selected observation")
        self._build()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TEXT_DELAY_MS)
        self.timer.timeout.connect(self._save_text)
        self._connect()
        session.changed.connect(self._on_changed)
        self._install_keys()
        self._reload_choices()
        self.show_observation(None)

    def _build(self) -> None:
        self.title = QLabel(NOTHING_SELECTED)
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Observation text")
        self.text.setTabChangesFocus(True)
        spell_check(self.text)
        self.text.setToolTip("Changes are saved as you type; Ctrl+Z undoes them")
        self.tags = ObservationTags()
        self.mode, self.polarity, self.quote = self.tags.mode, self.tags.polarity, self.tags.quote
        self.meeting, self.document = self.tags.meeting, self.tags.document
        self.headings = self.tags.headings
        self.details = QLabel()
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("captureMessage")
        self.problem.setProperty("problem", True)
        self.problem.setWordWrap(True)
        self.delete_button = QPushButton("Delete observation")
        self.delete_button.setToolTip("Delete this observation (Ctrl+Z undoes it)")
        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.text, 3)
        body.addWidget(self.tags, 2)
        footer = QHBoxLayout()
        footer.addWidget(self.details, 1)
        footer.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problem)
        layout.addLayout(footer)

    def _connect(self) -> None:
        """Text saves after a pause in typing; each tag saves at once, as one undo step."""
        self.delete_button.clicked.connect(self.delete)
        self.headings.done.connect(lambda: self.text.setFocus())
        self.headings.message.connect(self.problem_text)
        self.text.textChanged.connect(self._typed)
        self.mode.changed.connect(lambda v: self._save(observations.change_mode, v))
        self.polarity.changed.connect(lambda v: self._save(observations.change_polarity, v))
        self.quote.toggled.connect(lambda v: self._save(observations.set_quote, v))
        self.meeting.activated.connect(
            lambda _i: self._save(observations.move_to_meeting, self.meeting.currentData())
        )
        self.document.activated.connect(
            lambda _i: self._save(observations.change_document, self.document.currentData())
        )
        self.headings.changed.connect(lambda ids: self._save(observations.change_headings, ids))

    def _install_keys(self) -> None:
        """Capture's keys, doing the same here (and never typing their letter into the note)."""
        handlers: dict[str, Callable[[], None]] = {
            "quote": self.quote.toggle,
            "heading": self.headings.focus_field,
            "person": lambda: self.problem_text(
                "People met belong to a meeting: add them in Capture "
                f"({KEYS_BY_ACTION['person']}) or in the Programme's meeting."
            ),
        }
        for value, _label, _keys in MODE_KEYS:
            handlers[value] = partial(self.mode.set_value, value)
        for value, _label, _keys in POLARITY_KEYS:
            handlers[value] = partial(self.polarity.set_value, value)
        enabled = {key: self._when_editing(call) for key, call in handlers.items()}
        install_note_keys(self, enabled)

    def _when_editing(self, call: Callable[[], None]) -> Callable[[], None]:
        return lambda: call() if self.observation_id is not None else None

    def problem_text(self, text: str) -> None:
        self.problem.setText(text)

    def _reload_choices(self) -> None:
        self._loading = True
        try:
            self.tags.fill_choices(self.session.cf)
        finally:
            self._loading = False

    def show_observation(self, observation_id: str | None) -> None:
        self.flush()
        self.observation_id = observation_id
        self.problem.clear()
        note = read_models.observation(self.session.cf, observation_id) if observation_id else None
        enabled = note is not None
        for widget in (
            self.text,
            self.mode,
            self.polarity,
            self.quote,
            self.meeting,
            self.document,
            self.headings,
            self.delete_button,
        ):
            widget.setEnabled(enabled)
        self._loading = True
        try:
            if note is None:
                self.observation_id = None
                self.title.setText(NOTHING_SELECTED)
                self.text.setPlainText("")
                self.details.clear()
                return
            self.title.setText("Observation")
            if self.text.toPlainText() != note.text:
                self.text.setPlainText(note.text)
            self.tags.show_observation(note)
            self.details.setText(
                f"Recorded {note.observed_at.replace('T', ' ')[:16]}"
                + (f" by {note.recorded_by_name}" if note.recorded_by_name else "")
            )
        finally:
            self._loading = False

    # ----------------------------------------------------------------- saving
    def _typed(self) -> None:
        if self._loading or self.observation_id is None:
            return
        self.saving.emit(True)
        self.timer.start()

    def flush(self) -> None:
        """Save typed text now if a save is pending (before showing another row, closing)."""
        if self.timer.isActive():
            self.timer.stop()
            self._save_text()

    def _save_text(self) -> None:
        if self.observation_id and self._text_differs():
            self._save(observations.edit_text, self.text.toPlainText())
        self.saving.emit(False)

    def _text_differs(self) -> bool:
        note = (
            read_models.observation(self.session.cf, self.observation_id)
            if self.observation_id
            else None
        )
        return note is not None and note.text != self.text.toPlainText()

    def _save(self, action: Callable[[Session, str, Any], object], value: Any) -> None:
        """One field saved at once, through its action in `operations.observations`."""
        if self._loading or self.observation_id is None:
            return
        try:
            action(self.session, self.observation_id, value)
            self.problem.clear()
        except PeerNotesError as error:  # keep what the user typed on screen
            if isinstance(error, SaveFailed):
                self.session.error.emit(str(error))
            self.problem.setText(explain(error))

    def delete(self) -> None:
        observation_id = self.observation_id
        if observation_id is None:
            return
        self.timer.stop()
        observations.delete_observations(self.session, [observation_id])
        self.deleted.emit(observation_id)

    def _on_changed(self, change: Change) -> None:
        if change.touches(Table.MEETING, Table.DOCUMENT, Table.HEADING):
            self._reload_choices()
        if self.observation_id and (
            self.observation_id in change.ids(Table.OBSERVATION)
            or change.touches(
                Table.OBSERVATION_HEADING, Table.MEETING, Table.DOCUMENT, Table.HEADING
            )
        ):
            if self.timer.isActive():
                return  # the user is typing: their text wins, and is saved next
            note = read_models.observation(self.session.cf, self.observation_id)
            self.show_observation(note.id if note else None)
