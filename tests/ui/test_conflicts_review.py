"""The conflicts review, field by field: each field both peers changed is shown mine /
theirs and decided on its own (undoable); a note whose meeting was deleted elsewhere is
listed with a way out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from replicas import clone

from peernotes.core import conflicts, findings, merge
from peernotes.core.records import observations, programme
from peernotes.ui.session import Session
from peernotes.ui.team.conflicts_dialog import ConflictsDialog


@pytest.fixture
def laptops():
    manager = clone("manager", peer=3)
    priya = clone("priya", peer=1, drift_ms=-90_000)
    tom = clone("tom", peer=2, drift_ms=45_000)
    yield manager, priya, tom
    for cf in (priya, tom):
        cf.close()


def _dialog(qtbot, manager):
    session = Session(manager)
    dialog = ConflictsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return session, dialog


def _finding_in_conflict(laptops):
    """Both peers reworded the statement and the narrative; Tom also marked it notable."""
    manager, priya, tom = laptops
    fid = findings.create_finding(manager, "Carers are heard", narrative="Draft")
    for cf in (priya, tom):
        merge.merge(cf, manager)
    findings.update_finding(priya, fid, statement="Priya's statement", narrative="Priya's story")
    findings.update_finding(
        tom, fid, statement="Tom's statement", narrative="Tom's story", notable=True
    )
    merge.merge(manager, [priya, tom])
    return fid


def test_each_field_in_conflict_has_its_own_box(laptops, qtbot):
    """The review shows the statement and the narrative (mine and theirs), not the notable
    flag Tom alone changed, which is merged already."""
    manager, _, _ = laptops
    fid = _finding_in_conflict(laptops)
    _, dialog = _dialog(qtbot, manager)
    assert dialog.model.rowCount() == 1
    assert sorted(dialog.field_boxes) == ["narrative", "statement"]
    box = dialog.field_boxes["statement"]
    assert box.mine.toPlainText() == "Tom's statement"
    assert box.theirs.toPlainText() == "Priya's statement"
    assert manager.get("finding", fid)["notable"] == 1


def test_taking_theirs_for_one_field_leaves_the_other_open_and_undo_reopens_it(laptops, qtbot):
    """Take theirs on the statement: the finding says Priya's statement, the narrative is
    still to decide; Undo brings the statement back into the review as it was."""
    manager, _, _ = laptops
    fid = _finding_in_conflict(laptops)
    session, dialog = _dialog(qtbot, manager)
    qtbot.mouseClick(dialog.field_boxes["statement"].take_button, Qt.MouseButton.LeftButton)
    assert manager.get("finding", fid)["statement"] == "Priya's statement"
    assert sorted(dialog.field_boxes) == ["narrative"]
    assert "Take theirs: statement" in dialog.undo_button.text()

    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert manager.get("finding", fid)["statement"] == "Tom's statement"
    assert sorted(dialog.field_boxes) == ["narrative", "statement"]
    assert dialog.field_boxes["statement"].theirs.toPlainText() == "Priya's statement"

    session.undo_stack.redo()
    assert manager.get("finding", fid)["statement"] == "Priya's statement"
    assert sorted(f for c in conflicts.open_conflicts(manager) for f in c.fields) == ["narrative"]


def test_keep_mine_and_combine_settle_the_finding(laptops, qtbot):
    """Keep mine for the statement, combine the narratives: no conflict is left and the
    finding holds Tom's statement and both stories."""
    manager, _, _ = laptops
    fid = _finding_in_conflict(laptops)
    _, dialog = _dialog(qtbot, manager)
    qtbot.mouseClick(dialog.field_boxes["statement"].keep_button, Qt.MouseButton.LeftButton)
    box = dialog.field_boxes["narrative"]
    assert box.combined.toPlainText() == "Tom's story\n\nPriya's story"
    qtbot.mouseClick(box.combine_button, Qt.MouseButton.LeftButton)
    row = manager.get("finding", fid)
    assert (row["statement"], row["narrative"]) == (
        "Tom's statement",
        "Tom's story\n\nPriya's story",
    )
    assert dialog.model.rowCount() == 0
    assert "No conflicts" in dialog.summary.text()


def test_a_note_of_a_deleted_meeting_is_listed_and_its_meeting_restored(laptops, qtbot):
    """Priya added a note to a meeting Tom deleted: the review lists it; Restore the meeting
    brings the meeting back, and undo deletes it again."""
    manager, priya, tom = laptops
    meeting = manager.rows("meeting", order_by="title")[0]["id"]
    observations.add_observation(priya, "Carers want evening slots", meeting_id=meeting)
    programme.delete_meeting(tom, meeting)
    merge.merge(manager, [priya, tom])
    session, dialog = _dialog(qtbot, manager)
    assert dialog.model.rowCount() == 1
    assert "its meeting was deleted" in dialog.heading.text().lower()
    pane = dialog.orphan_pane
    assert pane is not None and pane.restore_button.text() == "Restore the meeting"
    qtbot.mouseClick(pane.restore_button, Qt.MouseButton.LeftButton)
    assert manager.get("meeting", meeting) is not None
    assert dialog.model.rowCount() == 0
    session.undo_stack.undo()
    assert manager.get("meeting", meeting) is None
    assert dialog.model.rowCount() == 1


def test_the_merge_page_counts_an_orphan_until_it_is_resolved(laptops, qtbot):
    """The Merge page says there is something to review while a note sits under a deleted
    meeting, and stops saying so once the note is moved out."""
    from peernotes.core import orphans
    from peernotes.ui.team.page import MergePage

    manager, priya, tom = laptops
    meeting = manager.rows("meeting", order_by="title")[0]["id"]
    observations.add_observation(priya, "Carers want evening slots", meeting_id=meeting)
    programme.delete_meeting(tom, meeting)
    session = Session(manager)
    page = MergePage(session, None)
    qtbot.addWidget(page)
    assert page.conflicts.text() == "No conflicts to review."
    merge.merge(manager, [priya, tom], backup=False)
    assert page.conflicts.text() == "1 conflict to review."
    [orphan] = orphans.listing(manager)
    orphans.move_child(manager, orphan.id)
    assert page.conflicts.text() == "No conflicts to review."
