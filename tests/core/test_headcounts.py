"""Unnamed headcounts ("12 carers"): counted in the letter and coverage, never named."""

from __future__ import annotations

import pytest
from letter_data import build_letter_scene
from replicas import clone
from synthesis_data import build_scene

from peernotes.core import attribution, coverage, headcounts, interchange, merge
from peernotes.core.errors import ValidationError
from peernotes.core.letter import build_letter
from peernotes.core.records import observations, programme, read_models


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


def _group(cf, name: str) -> str:
    return next(g["id"] for g in cf.rows("stakeholder_group") if g["name"] == name)


def test_headcount_adds_to_at_least_n_people_and_names_no_one(scene):
    """Twelve carers met without names: the letter says at least 7 + 12 people, lists
    carers among the groups met, and no name list or guard target grows."""
    cf = scene.cf
    before = build_letter(cf)
    names_before = [p.name for p in read_models.person_list(cf)]
    headcounts.set_headcount(cf, scene.meetings[4], _group(cf, "Carer"), 12)  # a phone call
    letter = build_letter(cf)
    assert letter.figures.people == before.figures.people + 12
    sentence = next(b.text for b in letter.blocks if b.text.startswith("The team was on site"))
    assert "met and spoke with at least 19 people" in sentence
    assert "telephone conversations with partners and carers" in [b.text for b in letter.blocks]
    assert [p.name for p in read_models.person_list(cf)] == names_before
    guard = attribution._Guard(cf, letter.settings)
    assert not any("12" in t.who or "Carer" == t.who for t in guard.targets)
    assert attribution.scan(cf, letter) == attribution.scan(cf, before)


def test_headcount_counts_in_coverage_by_group(cf):
    """Coverage: the carers' column counts the unnamed carers and their meeting's notes."""
    scene = build_scene(cf)
    carer = scene.groups["Carer"]
    before = coverage.coverage(cf).people_by_group[carer]
    scene.obs("A carer said respite is hard to book.", meeting="staff", headings=("1",))

    def carers_under_heading_1() -> int:
        result = coverage.coverage(cf)
        return next(h for h in result.headings if h.id == scene.headings["1"]).by_group[carer]

    assert carers_under_heading_1() == 0
    headcounts.set_headcount(cf, scene.meetings["staff"], carer, 5)
    assert coverage.coverage(cf).people_by_group[carer] == before + 5
    assert carers_under_heading_1() == 1


def test_zero_removes_and_bad_counts_are_refused(cf):
    """0 takes a headcount away; a negative or fractional one is refused with a sentence."""
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Carers' café").id
    carer = _group(cf, "Carer")
    headcounts.set_headcount(cf, meeting, carer, 8)
    headcounts.set_headcount(cf, meeting, carer, 0)
    assert headcounts.for_meeting(cf, meeting) == {}
    for bad in (-1, 2.5, True):
        with pytest.raises(ValidationError, match="whole number"):
            headcounts.set_headcount(cf, meeting, carer, bad)


def test_headcounts_merge_and_round_trip_through_json(tmp_path):
    """Two laptops recording the same carers' group make one row; JSON keeps it."""
    a, b = clone("laptop-a"), clone("laptop-b", peer=2)
    meeting = a.rows("meeting")[0]["id"]
    carer = _group(a, "Carer")
    headcounts.set_headcount(a, meeting, carer, 12)
    headcounts.set_headcount(b, meeting, carer, 12)
    merge.merge(a, b, backup=False)
    assert a.count("headcount") == 1
    document = interchange.export_json(a)
    assert [r["people"] for r in document["tables"]["headcount"]] == [12]
    copy = interchange.import_json(document, tmp_path / "copy.peernotes")
    try:
        assert headcounts.for_meeting(copy, meeting) == {carer: 12}
    finally:
        copy.close()


def test_evidence_report_names_the_group_met_without_names(cf):
    """The internal evidence report says a note came from a meeting with carers, even when
    the carers were only counted."""
    from peernotes.core import findings
    from peernotes.core.evidence_report import evidence_by_finding

    meeting = programme.add_meeting(cf, date="2026-11-10", title="Carers' café").id
    headcounts.set_headcount(cf, meeting, _group(cf, "Carer"), 9)
    note = observations.add_observation(cf, "Respite is hard to book.", meeting_id=meeting)
    finding = findings.create_finding(cf, "Respite is hard to book", observation_ids=[note])
    assert evidence_by_finding(cf)[finding][0].groups == ("Carer",)


def test_json_with_a_headcount_of_nought_is_refused_with_its_path(tmp_path):
    """A tool writing people: 0 gets told which row is wrong; no file is created."""
    a = clone("laptop-a")
    headcounts.set_headcount(a, a.rows("meeting")[0]["id"], _group(a, "Carer"), 3)
    document = interchange.export_json(a)
    document["tables"]["headcount"][0]["people"] = 0
    target = tmp_path / "copy.peernotes"
    with pytest.raises(ValidationError, match=r"tables\.headcount\[0\]\.people"):
        interchange.import_json(document, target)
    assert not target.exists()
