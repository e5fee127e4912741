"""Copy for a peer: the peer gets the challenge set up for them, and nothing they should not carry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import heading_id, make_challenge

from peernotes.core import merge
from peernotes.core.distribution import copy_for_peer, default_file_name
from peernotes.core.errors import FileRefused, ValidationError
from peernotes.core.records import observations, people, programme, read_models
from peernotes.core.store import ChallengeFile


@pytest.fixture
def manager(tmp_path: Path):
    cf = make_challenge(tmp_path / "manager.peernotes", me=3)
    team = people.team(cf)
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Director of Adult Social Care").id
    people.add_document(cf, "Self-assessment 2026")
    people.add_person(cf, "Sam Patel")
    observations.add_observation(
        cf, "The manager's own note", mode="read", heading_ids=[heading_id(cf, "1")]
    )
    observations.add_observation(
        cf,
        "Alex heard about respite",
        mode="heard",
        meeting_id=meeting,
        recorded_by=team[0]["id"],
    )
    observations.add_observation(
        cf, "Priya's earlier note", mode="heard", recorded_by=team[1]["id"]
    )
    yield cf
    cf.close()


def _peer(cf: ChallengeFile, name: str) -> str:
    return next(p["id"] for p in people.team(cf) if p["name"] == name)


def test_the_copy_opens_as_that_peer_with_the_set_up(manager, tmp_path):
    """Priya opens her copy and everything she records is saved as hers, on her laptop."""
    priya = _peer(manager, "Priya Nair")
    summary = copy_for_peer(manager, priya, tmp_path / "priya.peernotes")
    copy = ChallengeFile.open(summary.path)
    assert copy.peer_id == priya
    assert copy.challenge_id == manager.challenge_id
    for table in ("challenge", "framework", "heading", "peer", "meeting", "person", "document"):
        assert copy.count(table) == manager.count(table), table
    new = observations.add_observation(copy, "Recorded on Priya's laptop", mode="heard")
    assert copy.get("observation", new)["recorded_by"] == priya
    assert copy.get("observation", new)["modified_by"] == priya
    copy.close()


def test_other_peers_observations_are_left_out_unless_asked(manager, tmp_path):
    """A peer's laptop does not carry colleagues' notes (or searchable traces of them)."""
    priya = _peer(manager, "Priya Nair")
    summary = copy_for_peer(manager, priya, tmp_path / "priya.peernotes")
    assert summary.left_out == 2
    copy = ChallengeFile.open(summary.path)
    assert [r["text"] for r in copy.rows("observation")] == ["Priya's earlier note"]
    assert read_models.observation_ids(copy, read_models.ObservationFilter(text="respite")) == []
    assert (
        copy.conn.execute("SELECT count(*) FROM history WHERE data LIKE '%respite%'").fetchone()[0]
        == 0
    )
    copy.close()
    assert b"respite" not in summary.path.read_bytes()  # not even in free pages

    everything = copy_for_peer(
        manager, priya, tmp_path / "all.peernotes", include_observations=True
    )
    full = ChallengeFile.open(everything.path)
    assert full.count("observation") == 3
    assert read_models.observation_ids(full, read_models.ObservationFilter(text="respite"))
    full.close()


def test_a_copy_merges_back_without_losing_what_it_left_out(manager, tmp_path):
    """Leaving notes out of a copy is not deleting them: merging the copy back keeps them."""
    priya = _peer(manager, "Priya Nair")
    summary = copy_for_peer(manager, priya, tmp_path / "priya.peernotes")
    copy = ChallengeFile.open(summary.path)
    observations.add_observation(copy, "New from Priya", mode="heard")
    copy.close()
    report = merge.merge(manager, summary.path)
    assert manager.count("observation") == 4
    assert report.by_peer()["Priya Nair"].new == 1


def test_refuses_an_existing_file_and_an_unknown_peer(manager, tmp_path):
    taken = tmp_path / "taken.peernotes"
    taken.write_bytes(b"something")
    with pytest.raises(FileRefused, match="already exists"):
        copy_for_peer(manager, _peer(manager, "Priya Nair"), taken)
    assert taken.read_bytes() == b"something"
    with pytest.raises(ValidationError):
        copy_for_peer(manager, "nobody", tmp_path / "x.peernotes")
    assert not (tmp_path / "x.peernotes").exists()


def test_the_copy_is_one_self_contained_file(manager, tmp_path):
    """What is handed over on a USB stick is complete: no -wal beside it holds part of it."""
    summary = copy_for_peer(manager, _peer(manager, "Priya Nair"), tmp_path / "p.peernotes")
    assert not summary.path.with_name(summary.path.name + "-wal").exists()
    conn = sqlite3.connect(str(summary.path))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert (
        default_file_name(manager, "Priya Nair")
        == "Fernhill Borough Council - Priya Nair.peernotes"
    )
