"""The feedback as presented: recorded in the file, compared with the findings later, kept
through merges and the JSON round trip."""

from __future__ import annotations

import time

import pytest
from letter_data import add_finding, build_letter_scene, domain_id
from replicas import clone

from peernotes.cli import main
from peernotes.core import feedback_snapshot as snap
from peernotes.core import interchange
from peernotes.core.merge import merge
from peernotes.core.store import ChallengeFile


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


def test_changes_since_the_feedback_are_listed_per_heading(scene):
    """After presenting, a reworded finding, a new one, a deleted one and one moved from
    strengths to areas are each listed under their heading."""
    cf = scene.cf
    snap.record(cf, occasion="presented", slides=12)
    assert snap.changes_since(cf, snap.latest(cf)) == []
    cf.update("finding", scene.findings["s1"], {"statement": "Staff feel well supported"})
    added = add_finding(
        cf, "Carers want earlier assessments", kind="area", heading=domain_id(cf, "1")
    )
    cf.delete("finding", scene.findings["a3"])
    cf.update("finding", scene.findings["s3"], {"kind": "area"})
    changes = {
        h.heading: [(c.change, c.statement) for c in h.changes]
        for h in snap.changes_since(cf, snap.latest(cf))
    }
    first, third = "Person-centred and outcomes-focused", "Well led"
    assert ("reworded", "Staff feel well supported") in changes[first]
    assert ("added", "Carers want earlier assessments") in changes[first]
    assert ("moved", "Political leadership is engaged") in changes[third]
    assert ("removed", "Quality assurance has less resource than commissioning") in changes[third]
    moved = next(
        c for h in snap.changes_since(cf, snap.latest(cf)) for c in h.changes if c.change == "moved"
    )
    assert moved.describe() == (
        "Moved from strengths to areas for consideration: “Political leadership is engaged”"
    )
    assert added


def test_only_the_findings_presented_are_recorded(scene):
    """A deck without some findings records only those it carried: the others show as added."""
    cf = scene.cf
    snap.record(cf, [scene.findings["s1"]])
    latest = snap.latest(cf)
    assert [f.statement for f in latest.findings] == ["Staff are committed and well supported"]
    assert latest.recorded_by == "Priya Nair"


def test_two_laptops_keep_both_snapshots_newest_first(scene):
    """Two laptops that each recorded the feedback keep both after a merge; the newest is
    the one compared against, the older one is still listed."""
    other = clone("laptop-b", source=scene.cf)
    snap.record(scene.cf, occasion="exported")
    time.sleep(0.01)
    snap.record(other, occasion="presented")
    merge(scene.cf, other, backup=False)
    found = snap.snapshots(scene.cf)
    assert [s.occasion for s in found] == ["presented", "exported"]
    assert snap.latest(scene.cf).occasion == "presented"
    other.close()


def test_snapshots_survive_the_json_round_trip(scene, tmp_path):
    """Export to JSON and import again: the snapshot is there, unchanged."""
    snap.record(scene.cf, slides=9)
    text = "".join(interchange.iter_export(scene.cf))
    with interchange.import_json(interchange.loads(text), tmp_path / "copy.peernotes") as cf:
        assert snap.snapshots(cf)[0] == snap.snapshots(scene.cf)[0]


def test_cli_records_only_when_asked(tmp_path, capsys):
    """`export --feedback` leaves the file unchanged; with --record-as-presented it stores
    the snapshot and says so."""
    path = tmp_path / "c.peernotes"
    build_letter_scene(path).cf.close()
    before = path.read_bytes()
    assert main(["export", str(path), "--feedback", str(tmp_path / "d.pptx")]) == 0
    assert path.read_bytes() == before
    assert (
        main(["export", str(path), "--feedback", str(tmp_path / "d.pptx"), "--record-as-presented"])
        == 0
    )
    assert "recorded as the feedback as presented" in capsys.readouterr().out
    with ChallengeFile.open(path) as cf:
        assert len(snap.snapshots(cf)) == 1
