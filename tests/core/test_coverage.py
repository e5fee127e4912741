"""Coverage: where the team is thin, by heading, mode and stakeholder group (hand-counted)."""

from __future__ import annotations

import pytest
from synthesis_data import build_scene

from peernotes.core import coverage, findings
from peernotes.core.errors import ValidationError
from peernotes.core.records import challenge, programme


@pytest.fixture
def scene(cf):
    return build_scene(cf)


def test_counts_match_hand_counts(scene):
    """Each cell of the heat map equals what a person would count from the notes."""
    cf = scene.cf
    g = scene.groups
    scene.obs("carers 1", meeting="carers", headings=("1",))  # carer
    scene.obs("carers 2", meeting="carers", headings=("1", "2"))  # carer
    scene.obs("visit seen", mode="seen", meeting="visit", headings=("2",))  # provider, staff
    scene.obs("strategy", mode="read", document="strategy", headings=("1",))  # no group
    evidence = scene.obs("director, via a finding", meeting="director")  # senior leader
    findings.create_finding(cf, "f", heading_id=scene.headings["3"], observation_ids=[evidence])
    scene.obs("in the inbox", meeting="staff")

    result = coverage.coverage(cf)
    by_id = {h.id: h for h in result.headings}
    s1, s2, s3 = (by_id[scene.headings[n]] for n in ("1", "2", "3"))
    assert (s1.total, dict(s1.by_mode)) == (3, {"read": 1, "heard": 2, "seen": 0})
    assert s1.by_group[g["Carer"]] == 2 and s1.by_group[g["Provider"]] == 0
    assert (s2.total, dict(s2.by_mode)) == (2, {"read": 0, "heard": 1, "seen": 1})
    assert (
        s2.by_group[g["Carer"]],
        s2.by_group[g["Provider"]],
        s2.by_group[g["Frontline staff"]],
    ) == (1, 1, 1)
    assert (s3.total, s3.findings, s3.by_group[g["Senior leader"]]) == (1, 1, 1)
    domain = by_id[challenge.headings(cf)[0]["id"]]
    assert domain.depth == 0
    assert domain.total == 5  # each observation once, though "carers 2" has two standards
    assert domain.findings == 1
    assert dict(domain.by_mode) == {"read": 1, "heard": 3, "seen": 1}
    assert result.observations == 6
    assert result.untagged == 1
    assert dict(result.by_mode) == {"read": 1, "heard": 4, "seen": 1}
    assert result.by_group[g["Frontline staff"]] == 2  # visit + staff drop-in
    assert result.people_by_group[g["Carer"]] == 2


def test_thin_headings_and_unheard_groups(scene):
    """Headings under the threshold and groups nobody has heard from are called out."""
    cf, g = scene.cf, scene.groups
    for n in range(3):
        scene.obs(f"carers {n}", meeting="carers", headings=("1",))
    result = coverage.coverage(cf)
    by_id = {h.id: h for h in result.headings}
    assert not by_id[scene.headings["1"]].thin
    assert by_id[scene.headings["2"]].thin
    unheard = {name for _, name in result.unheard_groups}
    assert "Carer" not in unheard and {"Councillor", "Person who uses services"} <= unheard
    assert g["Provider"] in by_id[scene.headings["1"]].unheard
    coverage.set_thin_below(cf, 4)
    assert coverage.thin_below(cf) == 4
    assert by_id[scene.headings["1"]].id in {h.id for h in coverage.coverage(cf).thin_headings}
    with pytest.raises(ValidationError):
        coverage.set_thin_below(cf, -1)


def test_deleted_rows_are_not_counted(scene):
    """A deleted note, or a person removed from a meeting, no longer counts."""
    cf, g = scene.cf, scene.groups
    kept = scene.obs("kept", meeting="visit", headings=("1",))
    gone = scene.obs("gone", meeting="visit", headings=("1",))
    cf.delete("observation", gone)
    person = next(p for p in cf.rows("person") if p["name"] == "Gus Hale")
    programme.remove_link(cf, "meeting_person", scene.meetings["visit"], person["id"])
    h = next(x for x in coverage.coverage(cf).headings if x.id == scene.headings["1"])
    assert h.total == 1 and kept
    assert h.by_group[g["Provider"]] == 0
    assert h.by_group[g["Frontline staff"]] == 1


def test_each_note_counts_once_however_it_got_there(scene):
    """A note tagged with a standard and used in a finding under it counts once there and
    once in the domain; a note only in a deleted finding, or deleted itself, counts nowhere."""
    cf = scene.cf
    s1 = scene.headings["1"]
    both = scene.obs("tagged and in a finding", meeting="carers", headings=("1",))
    dropped = scene.obs("only in a finding that was deleted", meeting="carers")
    withdrawn = scene.obs("in a finding, then deleted", meeting="carers")
    findings.create_finding(cf, "kept", heading_id=s1, observation_ids=[both, withdrawn])
    gone = findings.create_finding(cf, "gone", heading_id=s1, observation_ids=[dropped])
    findings.delete_finding(cf, gone)
    cf.delete("observation", withdrawn)

    result = coverage.coverage(cf)
    by_id = {h.id: h for h in result.headings}
    domain = by_id[challenge.headings(cf)[0]["id"]]
    assert by_id[s1].total == 1 and domain.total == 1
    assert dict(by_id[s1].by_mode) == {"read": 0, "heard": 1, "seen": 0}
    assert by_id[s1].by_group[scene.groups["Carer"]] == 1
    assert (result.observations, result.untagged) == (2, 1)  # `dropped` is unsorted again
