"""The merge dialog's preview expands to the records a line counts."""

from __future__ import annotations

from pathlib import Path

from helpers import make_challenge

from peernotes.core.distribution import copy_for_peer
from peernotes.core.records import observations, people
from peernotes.core.store import ChallengeFile
from peernotes.ui.session import Session
from peernotes.ui.team.merge_dialog import MergeDialog


def test_selecting_a_line_of_the_preview_lists_its_records(tmp_path: Path, qtbot, qapp):
    """Selecting 'notes' in the preview lists the note Priya's copy adds and the two it
    deletes, by their words, before anything is merged."""
    cf = make_challenge(tmp_path / "team.peernotes", me=3)
    for text in ("Parking is hard", "The duty desk was calm"):
        observations.add_observation(cf, text, mode="heard")
    session = Session(cf)
    priya = next(p["id"] for p in people.team(cf) if p["name"] == "Priya Nair")
    path = tmp_path / "priya.peernotes"
    copy_for_peer(cf, priya, path, include_observations=True)
    with ChallengeFile.open(path) as copy, copy.transaction():
        for row in copy.rows("observation"):
            copy.delete("observation", row["id"])
        observations.add_observation(copy, "Priya's new note on respite", mode="heard")
    try:
        dialog = MergeDialog(session)
        qtbot.addWidget(dialog)
        dialog.add_paths([path])
        assert dialog.run_preview() is not None
        assert dialog.records_list.isHidden()
        model = dialog.preview_view.model()
        row = next(r for r in range(model.rowCount()) if model.index(r, 3).data() == "notes")
        dialog.preview_view.selectRow(row)
        shown = [dialog.records_list.item(i).text() for i in range(dialog.records_list.count())]
        assert not dialog.records_list.isHidden()
        assert shown[0] == "Add: Priya's new note on respite"
        assert sorted(shown[1:]) == ["Delete: Parking is hard", "Delete: The duty desk was calm"]
        assert {o["text"] for o in cf.rows("observation")} == {
            "Parking is hard",
            "The duty desk was calm",
        }
    finally:
        session.close()
