"""The letter's settings and the names it may carry (undoable). Typing into one setting
merges into one undo step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from peernotes.core import letter_settings
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable


def _label(name: str) -> str:
    return letter_settings.FIELD_BY_NAME[name].label.lower()


def save_settings(session: Session, values: Mapping[str, object]) -> list[str]:
    """Store edited settings together; typing more into the same fields merges into the same
    undo step. Returns the names that changed."""
    names = sorted(values)
    return run_undoable(
        session,
        f"Edit letter {', '.join(_label(n) for n in names)}",
        lambda cf: letter_settings.save(cf, **values),
        merge_key="letter." + ",".join(names),
    )


def reset_setting(session: Session, name: str) -> list[str]:
    """Back to the default (PeerNotes' wording, the lead peer…)."""
    return run_undoable(
        session, f"Reset letter {_label(name)}", lambda cf: letter_settings.reset(cf, name)
    )


def allow_names(session: Session, names: Iterable[str]) -> None:
    """Names the user confirmed may appear in the letter (the guard stops asking)."""
    wanted = list(names)
    run_undoable(
        session,
        "Allow names in the letter",
        lambda cf: [letter_settings.allow_name(cf, name) for name in wanted],
    )


def disallow_names(session: Session, names: Iterable[str]) -> None:
    wanted = list(names)
    run_undoable(
        session,
        "Stop allowing names in the letter",
        lambda cf: [letter_settings.disallow_name(cf, name) for name in wanted],
    )
