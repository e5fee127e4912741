"""Findings, their evidence and recommendation groups: the operations behind the Findings page."""

from __future__ import annotations

import pytest
from synthesis_data import build_scene

from peernotes.core import findings
from peernotes.core.errors import NotFound, ValidationError


@pytest.fixture
def scene(cf):
    return build_scene(cf)


def statements(cf, heading_id, kind="strength"):
    return [r["statement"] for r in findings.section(cf, heading_id, kind)]


def test_create_from_observations_links_them_as_support(scene):
    """'New finding from these' must keep every selected observation as its evidence."""
    cf = scene.cf
    ids = [scene.obs(f"note {n}", meeting="carers") for n in range(3)]
    finding_id = findings.create_finding(
        cf,
        "  Carers are well supported  ",
        kind="strength",
        heading_id=scene.headings["1"],
        observation_ids=ids + ids[:1],
    )
    row = findings.finding(cf, finding_id)
    assert row["statement"] == "Carers are well supported"
    assert row["heading_id"] == scene.headings["1"]
    links = findings.evidence_links(cf, finding_id)
    assert [(link.observation_id, link.relation) for link in links] == [
        (i, "supports") for i in ids
    ]


@pytest.mark.parametrize(
    "values, field",
    [
        ({"statement": "   "}, "statement"),
        ({"statement": "x", "kind": "opinion"}, "kind"),
        ({"statement": "x", "heading_id": "nope"}, "heading_id"),
        ({"statement": "x", "observation_ids": ["nope"]}, "observation_ids[0]"),
        ({"statement": "x", "kind": "recommendation", "group_id": "nope"}, "group_id"),
    ],
)
def test_invalid_findings_are_refused_and_nothing_is_written(scene, values, field):
    """Bad input names the field at fault and leaves no half-made finding behind."""
    with pytest.raises(ValidationError) as error:
        findings.create_finding(scene.cf, **values)
    assert error.value.field == field
    assert scene.cf.count("finding") == 0


def test_new_findings_go_to_the_end_of_their_section(scene):
    """A new strength appears after the existing ones, not in some arbitrary place."""
    cf, h = scene.cf, scene.headings["1"]
    for name in ("first", "second", "third"):
        findings.create_finding(cf, name, heading_id=h)
    findings.create_finding(cf, "an area", kind="area", heading_id=h)
    assert statements(cf, h) == ["first", "second", "third"]
    assert statements(cf, h, "area") == ["an area"]


def test_move_up_down_and_reorder(scene):
    """The order the user sets is the order the letter will use."""
    cf, h = scene.cf, scene.headings["1"]
    a, b, c = (findings.create_finding(cf, name, heading_id=h) for name in "abc")
    assert findings.move_up(cf, c)
    assert statements(cf, h) == ["a", "c", "b"]
    assert not findings.move_up(cf, a)  # already first: nothing to do
    assert findings.move_down(cf, a)
    assert statements(cf, h) == ["c", "a", "b"]
    assert not findings.move_down(cf, b)
    findings.reorder(cf, h, "strength", [b, a])
    assert statements(cf, h) == ["b", "a", "c"]
    with pytest.raises(ValidationError):
        findings.reorder(cf, scene.headings["2"], "strength", [a])


def test_move_to_another_heading_drops_at_position(scene):
    """Dragging a finding to another heading puts it exactly where it was dropped."""
    cf, h1, h2 = scene.cf, scene.headings["1"], scene.headings["2"]
    x = findings.create_finding(cf, "x", heading_id=h1)
    findings.create_finding(cf, "y", heading_id=h2)
    findings.create_finding(cf, "z", heading_id=h2)
    findings.move_to(cf, x, heading_id=h2, index=1)
    assert statements(cf, h2) == ["y", "x", "z"]
    assert statements(cf, h1) == []


def test_changing_kind_moves_to_end_of_new_section_and_drops_group(scene):
    """A recommendation turned into an area leaves its recommendation group."""
    cf, h = scene.cf, scene.headings["1"]
    group = findings.add_recommendation_group(cf, "Quick wins")
    findings.create_finding(cf, "existing area", kind="area", heading_id=h)
    rec = findings.create_finding(
        cf, "Publish the offer", kind="recommendation", heading_id=h, group_id=group
    )
    assert findings.finding(cf, rec)["group_id"] == group
    findings.update_finding(cf, rec, kind="area")
    row = findings.finding(cf, rec)
    assert row["group_id"] is None
    assert statements(cf, h, "area") == ["existing area", "Publish the offer"]


def test_update_flags_and_no_op(scene):
    """Ticking 'key message' is saved; saving the same values again writes nothing."""
    cf = scene.cf
    finding_id = findings.create_finding(cf, "x")
    assert findings.update_finding(
        cf, finding_id, key_message=True, notable=True, narrative="More."
    )
    row = findings.finding(cf, finding_id)
    assert (row["key_message"], row["notable"], row["narrative"]) == (1, 1, "More.")
    assert not findings.update_finding(cf, finding_id, key_message=True)
    with pytest.raises(ValidationError):
        findings.update_finding(cf, finding_id, ordinal=3)


def test_evidence_add_switch_remove(scene):
    """An observation can support one finding and contradict another; links switch and go."""
    cf = scene.cf
    o1, o2 = scene.obs("one", meeting="carers"), scene.obs("two", meeting="staff")
    f1 = findings.create_finding(cf, "f1")
    f2 = findings.create_finding(cf, "f2")
    assert findings.add_evidence(cf, f1, [o1, o2]) == 2
    assert findings.add_evidence(cf, f1, [o1]) == 0  # already there
    assert findings.add_evidence(cf, f2, [o1], "contradicts") == 1
    assert findings.add_evidence(cf, f1, [o2], "contradicts") == 1  # switches
    assert {(x.observation_id, x.relation) for x in findings.evidence_links(cf, f1)} == {
        (o1, "supports"),
        (o2, "contradicts"),
    }
    assert findings.set_relation(cf, f1, o2, "supports")
    assert findings.remove_evidence(cf, f1, [o1, o1]) == 1
    assert [x.observation_id for x in findings.evidence_links(cf, f1)] == [o2]
    assert findings.add_evidence(cf, f1, [o1]) == 1  # revived link
    assert {r["id"] for r in findings.findings_using(cf, o1)} == {f1, f2}
    with pytest.raises(ValidationError):
        findings.add_evidence(cf, f1, [o1], "maybe")
    with pytest.raises(ValidationError):
        findings.set_relation(cf, f2, o2, "supports")


def test_delete_finding_removes_links_not_observations(scene):
    """Deleting a finding must not delete the notes it was built from."""
    cf = scene.cf
    o = scene.obs("kept", meeting="carers")
    finding_id = findings.create_finding(cf, "gone", observation_ids=[o])
    assert findings.delete_finding(cf, finding_id)
    assert findings.findings(cf) == []
    assert cf.get("observation", o) is not None
    assert cf.count("finding_evidence") == 0
    with pytest.raises(NotFound):
        findings.finding(cf, finding_id)


def test_recommendation_groups(scene):
    """Groups keep the user's order and names; deleting one keeps its recommendations."""
    cf = scene.cf
    a = findings.add_recommendation_group(cf, "The presenting issue")
    b = findings.add_recommendation_group(cf, "Quick wins")
    with pytest.raises(ValidationError):
        findings.add_recommendation_group(cf, "quick WINS")
    assert findings.move_recommendation_group(cf, b, -1)
    assert [g["name"] for g in findings.recommendation_groups(cf)] == [
        "Quick wins",
        "The presenting issue",
    ]
    assert findings.rename_recommendation_group(cf, a, "The wider strategy")
    rec = findings.create_finding(cf, "Do it", kind="recommendation", group_id=b)
    assert findings.delete_recommendation_group(cf, b) == [rec]
    assert findings.finding(cf, rec)["group_id"] is None
    assert [g["name"] for g in findings.recommendation_groups(cf)] == ["The wider strategy"]


def test_group_ignored_for_non_recommendations(scene):
    """Only recommendations sit in recommendation groups."""
    cf = scene.cf
    group = findings.add_recommendation_group(cf, "Quick wins")
    strength = findings.create_finding(cf, "s", group_id=group)
    assert findings.finding(cf, strength)["group_id"] is None


@pytest.mark.parametrize(
    ("polarities", "proposed"),
    [
        (["area", "area", "neutral"], "area"),
        (["strength"], "strength"),
        (["strength", "area"], None),
        (["neutral", "neutral"], None),
        ([], None),
    ],
)
def test_kind_is_proposed_from_the_evidence_polarity(polarities, proposed):
    """A finding made from areas for consideration is not offered as a strength; mixed
    evidence proposes nothing, so the lead peer is asked."""
    assert findings.proposed_kind(polarities) == proposed


def test_browser_filters_by_polarity_mode_peer_and_not_yet_in_a_finding(scene):
    """The lead peer can list only the areas heard by one peer that no finding uses yet."""
    from peernotes.core.evidence import BrowserFilter, describe, observation_ids

    wanted = scene.obs("Waiting lists are long", polarity="area", by="Alex")
    used = scene.obs("Waiting lists again", polarity="area", by="Alex")
    scene.obs("Respite is good", polarity="strength", by="Alex")
    scene.obs("Read about waits", polarity="area", mode="read", by="Alex")
    scene.obs("Priya heard waits", polarity="area")
    findings.create_finding(scene.cf, "Waits", observation_ids=[used])
    narrow = BrowserFilter(polarity="area", mode="heard", recorded_by=scene.peers["Alex"])
    assert observation_ids(scene.cf, "unused", narrow=narrow) == [wanted]
    tagged = scene.obs("Tagged", headings=("1",))
    assert describe(scene.cf, [tagged])[tagged].heading_labels[0].startswith("1")


def test_the_print_pickers_findings_follow_the_users_order_without_deleted_ones(scene):
    """File › Print…'s "one finding" lists live findings in the order the user gave them,
    statements whole. If this failed, a deleted finding could be printed, or the list would
    not match the Findings page's order."""
    cf = scene.cf
    heading = scene.headings["1"]
    first = findings.create_finding(cf, "Carers are heard", kind="strength", heading_id=heading)
    second = findings.create_finding(cf, "Waits are long", kind="strength", heading_id=heading)
    gone = findings.create_finding(cf, "Withdrawn", kind="strength", heading_id=heading)
    findings.move_up(cf, second)
    findings.delete_finding(cf, gone)
    choices = findings.finding_choices(cf)
    assert [(c.id, c.statement) for c in choices] == [
        (second, "Waits are long"),
        (first, "Carers are heard"),
    ]
