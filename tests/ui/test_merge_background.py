"""The merge dialog: a preview first, held deletions asked about, the merge off the UI thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from helpers import make_challenge
from PySide6.QtCore import QTimer

from peernotes.core import merge
from peernotes.core.distribution import copy_for_peer
from peernotes.core.records import observations, people
from peernotes.core.store import ChallengeFile
from peernotes.ui.session import Session
from peernotes.ui.team import merge_dialog
from peernotes.ui.team.merge_dialog import MergeDialog


@pytest.fixture
def team(tmp_path: Path, qapp):
    """The manager's open file with 20 notes; Priya's copy deletes all 20 and adds one."""
    cf = make_challenge(tmp_path / "team.peernotes", me=3)
    with cf.transaction():
        for n in range(20):
            observations.add_observation(cf, f"Team note {n}", mode="heard")
    session = Session(cf)
    priya = next(p["id"] for p in people.team(cf) if p["name"] == "Priya Nair")
    path = tmp_path / "priya.peernotes"
    copy_for_peer(cf, priya, path, include_observations=True)
    with ChallengeFile.open(path) as copy, copy.transaction():
        for row in copy.rows("observation"):
            copy.delete("observation", row["id"])
        observations.add_observation(copy, "Priya's new note", mode="heard")
    yield session, path
    session.close()


def _texts(session: Session) -> set[str]:
    return {o["text"] for o in session.cf.rows("observation")}


def test_the_preview_shows_who_and_what_before_anything_changes(team, qtbot):
    """Preview lists the file, who it is from and what it would add and delete, and flags
    the mass delete, without changing the open file."""
    session, path = team
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([path])
    found = dialog.run_preview()
    assert found is not None and found[0].held
    model = dialog.preview_view.model()
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    notes = next(r for r in rows if r[3] == "notes")
    assert notes[:3] == ["priya.peernotes", "Priya Nair", "never"]
    assert notes[4:] == ["1", "0", "20", "0", "HELD"]
    assert "Held" in dialog.result_label.text()
    assert len(_texts(session)) == 20


@pytest.mark.parametrize(("choice", "expected"), [("skip", 21), ("apply", 1), (None, 20)])
def test_held_deletions_are_asked_about(team, qtbot, monkeypatch, choice, expected):
    """Keep the records, apply the deletions, or cancel: the open file shows the choice."""
    session, path = team
    asked = []
    monkeypatch.setattr(
        merge_dialog, "ask_deletions", lambda parent, held: asked.append(held) or choice
    )
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([path])
    dialog.run_merge()
    assert len(asked) == 1
    assert len(_texts(session)) == expected
    if choice == "skip":
        assert "deletions skipped" in dialog.result_label.text()


def test_the_window_keeps_processing_events_during_a_merge(team, qtbot, monkeypatch):
    """A timer keeps firing while the merge runs: the merge waits until it has seen the timer
    fire five times. On the UI thread it would wait forever (and this test would fail)."""
    session, path = team
    ticks = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    real_merge = merge.merge
    seen_thread = []

    def slow_merge(*args, **kwargs):
        seen_thread.append(threading.current_thread() is threading.main_thread())
        deadline = time.monotonic() + 20
        while len(ticks) < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_merge(*args, **kwargs)

    monkeypatch.setattr(merge, "merge", slow_merge)
    monkeypatch.setattr(merge_dialog, "ask_deletions", lambda parent, held: "apply")
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([path])
    timer.start()
    dialog.run_merge()
    timer.stop()
    assert seen_thread == [False]
    assert len(ticks) >= 5
    assert "Priya's new note" in _texts(session)
