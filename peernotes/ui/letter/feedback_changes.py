"""On the Letter page: what changed since the feedback as presented, per heading.

The letter must not silently contradict what the team said on the last day. This panel reads
the newest "as presented" snapshot (peernotes.core.feedback_snapshot) and lists, per heading,
the findings added, removed, reworded and moved between strengths and areas since then; older
recordings (another laptop's, an earlier run-through) are named below it. The offer to
record a snapshot after presenting or exporting the deck lives here too (`offer_record`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from peernotes.core import feedback_snapshot as snapshots
from peernotes.core.errors import PeerNotesError
from peernotes.core.store import ChallengeFile
from peernotes.ui.dialogs import messages
from peernotes.ui.operations import deck as deck_ops
from peernotes.ui.session import Session

TABLES = ("feedback_snapshot", "finding", "heading")


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ") + " UTC" if stamp else "an unknown time"


def changes_html(cf: ChallengeFile) -> str:
    """The panel's text: nothing recorded, no change, or the changes per heading."""
    found = snapshots.snapshots(cf)
    if not found:
        return (
            "<i>No feedback recorded as presented yet. Presenting (F5) or exporting the "
            "feedback presentation offers to record it, so this page can show what changed "
            "since.</i>"
        )
    latest = found[0]
    by = f" by {html.escape(latest.recorded_by)}" if latest.recorded_by else ""
    parts = [
        f"<b>Since the feedback as {latest.occasion}</b> ({_when(latest.recorded_at)}{by}, "
        f"{len(latest.findings)} findings):"
    ]
    changes = snapshots.changes_since(cf, latest)
    if not changes:
        parts.append("<br>No finding has changed since.")
    for heading in changes:
        items = "".join(f"<li>{html.escape(c.describe())}</li>" for c in heading.changes)
        parts.append(f"<p style='margin:4px 0 0 0'><b>{html.escape(heading.heading)}</b></p>")
        parts.append(f"<ul style='margin-top:0'>{items}</ul>")
    if len(found) > 1:
        older = "; ".join(
            f"{s.occasion} {_when(s.recorded_at)}"
            + (f" by {s.recorded_by}" if s.recorded_by else "")
            for s in found[1:]
        )
        parts.append(f"<p style='color:#555'>Earlier recordings: {html.escape(older)}.</p>")
    return "".join(parts)


class FeedbackChangesPanel(QWidget):
    """A read-only summary; the Letter page calls `refresh` when findings change."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.label = QLabel()
        self.label.setObjectName("feedbackChanges")
        self.label.setAccessibleName("Changes since the feedback as presented")
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.refresh()

    def refresh(self) -> None:
        self.label.setText(changes_html(self.session.cf))

    def text(self) -> str:
        return self.label.text()


def ask_record(parent: QWidget | None, occasion: str) -> bool:
    return messages.confirm(
        parent,
        "Record the feedback as presented?",
        f"Keep the findings of the deck you {occasion} in the file as “the feedback as "
        "presented”? The Letter page then shows what changes after it, so the letter never "
        "silently contradicts what was said on the day.",
        "Record",
    )


def offer_record(
    parent: QWidget | None,
    session: Session,
    finding_ids: Iterable[str],
    slides: int,
    occasion: str,
) -> bool:
    """Ask, and if the user agrees, record the snapshot (undoable). True if recorded."""
    if session.cf.readonly or not ask_record(parent, occasion):
        return False
    ids = list(finding_ids)
    try:
        deck_ops.record_feedback(session, ids, occasion=occasion, slides=slides)
    except PeerNotesError as error:
        messages.error(parent, "Not recorded", str(error))
        return False
    return True
