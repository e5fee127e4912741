"""The challenge file: every entity survives a close and reopen, edits leave history and tombstones."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TEAM, heading_id, make_challenge

from peernotes.core.errors import FileRefused, NotFound
from peernotes.core.records import observations, people, programme
from peernotes.core.schema import SCHEMA_VERSION
from peernotes.core.store import BOOKKEEPING_COLUMNS, ChallengeFile


def _content(cf: ChallengeFile, table: str) -> list[dict]:
    return cf.rows(table, include_deleted=True, order_by="id")


def test_every_entity_round_trips_through_the_file(tmp_path: Path):
    """What a peer typed is exactly what they find when they open the file again."""
    path = tmp_path / "round.peernotes"
    cf = make_challenge(path)
    carers = next(g for g in cf.rows("stakeholder_group") if g["name"] == "Carer")
    person = people.add_person(cf, "Hannah Oyelaran", group_id=carers["id"], job_title="Carer")
    document = people.add_document(
        cf, "Carers strategy 2025", provided_by="Commissioning", doc_date="2025-03-01"
    )
    meeting = programme.add_meeting(
        cf,
        date="2026-11-10",
        title="Focus group: carers",
        type="focus_group",
        start_time="10:00",
        end_time="11:30",
        location="Library, room 2",
        peer_ids=[people.team(cf)[0]["id"]],
        person_ids=[person],
    ).id
    observation = observations.add_observation(
        cf,
        "Carers said respite is hard to book at short notice.",
        mode="heard",
        meeting_id=meeting,
        heading_ids=[heading_id(cf, "4")],
        polarity="area",
        is_quote=True,
    )
    from_document = observations.add_observation(
        cf,
        "The strategy has no measures of carer outcomes.",
        mode="read",
        document_id=document,
        heading_ids=[heading_id(cf, "9")],
    )
    tables = (
        "challenge",
        "framework",
        "heading",
        "peer",
        "stakeholder_group",
        "person",
        "document",
        "meeting",
        "meeting_peer",
        "meeting_person",
        "observation",
        "observation_heading",
    )
    before = {t: _content(cf, t) for t in tables}
    me = cf.peer_id
    cf.close()

    reopened = ChallengeFile.open(path)
    try:
        assert {t: _content(reopened, t) for t in tables} == before
        assert reopened.peer_id == me
        saved = reopened.get("observation", observation)
        assert saved["recorded_by"] == me and saved["is_quote"] == 1 and saved["polarity"] == "area"
        assert observations.observation_heading_ids(reopened, from_document) == [
            heading_id(reopened, "9")
        ]
        assert [p["name"] for p in programme.meeting_people(reopened, meeting)] == [
            "Hannah Oyelaran"
        ]
        assert [p["name"] for p in people.team(reopened)] == [
            "Alex Morgan",
            "Priya Nair",
            "Cllr Tom Birch",
            "Jo Clarke",
        ]
    finally:
        reopened.close()


def test_rows_carry_merge_ready_bookkeeping(cf: ChallengeFile):
    """Rows made on two laptops can be merged later: UUID ids, who/when, a clock stamp."""
    observation = observations.add_observation(cf, "Seen: clear signage in reception.", mode="seen")
    row = cf.get("observation", observation)
    assert set(BOOKKEEPING_COLUMNS) <= set(row)
    assert len(row["id"]) == 32 and int(row["id"], 16) >= 0
    assert row["created_by"] == row["modified_by"] == cf.peer_id
    first_stamp = row["hlc"]
    observations.update_observation(
        cf, observation, text="Seen: clear, friendly signage in reception."
    )
    assert cf.get("observation", observation)["hlc"] > first_stamp


def test_delete_leaves_a_tombstone_and_history(cf: ChallengeFile):
    """A deleted observation stays in the file (so the deletion merges and can be undone)."""
    observation = observations.add_observation(
        cf, "Heard: waiting lists are falling.", mode="heard"
    )
    observations.update_observation(cf, observation, text="Heard: waiting lists fell by a third.")
    assert cf.delete("observation", observation)
    assert cf.get("observation", observation) is None
    tomb = cf.get("observation", observation, include_deleted=True)
    assert tomb["deleted"] == 1 and tomb["text"] == "Heard: waiting lists fell by a third."
    versions = [v["data"]["text"] for v in cf.history("observation", observation)]
    assert versions == [
        "Heard: waiting lists are falling.",
        "Heard: waiting lists fell by a third.",
    ]
    assert cf.count("observation") == 0
    assert cf.undelete("observation", observation)
    assert cf.count("observation") == 1


def test_update_that_changes_nothing_writes_nothing(cf: ChallengeFile):
    """Re-saving unchanged text must not create history noise or merge conflicts."""
    observation = observations.add_observation(
        cf, "Read: the market position statement is current.", mode="read"
    )
    stamp = cf.get("observation", observation)["hlc"]
    assert (
        observations.update_observation(
            cf, observation, text="Read: the market position statement is current."
        )
        is False
    )
    assert cf.get("observation", observation)["hlc"] == stamp
    assert cf.history("observation", observation) == []


def test_listeners_hear_once_per_transaction(cf: ChallengeFile):
    """Screens refresh once per user action, not once per row written."""
    heard = []
    cf.subscribe(heard.append)
    meeting = programme.add_meeting(
        cf,
        date="2026-11-11",
        title="Provider forum",
        type="workshop",
        peer_ids=[p["id"] for p in people.team(cf)[:2]],
    )
    assert len(heard) == 1
    assert heard[0].tables["meeting"] == {meeting.id}
    assert len(heard[0].tables["meeting_peer"]) == 2


def test_failed_transaction_writes_nothing(cf: ChallengeFile):
    """A multi-row change either lands whole or not at all."""
    before = cf.count("observation")
    with pytest.raises(RuntimeError):
        with cf.transaction():
            observations.add_observation(cf, "first", mode="heard")
            observations.add_observation(cf, "second", mode="heard")
            raise RuntimeError("power cut")
    assert cf.count("observation") == before


def test_new_file_refuses_to_overwrite(challenge_path: Path):
    """Creating a challenge never clobbers an existing file."""
    size = challenge_path.stat().st_size
    with pytest.raises(FileRefused, match="already exists"):
        ChallengeFile.create(challenge_path)
    assert challenge_path.stat().st_size == size


def test_file_is_wal_with_foreign_keys_and_current_version(cf: ChallengeFile):
    assert cf.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert cf.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert cf.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_current_peer_must_be_on_the_team(cf: ChallengeFile):
    with pytest.raises(NotFound):
        cf.set_current_peer("nobody")
    assert cf.peer_id == people.team(cf)[1]["id"]
    assert people.team(cf)[1]["name"] == TEAM[1]["name"]
