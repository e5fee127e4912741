"""Observations: add, fix, re-tag and delete notes, and mark two notes of one meeting
(undoable). Typing into a note's text merges into one undo step per burst of typing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peernotes.core import note_pairs
from peernotes.core.records import observations
from peernotes.core.store import ChallengeFile
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable


@dataclass(frozen=True)
class NoteData:
    """A note as Capture's box holds it: the text and its tags."""

    text: str
    mode: str = "heard"
    polarity: str = "neutral"
    is_quote: bool = False
    heading_ids: tuple[str, ...] = ()
    document_id: str | None = None


def add_observation(session: Session, note: NoteData, meeting_id: str | None) -> str:
    """Save a typed note in the meeting (None: outside meetings); returns its id."""
    return run_undoable(
        session,
        "Add observation",
        lambda cf: observations.add_observation(
            cf,
            note.text,
            mode=note.mode,
            meeting_id=meeting_id,
            document_id=note.document_id,
            heading_ids=note.heading_ids,
            polarity=note.polarity,
            is_quote=note.is_quote,
        ),
    )


def edit_observation(session: Session, observation_id: str, note: NoteData) -> bool:
    """Write Capture's box back over a saved note: its text and every tag at once."""
    return run_undoable(
        session,
        "Edit observation",
        lambda cf: observations.update_observation(
            cf,
            observation_id,
            text=note.text,
            mode=note.mode,
            polarity=note.polarity,
            is_quote=note.is_quote,
            heading_ids=note.heading_ids,
            document_id=note.document_id,
        ),
    )


def delete_observations(session: Session, observation_ids: Sequence[str]) -> int:
    """Delete the chosen notes as one undo step; returns how many."""
    ids = list(observation_ids)

    def operation(cf: ChallengeFile) -> None:
        for observation_id in ids:
            observations.delete_observation(cf, observation_id)

    label = "Delete observation" if len(ids) == 1 else f"Delete {len(ids)} observations"
    run_undoable(session, label, operation)
    return len(ids)


# One field of one note, from the Observations page's editor: each saves at once.


def _update(session: Session, label: str, observation_id: str, **changes: object) -> bool:
    return run_undoable(
        session, label, lambda cf: observations.update_observation(cf, observation_id, **changes)
    )


def edit_text(session: Session, observation_id: str, text: str) -> bool:
    """Typing in a note: one undo step per note however many pauses the typing had."""
    return run_undoable(
        session,
        "Edit text",
        lambda cf: observations.update_observation(cf, observation_id, text=text),
        merge_key=f"obs-text:{observation_id}",
    )


def change_mode(session: Session, observation_id: str, mode: str) -> bool:
    return _update(session, "Change mode", observation_id, mode=mode)


def change_polarity(session: Session, observation_id: str, polarity: str) -> bool:
    return _update(session, "Change polarity", observation_id, polarity=polarity)


def set_quote(session: Session, observation_id: str, is_quote: bool) -> bool:
    label = "Mark as quote" if is_quote else "Unmark quote"
    return _update(session, label, observation_id, is_quote=is_quote)


def move_to_meeting(session: Session, observation_id: str, meeting_id: str | None) -> bool:
    return _update(session, "Move to meeting", observation_id, meeting_id=meeting_id)


def change_document(session: Session, observation_id: str, document_id: str | None) -> bool:
    return _update(session, "Change document", observation_id, document_id=document_id)


def change_headings(session: Session, observation_id: str, heading_ids: Sequence[str]) -> bool:
    return _update(session, "Change headings", observation_id, heading_ids=list(heading_ids))


def mark_pair(session: Session, first: str, second: str, verdict: str) -> None:
    """Two peers' notes of one meeting: the same point, or different (note_pairs.MARKS)."""
    run_undoable(
        session,
        f"Mark notes: {note_pairs.MARKS.get(verdict, verdict)}",
        lambda cf: note_pairs.mark(cf, first, second, verdict),
    )


def clear_pair_mark(session: Session, first: str, second: str) -> None:
    run_undoable(session, "Clear notes' mark", lambda cf: note_pairs.clear(cf, first, second))
