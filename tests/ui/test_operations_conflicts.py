"""Settling what a merge left, through `peernotes.ui.operations.conflicts`: each one undo step
named as the Edit menu shows it."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text
from replicas import clone

from peernotes.core import merge, orphans, versions
from peernotes.core.records import observations, programme
from peernotes.ui.operations import conflicts
from peernotes.ui.session import Session


@pytest.fixture
def laptops(qapp):
    manager, priya, tom = clone("manager", peer=3), clone("priya", peer=1), clone("tom", peer=2)
    yield manager, priya, tom
    for cf in (manager, priya, tom):
        cf.close()


def test_a_note_moved_out_of_a_meeting_deleted_elsewhere_is_undone(laptops):
    """After Edit › Undo the note would stay out of its meeting and off the review list."""
    manager, priya, tom = laptops
    meeting = manager.rows("meeting", order_by="title")[0]["id"]
    note = observations.add_observation(priya, "Carers want evening slots", meeting_id=meeting)
    programme.delete_meeting(tom, meeting)
    merge.merge(manager, [priya, tom])
    session = Session(manager)
    [orphan] = orphans.listing(manager)
    conflicts.move_child(session, orphan, None)
    assert manager.get("observation", note)["meeting_id"] is None
    assert orphans.listing(manager) == []
    assert undo_menu_text(session) == "Undo Move the note"
    session.undo_stack.undo()
    assert manager.get("observation", note)["meeting_id"] == meeting
    assert [o.row_id for o in orphans.listing(manager)] == [note]


def test_an_earlier_version_restored_from_history_is_undone(cf, qapp):
    """Restoring a version by mistake could not be taken back."""
    session = Session(cf)
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Leader").id
    first = cf.get("meeting", meeting)["hlc"]
    programme.update_meeting(cf, meeting, title="Leader and chief executive")
    assert first in versions.versions_of(cf, "meeting", meeting)
    conflicts.restore_version(session, "meeting", meeting, first)
    assert cf.get("meeting", meeting)["title"] == "Leader"
    assert undo_menu_text(session) == "Undo Restore an earlier version"
    session.undo_stack.undo()
    assert cf.get("meeting", meeting)["title"] == "Leader and chief executive"
