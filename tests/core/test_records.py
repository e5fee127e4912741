"""Bad input gets a clear error naming the field, and nothing is written."""

from __future__ import annotations

import pytest
from helpers import heading_id

from peernotes.core.errors import ValidationError
from peernotes.core.records import challenge, observations, people, programme
from peernotes.core.store import ChallengeFile


def _counts(cf: ChallengeFile) -> dict[str, int]:
    return {
        t: cf.count(t)
        for t in ("observation", "observation_heading", "meeting", "person", "history")
        if t != "history"
    } | {"history": cf.conn.execute("SELECT count(*) FROM history").fetchone()[0]}


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_observation_is_refused(cf: ChallengeFile, text: str):
    """An accidental Enter on an empty box must not create a blank observation."""
    before = _counts(cf)
    with pytest.raises(ValidationError) as caught:
        observations.add_observation(cf, text, mode="heard")
    assert caught.value.field == "text" and "empty" in caught.value.message
    assert _counts(cf) == before


def test_unknown_heading_is_refused_and_nothing_saved(cf: ChallengeFile):
    before = _counts(cf)
    with pytest.raises(ValidationError) as caught:
        observations.add_observation(
            cf,
            "Heard about brokerage delays.",
            heading_ids=[heading_id(cf, "1"), "no-such-heading"],
        )
    assert caught.value.field == "heading_ids[1]"
    assert "unknown framework heading" in str(caught.value)
    assert _counts(cf) == before


def test_unknown_mode_and_polarity_are_refused(cf: ChallengeFile):
    with pytest.raises(ValidationError, match="mode"):
        observations.add_observation(cf, "text", mode="smelt")
    with pytest.raises(ValidationError, match="polarity"):
        observations.add_observation(cf, "text", polarity="great")


def test_meeting_ending_before_it_starts_is_refused(cf: ChallengeFile):
    with pytest.raises(ValidationError) as caught:
        programme.add_meeting(
            cf, date="2026-11-10", title="Finance lead", start_time="14:00", end_time="13:30"
        )
    assert caught.value.field == "end_time"
    assert "ends (13:30) before it starts (14:00)" in caught.value.message
    assert cf.count("meeting") == 0


def test_bad_time_and_date_name_the_field(cf: ChallengeFile):
    with pytest.raises(ValidationError, match="start_time: not a time"):
        programme.add_meeting(cf, date="2026-11-10", title="x", start_time="25:00")
    with pytest.raises(ValidationError, match="date: not a date"):
        programme.add_meeting(cf, date="10/11/2026", title="x")


def test_meeting_outside_onsite_days_warns_but_saves(cf: ChallengeFile):
    """Pre-site calls happen: PeerNotes warns, and keeps the meeting."""
    saved = programme.add_meeting(
        cf, date="2026-11-03", title="Pre-site call with the DASS", type="phone_call"
    )
    assert cf.get("meeting", saved.id)["title"] == "Pre-site call with the DASS"
    assert saved.warnings and "outside the on-site days" in saved.warnings[0]
    inside = programme.add_meeting(cf, date="2026-11-12", title="Portfolio holder")
    assert inside.warnings == []


def test_same_person_is_offered_not_duplicated(cf: ChallengeFile):
    first = people.add_person(cf, "Siobhán O'Connell")
    assert [p["id"] for p in people.people_named(cf, "  siobhan o'connell ")] == [first]
    with pytest.raises(ValidationError, match="already recorded"):
        people.add_person(cf, "SIOBHAN O'CONNELL")
    second = people.add_person(cf, "Siobhan O'Connell", allow_duplicate=True)
    assert second != first and cf.count("person") == 2


def test_delete_meeting_moves_or_deletes_its_observations(cf: ChallengeFile):
    keep = programme.add_meeting(cf, date="2026-11-10", title="Head of safeguarding").id
    gone = programme.add_meeting(cf, date="2026-11-10", title="Safeguarding board chair").id
    moved = observations.add_observation(
        cf, "Heard: referrals are triaged within a day.", meeting_id=gone
    )
    programme.delete_meeting(cf, gone, observations="move", move_to=keep)
    assert cf.get("observation", moved)["meeting_id"] == keep
    programme.delete_meeting(cf, keep, observations="delete")
    assert cf.get("observation", moved) is None
    assert cf.get("observation", moved, include_deleted=True)["deleted"] == 1


def test_observation_headings_can_be_changed(cf: ChallengeFile):
    observation = observations.add_observation(
        cf,
        "Read: the workforce plan is out of date.",
        mode="read",
        heading_ids=[heading_id(cf, "12")],
    )
    observations.set_observation_headings(
        cf, observation, [heading_id(cf, "9"), heading_id(cf, "12")]
    )
    assert sorted(observations.observation_heading_ids(cf, observation)) == sorted(
        [heading_id(cf, "9"), heading_id(cf, "12")]
    )
    observations.set_observation_headings(cf, observation, [heading_id(cf, "9")])
    assert observations.observation_heading_ids(cf, observation) == [heading_id(cf, "9")]
    # re-adding revives the same link row instead of creating a duplicate
    observations.set_observation_headings(
        cf, observation, [heading_id(cf, "9"), heading_id(cf, "12")]
    )
    links = cf.rows(
        "observation_heading", "observation_id = ?", (observation,), include_deleted=True
    )
    assert len(links) == 2


def test_custom_headings_and_scope_questions_follow_the_framework(cf: ChallengeFile):
    """A challenge adds its own headings; they come after the framework's, scope questions last."""
    custom = challenge.add_heading(cf, "Digital and technology")
    labels = [(h["kind"], challenge.heading_label(h)) for h in challenge.headings(cf)]
    kinds = [k for k, _ in labels]
    assert kinds.index("custom") > max(
        i for i, k in enumerate(kinds) if k in ("domain", "standard")
    )
    assert labels[-1] == ("scope", "Q1 Is the home care market sustainable?")
    assert ("custom", "Digital and technology") in labels
    observations.add_observation(cf, "Heard: the new case system is liked.", heading_ids=[custom])


def test_meeting_now_picks_the_meeting_in_progress(cf: ChallengeFile):
    from datetime import datetime

    programme.add_meeting(
        cf, date="2026-11-10", title="Early", start_time="09:00", end_time="10:00"
    )
    programme.add_meeting(cf, date="2026-11-10", title="Late", start_time="11:00", end_time="12:00")
    assert programme.meeting_now(cf, datetime(2026, 11, 10, 9, 30))["title"] == "Early"
    assert programme.meeting_now(cf, datetime(2026, 11, 10, 10, 30))["title"] == "Late"
    assert programme.meeting_now(cf, datetime(2026, 11, 10, 15, 0))["title"] == "Late"
    assert programme.meeting_now(cf, datetime(2026, 11, 20, 9, 30)) is None
