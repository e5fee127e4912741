"""The feedback presentation: the slides chosen, the names allowed on them, and the record
of what was presented (undoable)."""

from __future__ import annotations

from collections.abc import Iterable

from peernotes.core import deck_settings, letter_settings
from peernotes.core import feedback_snapshot as snapshots
from peernotes.core.deck_settings import DeckOptions
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable


def choose_slides(session: Session, options: DeckOptions) -> bool:
    return run_undoable(
        session, "Choose the feedback slides", lambda cf: deck_settings.save(cf, options)
    )


def allow_names(session: Session, names: Iterable[str]) -> None:
    """Names confirmed for the slides: the letter shares the list, so both stop asking."""
    wanted = list(names)
    run_undoable(
        session,
        "Allow names in the letter and deck",
        lambda cf: [letter_settings.allow_name(cf, name) for name in wanted],
    )


def record_feedback(
    session: Session, finding_ids: Iterable[str], *, occasion: str, slides: int
) -> str:
    """The findings as presented (or handed over), to compare the letter with later; its id."""
    ids = list(finding_ids)
    return run_undoable(
        session,
        "Record the feedback as presented",
        lambda cf: snapshots.record(cf, ids, occasion=occasion, slides=slides),
    )
