"""The typed records screens read: each says what the store holds, and None once it is gone."""

from __future__ import annotations

from helpers import heading_id

from peernotes.core import findings
from peernotes.core.records import observations, people, read_models
from peernotes.core.store import ChallengeFile


def test_an_observation_reads_with_its_headings_and_author(cf: ChallengeFile):
    """The observation editor shows a note's tags and 'Recorded … by Sam Peer' from this
    record; a wrong field here would show a note with no tags or the wrong author."""
    author = people.add_peer(cf, "Sam Peer")
    tag = heading_id(cf, "1")
    note_id = observations.add_observation(
        cf, "Carers praised respite.", heading_ids=[tag], is_quote=True, recorded_by=author
    )
    note = read_models.observation(cf, note_id)
    assert note is not None
    assert (note.text, note.heading_ids, note.recorded_by_name) == (
        "Carers praised respite.",
        (tag,),
        "Sam Peer",
    )
    assert note.is_quote is True and note.mode == "heard"
    observations.delete_observation(cf, note_id)
    assert read_models.observation(cf, note_id) is None


def test_the_challenge_peer_and_finding_read_as_records(cf: ChallengeFile):
    """The window's title, 'Recording as …' and the letter's edit-in-place read these."""
    challenge = read_models.current_challenge(cf)
    assert challenge.council and challenge.programme_title
    assert read_models.peer(cf, None) is None
    peer_id = people.add_peer(cf, "Ola Peer")
    peer = read_models.peer(cf, peer_id)
    assert peer is not None and peer.name == "Ola Peer"
    people.delete_peer(cf, peer_id)
    assert read_models.peer(cf, peer_id) is None
    finding_id = findings.create_finding(cf, "Respite works", narrative="Because carers say so")
    text = read_models.finding_text(cf, finding_id)
    assert text is not None and (text.statement, text.narrative) == (
        "Respite works",
        "Because carers say so",
    )


def test_a_retagged_note_is_found_from_its_links(cf: ChallengeFile):
    """The observations list re-reads a note whose tags changed (even a tag removed); missing
    it would leave yesterday's tags on screen."""
    note_id = observations.add_observation(cf, "Heard it.", heading_ids=[heading_id(cf, "1")])
    links = [r["id"] for r in cf.rows("observation_heading", "observation_id = ?", (note_id,))]
    observations.set_observation_headings(cf, note_id, [])
    assert observations.observations_of_links(cf, links) == {note_id}
    assert observations.observations_of_links(cf, ["no-such-link"]) == set()
