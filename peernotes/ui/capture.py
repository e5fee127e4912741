"""The capture pane: what a peer types in a meeting, as fast as they can type.

Keys (shown in tooltips and the legend under the editor):
  Enter save and clear · Shift+Enter new line · Ctrl+1/2/3 read/heard/seen ·
  Alt+S/A/N strength/area/neutral · Ctrl+T add a heading · Ctrl+Q quote ·
  Ctrl+Shift+P add a person met · Ctrl+M choose the meeting (the same note keys as the
  Observations page: peernotes.ui.widgets.note_keys)
The meeting is the session's current one (selected anywhere); until one is selected, the one
this peer attends now by the clock (peernotes.core.meeting_choice). Each note starts in the
meeting's natural mode and returns to it after every save. The text being typed is kept as
a draft in the file (this laptop only) a second after each keystroke, so a crash loses at
most the last second; Enter turns it into an observation, saved at once and undoable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import meeting_choice, records
from peernotes.core.errors import PeerNotesError, SaveFailed
from peernotes.core.records.read_models import ObservationFilter
from peernotes.core.store import Change
from peernotes.ui import capture_headcounts
from peernotes.ui.capture_edit import NoteReediting
from peernotes.ui.dialogs.form import explain
from peernotes.ui.dialogs.person import DuplicatePersonDialog, PersonData, PersonDialog
from peernotes.ui.models import ID_ROLE, ObservationTableModel
from peernotes.ui.models.records import meeting_label
from peernotes.ui.session import Session
from peernotes.ui.spelling import attach as spell_check
from peernotes.ui.undo import run_undoable
from peernotes.ui.widgets.chips import ChipBox
from peernotes.ui.widgets.choices import ChoiceButtons
from peernotes.ui.widgets.heading_picker import HeadingPicker
from peernotes.ui.widgets.note_keys import MODE_KEYS, POLARITY_KEYS, install_note_keys

LEGEND = (
    "<b>Enter</b> save · <b>Shift+Enter</b> new line · <b>Ctrl+1/2/3</b> read/heard/seen · "
    "<b>Alt+S/A/N</b> strength/area/neutral · <b>Ctrl+T</b> heading · <b>Ctrl+Q</b> quote · "
    "<b>Ctrl+Shift+P</b> person · <b>Ctrl+M</b> meeting · <b>Up</b> edit the previous note"
)
DRAFT_KEY = "capture_draft"
DRAFT_RESTORED = "Restored the note you were typing when PeerNotes last closed."
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


class CaptureEditor(QPlainTextEdit):
    """Enter saves; Shift+Enter is a new line. Ctrl+Z undoes typing, and once there is no
    typing left to undo it undoes the last saved edit (the window's Edit › Undo). Up in the
    empty box asks for the previous note; Escape stops editing one."""

    submit = Signal()
    up_on_empty = Signal()
    escape = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submit.emit()
            return
        if key == Qt.Key.Key_Up and self.document().isEmpty():
            self.up_on_empty.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.escape.emit()
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if (
                event.matches(QKeySequence.StandardKey.Undo)
                and not self.document().isUndoAvailable()
            ):
                event.ignore()
                return False
            if (
                event.matches(QKeySequence.StandardKey.Redo)
                and not self.document().isRedoAvailable()
            ):
                event.ignore()
                return False
        return super().event(event)


class PersonField(QLineEdit):
    """'Add person met…': completes existing names; Escape hands the keyboard back."""

    escape = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if event.key() == Qt.Key.Key_Escape and not (popup is not None and popup.isVisible()):
            self.escape.emit()
            return
        super().keyPressEvent(event)


def _section(text: str, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


class CapturePane(QWidget):
    """Meeting, people met, the text, its tags, and the meeting's observations under it."""

    saved = Signal(str)  # observation id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Capture")
        self._meeting_id: str | None = None
        self._reason: tuple[str | None, str] = (None, "")  # (meeting, why it was chosen)
        self._picked_person = False
        self._last_saved: _SavedNote | None = None  # offered back if its save is undone
        self.reediting = NoteReediting(self)
        self._build()
        self._shortcuts()
        self.reload_meetings()
        self.reload_documents()
        self.heading_picker.set_headings(records.headings(session.cf))
        self.reload_people_names()
        self.set_meeting(self.default_meeting_id())
        self.restored_draft = False  # the window announces it wherever the peer is
        self._restore_draft()
        session.changed.connect(self._on_changed)
        session.meeting_selected.connect(self.set_meeting)
        session.undo_stack.indexChanged.connect(self._undo_moved)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(1000)
        self.draft_timer.timeout.connect(self.save_draft)
        self.editor.textChanged.connect(self._text_changed)

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Current meeting")
        self.meeting.setToolTip("The meeting these notes belong to (Ctrl+M)")
        self.meeting.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.meeting.setMinimumContentsLength(40)
        self.meeting.currentIndexChanged.connect(self._meeting_chosen)
        self.now_button = QPushButton("Now")
        self.now_button.setToolTip(
            "Go to the meeting you attend now by this laptop's clock (else one running now);\n"
            "the line under the meeting says which rule chose it"
        )
        self.now_button.setAccessibleName("Meeting happening now")
        self.now_button.clicked.connect(self.go_to_meeting_now)
        self.meeting_info = QLabel()
        self.meeting_info.setObjectName("hint")
        self.meeting_info.setWordWrap(True)  # a long list of peers must not widen the window
        self.document = QComboBox()
        self.document.setAccessibleName("Document read")
        self.document.setToolTip("The document this note is about (for things read)")
        self.document_label = _section("&Document", self.document)

        self.people = ChipBox()
        self.people.setAccessibleName("People met in this meeting")
        self.person_field = PersonField()
        self.person_field.setPlaceholderText("Add person met… (Ctrl+Shift+P)")
        self.person_field.setAccessibleName("Add a person met")
        self.person_field.setToolTip(
            "Type a name and press Enter: pick someone already recorded, or add a new person\n"
            "with their stakeholder group. Escape returns to the text."
        )
        self.person_field.setMinimumWidth(220)
        self.person_names = QStringListModel(self)
        completer = QCompleter(self.person_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person_field.setCompleter(completer)
        # The str overload (the stubs do not know overloaded signals can be indexed).
        completer.activated[str].connect(self._person_completed)  # type: ignore[index]
        self.person_field.returnPressed.connect(self._person_entered)
        self.person_field.escape.connect(self.focus_editor)
        self.people.set_trailing(self.person_field)
        self.people.removed.connect(self.remove_person)
        self.headcounts = capture_headcounts.HeadcountEntry(self)  # "12 carers" there too

        self.editor = CaptureEditor()
        spell_check(self.editor)  # notes bound for the letter: British spelling, as typed
        self.editor.setAccessibleName("Observation text")
        self.editor.setPlaceholderText(
            "Type what you read, heard or saw… Enter saves, Shift+Enter starts a new line."
        )
        self.editor.setTabChangesFocus(True)
        lines = self.editor.fontMetrics().lineSpacing()
        self.editor.setMinimumHeight(lines * 4 + 12)
        self.editor.setMaximumHeight(lines * 7 + 12)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.editor.submit.connect(self.save)
        self.editor.up_on_empty.connect(lambda: self.reediting.start(self.reediting.previous_id()))
        self.editor.escape.connect(lambda: self.reediting.stop())

        self.mode = ChoiceButtons(MODE_KEYS, "Mode")
        self.mode.set_value("heard")
        self.mode_hint = QLabel()
        self.mode_hint.setObjectName("modeHint")
        self.mode_hint.setAccessibleName("Mode for this note")
        self.polarity = ChoiceButtons(POLARITY_KEYS, "Polarity")
        self.polarity.set_value("neutral")
        self.quote = QToolButton()
        self.quote.setText("“ Quote ”")
        self.quote.setCheckable(True)
        self.quote.setObjectName("segment")
        self.quote.setAccessibleName("Verbatim quote")
        self.quote.setToolTip("A verbatim quote, never attributed to anyone (Ctrl+Q)")
        self.heading_picker = HeadingPicker()
        self.heading_picker.done.connect(self.focus_editor)
        self.heading_picker.message.connect(self.show_problem)

        self.save_button = QPushButton("Save observation")
        self.save_button.setToolTip("Save and clear for the next one (Enter)")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("captureMessage")
        self.message.setAccessibleName("Capture status")
        self.message.setWordWrap(True)
        legend = QLabel(LEGEND)
        legend.setObjectName("legend")
        legend.setWordWrap(True)
        legend.setAccessibleName("Keyboard shortcuts")

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(8)
        form.setColumnStretch(1, 1)
        meeting_row = QHBoxLayout()
        meeting_row.addWidget(self.meeting, 1)
        meeting_row.addWidget(self.now_button)
        form.addWidget(_section("&Meeting", self.meeting), 0, 0)
        form.addLayout(meeting_row, 0, 1)
        form.addWidget(self.meeting_info, 1, 1)
        form.addWidget(
            _section("People met"), 2, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight
        )
        form.addWidget(self.people, 2, 1)
        form.addWidget(self.document_label, 3, 0)
        form.addWidget(self.document, 3, 1)
        form.addWidget(
            _section("&Observation", self.editor),
            4,
            0,
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
        )
        form.addWidget(self.editor, 4, 1)
        tags = QHBoxLayout()
        tags.setSpacing(10)
        tags.addWidget(self.mode)
        tags.addSpacing(8)
        tags.addWidget(self.polarity)
        tags.addSpacing(8)
        tags.addWidget(self.quote)
        tags.addSpacing(8)
        tags.addWidget(self.mode_hint, 1)
        form.addWidget(_section("Tags"), 5, 0)
        form.addLayout(tags, 5, 1)
        form.addWidget(
            _section("Headings"), 6, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight
        )
        form.addWidget(self.heading_picker, 6, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.save_button)
        form.addLayout(actions, 7, 1)
        form.addWidget(legend, 8, 1)

        self.model = ObservationTableModel(
            self.session, ObservationFilter(meeting_id="-"), descending=True
        )
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Observations in this meeting")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(False)
        self.list.verticalHeader().hide()
        self.list.setColumnHidden(5, True)  # source: it is this meeting
        self.list.setColumnHidden(7, True)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 100)
        header.resizeSection(2, 70)
        header.resizeSection(3, 170)
        header.resizeSection(4, 200)
        header.resizeSection(6, 130)
        self.list.setToolTip("Double-click a note to fix it here (or Up in the empty box)")
        self.list.doubleClicked.connect(lambda index: self.reediting.start(index.data(ID_ROLE)))
        self.list_title = QLabel()
        self.list_title.setObjectName("sectionTitle")
        delete_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_shortcut.activated.connect(self.delete_selected)

        box = QFrame()
        box.setObjectName("captureCard")
        box.setLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(box, 0)
        layout.addSpacing(6)
        layout.addWidget(self.list_title)
        layout.addWidget(self.list, 1)
        self.mode.changed.connect(self._mode_changed)
        self._mode_changed(self.mode.value)
        order = [self.meeting, self.now_button, self.person_field, self.document, self.editor]
        order += list(self.mode.buttons.values()) + list(self.polarity.buttons.values())
        order += [self.quote, self.heading_picker.field, self.save_button, self.list]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _shortcuts(self) -> None:
        handlers: dict[str, Any] = {
            "quote": self.quote.toggle,
            "heading": self.heading_picker.focus_field,
            "person": self._focus_person_field,
        }
        for value, _label, _keys in MODE_KEYS:
            handlers[value] = lambda v=value: self.mode.set_value(v)
        for value, _label, _keys in POLARITY_KEYS:
            handlers[value] = lambda v=value: self.polarity.set_value(v)
        install_note_keys(self, handlers)
        shortcut = QShortcut(QKeySequence("Ctrl+M"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._focus_meeting)

    # ------------------------------------------------------------- meetings
    def reload_meetings(self) -> None:
        current = self._meeting_id
        self.meeting.blockSignals(True)
        self.meeting.clear()
        self.meeting.addItem("(No meeting: documents and other notes)", None)
        self._meetings = {m["id"]: m for m in records.meeting_list(self.session.cf)}
        for row in self._meetings.values():
            self.meeting.addItem(meeting_label(row), row["id"])
        index = self.meeting.findData(current)
        self.meeting.setCurrentIndex(index if index >= 0 else 0)
        self.meeting.blockSignals(False)
        if self.meeting.currentData() != current:
            self._meeting_chosen()

    def default_meeting_id(self) -> str | None:
        """The current meeting once one was selected anywhere; else the one this peer is in
        by the clock (see meeting_choice); outside the on-site days, the meeting of the last
        note recorded on this laptop, else the first meeting of the programme."""
        cf = self.session.cf
        if self.session.meeting_chosen:
            return self.session.current_meeting_id
        choice = meeting_choice.choose_meeting(cf)
        if choice.meeting_id is not None:
            self._reason = (choice.meeting_id, choice.reason)
            return choice.meeting_id
        if cf.peer_id:
            latest = records.observation_ids(
                cf, ObservationFilter(recorded_by=cf.peer_id), descending=True
            )[:1]
            row = cf.get("observation", latest[0]) if latest else None
            if row and row["meeting_id"] in self._meetings:
                return row["meeting_id"]
        return next(iter(self._meetings), None)

    def set_meeting(self, meeting_id: str | None) -> None:
        index = self.meeting.findData(meeting_id)
        if index < 0:
            index = 0
        if index != self.meeting.currentIndex():
            self.meeting.setCurrentIndex(index)
        else:
            self._meeting_chosen()

    def current_meeting_id(self) -> str | None:
        return self.meeting.currentData()

    def go_to_meeting_now(self) -> None:
        """The meeting this peer is in now, saying which rule chose it."""
        choice = meeting_choice.choose_meeting(self.session.cf)
        if choice.meeting_id is None:
            self.show_note(choice.reason)
            return
        self._reason = (choice.meeting_id, choice.reason)
        self.set_meeting(choice.meeting_id)
        self._show_meeting_info()
        self.show_note(f"Now: {choice.reason}")
        self.focus_editor()

    def natural_mode(self) -> str:
        """The mode a new note in the current meeting starts in (and returns to after Enter)."""
        row = self._meetings.get(self._meeting_id) if self._meeting_id else None
        return meeting_choice.natural_mode(row["type"] if row else None)

    def _meeting_chosen(self, *_: Any) -> None:
        meeting_id = self.meeting.currentData()
        changed = meeting_id != self._meeting_id
        self._meeting_id = meeting_id
        if changed:
            self.reediting.stop()
            self.mode.set_value(self.natural_mode())
        self._show_meeting_info()
        self._show_mode_hint()
        self.session.select_meeting(meeting_id)
        self.person_field.setEnabled(meeting_id is not None)
        self.list.setColumnHidden(5, meeting_id is not None)  # source: shown outside meetings
        if meeting_id is None:
            self._no_meeting_filter()
        else:
            self.model.set_filter(ObservationFilter(meeting_id=meeting_id))
        self.reload_people()
        self._update_list_title()

    def _show_meeting_info(self) -> None:
        meeting_id = self._meeting_id
        row = self._meetings.get(meeting_id) if meeting_id else None
        if row is None:
            self.meeting_info.setText("Notes not taken in a meeting (e.g. documents read).")
            return
        details = [row["type"].replace("_", " ").capitalize()]
        if row["location"]:
            details.append(row["location"])
        if row["peer_names"]:
            details.append(f"peers: {row['peer_names']}")
        chosen_for, reason = self._reason
        if chosen_for == meeting_id and reason:
            details.append(f"chosen: {reason}")
        self.meeting_info.setText(" · ".join(details))

    def _show_mode_hint(self) -> None:
        """A mode the peer set (Ctrl+1/2/3) shows until the note is saved."""
        natural, mode = self.natural_mode(), self.mode.value
        overridden = mode != natural
        self.mode_hint.setText(
            f"{mode.capitalize()} for this note only: back to {natural.capitalize()} after saving"
            if overridden
            else ""
        )

    def _no_meeting_filter(self) -> None:
        # Notes outside meetings: the most recent ones recorded on this laptop.
        self.model.set_filter(
            ObservationFilter(recorded_by=self.session.cf.peer_id, meeting_id=None)
        )

    def _update_list_title(self) -> None:
        count = self.model.rowCount()
        where = "in this meeting" if self._meeting_id else "recorded by you"
        self.list_title.setText(f"Observations {where} ({count})")

    def _focus_meeting(self) -> None:
        self.meeting.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.meeting.showPopup()

    # ------------------------------------------------------------ documents
    def reload_documents(self) -> None:
        current = self.document.currentData()
        self.document.blockSignals(True)
        self.document.clear()
        self.document.addItem("(no particular document)", None)
        for row in records.document_list(self.session.cf):
            self.document.addItem(row["title"], row["id"])
        self.document.setCurrentIndex(max(self.document.findData(current), 0))
        self.document.blockSignals(False)

    def _mode_changed(self, mode: str) -> None:
        reading = mode == "read"
        self.document.setVisible(reading)
        self.document_label.setVisible(reading)
        if hasattr(self, "_meetings"):
            self._show_mode_hint()

    # --------------------------------------------------------------- people
    def reload_people_names(self) -> None:
        self.person_names.setStringList(sorted({p["name"] for p in self.session.cf.rows("person")}))

    def reload_people(self) -> None:
        meeting_id = self._meeting_id
        people = records.meeting_people(self.session.cf, meeting_id) if meeting_id else []
        groups = {g["id"]: g["name"] for g in records.stakeholder_groups(self.session.cf)}
        self.people.set_chips(
            [
                (
                    p["id"],
                    p["name"] + (f" · {groups[p['group_id']]}" if p["group_id"] in groups else ""),
                )
                for p in people
            ]
            + capture_headcounts.chips(self.session.cf, meeting_id)
        )

    def _focus_person_field(self) -> None:
        if not self.person_field.isEnabled():
            self.show_problem("Choose a meeting first: people are added to a meeting.")
            return
        self.person_field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _person_completed(self, name: str) -> None:
        self._picked_person = True
        matches = records.people_named(self.session.cf, name)
        if len(matches) == 1:
            self._add_existing_person(matches[0]["id"])
        else:
            self.add_person_named(name)
        QTimer.singleShot(0, self.person_field.clear)

    def _person_entered(self) -> None:
        if self._picked_person:
            self._picked_person = False
            self.person_field.clear()
            return
        name = self.person_field.text().strip()
        if not name:
            self.focus_editor()
            return
        if self.add_person_named(name):
            self.person_field.clear()

    def add_person_named(self, name: str) -> bool:
        """Add someone to the current meeting by name: an existing person (offered when the
        name matches) or a new one with their stakeholder group. Returns True when added."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            self.show_problem("Choose a meeting first: people are added to a meeting.")
            return False
        cf = self.session.cf
        groups = {g["id"]: g["name"] for g in records.stakeholder_groups(cf)}
        matches = [
            dict(p, group_name=groups.get(p["group_id"], ""))
            for p in records.people_named(cf, name)
        ]
        if matches:
            choice = DuplicatePersonDialog.ask(self, name, matches)
            if choice is None:
                return False
            if choice != DuplicatePersonDialog.NEW:
                return self._add_existing_person(choice)

        def save(data: PersonData) -> str:
            def operation(cf_: Any) -> str:
                person_id = records.add_person(
                    cf_,
                    data.name,
                    group_id=data.group_id,
                    job_title=data.job_title,
                    organisation=data.organisation,
                    allow_duplicate=bool(matches)
                    and records.normalise_name(data.name) == records.normalise_name(name),
                )
                records.add_person_to_meeting(cf_, meeting_id, person_id)
                return person_id

            return run_undoable(self.session, f"Add {data.name} to the meeting", operation)

        data = PersonDialog.ask(
            self,
            list(records.stakeholder_groups(cf)),
            PersonData(name),
            save,
            title="New person met",
        )
        if data is None:
            return False
        self.show_note(f"{data.name} added to the meeting.")
        return True

    def _add_existing_person(self, person_id: str) -> bool:
        meeting_id = self._meeting_id
        if meeting_id is None:
            return False
        try:
            run_undoable(
                self.session,
                "Add person to the meeting",
                lambda cf: records.add_person_to_meeting(cf, meeting_id, person_id),
            )
        except PeerNotesError as error:
            self._report(error)
            return False
        person = self.session.cf.get("person", person_id)
        self.show_note(f"{person['name'] if person else 'Person'} added to the meeting.")
        return True

    def remove_person(self, person_id: str) -> None:
        meeting_id = self._meeting_id
        if meeting_id is None or capture_headcounts.group_of(person_id):
            return
        try:
            run_undoable(
                self.session,
                "Remove person from the meeting",
                lambda cf: records.remove_link(cf, "meeting_person", meeting_id, person_id),
            )
        except PeerNotesError as error:
            self._report(error)

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
        meeting_id = self._meeting_id
        document_id = self.document.currentData() if self.mode.value == "read" else None
        headings = self.heading_picker.heading_ids()
        mode, polarity, quote = self.mode.value, self.polarity.value, self.quote.isChecked()
        if self.reediting.active:
            values = {"mode": mode, "polarity": polarity, "is_quote": quote}
            values |= {"heading_ids": headings, "document_id": document_id}
            return self.reediting.save(text, values)
        try:
            observation_id = run_undoable(
                self.session,
                "Add observation",
                lambda cf: records.add_observation(
                    cf,
                    text,
                    mode=mode,
                    meeting_id=meeting_id,
                    document_id=document_id,
                    heading_ids=headings,
                    polarity=polarity,
                    is_quote=quote,
                ),
            )
        except PeerNotesError as error:
            self._report(error)  # the text stays in the editor
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
        exists = self.session.cf.get("observation", saved.observation_id) is not None
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
        ids = [i.data(ID_ROLE) for i in self.list.selectionModel().selectedRows()]
        if not ids:
            return
        label = "Delete observation" if len(ids) == 1 else f"Delete {len(ids)} observations"

        def operation(cf: Any) -> None:
            for observation_id in ids:
                records.delete_observation(cf, observation_id)

        try:
            run_undoable(self.session, label, operation)
        except PeerNotesError as error:
            self._report(error)
            return
        self.show_note(f"{label.replace('Delete', 'Deleted')}. Undo with Ctrl+Z.")

    # ---------------------------------------------------------------- draft
    def _text_changed(self) -> None:
        if self.editor.property("invalid") and self.editor.toPlainText().strip():
            self.editor.setProperty("invalid", False)
            self._restyle(self.editor)
            self.message.clear()
        self.draft_timer.start()

    def flush(self) -> None:
        """Before the file closes: keep the draft now rather than in a second."""
        if self.draft_timer.isActive():
            self.draft_timer.stop()
            self.save_draft()

    def save_draft(self) -> None:
        """Keep the text being typed in the file (this laptop only), so a crash loses little."""
        if self.reediting.active:
            return  # a saved note being fixed: restored as a draft, it would be a duplicate
        text = self.editor.toPlainText()
        value = json.dumps({"text": text, "meeting_id": self._meeting_id}) if text.strip() else None
        cf = self.session.cf
        if cf.readonly or cf.local(DRAFT_KEY) == value:
            return
        try:
            cf.set_local(DRAFT_KEY, value)
        except PeerNotesError as error:
            self.session.error.emit(str(error))

    def _restore_draft(self) -> None:
        raw = self.session.cf.local(DRAFT_KEY)
        if not raw:
            return
        try:
            draft = json.loads(raw)
        except ValueError:
            return
        if draft.get("meeting_id") and draft["meeting_id"] in self._meetings:
            self.set_meeting(draft["meeting_id"])
        self.editor.setPlainText(draft.get("text", ""))
        self.restored_draft = bool(draft.get("text", "").strip())
        self.show_note(DRAFT_RESTORED)

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

    def _report(self, error: PeerNotesError) -> None:
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
        if change.touches("meeting", "meeting_peer"):
            self.reload_meetings()
        if change.touches("document"):
            self.reload_documents()
        if change.touches("heading"):
            self.heading_picker.set_headings(records.headings(self.session.cf))
        if change.touches("person"):
            self.reload_people_names()
        if change.touches("person", "meeting_person", "stakeholder_group", "headcount"):
            self.reload_people()
        if change.touches("observation"):
            self._update_list_title()
