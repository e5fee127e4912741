"""The peer team through `peernotes.ui.operations.team`: one undo step per change."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text

from peernotes.core.records import read_models
from peernotes.ui.operations import team
from peernotes.ui.operations.inputs import PeerData
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


def _names(session: Session) -> list[str]:
    return [peer.name for peer in read_models.team_members(session.cf)]


def test_a_team_member_added_edited_and_removed_undoes_step_by_step(session):
    """Each Edit › Undo would not take back exactly the last change to the team."""
    before = _names(session)
    peer = team.add_peer(session, PeerData("Dee Okafor", "officer_peer", "Head of HR", "Northby"))
    assert "Dee Okafor" in _names(session)
    team.edit_peer(session, peer, PeerData("Dee Okafor-Lane", "officer_peer", "Head of HR", ""))
    team.remove_peer(session, peer)
    assert _names(session) == before
    assert undo_menu_text(session) == "Undo Remove team member"
    session.undo_stack.undo()
    assert "Dee Okafor-Lane" in _names(session)
    assert undo_menu_text(session) == "Undo Edit team member"
    session.undo_stack.undo()
    assert "Dee Okafor" in _names(session)
    assert undo_menu_text(session) == "Undo Add team member"
    session.undo_stack.undo()
    assert _names(session) == before
