"""Undoing a conflict review (core): the conflict opens again with both versions as they
were, nothing is deleted, and a file that already holds the review agrees after a merge."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.core import conflict_undo, conflicts, merge
from peernotes.core.clock import HybridClock
from peernotes.core.distribution import copy_for_peer
from peernotes.core.errors import NotFound
from peernotes.core.records import observations, people
from peernotes.core.store import ChallengeFile


@pytest.fixture
def conflicted(tmp_path: Path):
    """The manager's file after merging two peers' edits of the same note."""
    cf = make_challenge(tmp_path / "manager.peernotes", me=3)
    shared = observations.add_observation(cf, "Waiting lists are long", mode="heard")
    paths = []
    for name, device in (("Priya Nair", "priya"), ("Cllr Tom Birch", "tom")):
        peer_id = next(p["id"] for p in people.team(cf) if p["name"] == name)
        path = tmp_path / f"{device}.peernotes"
        copy_for_peer(cf, peer_id, path, include_observations=True)
        copy = ChallengeFile.open(path)
        copy.clock = HybridClock(device)
        copy.clock.observe(copy.local("hlc_high"))
        observations.update_observation(copy, shared, text=f"Waiting lists are long, says {name}")
        copy.close()
        paths.append(path)
    merge.merge(cf, paths, backup=False)
    yield cf, shared
    cf.close()


def _texts(cf: ChallengeFile, shared: str) -> tuple[str, list[str]]:
    return (
        cf.get("observation", shared)["text"],
        [c.other["text"] for c in conflicts.open_conflicts(cf)],
    )


@pytest.mark.parametrize("how", ["keep", "swap", "combine"])
def test_reopen_puts_the_conflict_and_the_text_back(conflicted, how):
    cf, shared = conflicted
    before = _texts(cf, shared)
    (conflict,) = conflicts.open_conflicts(cf)
    with cf.capture() as touched:
        if how == "keep":
            conflicts.keep_current(cf, conflict.id)
        elif how == "swap":
            conflicts.use_other(cf, conflict.id)
        else:
            conflicts.combine_text(cf, conflict.id, {"text": "Both, combined"})
    assert conflicts.open_conflicts(cf) == []
    conflict_undo.reopen(cf, "observation", shared, conflict.other["hlc"], dict(touched))
    assert _texts(cf, shared) == before
    # the review and the reopening are both in the record's history: nothing was removed
    whats = [e.what for e in conflicts.record_history(cf, "observation", shared)]
    assert any(w.startswith("Conflict reviewed") for w in whats)


def test_a_file_that_already_holds_the_review_agrees_after_merging(conflicted, tmp_path):
    """The review may have reached a peer's file before Undo: merging the undone file into
    it opens the conflict there too, with the same current text."""
    cf, shared = conflicted
    (conflict,) = conflicts.open_conflicts(cf)
    conflicts.keep_current(cf, conflict.id)
    target = sqlite3.connect(tmp_path / "peer.peernotes")
    cf.conn.backup(target)  # a whole copy of the file as it is now
    target.close()
    conflict_undo.reopen(cf, "observation", shared, conflict.other["hlc"])
    peer = ChallengeFile.open(tmp_path / "peer.peernotes", accept_missing_wal=True)
    peer.clock = HybridClock("peer")
    peer.clock.observe(peer.local("hlc_high"))
    assert conflicts.open_conflicts(peer) == []
    merge.merge(peer, [cf.path], backup=False)
    assert _texts(peer, shared) == _texts(cf, shared)
    assert len(conflicts.open_conflicts(peer)) == 1
    peer.close()


def test_reopening_a_conflict_never_reviewed_is_refused(conflicted):
    cf, shared = conflicted
    (conflict,) = conflicts.open_conflicts(cf)
    with pytest.raises(NotFound):
        conflict_undo.reopen(cf, "observation", shared, conflict.other["hlc"])
    assert len(conflicts.open_conflicts(cf)) == 1
