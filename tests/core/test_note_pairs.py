"""Meetings written up twice: two peers' notes of one meeting, lined up and marked."""

from __future__ import annotations

import pytest
from helpers import make_challenge
from replicas import canonical, clone

from peernotes.core import finding_evidence, findings, interchange, merge, note_pairs
from peernotes.core.errors import ValidationError
from peernotes.core.records import observations, people, programme
from peernotes.core.triangulation import assess

ALEX_NOTES = (
    "Carers said the respite booking line rings out after five o'clock.",
    "The carers' strategy has no measures for young carers.",
    "Staff were proud of the reablement team.",
)
PRIYA_NOTES = (
    "Reablement staff spoke with pride about their team.",
    "Respite booking: carers told us the line rings out after 5pm.",
    "Commissioners described a new dementia pathway.",
)


def _scene(cf):
    """One meeting noted by Alex and by Priya; a second meeting noted by Alex alone."""
    alex, priya = (p["id"] for p in people.team(cf)[:2])
    meeting = programme.add_meeting(cf, date="2026-11-11", title="Carers' focus group").id
    other = programme.add_meeting(cf, date="2026-11-12", title="Finance interview").id
    ids = {}
    for n, text in enumerate(ALEX_NOTES):
        at = f"2026-11-11T10:0{n}"
        ids[text] = observations.add_observation(
            cf, text, meeting_id=meeting, recorded_by=alex, observed_at=at
        )
    for n, text in enumerate(PRIYA_NOTES):
        at = f"2026-11-11T10:0{n}"
        ids[text] = observations.add_observation(
            cf, text, meeting_id=meeting, recorded_by=priya, observed_at=at
        )
    observations.add_observation(cf, "Budget set in February.", meeting_id=other, recorded_by=alex)
    return meeting, alex, priya, ids


def test_meetings_written_twice_lists_only_meetings_two_peers_noted(tmp_path):
    """The list of meetings to compare holds the focus group both peers noted, not the
    interview only one of them noted."""
    cf = make_challenge(tmp_path / "c.peernotes")
    meeting, *_ = _scene(cf)
    found = note_pairs.meetings_written_twice(cf)
    assert [m.meeting_id for m in found] == [meeting]
    assert found[0].label == "Carers' focus group (2026-11-11)"
    assert found[0].recorder_names == "Alex Morgan, Priya Nair"
    assert found[0].notes == 6


def test_two_peers_notes_are_lined_up_by_the_words_they_share(tmp_path):
    """Side by side, Alex's respite note sits beside Priya's respite note and the
    reablement notes beside each other; Priya's dementia note stands alone."""
    cf = make_challenge(tmp_path / "c.peernotes")
    meeting, alex, priya, _ = _scene(cf)
    rows = note_pairs.align(
        note_pairs.notes_at(cf, meeting, alex), note_pairs.notes_at(cf, meeting, priya), []
    )
    pairs = {(r.left.text, r.right.text) for r in rows if r.paired}
    assert (ALEX_NOTES[0], PRIYA_NOTES[1]) in pairs
    assert (ALEX_NOTES[2], PRIYA_NOTES[0]) in pairs
    alone = [(r.left or r.right).text for r in rows if not r.paired]
    assert sorted(alone) == sorted([ALEX_NOTES[1], PRIYA_NOTES[2]])


def test_a_marked_pair_stays_together_even_when_the_words_differ(tmp_path):
    """A pair the team marked is shown side by side whatever the word overlap says."""
    cf = make_challenge(tmp_path / "c.peernotes")
    meeting, alex, priya, ids = _scene(cf)
    note_pairs.mark(cf, ids[ALEX_NOTES[1]], ids[PRIYA_NOTES[2]], "both")
    rows = note_pairs.align(
        note_pairs.notes_at(cf, meeting, alex),
        note_pairs.notes_at(cf, meeting, priya),
        note_pairs.marks_among(cf, ids.values()),
    )
    marked = [r for r in rows if r.mark]
    assert [(r.left.text, r.right.text, r.mark) for r in marked] == [
        (ALEX_NOTES[1], PRIYA_NOTES[2], "both")
    ]


def test_only_notes_of_one_meeting_can_be_paired(tmp_path):
    """Pairing a note with a note of another meeting is refused with a sentence."""
    cf = make_challenge(tmp_path / "c.peernotes")
    _meeting, alex, _priya, ids = _scene(cf)
    elsewhere = observations.add_observation(cf, "Elsewhere.", recorded_by=alex)
    with pytest.raises(ValidationError, match="same meeting"):
        note_pairs.mark(cf, ids[ALEX_NOTES[0]], elsewhere, "same")
    with pytest.raises(ValidationError):
        note_pairs.mark(cf, ids[ALEX_NOTES[0]], ids[PRIYA_NOTES[1]], "maybe")


def test_same_point_changes_the_evidence_display_not_the_source_count(tmp_path):
    """Marking the two respite notes 'same point' shows them together in the finding's
    evidence (Priya's note right under Alex's, said to be the same point) while the finding
    still counts one source and two recorders."""
    cf = make_challenge(tmp_path / "c.peernotes")
    _meeting, _alex, _priya, ids = _scene(cf)
    a, b = ids[ALEX_NOTES[0]], ids[PRIYA_NOTES[1]]
    finding = findings.create_finding(cf, "Respite is hard to book.", kind="area")
    findings.add_evidence(cf, finding, [a, ids[ALEX_NOTES[2]], b])
    before = assess(cf, finding)
    shown = finding_evidence.for_finding(cf, finding)
    assert all(not info.pairing for info in shown.supporting)

    note_pairs.mark(cf, a, b, "same")
    after = assess(cf, finding)
    shown = finding_evidence.for_finding(cf, finding)
    order = [info.id for info in shown.supporting]
    assert order.index(b) == order.index(a) + 1
    assert "same point" in shown.supporting[order.index(b)].pairing.lower()
    assert "Alex Morgan" in shown.supporting[order.index(b)].pairing
    assert (after.sources, after.peers) == (before.sources, before.peers) == (1, 2)


def test_a_disagreement_is_shown_as_contradicting_evidence(tmp_path):
    """A note marked as disagreeing with a supporting note appears among the finding's
    contradicting evidence, saying which note it disagrees with; the level is unchanged."""
    cf = make_challenge(tmp_path / "c.peernotes")
    _meeting, _alex, _priya, ids = _scene(cf)
    a, b = ids[ALEX_NOTES[2]], ids[PRIYA_NOTES[2]]
    finding = findings.create_finding(cf, "Reablement is strong.", kind="strength")
    findings.add_evidence(cf, finding, [a])
    level = assess(cf, finding).level
    note_pairs.mark(cf, a, b, "disagree")
    shown = finding_evidence.for_finding(cf, finding)
    assert [info.id for info in shown.contradicting] == [b]
    assert "disagrees" in shown.contradicting[0].pairing.lower()
    assert assess(cf, finding).level == level


def test_clearing_a_mark_takes_it_away(tmp_path):
    """A cleared mark no longer groups the notes."""
    cf = make_challenge(tmp_path / "c.peernotes")
    _meeting, _alex, _priya, ids = _scene(cf)
    a, b = ids[ALEX_NOTES[0]], ids[PRIYA_NOTES[1]]
    assert note_pairs.mark(cf, a, b, "same")
    assert not note_pairs.mark(cf, b, a, "same")  # the same pair, either way round
    assert note_pairs.mark_of(cf, b, a) == "same"
    assert note_pairs.clear(cf, a, b)
    assert note_pairs.mark_of(cf, a, b) is None
    assert note_pairs.marks_among(cf, [a]) == []


def test_marks_round_trip_through_json(tmp_path):
    """Exported to JSON and imported again, the file still knows the pair is one point."""
    cf = make_challenge(tmp_path / "c.peernotes")
    _meeting, _alex, _priya, ids = _scene(cf)
    a, b = ids[ALEX_NOTES[0]], ids[PRIYA_NOTES[1]]
    note_pairs.mark(cf, a, b, "same")
    document = interchange.export_json(cf)
    assert len(document["tables"]["note_pair"]) == 1
    back = interchange.import_json(document, tmp_path / "back.peernotes")
    assert note_pairs.mark_of(back, a, b) == "same"


def test_marks_made_on_two_laptops_merge_and_converge():
    """Alex marks one pair on his laptop, Priya another on hers; after merging both ways
    both laptops hold both marks, and the same records."""
    base = clone("base")
    _meeting, _alex, _priya, ids = _scene(base)
    one, two = clone("one", source=base), clone("two", source=base)
    note_pairs.mark(one, ids[ALEX_NOTES[0]], ids[PRIYA_NOTES[1]], "same")
    note_pairs.mark(two, ids[ALEX_NOTES[2]], ids[PRIYA_NOTES[0]], "disagree")
    merge.merge(one, two, backup=False)
    merge.merge(two, one, backup=False)
    for cf in (one, two):
        assert note_pairs.mark_of(cf, ids[ALEX_NOTES[0]], ids[PRIYA_NOTES[1]]) == "same"
        assert note_pairs.mark_of(cf, ids[PRIYA_NOTES[0]], ids[ALEX_NOTES[2]]) == "disagree"
    assert canonical(one, include_log=False) == canonical(two, include_log=False)
