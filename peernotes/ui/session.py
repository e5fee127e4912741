"""The open challenge as the UI sees it: the core file, one undo stack, one change signal.

Screens never run SQL: they change the file through the undoable actions of
peernotes.ui.operations and refresh when `changed` tells them their tables were touched.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from peernotes.core.store import ChallengeFile, Change


class Session(QObject):
    changed = Signal(object)  # peernotes.core.store.Change, after each committed transaction
    error = Signal(str)  # a save failed: screens keep the user's text and show this message
    # The meeting last selected anywhere (Programme, Capture's picker, a filter): Capture
    # writes in it. None: notes outside meetings (documents read).
    meeting_selected = Signal(object)

    def __init__(self, cf: ChallengeFile, parent: QObject | None = None):
        super().__init__(parent)
        self.cf = cf
        self.undo_stack = QUndoStack(self)
        self.current_meeting_id: str | None = None
        self.meeting_chosen = False  # True once anyone selected one (else Capture picks by clock)
        self._unsubscribe = cf.subscribe(self._emit)

    def _emit(self, change: Change) -> None:
        self.changed.emit(change)

    def select_meeting(self, meeting_id: str | None) -> None:
        """Make this the current meeting (announced only when it changes)."""
        self.meeting_chosen = True
        if meeting_id != self.current_meeting_id:
            self.current_meeting_id = meeting_id
            self.meeting_selected.emit(meeting_id)

    def close(self) -> None:
        self._unsubscribe()
        self.undo_stack.clear()
        self.cf.close()
