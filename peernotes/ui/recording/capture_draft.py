"""The note being typed in Capture, kept in the file (this laptop only) a second after each
keystroke, so a crash loses at most the last second; restored when the file opens again."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from peernotes.core.errors import PeerNotesError

if TYPE_CHECKING:
    from peernotes.ui.recording.capture import CapturePane

DRAFT_KEY = "capture_draft"
DRAFT_RESTORED = "Restored the note you were typing when PeerNotes last closed."


class CaptureDraft(QObject):
    """Writes the draft a second after typing stops; `flush` writes it now."""

    def __init__(self, pane: CapturePane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.save)

    def flush(self) -> None:
        """Before the file closes: keep the draft now rather than in a second."""
        if self.timer.isActive():
            self.timer.stop()
            self.save()

    def save(self) -> None:
        """Keep the text being typed in the file (this laptop only), so a crash loses little."""
        pane = self.pane
        if pane.reediting.active:
            return  # a saved note being fixed: restored as a draft, it would be a duplicate
        text = pane.editor.toPlainText()
        meeting_id = pane.current_meeting_id()
        value = json.dumps({"text": text, "meeting_id": meeting_id}) if text.strip() else None
        cf = pane.session.cf
        if cf.readonly or cf.local(DRAFT_KEY) == value:
            return
        try:
            cf.set_local(DRAFT_KEY, value)
        except PeerNotesError as error:
            pane.session.error.emit(str(error))

    def restore(self) -> bool:
        """Put a draft left by the last run back in the box. True when there was text."""
        pane = self.pane
        raw = pane.session.cf.local(DRAFT_KEY)
        if not raw:
            return False
        try:
            draft = json.loads(raw)
        except ValueError:
            return False
        if draft.get("meeting_id") and draft["meeting_id"] in pane.chooser.meetings:
            pane.set_meeting(draft["meeting_id"])
        pane.editor.setPlainText(draft.get("text", ""))
        pane.show_note(DRAFT_RESTORED)
        return bool(draft.get("text", "").strip())
