"""The peer team: add, edit and remove team members (undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peernotes.core.records import people
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable

if TYPE_CHECKING:
    from peernotes.ui.operations.inputs import PeerData


def add_peer(session: Session, data: PeerData) -> str:
    """Add a team member; returns their id."""
    return run_undoable(
        session,
        "Add team member",
        lambda cf: people.add_peer(cf, data.name, data.role, data.job_title, data.organisation),
    )


def edit_peer(session: Session, peer_id: str, data: PeerData) -> bool:
    return run_undoable(
        session,
        "Edit team member",
        lambda cf: people.update_peer(
            cf,
            peer_id,
            name=data.name,
            role=data.role,
            job_title=data.job_title,
            organisation=data.organisation,
        ),
    )


def remove_peer(session: Session, peer_id: str) -> bool:
    """Take someone off the team; their notes are kept."""
    return run_undoable(session, "Remove team member", lambda cf: people.delete_peer(cf, peer_id))
