"""`peernotes merge` on files on disk: what the challenge manager sees on the command line."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.cli import main
from peernotes.core import records
from peernotes.core.store import ChallengeFile


def _team_and_peer(tmp_path: Path, notes: int = 3) -> tuple[Path, Path]:
    """The team file and Priya's copy of it, with `notes` new notes of hers."""
    team = tmp_path / "team.peernotes"
    make_challenge(team).close()
    peer = tmp_path / "priya.peernotes"
    shutil.copy(team, peer)
    with ChallengeFile.open(peer) as cf:
        cf.set_current_peer(records.team(cf)[1]["id"])
        for n in range(notes):
            records.add_observation(cf, f"Priya heard {n}", mode="heard")
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
            records.add_observation(cf, f"Marker-{n:04d}: the team heard this", mode="heard")
    _damage(team, b"Marker-0150")
    capsys.readouterr()
    assert main(["merge", str(team), str(peer)]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "nothing was merged" in err
    assert f"peernotes check {team} --recover NEW.peernotes" in err
    assert len(err.strip().splitlines()) == 1
