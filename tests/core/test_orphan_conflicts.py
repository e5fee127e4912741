"""Orphans raised as conflicts: a note whose meeting or document was deleted on another
laptop, a finding whose heading was deleted, is listed for review with a way out."""

from __future__ import annotations

import pytest
from replicas import clone

from peernotes.core import findings, merge, orphans
from peernotes.core.errors import NotFound
from peernotes.core.records import challenge, observations, people, programme


@pytest.fixture
def team():
    manager = clone("manager", peer=3)
    priya = clone("priya", peer=1, drift_ms=-90_000)
    tom = clone("tom", peer=2, drift_ms=45_000)
    yield manager, priya, tom
    for cf in (manager, priya, tom):
        cf.close()


def _meeting(cf):
    return cf.rows("meeting", order_by="title")[0]["id"]


def _orphaned_note(team):
    """Priya adds a note to a meeting Tom deletes; the manager merges both."""
    manager, priya, tom = team
    meeting = _meeting(manager)
    oid = observations.add_observation(priya, "Carers want evening slots", meeting_id=meeting)
    programme.delete_meeting(tom, meeting)
    merge.merge(manager, [priya, tom])
    return meeting, oid


def test_a_note_of_a_meeting_deleted_elsewhere_is_listed_for_review(team):
    """The manager sees the note in the review, saying its meeting was deleted and by whom,
    and the Merge page's count includes it."""
    manager, _, _ = team
    meeting, oid = _orphaned_note(team)
    [orphan] = orphans.listing(manager)
    assert (orphan.table, orphan.row_id, orphan.parent_id) == ("observation", oid, meeting)
    assert orphan.kind == "its meeting was deleted"
    assert orphan.other_by == "Cllr Tom Birch"
    assert "Carers want evening slots" in orphan.title
    assert merge.open_conflict_count(manager) >= 1


def test_restoring_the_meeting_clears_it_on_every_laptop(team):
    """Restore the meeting: it is back in the Programme, and once the file is merged no
    laptop lists the note any more."""
    manager, priya, tom = team
    meeting, _ = _orphaned_note(team)
    [orphan] = orphans.listing(manager)
    orphans.restore_parent(manager, orphan.id)
    assert manager.get("meeting", meeting) is not None
    assert orphans.listing(manager) == []
    for cf in (priya, tom):
        merge.merge(cf, manager)
        assert orphans.listing(cf) == []
        assert cf.get("meeting", meeting) is not None
    with pytest.raises(NotFound):
        orphans.restore_parent(manager, orphan.id)


def test_deleting_or_moving_the_note_clears_it(team):
    """Delete the note too, or keep it without a meeting: either way it is resolved."""
    manager, priya, tom = team
    meeting, oid = _orphaned_note(team)
    [orphan] = orphans.listing(manager)
    orphans.move_child(manager, orphan.id)
    assert manager.get("observation", oid)["meeting_id"] is None
    assert manager.get("meeting", meeting) is None
    assert orphans.listing(manager) == []
    other = observations.add_observation(priya, "Second note", meeting_id=meeting)
    merge.merge(manager, priya)
    [orphan] = orphans.listing(manager)
    assert orphan.row_id == other
    orphans.delete_child(manager, orphan.id)
    assert manager.get("observation", other) is None
    assert orphans.listing(manager) == []


def test_a_note_citing_a_deleted_document_is_listed(team):
    """A document deleted on one laptop while another cites it in a new note."""
    manager, priya, tom = team
    doc = people.add_document(manager, title="Carers strategy 2026")
    doc_id = doc if isinstance(doc, str) else doc.id
    for cf in (priya, tom):
        merge.merge(cf, manager)
    oid = observations.add_observation(priya, "The strategy has no targets", document_id=doc_id)
    people.delete_document(tom, doc_id)
    merge.merge(manager, [priya, tom])
    [orphan] = orphans.listing(manager)
    assert (orphan.row_id, orphan.parent_noun) == (oid, "document")
    with pytest.raises(NotFound):
        orphans.move_child(manager, orphan.id, "no-such-document")
    orphans.move_child(manager, orphan.id, None)
    row = manager.get("observation", oid)
    assert (row["text"], row["document_id"]) == ("The strategy has no targets", None)
    assert orphans.listing(manager) == []


def test_a_finding_under_a_deleted_heading_moves_to_another(team):
    """Tom deletes a heading Priya filed a new finding under: the finding is listed, and
    moving it under another heading resolves it."""
    manager, priya, tom = team
    headings = [h["id"] for h in challenge.headings(manager)]
    fid = findings.create_finding(priya, "Carers are heard", heading_id=headings[0])
    tom.delete("heading", headings[0])
    merge.merge(manager, [priya, tom])
    [orphan] = orphans.listing(manager)
    assert (orphan.table, orphan.row_id, orphan.parent_noun) == ("finding", fid, "heading")
    orphans.move_child(manager, orphan.id, headings[1])
    assert manager.get("finding", fid)["heading_id"] == headings[1]
    assert orphans.listing(manager) == []
