"""`peernotes merge` on files on disk: what the challenge manager sees on the command line."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.cli import main
from peernotes.core import merge, merge_preview, merge_sources
from peernotes.core.records import observations, people, programme
from peernotes.core.store import ChallengeFile


def _team_and_peer(tmp_path: Path, notes: int = 3) -> tuple[Path, Path]:
    """The team file and Priya's copy of it, with `notes` new notes of hers."""
    team = tmp_path / "team.peernotes"
    make_challenge(team).close()
    peer = tmp_path / "priya.peernotes"
    shutil.copy(team, peer)
    with ChallengeFile.open(peer) as cf:
        cf.set_current_peer(people.team(cf)[1]["id"])
        for n in range(notes):
            observations.add_observation(cf, f"Priya heard {n}", mode="heard")
    return team, peer


def _texts(path: Path) -> set[str]:
    with ChallengeFile.open(path, readonly=True) as cf:
        return {o["text"] for o in cf.rows("observation")}


def _damage(path: Path, marker: bytes) -> None:
    """Overwrite the page holding `marker` with noise, as a failing USB stick might."""
    data = bytearray(path.read_bytes())
    page = data.find(marker) // 4096
    assert page > 1
    data[page * 4096 : (page + 1) * 4096] = random.Random(5).randbytes(4096)
    path.write_bytes(bytes(data))


def test_a_damaged_team_file_is_refused_with_the_recover_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Merging into a damaged file must stop with exit 2 and say how to salvage it; if it
    failed, the manager would write tonight's notes into a file that is falling apart."""
    team, peer = _team_and_peer(tmp_path)
    with ChallengeFile.open(team) as cf:
        for n in range(300):
            observations.add_observation(cf, f"Marker-{n:04d}: the team heard this", mode="heard")
    _damage(team, b"Marker-0150")
    capsys.readouterr()
    assert main(["merge", str(team), str(peer)]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "nothing was merged" in err
    assert f"peernotes check {team} --recover NEW.peernotes" in err
    assert len(err.strip().splitlines()) == 1


def _add_peer_copy(tmp_path: Path, team: Path, name: str, peer: int) -> Path:
    path = tmp_path / f"{name}.peernotes"
    shutil.copy(team, path)
    with ChallengeFile.open(path) as cf:
        cf.set_current_peer(people.team(cf)[peer]["id"])
    return path


def test_dry_run_leaves_the_team_file_byte_identical_and_counts_what_the_merge_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dry-run must print per file what would come in, change nothing, and the merge that
    follows must bring exactly that; otherwise the manager cannot trust the preview."""
    team, priya = _team_and_peer(tmp_path, notes=3)
    with ChallengeFile.open(team) as cf:
        meeting = programme.add_meeting(cf, date="2026-11-10", title="Carers' forum").id
        doomed = [observations.add_observation(cf, f"Old note {n}", mode="heard") for n in range(2)]
    tom = _add_peer_copy(tmp_path, team, "tom", 2)
    with ChallengeFile.open(tom) as cf:
        programme.update_meeting(cf, meeting, title="Carers' forum (evening)")
        for oid in doomed:
            cf.delete("observation", oid)
        observations.add_observation(cf, "Tom saw the duty desk", mode="seen")
    before = team.read_bytes()
    capsys.readouterr()
    assert main(["merge", str(team), str(priya), str(tom), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert team.read_bytes() == before
    assert not team.with_name(team.name + "-wal").exists()
    assert "priya.peernotes from Priya Nair, never merged before:" in out
    assert "  notes: 3 to add, 0 to change, 0 to delete" in out
    assert "tom.peernotes from Cllr Tom Birch" in out
    assert "  notes: 1 to add, 0 to change, 2 to delete" in out
    assert "  meetings: 0 to add, 1 to change, 0 to delete" in out
    with ChallengeFile.open(team) as cf:
        previews = merge_preview.previews(cf, [priya, tom])
        report = merge.merge(cf, [priya, tom])
        for preview, part in zip(previews, report.parts, strict=True):
            assert preview.by_peer == part.by_peer
            for kind in preview.kinds:
                got = part.by_table.get(kind.table, merge.Counts())
                assert (kind.adds, kind.changes, kind.deletes) == (
                    got.new,
                    got.updated,
                    got.deleted,
                ), kind.table
        again = merge_preview.preview(cf, priya)
    assert not again.changed
    assert again.last_merged is not None


def _mass_delete(tmp_path: Path, notes: int) -> tuple[Path, Path]:
    team = tmp_path / "team.peernotes"
    make_challenge(team).close()
    with ChallengeFile.open(team) as cf:
        for n in range(notes):
            observations.add_observation(cf, f"Team note {n}", mode="heard")
    peer = _add_peer_copy(tmp_path, team, "priya", 1)
    with ChallengeFile.open(peer) as cf:
        with cf.transaction():
            for row in cf.rows("observation"):
                cf.delete("observation", row["id"])
        observations.add_observation(cf, "Priya's one new note", mode="heard")
    return team, peer


def test_a_copy_deleting_50_notes_is_held_until_told_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A peer's mass delete must not reach the team file unnoticed: the merge stops (exit 2,
    nothing changed) and says how to go on."""
    team, peer = _mass_delete(tmp_path, 50)
    before = team.read_bytes()
    capsys.readouterr()
    assert main(["merge", str(team), str(peer)]) == 2
    err = capsys.readouterr().err
    assert "deletes 50 of 50 notes" in err and "--skip-deletions" in err
    assert team.read_bytes() == before
    assert main(["merge", str(team), str(peer), "--dry-run"]) == 0
    assert "HELD: 50 of 50 notes deleted" in capsys.readouterr().out


def test_skipped_deletions_keep_the_records_and_the_next_merge_does_not_ask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --skip-deletions the 50 notes stay (and the peer's new note comes in); merging the
    same copy again, or the team copy back into the peer's, keeps them without asking."""
    team, peer = _mass_delete(tmp_path, 50)
    assert main(["merge", str(team), str(peer), "--skip-deletions"]) == 0
    assert "50 deletions skipped" in capsys.readouterr().out
    texts = _texts(team)
    assert len(texts) == 51 and "Priya's one new note" in texts
    assert main(["merge", str(team), str(peer)]) == 0
    assert len(_texts(team)) == 51
    back = tmp_path / "back.peernotes"
    shutil.copy(team, back)
    assert main(["merge", str(peer), str(back)]) == 0  # the morning pick-up
    assert _texts(peer) == texts


def test_accepted_deletions_are_applied(tmp_path: Path) -> None:
    """With --accept-deletions the peer's deletions reach the team file."""
    team, peer = _mass_delete(tmp_path, 12)
    assert main(["merge", str(team), str(peer), "--accept-deletions"]) == 0
    assert _texts(team) == {"Priya's one new note"}


def test_a_few_deletions_are_not_held(tmp_path: Path) -> None:
    """Deleting 3 of 40 notes is ordinary tidying: merged without asking."""
    team = tmp_path / "team.peernotes"
    make_challenge(team).close()
    with ChallengeFile.open(team) as cf:
        ids = [observations.add_observation(cf, f"Note {n}", mode="heard") for n in range(40)]
    peer = _add_peer_copy(tmp_path, team, "priya", 1)
    with ChallengeFile.open(peer) as cf:
        for oid in ids[:3]:
            cf.delete("observation", oid)
    assert main(["merge", str(team), str(peer)]) == 0
    assert len(_texts(team)) == 37


def test_a_folder_merges_every_copy_and_says_what_it_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A USB stick holding three copies, the team file itself, a duplicate and another
    challenge's file: the three copies come in, the rest are skipped with a reason."""
    stick = tmp_path / "stick"
    stick.mkdir()
    team = stick / "team.peernotes"
    make_challenge(team).close()
    for n, name in enumerate(("alex", "priya", "tom")):
        path = _add_peer_copy(stick, team, name, n)
        with ChallengeFile.open(path) as cf:
            observations.add_observation(cf, f"{name} heard this", mode="heard")
    shutil.copy(stick / "tom.peernotes", stick / "tom (1).peernotes")
    make_challenge(stick / "other.peernotes").close()
    capsys.readouterr()
    assert main(["merge", str(team), str(stick)]) == 0
    out = capsys.readouterr().out
    assert {"alex heard this", "priya heard this", "tom heard this"} <= _texts(team)
    assert "team.peernotes: skipped (it is the team file being merged into)." in out
    assert "tom.peernotes: skipped (the same file as tom (1).peernotes)." in out
    assert "other.peernotes: skipped (it belongs to a different challenge)." in out


def test_team_copies_writes_one_copy_per_peer_for_the_morning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the merge, the manager writes a copy per peer; each opens as that peer with
    everyone's notes, and a second run will not overwrite them."""
    team, priya = _team_and_peer(tmp_path, notes=2)
    assert main(["merge", str(team), str(priya)]) == 0
    out = tmp_path / "morning"
    before = team.read_bytes()
    assert main(["team-copies", str(team), str(out)]) == 0
    assert team.read_bytes() == before
    copies = sorted(p.name for p in out.iterdir())
    assert len(copies) == 3  # the team of four, less the file's own peer
    with ChallengeFile.open(out / "Fernhill Borough Council - Cllr Tom Birch.peernotes") as cf:
        assert {o["text"] for o in cf.rows("observation")} == {"Priya heard 0", "Priya heard 1"}
        assert people.team(cf)[2]["id"] == cf.peer_id
    capsys.readouterr()
    assert main(["team-copies", str(team), str(out)]) == 2
    assert "will not overwrite" in capsys.readouterr().err


def test_a_cancelled_merge_changes_nothing(tmp_path: Path) -> None:
    """Cancel during a merge (the progress callback raises) leaves the team file as it was:
    the one transaction is rolled back, so no half-merged file."""
    team, peer = _team_and_peer(tmp_path, notes=3)

    def cancel(text: str) -> None:
        if ": observation" in text:
            raise merge_sources.MergeCancelled("Cancelled: nothing was changed.")

    with ChallengeFile.open(team) as cf:
        with pytest.raises(merge_sources.MergeCancelled):
            merge.merge(cf, [peer], progress=cancel)
    assert not any(t.startswith("Priya heard") for t in _texts(team))


def test_the_deletion_guard_is_a_setting_of_the_challenge(tmp_path: Path) -> None:
    """A challenge that raised its guard to 100 merges a copy deleting 12 notes without
    asking; with the default guard the same copy is held."""
    team, peer = _mass_delete(tmp_path, 12)
    with ChallengeFile.open(team) as cf:
        assert merge_preview.preview(cf, peer).held
        merge_preview.set_deletion_guard(
            cf, merge_preview.DeletionGuard(count=100, share=1.0, min_kind=1000)
        )
        assert merge_preview.deletion_guard(cf).count == 100
        assert not merge_preview.preview(cf, peer).held
    assert main(["merge", str(team), str(peer)]) == 0


def test_a_note_added_to_a_meeting_deleted_elsewhere_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Priya adds a note to a meeting Tom deleted: after both merges the manager is told
    that a note belongs to a deleted meeting, instead of it vanishing from the Programme."""
    team = tmp_path / "team.peernotes"
    make_challenge(team).close()
    with ChallengeFile.open(team) as cf:
        meeting = programme.add_meeting(cf, date="2026-11-10", title="Carers' forum").id
    priya = _add_peer_copy(tmp_path, team, "priya", 1)
    tom = _add_peer_copy(tmp_path, team, "tom", 2)
    with ChallengeFile.open(priya) as cf:
        observations.add_observation(
            cf, "Carers want evening slots", mode="heard", meeting_id=meeting
        )
    with ChallengeFile.open(tom) as cf:
        programme.delete_meeting(cf, meeting)
    capsys.readouterr()
    assert main(["merge", str(team), str(priya), str(tom)]) == 0
    assert "Check: 1 note belongs to a meeting that was deleted" in capsys.readouterr().out
