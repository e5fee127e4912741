"""Triangulation levels computed from evidence: what the badge on every finding says."""

from __future__ import annotations

import pytest
from synthesis_data import build_scene

from peernotes.core import findings, triangulation
from peernotes.core.errors import ValidationError
from peernotes.core.triangulation import Thresholds


@pytest.fixture
def scene(cf):
    return build_scene(cf)


def level(scene, supporting, contradicting=()):
    finding_id = findings.create_finding(
        scene.cf,
        "Carers feel listened to",
        heading_id=scene.headings["1"],
        observation_ids=supporting,
        contradicting_ids=contradicting,
    )
    return triangulation.assess(scene.cf, finding_id)


def test_no_evidence(scene):
    """A finding typed with nothing behind it must say so, not claim any strength."""
    result = level(scene, [])
    assert result.level == "no_evidence"
    assert result.label == "No evidence yet"
    assert (result.sources, result.supporting, result.modes) == (0, 0, frozenset())


def test_one_meeting_recorded_by_two_peers_is_one_source(scene):
    """Two peers writing up the same meeting must not make a finding look corroborated."""
    a = scene.obs("Carers said the respite offer works well", meeting="carers", by="Priya")
    b = scene.obs("Carers value respite", meeting="carers", by="Alex")
    result = level(scene, [a, b])
    assert result.level == "single_source"
    assert result.label == "Single source — to test"
    assert result.sources == 1
    assert result.peers == 2
    assert result.supporting == 2
    assert result.groups == 1  # both carers present belong to one group


def test_document_and_meeting_are_two_sources_and_two_modes(scene):
    """Something read plus something heard elsewhere is the textbook triangulated finding."""
    a = scene.obs(
        "The strategy promises carers' assessments in 28 days", mode="read", document="strategy"
    )
    b = scene.obs("Carers said assessments were quick", meeting="carers")
    result = level(scene, [a, b])
    assert result.level == "triangulated"
    assert result.sources == 2
    assert result.modes == frozenset({"read", "heard"})
    assert (result.meetings, result.documents) == (1, 1)


def test_two_meetings_one_mode_is_corroborated(scene):
    """Heard in two meetings, but never read or seen: corroborated, not triangulated."""
    a = scene.obs("Waiting lists are down", meeting="staff")
    b = scene.obs("The director reported shorter waits", meeting="director")
    result = level(scene, [a, b])
    assert result.level == "corroborated"
    assert result.groups == 2  # frontline staff, senior leader
    assert "Triangulated needs at least 2 modes" in result.explanation


def test_two_modes_in_one_meeting_is_still_one_source(scene):
    """Hearing and seeing at the same visit is one source: the badge must stay 'to test'."""
    a = scene.obs("Staff said the centre is busy", meeting="visit")
    b = scene.obs("Every room was in use", mode="seen", meeting="visit")
    result = level(scene, [a, b])
    assert result.level == "single_source"
    assert result.modes == frozenset({"heard", "seen"})
    assert result.groups == 2  # provider and frontline staff were at the visit


def test_contradicting_evidence_is_counted_apart(scene):
    """A contradicting note must show beside the finding and never count towards its level."""
    a = scene.obs("Carers praised respite", meeting="carers")
    against = scene.obs("Staff said respite is hard to book", meeting="staff")
    also_against = scene.obs(
        "The survey shows low satisfaction with respite", mode="read", document="survey"
    )
    result = level(scene, [a], [against, also_against])
    assert result.level == "single_source"
    assert result.supporting == 1
    assert result.contradicting == 2
    assert result.sources == 1
    assert "2 contradicting observations are shown apart" in result.explanation


def test_unsourced_notes_count_once_per_peer(scene):
    """Several notes with no meeting or document by one peer are one source, not many."""
    notes = [scene.obs(f"General impression {n}", by="Priya") for n in range(3)]
    assert level(scene, notes).sources == 1
    other = scene.obs("A different peer's impression", by="Alex")
    assert level(scene, [*notes, other]).sources == 2


def test_deleted_observation_stops_counting(scene):
    """Deleting an observation that backed a finding must weaken the finding at once."""
    a = scene.obs("Read in the strategy", mode="read", document="strategy")
    b = scene.obs("Heard from carers", meeting="carers")
    finding_id = findings.create_finding(scene.cf, "S", observation_ids=[a, b])
    assert triangulation.assess(scene.cf, finding_id).level == "triangulated"
    scene.cf.delete("observation", b)
    assert triangulation.assess(scene.cf, finding_id).level == "single_source"


def test_thresholds_are_per_challenge_and_change_the_level(scene):
    """A team that asks for three sources sees 'corroborated' findings drop back to 'to test'."""
    cf = scene.cf
    assert triangulation.thresholds(cf) == Thresholds(2, 2)
    a = scene.obs("Waits are down", meeting="staff")
    b = scene.obs("Waits are down, says the director", meeting="director")
    finding_id = findings.create_finding(cf, "Waits are down", observation_ids=[a, b])
    assert triangulation.assess(cf, finding_id).level == "corroborated"
    triangulation.set_thresholds(cf, Thresholds(min_modes=1, min_sources=2))
    assert triangulation.assess(cf, finding_id).level == "triangulated"
    triangulation.set_thresholds(cf, Thresholds(min_modes=2, min_sources=3))
    assert triangulation.thresholds(cf) == Thresholds(2, 3)
    result = triangulation.assess(cf, finding_id)
    assert result.level == "single_source"
    assert "at least 3 independent sources" in result.explanation
    assert "3 independent source" in triangulation.thresholds(cf).rule()


@pytest.mark.parametrize("bad", [Thresholds(0, 2), Thresholds(4, 2), Thresholds(2, 0)])
def test_impossible_thresholds_are_refused(scene, bad):
    """A threshold no finding could meet (or that every finding meets trivially) is refused."""
    with pytest.raises(ValidationError):
        triangulation.set_thresholds(scene.cf, bad)
    assert triangulation.thresholds(scene.cf) == Thresholds()


def test_assess_all_agrees_with_assess(scene):
    """The roll-up (one pass) and the finding page (one finding) must show the same badge."""
    cf = scene.cf
    a = scene.obs("A", meeting="carers")
    b = scene.obs("B", mode="read", document="strategy")
    c = scene.obs("C", meeting="staff")
    ids = [
        findings.create_finding(cf, "one", observation_ids=[a]),
        findings.create_finding(cf, "two", observation_ids=[a, c]),
        findings.create_finding(cf, "three", observation_ids=[a, b], contradicting_ids=[c]),
        findings.create_finding(cf, "none"),
    ]
    everything = triangulation.assess_all(cf)
    assert set(everything) == set(ids)
    for finding_id in ids:
        assert everything[finding_id] == triangulation.assess(cf, finding_id)
    assert [everything[i].level for i in ids] == [
        "single_source",
        "corroborated",
        "triangulated",
        "no_evidence",
    ]
