"""Field-level merge: two peers editing different fields of one record both keep their words;
only a field both changed is a conflict, and it is decided field by field."""

from __future__ import annotations

import pytest
from replicas import canonical, clone

from peernotes.core import conflict_undo, conflicts, findings, merge, versions
from peernotes.core.records import observations


@pytest.fixture
def team():
    """The manager's file and two peers' laptops that started from it, with one finding."""
    manager = clone("manager", peer=3)
    priya = clone("priya", peer=1, drift_ms=-90_000)  # her clock is 90 s slow
    tom = clone("tom", peer=2, drift_ms=45_000)
    fid = findings.create_finding(manager, "Carers are heard", narrative="Draft narrative")
    for cf in (priya, tom):
        merge.merge(cf, manager)
    yield manager, priya, tom, fid
    for cf in (manager, priya, tom):
        cf.close()


def _finding(cf, fid):
    return cf.get("finding", fid)


def test_edits_of_different_fields_both_survive_without_a_conflict(team):
    """Priya rewrites the statement, Tom the narrative: after the merge the finding holds both,
    and nobody is asked to review anything."""
    manager, priya, tom, fid = team
    findings.update_finding(priya, fid, statement="Carers feel heard at last")
    findings.update_finding(tom, fid, narrative="Three carers said so at the forum")
    report = merge.merge(manager, [priya, tom])
    row = _finding(manager, fid)
    assert row["statement"] == "Carers feel heard at last"
    assert row["narrative"] == "Three carers said so at the forum"
    assert conflicts.open_conflicts(manager) == []
    assert report.conflicts == 0


def test_every_merge_order_gives_the_same_finding(team):
    """Whoever merges first, every laptop ends with the same finding and the same versions."""
    manager, priya, tom, fid = team
    findings.update_finding(priya, fid, statement="Carers feel heard at last")
    findings.update_finding(tom, fid, narrative="Three carers said so at the forum")
    findings.update_finding(manager, fid, notable=True)
    merge.merge(priya, tom)
    merge.merge(priya, manager)
    merge.merge(tom, manager)
    merge.merge(tom, priya)
    merge.merge(manager, tom)
    for cf in (priya, tom, manager):
        row = _finding(cf, fid)
        assert (row["statement"], row["narrative"], row["notable"]) == (
            "Carers feel heard at last",
            "Three carers said so at the forum",
            1,
        )
    merge.merge(priya, manager)
    same = [canonical(cf, include_log=False) for cf in (priya, manager, tom)]
    assert same[0] == same[1] == same[2]
    again = merge.merge(manager, priya)
    assert not again.changed


def test_only_a_field_both_changed_is_a_conflict(team):
    """Both peers reworded the statement and Tom also wrote the narrative: the narrative is
    merged, and the review shows the statement only."""
    manager, priya, tom, fid = team
    findings.update_finding(priya, fid, statement="Priya's statement")
    findings.update_finding(tom, fid, statement="Tom's statement", narrative="Tom's narrative")
    merge.merge(manager, [priya, tom])
    row = _finding(manager, fid)
    assert row["statement"] == "Tom's statement"  # Tom's edit is the newest
    assert row["narrative"] == "Tom's narrative"
    [conflict] = conflicts.open_conflicts(manager)
    assert conflict.fields == ["statement"]
    assert conflict.other["statement"] == "Priya's statement"


def test_editing_a_merged_field_afterwards_is_not_a_new_conflict(team):
    """The manager edits the narrative Tom brought in: that is an edit of the merged finding,
    not a clash with Tom, on every laptop the file reaches."""
    manager, priya, tom, fid = team
    findings.update_finding(priya, fid, statement="Carers feel heard at last")
    findings.update_finding(tom, fid, narrative="Three carers said so")
    merge.merge(manager, [priya, tom])
    findings.update_finding(manager, fid, narrative="Three carers said so at the forum")
    findings.update_finding(manager, fid, statement="Carers feel heard, at last")
    assert conflicts.open_conflicts(manager) == []
    for cf in (priya, tom):
        merge.merge(cf, manager)
        row = _finding(cf, fid)
        assert row["narrative"] == "Three carers said so at the forum"
        assert row["statement"] == "Carers feel heard, at last"
        assert conflicts.open_conflicts(cf) == []


def _two_field_conflict(team):
    manager, priya, tom, fid = team
    findings.update_finding(priya, fid, statement="Priya's statement", narrative="Priya's story")
    findings.update_finding(tom, fid, statement="Tom's statement", narrative="Tom's story")
    merge.merge(manager, [priya, tom])
    [conflict] = conflicts.open_conflicts(manager)
    assert sorted(conflict.fields) == ["narrative", "statement"]
    return conflict


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        (conflicts.KEEP, "Tom's statement"),
        (conflicts.SWAP, "Priya's statement"),
        (conflicts.COMBINE, "Tom's statement / Priya's statement"),
    ],
)
def test_one_field_is_decided_and_the_other_stays_open(team, how, expected):
    """Deciding the statement (keep mine, take theirs or combine) leaves the narrative in
    conflict, and the decision holds on the other laptops after the next merge."""
    manager, priya, tom, fid = team
    conflict = _two_field_conflict(team)
    conflicts.resolve_fields(manager, conflict.id, {"statement": expected}, how)
    assert _finding(manager, fid)["statement"] == expected
    [left] = conflicts.open_conflicts(manager)
    assert left.fields == ["narrative"]
    assert _finding(manager, fid)["narrative"] == "Tom's story"
    for cf in (priya, tom):
        merge.merge(cf, manager)
        assert _finding(cf, fid)["statement"] == expected
        assert [c.fields for c in conflicts.open_conflicts(cf)] == [["narrative"]]
    conflicts.resolve_fields(manager, left.id, {"narrative": "Priya's story"}, conflicts.SWAP)
    assert conflicts.open_conflicts(manager) == []
    assert _finding(manager, fid)["narrative"] == "Priya's story"
    findings.update_finding(manager, fid, narrative="Priya's story, checked")
    merge.merge(priya, manager)
    assert conflicts.open_conflicts(priya) == []
    assert _finding(priya, fid)["narrative"] == "Priya's story, checked"


def test_undoing_a_field_decision_reopens_that_field_only(team):
    """Undo of "take theirs" on the statement puts the current statement back and the
    statement is in conflict again, beside the still-open narrative."""
    manager, _, _, fid = team
    conflict = _two_field_conflict(team)
    with manager.capture() as touched, manager.transaction():
        conflicts.resolve_fields(
            manager, conflict.id, {"statement": "Priya's statement"}, conflicts.SWAP
        )
    stamp = conflict_undo.reopen(
        manager, "finding", fid, conflict.other["hlc"], dict(touched), fields=["statement"]
    )
    row = _finding(manager, fid)
    assert row["statement"] == "Tom's statement"
    assert row["narrative"] == "Tom's story"
    fields = sorted(f for c in conflicts.open_conflicts(manager) for f in c.fields)
    assert fields == ["narrative", "statement"]
    reopened = versions.conflict_id("finding", fid, stamp)
    assert reopened in {c.id for c in conflicts.open_conflicts(manager)}


def test_a_whole_conflict_kept_as_current_keeps_the_merged_fields(team):
    """ "Keep current" on the whole conflict keeps the fields the other peer alone changed."""
    manager, priya, tom, fid = team
    findings.update_finding(priya, fid, statement="Priya's statement", notable=True)
    findings.update_finding(tom, fid, statement="Tom's statement")
    merge.merge(manager, [priya, tom])
    [conflict] = conflicts.open_conflicts(manager)
    conflicts.keep_current(manager, conflict.id)
    row = _finding(manager, fid)
    assert (row["statement"], row["notable"]) == ("Tom's statement", 1)
    assert conflicts.open_conflicts(manager) == []


def test_a_note_edited_on_one_laptop_and_moved_on_another_keeps_both(team):
    """Tom corrects a note's text while Priya files it under another meeting: both stick."""
    manager, priya, tom, _ = team
    meetings = [m["id"] for m in manager.rows("meeting", order_by="title")]
    oid = observations.add_observation(manager, "Staff are stretched", meeting_id=meetings[0])
    for cf in (priya, tom):
        merge.merge(cf, manager)
    observations.update_observation(tom, oid, text="Staff are stretched thin")
    observations.update_observation(priya, oid, meeting_id=meetings[1])
    merge.merge(manager, [tom, priya])
    row = manager.get("observation", oid)
    assert (row["text"], row["meeting_id"]) == ("Staff are stretched thin", meetings[1])
    assert conflicts.open_conflicts(manager) == []
