"""Which meeting Capture writes in, and the line under it saying why.

The meeting is the session's current one (selected anywhere); until one is selected, the one
this peer attends now by the clock (peernotes.core.meeting_choice).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel

from peernotes.core import meeting_choice
from peernotes.core.records import read_models
from peernotes.core.records.read_models import ObservationFilter
from peernotes.core.records.values import Meeting
from peernotes.ui.models.records import meeting_label
from peernotes.ui.session import Session

NO_MEETING = "(No meeting: documents and other notes)"
NOT_IN_A_MEETING = "Notes not taken in a meeting (e.g. documents read)."


class MeetingChooser(QObject):
    """The meeting combo box and its info line, kept in step with the file and the session."""

    chosen = Signal(bool)  # True when the meeting changed (False: the same one chosen again)
    said = Signal(str)  # a note for the status line

    def __init__(self, session: Session, combo: QComboBox, info: QLabel) -> None:
        super().__init__(combo)
        self.session = session
        self.combo = combo
        self.info = info
        self.meeting_id: str | None = None
        self.meetings: dict[str, Meeting] = {}
        self._reason: tuple[str | None, str] = (None, "")  # (meeting, why it was chosen)
        combo.currentIndexChanged.connect(self._chosen)

    def reload(self) -> None:
        current = self.meeting_id
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(NO_MEETING, None)
        self.meetings = {m.id: m for m in read_models.meeting_list(self.session.cf)}
        for meeting in self.meetings.values():
            self.combo.addItem(meeting_label(meeting), meeting.id)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.blockSignals(False)
        if self.combo.currentData() != current:
            self._chosen()

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
            latest = read_models.observation_ids(
                cf, ObservationFilter(recorded_by=cf.peer_id), descending=True
            )[:1]
            note = read_models.observation(cf, latest[0]) if latest else None
            if note and note.meeting_id in self.meetings:
                return note.meeting_id
        return next(iter(self.meetings), None)

    def set_meeting(self, meeting_id: str | None) -> None:
        index = self.combo.findData(meeting_id)
        if index < 0:
            index = 0
        if index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)
        else:
            self._chosen()

    def go_to_now(self) -> bool:
        """The meeting this peer is in now, saying which rule chose it."""
        choice = meeting_choice.choose_meeting(self.session.cf)
        if choice.meeting_id is None:
            self.said.emit(choice.reason)
            return False
        self._reason = (choice.meeting_id, choice.reason)
        self.set_meeting(choice.meeting_id)
        self.show_info()
        self.said.emit(f"Now: {choice.reason}")
        return True

    def natural_mode(self) -> str:
        """The mode a new note in the current meeting starts in (and returns to after Enter)."""
        meeting = self.meetings.get(self.meeting_id) if self.meeting_id else None
        return meeting_choice.natural_mode(meeting.type if meeting else None)

    def focus(self) -> None:
        self.combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.combo.showPopup()

    def _chosen(self, *_: Any) -> None:
        meeting_id = self.combo.currentData()
        changed = meeting_id != self.meeting_id
        self.meeting_id = meeting_id
        self.show_info()
        self.chosen.emit(changed)
        self.session.select_meeting(meeting_id)  # other pages follow

    def show_info(self) -> None:
        meeting_id = self.meeting_id
        meeting = self.meetings.get(meeting_id) if meeting_id else None
        if meeting is None:
            self.info.setText(NOT_IN_A_MEETING)
            return
        details = [meeting.type.replace("_", " ").capitalize()]
        if meeting.location:
            details.append(meeting.location)
        if meeting.peer_names:
            details.append(f"peers: {meeting.peer_names}")
        chosen_for, reason = self._reason
        if chosen_for == meeting_id and reason:
            details.append(f"chosen: {reason}")
        self.info.setText(" · ".join(details))
