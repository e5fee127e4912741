"""Crash safety, proven with real kills: SIGKILL mid-save never loses an acknowledged observation.

The harness (scripts/crash_harness.py) runs PeerNotes in a child process that saves
observations as fast as it can and prints each id once its save call has returned; it kills the
child with SIGKILL at random moments, reopens the file and checks it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import crash_harness  # noqa: E402

JOBS = max(1, min(4, os.cpu_count() or 1))


@pytest.mark.slow
def test_fifty_kills_of_the_core_lose_nothing(tmp_path: Path) -> None:
    """A laptop that crashes mid-sentence must keep every observation already in the list."""
    result = crash_harness.run(50, mode="core", seed=7, workdir=tmp_path, jobs=JOBS, max_delay=0.2)
    assert result.kills == 50
    # every child that got past opening was killed after at least one acknowledged save
    assert result.acknowledged >= result.kills - result.killed_while_opening
    assert (result.lost, result.corrupt) == (0, 0), result.problems


@pytest.mark.slow
def test_kills_of_the_real_window_lose_nothing(tmp_path: Path) -> None:
    """The same holds when the saving goes through the real main window and its undo stack."""
    result = crash_harness.run(4, mode="window", seed=11, workdir=tmp_path, jobs=min(JOBS, 2))
    assert result.kills == 4
    assert result.acknowledged > 0
    assert (result.lost, result.corrupt) == (0, 0), result.problems


def test_checker_notices_a_lost_observation(challenge_path: Path) -> None:
    """The harness must be able to fail: an acknowledged id that is not in the file is lost."""
    lost, corrupt, problem = crash_harness.check(challenge_path, {"not-a-saved-id"}, {})
    assert (lost, corrupt) == (1, 0) and "missing" in problem


def test_checker_notices_a_rolled_back_edit(challenge_path: Path) -> None:
    """An edit acknowledged at version 3 but found at version 2 counts as lost."""
    from peernotes.core.records import observations
    from peernotes.core.store import ChallengeFile

    with ChallengeFile.open(challenge_path) as cf:
        oid = observations.add_observation(cf, crash_harness._observation_text(1, 2))
    assert crash_harness.check(challenge_path, {oid}, {oid: 2})[:2] == (0, 0)
    assert crash_harness.check(challenge_path, {oid}, {oid: 3})[:2] == (1, 0)


def test_checker_notices_corruption(challenge_path: Path) -> None:
    """A damaged file is counted as corrupt, not as fine."""
    conn = sqlite3.connect(challenge_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(challenge_path.read_bytes())
    for page in range(1, len(data) // page_size):
        data[page * page_size + 8 : page * page_size + 64] = b"\xff" * 56
    challenge_path.write_bytes(bytes(data))
    lost, corrupt, _ = crash_harness.check(challenge_path, set(), {})
    assert corrupt == 1
