"""The roll-up by domain: what the team reads aloud on the last morning and the letter follows."""

from __future__ import annotations

import pytest
from synthesis_data import build_scene

from peernotes.core import findings, rollup
from peernotes.core.records import challenge, observations


@pytest.fixture
def scene(cf):
    return build_scene(cf)


def test_walks_the_framework_in_order(scene):
    """Headings appear exactly in framework order: domain, its standards, then own headings
    and scoping questions, whatever order findings were written in."""
    cf = scene.cf
    custom = challenge.add_heading(cf, "Our own heading")
    expected = [h["id"] for h in challenge.headings(cf)]
    assert custom in expected
    findings.create_finding(cf, "late", heading_id=expected[-1])
    findings.create_finding(cf, "early", heading_id=expected[1])
    result = rollup.rollup(cf)
    assert [h.id for h in result.headings] == expected
    assert [h.depth for h in result.headings] == [h["depth"] for h in challenge.headings(cf)]
    labels = [h.label for h in result.headings]
    assert labels[0].startswith("1 ") and labels[-1].startswith("Q1 ")


def test_findings_grouped_by_kind_in_user_order_with_badges(scene):
    """Under a heading: strengths, areas and recommendations, each in the user's order, with
    the same triangulation and evidence counts by mode as the finding page."""
    cf, h = scene.cf, scene.headings["1"]
    read = scene.obs("Strategy says so", mode="read", document="strategy")
    heard = scene.obs("Carers say so", meeting="carers")
    seen = scene.obs("We saw it", mode="seen", meeting="visit")
    against = scene.obs("Staff disagree", meeting="staff")
    s1 = findings.create_finding(
        cf, "S1", heading_id=h, observation_ids=[read, heard, seen], contradicting_ids=[against]
    )
    s2 = findings.create_finding(cf, "S2", heading_id=h, observation_ids=[heard])
    a1 = findings.create_finding(cf, "A1", kind="area", heading_id=h)
    r1 = findings.create_finding(cf, "R1", kind="recommendation", heading_id=h)
    findings.move_up(cf, s2)
    entry = next(x for x in rollup.rollup(cf).headings if x.id == h)
    assert [f.id for f in entry.strengths] == [s2, s1]
    assert [f.id for f in entry.areas] == [a1]
    assert [f.id for f in entry.recommendations] == [r1]
    assert [f.id for f in entry.findings] == [s2, s1, a1, r1]
    first = entry.strengths[1]
    assert dict(first.evidence_by_mode) == {"read": 1, "heard": 1, "seen": 1}
    assert first.contradicting == 1
    assert first.triangulation.level == "triangulated"
    assert entry.strengths[0].triangulation.level == "single_source"
    assert entry.areas[0].triangulation.level == "no_evidence"
    assert entry.by_kind("area") == entry.areas


def test_recommendation_groups_inbox_and_stray_findings(scene):
    """Recommendations are listed by group in the group order; findings with no heading and
    observations nobody has sorted yet are not lost."""
    cf = scene.cf
    h1, h2 = scene.headings["1"], scene.headings["2"]
    wins = findings.add_recommendation_group(cf, "Quick wins")
    wider = findings.add_recommendation_group(cf, "The wider strategy")
    later = findings.create_finding(
        cf, "R in 1.2", kind="recommendation", heading_id=h2, group_id=wins
    )
    first = findings.create_finding(
        cf, "R in 1.1", kind="recommendation", heading_id=h1, group_id=wins
    )
    loose = findings.create_finding(cf, "R anywhere", kind="recommendation")
    stray = findings.create_finding(cf, "A strength with no heading")
    tagged = scene.obs("Tagged", headings=("1",))
    used = scene.obs("Used in a finding")
    findings.add_evidence(cf, stray, [used])
    untagged = [scene.obs(f"Untagged {n}") for n in range(3)]

    result = rollup.rollup(cf)
    groups = [(g.name, [f.id for f in g.recommendations]) for g in result.recommendation_groups]
    assert groups == [
        ("Quick wins", [first, later]),
        ("The wider strategy", []),
        (rollup.NO_GROUP_LABEL, [loose]),
    ]
    assert result.recommendation_groups[1].id == wider
    assert result.headings[-1].id is None
    assert [f.id for f in result.headings[-1].findings] == [stray, loose]
    assert {o.id for o in result.inbox} == set(untagged)
    assert result.inbox_total == 3
    assert tagged not in {o.id for o in result.inbox}
    limited = rollup.rollup(cf, inbox_limit=1)
    assert (len(limited.inbox), limited.inbox_total) == (1, 3)
    assert result.observations == 5


def test_counts_and_key_messages(scene):
    """Headline numbers: findings per level, key messages, tagged observations per heading."""
    cf, h = scene.cf, scene.headings["1"]
    scene.obs("one", headings=("1",))
    scene.obs("two", headings=("1", "2"))
    key = findings.create_finding(cf, "Key", heading_id=h, key_message=True)
    findings.create_finding(cf, "Not key", heading_id=h)
    result = rollup.rollup(cf)
    assert [f.id for f in result.key_messages()] == [key]
    assert dict(result.levels) == {"no_evidence": 2}
    by_id = {x.id: x for x in result.headings}
    assert (by_id[h].observations, by_id[scene.headings["2"]].observations) == (2, 1)
    assert result.finding(key).statement == "Key"
    assert result.thresholds.min_modes == 2


def test_deleted_findings_and_evidence_leave_the_rollup(scene):
    """A deleted finding must never be read out."""
    cf, h = scene.cf, scene.headings["1"]
    gone = findings.create_finding(cf, "gone", heading_id=h)
    findings.delete_finding(cf, gone)
    assert rollup.rollup(cf).finding(gone) is None


def test_inbox_follows_deletions_of_notes_headings_and_findings(scene):
    """The inbox count and list agree with the inbox rule note by note: a tag to a deleted
    heading no longer sorts a note, a deleted note leaves, a note only in a deleted finding
    comes back, and a note used in a live finding stays out."""
    from peernotes.core import evidence

    cf = scene.cf
    custom = challenge.add_heading(cf, "Our own heading")
    only_custom = scene.obs("Tagged with the own heading only", headings=())
    observations.set_observation_headings(cf, only_custom, [custom])
    both = scene.obs("Tagged with 1.1 and the own heading", headings=("1",))
    observations.set_observation_headings(cf, both, [scene.headings["1"], custom])
    gone = scene.obs("Tagged, then deleted", headings=("2",))
    in_finding = scene.obs("Used in a finding")
    in_dropped = scene.obs("Used in a finding that is then deleted")
    untagged = scene.obs("Never sorted")
    kept = findings.create_finding(cf, "Kept", observation_ids=[in_finding])
    dropped = findings.create_finding(cf, "Dropped", observation_ids=[in_dropped])
    assert rollup.rollup(cf).inbox_total == 1

    cf.delete("heading", custom)  # as a merge brings it: another peer deleted it meanwhile
    observations.delete_observation(cf, gone)
    findings.delete_finding(cf, dropped)
    result = rollup.rollup(cf)
    expected = evidence.observation_ids(cf, "inbox")  # the rule, asked of every note
    assert set(expected) == {only_custom, in_dropped, untagged}
    assert result.inbox_total == 3
    assert [o.id for o in result.inbox] == expected  # newest first
    assert both not in expected and in_finding not in expected  # `kept` is live
    assert cf.get("finding", kept) is not None
    by_id = {h.id: h for h in result.headings}
    assert (by_id[scene.headings["1"]].observations, by_id[scene.headings["2"]].observations) == (
        1,
        0,
    )
