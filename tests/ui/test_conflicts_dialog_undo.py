"""Every conflict resolution is undoable from the conflicts dialog: Ctrl+Z reopens the
conflict with both texts as they were, and redo resolves it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_challenge
from PySide6.QtCore import Qt

from peernotes.core import conflicts, merge
from peernotes.core.clock import HybridClock
from peernotes.core.distribution import copy_for_peer
from peernotes.core.records import observations, people
from peernotes.core.store import ChallengeFile
from peernotes.ui.session import Session
from peernotes.ui.team.conflicts_dialog import ConflictsDialog

PRIYA = "Waiting lists are long, says Priya"
TOM = "Waiting lists are long, says Tom"


@pytest.fixture
def review(tmp_path: Path, qapp, qtbot):
    """The manager has merged Priya's and Tom's edits of one note: one open conflict."""
    cf = make_challenge(tmp_path / "manager.peernotes", me=3)
    shared = observations.add_observation(cf, "Waiting lists are long", mode="heard")
    session = Session(cf)
    paths = []
    for name, device, text in (("Priya Nair", "priya", PRIYA), ("Cllr Tom Birch", "tom", TOM)):
        peer_id = next(p["id"] for p in people.team(cf) if p["name"] == name)
        path = tmp_path / f"{device}.peernotes"
        copy_for_peer(cf, peer_id, path, include_observations=True)
        copy = ChallengeFile.open(path)
        copy.clock = HybridClock(device)
        copy.clock.observe(copy.local("hlc_high"))
        observations.update_observation(copy, shared, text=text)
        copy.close()
        paths.append(path)
    merge.merge(session.cf, paths)
    dialog = ConflictsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1
    yield session, dialog, shared
    session.close()


def _state(session: Session, shared: str) -> tuple[str, list[tuple[str, str]]]:
    """The note's current text and the open conflicts as (current text, other text)."""
    open_now = conflicts.open_conflicts(session.cf)
    return (
        session.cf.get("observation", shared)["text"],
        [(c.current["text"], c.other["text"]) for c in open_now],
    )


@pytest.mark.parametrize("button", ["keep_button", "swap_button", "combine_button"])
def test_ctrl_z_in_the_dialog_reopens_a_resolved_conflict(review, qtbot, button):
    session, dialog, shared = review
    before = _state(session, shared)
    current, other = before[1][0]
    if button == "combine_button":
        box = dialog.field_boxes["text"]
        box.combined.setPlainText("Waiting lists are long, say Priya and Tom")
        qtbot.mouseClick(box.combine_button, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    assert conflicts.open_conflicts(session.cf) == []
    resolved_text = session.cf.get("observation", shared)["text"]
    expected = {"keep_button": current, "swap_button": other}.get(
        button, "Waiting lists are long, say Priya and Tom"
    )
    assert resolved_text == expected

    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert _state(session, shared) == before  # open again, both texts as before
    assert dialog.model.rowCount() == 1
    assert dialog.selected().other["text"] == other

    session.undo_stack.redo()
    assert conflicts.open_conflicts(session.cf) == []
    assert session.cf.get("observation", shared)["text"] == resolved_text
    session.undo_stack.undo()
    assert _state(session, shared) == before


def test_the_undo_button_names_the_resolution(review, qtbot):
    session, dialog, _shared = review
    assert not dialog.undo_button.isEnabled()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.undo_button.isEnabled()
    assert "Keep current version" in dialog.undo_button.text()
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert len(conflicts.open_conflicts(session.cf)) == 1
