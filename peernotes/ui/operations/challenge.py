"""The challenge itself: its details, and its setup lists (stakeholder groups, own headings
and scoping questions) (undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peernotes.core import setup
from peernotes.core.records import challenge, people
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable

if TYPE_CHECKING:
    from peernotes.ui.operations.inputs import ChallengeData


def edit_details(session: Session, data: ChallengeData) -> bool:
    """The council, the programme's title, the on-site days and the scope."""
    return run_undoable(
        session,
        "Edit challenge details",
        lambda cf: challenge.update_challenge(
            cf,
            council=data.council,
            programme_title=data.programme_title,
            onsite_start=data.onsite_start,
            onsite_end=data.onsite_end,
            scope=data.scope,
        ),
    )


def add_group(session: Session, name: str, *, single_person: bool = False) -> str:
    """A stakeholder group; its id."""
    return run_undoable(
        session,
        f"Add {name!r}",
        lambda cf: people.add_stakeholder_group(cf, name, single_person=single_person),
    )


def rename_group(session: Session, group_id: str, name: str) -> bool:
    return run_undoable(
        session,
        "Rename stakeholder group",
        lambda cf: setup.rename_stakeholder_group(cf, group_id, name),
    )


def set_single_person(session: Session, group_id: str, single_person: bool) -> bool:
    """A group of one (the Leader): the non-attribution check reads its name as naming them."""
    label = "Mark single-person group" if single_person else "Unmark single-person group"
    return run_undoable(
        session, label, lambda cf: setup.set_single_person(cf, group_id, single_person)
    )


def delete_group(session: Session, group_id: str) -> bool:
    """Refused, naming who, while people are in it."""
    return run_undoable(session, "Delete", lambda cf: setup.delete_stakeholder_group(cf, group_id))


def add_heading(session: Session, name: str, kind: str) -> str:
    """One of the challenge's own headings, or a scoping question; its id."""
    return run_undoable(
        session, f"Add {name!r}", lambda cf: setup.add_extra_heading(cf, name, kind)
    )


def rename_heading(session: Session, heading_id: str, name: str) -> bool:
    return run_undoable(
        session, "Rename heading", lambda cf: setup.rename_heading(cf, heading_id, name)
    )


def delete_heading(session: Session, heading_id: str) -> bool:
    """Refused, saying what is filed under it, unless nothing is."""
    return run_undoable(session, "Delete", lambda cf: setup.delete_heading(cf, heading_id))
