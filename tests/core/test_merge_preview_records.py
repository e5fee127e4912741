"""The merge preview expands to the records: what a copy would add, change and delete, by
their first words, in the preview and in `peernotes merge --dry-run --verbose`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.cli import main
from peernotes.core import merge_preview
from peernotes.core.records import observations, people, programme
from peernotes.core.store import ChallengeFile


def _team_and_tom(tmp_path: Path) -> tuple[Path, Path]:
    """The team file and Tom's copy: he adds a note, renames a meeting, deletes a note."""
    team = tmp_path / "team.peernotes"
    make_challenge(team).close()
    with ChallengeFile.open(team) as cf:
        meeting = programme.add_meeting(cf, date="2026-11-10", title="Carers' forum").id
        doomed = observations.add_observation(cf, "Old note about parking", mode="heard")
    tom = tmp_path / "tom.peernotes"
    shutil.copy(team, tom)
    with ChallengeFile.open(tom) as cf:
        cf.set_current_peer(people.team(cf)[2]["id"])
        programme.update_meeting(cf, meeting, title="Carers' forum (evening)")
        cf.delete("observation", doomed)
        observations.add_observation(
            cf, "Tom saw the duty desk   answer within a minute", mode="seen"
        )
    return team, tom


def test_each_kind_lists_its_records_by_their_first_words(tmp_path: Path) -> None:
    """Expanding 'notes' in the preview shows the note Tom adds and the one he deletes;
    'meetings' shows the meeting he renames, by its new title."""
    team, tom = _team_and_tom(tmp_path)
    with ChallengeFile.open(team) as cf:
        found = merge_preview.preview(cf, tom)
    notes, meetings = found.kind("observation"), found.kind("meeting")
    assert notes is not None and meetings is not None
    assert [(r.action, r.label) for r in notes.records] == [
        ("add", "Tom saw the duty desk answer within a minute"),
        ("delete", "Old note about parking"),
    ]
    assert [(r.action, r.label) for r in meetings.records] == [
        ("change", "Carers' forum (evening)")
    ]
    assert notes.unlisted == 0


def test_a_long_list_stops_at_the_limit_and_says_how_many_more(tmp_path: Path) -> None:
    """A copy adding more notes than the list holds lists MAX_LISTED and counts the rest."""
    team = tmp_path / "team.peernotes"
    make_challenge(team).close()
    peer = tmp_path / "priya.peernotes"
    shutil.copy(team, peer)
    extra = merge_preview.MAX_LISTED + 7
    with ChallengeFile.open(peer) as cf, cf.transaction():
        for n in range(extra):
            observations.add_observation(cf, f"Priya heard {n}", mode="heard")
    with ChallengeFile.open(team) as cf:
        notes = merge_preview.preview(cf, peer).kind("observation")
    assert notes is not None
    assert (notes.adds, len(notes.records), notes.unlisted) == (extra, merge_preview.MAX_LISTED, 7)


def test_dry_run_verbose_prints_the_records_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`merge --dry-run --verbose` lists the records under each kind's counts; the team file
    stays byte-identical; without --verbose the records are not listed."""
    team, tom = _team_and_tom(tmp_path)
    before = team.read_bytes()
    capsys.readouterr()
    assert main(["merge", str(team), str(tom), "--dry-run", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert team.read_bytes() == before
    assert "  notes: 1 to add, 0 to change, 1 to delete" in out
    assert "      + Tom saw the duty desk answer within a minute" in out
    assert "      - Old note about parking" in out
    assert "      ~ Carers' forum (evening)" in out
    assert main(["merge", str(team), str(tom), "--dry-run"]) == 0
    assert "Old note about parking" not in capsys.readouterr().out
