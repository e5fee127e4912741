"""The save path: one transaction per save, however many layers say "one transaction"."""

from __future__ import annotations

import pytest
from helpers import heading_id

from peernotes.core.errors import SaveFailed
from peernotes.core.records import observations, people, read_models
from peernotes.core.store import ChallengeFile


def _statements(cf: ChallengeFile, action) -> list[str]:
    seen: list[str] = []
    cf.conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        cf.conn.set_trace_callback(None)
    return seen


def test_a_save_is_one_transaction_without_savepoints(cf: ChallengeFile):
    """Enter in Capture (undo capture, the operation, each row) was eight nested savepoints and
    some 25 statements, a good part of the 5 ms a peer may wait; the note, its heading link,
    the search index and the clock are still all written, in one BEGIN ... COMMIT."""
    heading = heading_id(cf, "1")
    found: list[str] = []

    def save() -> None:
        with cf.capture(), cf.transaction():
            found.append(observations.add_observation(cf, "Carers wait", heading_ids=[heading]))

    statements = _statements(cf, save)
    assert [s for s in statements if "SAVEPOINT" in s] == []
    assert statements.count("BEGIN IMMEDIATE") == 1 and statements.count("COMMIT") == 1
    assert observations.observation_heading_ids(cf, found[0]) == [heading]
    link = cf.rows("observation_heading", "observation_id = ?", (found[0],))[0]
    assert cf.local("hlc_high") == link["hlc"]  # the clock moved with the last row written
    assert read_models.observation_ids(cf, read_models.ObservationFilter(text="carers")) == found


def test_an_edit_keeps_its_history_in_the_same_transaction(cf: ChallengeFile):
    """Fixing a typo keeps the earlier wording in the history (merge and the history dialog
    need it); flattening the savepoints must not lose it."""
    note = observations.add_observation(cf, "Carers wiat")
    statements = _statements(
        cf, lambda: observations.update_observation(cf, note, text="Carers wait")
    )
    assert statements.count("BEGIN IMMEDIATE") == 1
    assert [v["data"]["text"] for v in cf.history("observation", note)] == ["Carers wiat"]


def test_an_inner_failure_caught_by_its_caller_commits_nothing(cf: ChallengeFile):
    """Without savepoints an inner step cannot be undone alone: if code catches its error and
    carries on, the whole change is refused rather than half saved."""
    before = cf.count("observation")
    with pytest.raises(SaveFailed, match="nothing was changed"):
        with cf.transaction():
            observations.add_observation(cf, "kept only if all of it is")
            try:
                with cf.transaction():
                    observations.add_observation(cf, "half")
                    raise RuntimeError("a step fails")
            except RuntimeError:
                pass
    assert cf.count("observation") == before
    observations.add_observation(cf, "the next save works")
    assert cf.count("observation") == before + 1


def test_changing_the_current_peer_inside_a_save_is_seen(cf: ChallengeFile):
    """The peer is read once per transaction; choosing another peer within it still stamps
    the next rows with the new peer."""
    other = people.team(cf)[0]["id"]
    with cf.transaction():
        first = observations.add_observation(cf, "by the first peer")
        cf.set_current_peer(other)
        second = observations.add_observation(cf, "by the other peer")
    assert cf.get("observation", first)["recorded_by"] != other
    assert cf.get("observation", second)["recorded_by"] == other
    assert cf.get("observation", second)["created_by"] == other
