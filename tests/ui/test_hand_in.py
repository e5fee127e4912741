"""The Merge page's hand-in panel, Merge all from folder… and Send the team copy…."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import make_challenge

from peernotes.core.distribution import copy_for_peer
from peernotes.core.records import observations, people
from peernotes.core.store import ChallengeFile
from peernotes.ui.dialogs import messages
from peernotes.ui.session import Session
from peernotes.ui.team import merge_dialog
from peernotes.ui.team import page as team
from peernotes.ui.team.merge_dialog import MergeDialog


@pytest.fixture
def evening(tmp_path: Path, qapp):
    """The manager (Jo) has the team file open, on a USB stick that also holds three peers'
    copies with a note each, a second copy of Priya's and another challenge's file."""
    stick = tmp_path / "stick"
    stick.mkdir()
    cf = make_challenge(stick / "team.peernotes", me=3)
    session = Session(cf)
    for peer in people.team(cf)[:3]:
        path = stick / f"{peer['name']}.peernotes"
        copy_for_peer(cf, peer["id"], path)
        with ChallengeFile.open(path) as copy:
            observations.add_observation(copy, f"{peer['name']} heard this", mode="heard")
    shutil.copy(stick / "Priya Nair.peernotes", stick / "Priya Nair (1).peernotes")
    make_challenge(stick / "another council.peernotes").close()
    yield session, stick
    session.close()


def _rows(model) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_merge_all_from_folder_and_the_hand_in_panel(evening, qtbot, monkeypatch, tmp_path):
    """Three copies come in in one step, the team file's copy and another challenge are
    skipped with a message, and the panel then shows each peer's copy as handed in today."""
    session, stick = evening
    page = team.MergePage(session, None)
    qtbot.addWidget(page)
    assert [r[4] for r in _rows(page.hand_in_model)] == ["not handed in today"] * 3
    shown = []
    monkeypatch.setattr(team, "choose_folder", lambda parent, title: stick)
    monkeypatch.setattr(MergeDialog, "exec", lambda self: shown.append(self.result_label.text()))
    monkeypatch.setattr(merge_dialog, "ask_deletions", lambda parent, held: pytest.fail("asked"))
    team.merge_folder(page)
    texts = {o["text"] for o in session.cf.rows("observation")}
    assert {"Alex Morgan heard this", "Priya Nair heard this", "Cllr Tom Birch heard this"} <= texts
    assert "Merged 3 files" in shown[0]
    assert "another council.peernotes: skipped (it belongs to a different challenge)" in shown[0]
    assert "team.peernotes: skipped (it is the team file being merged into)" in shown[0]
    assert "Priya Nair.peernotes: skipped (the same file as Priya Nair (1).peernotes)" in shown[0]
    rows = _rows(page.hand_in_model)
    assert [r[0] for r in rows] == ["Alex Morgan", "Priya Nair", "Cllr Tom Birch"]
    assert rows[1][1] == "Priya Nair (1).peernotes"
    assert rows[1][3] == "1 new, 0 changed, 0 deleted"
    assert [r[4] for r in rows] == ["handed in"] * 3
    page.reload()  # the page's merge history: each file, when, and what each peer brought
    assert "<b>Priya Nair (1).peernotes</b> (20" in page.history.text()
    assert "Priya Nair: 1 new, 0 updated" in page.history.text()


def test_send_the_team_copy_writes_one_per_peer(evening, qtbot, monkeypatch, tmp_path):
    """Send the team copy… writes a copy for each of the three peers and says where."""
    session, _ = evening
    out = tmp_path / "morning"
    told = []
    monkeypatch.setattr(team, "choose_folder", lambda parent, title: out)
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: told.append(text))
    team.send_team_copy(SimpleNamespace(session=session))
    assert len(list(out.iterdir())) == 3
    assert "3 copies" in told[0]
