"""Salvage: a file with a damaged page gives back every record that can still be read."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.core import recovery
from peernotes.core.records import observations, programme
from peernotes.core.store import ChallengeFile

COUNT = 400


def _damaged(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A challenge whose page holding observation 200 is overwritten with noise."""
    path = tmp_path / "damaged.peernotes"
    cf = make_challenge(path)
    meeting = programme.add_meeting(
        cf, date="2026-11-10", title="Carers' forum", type="focus_group"
    )
    meeting_id = meeting.id if hasattr(meeting, "id") else meeting
    texts = {}
    for n in range(COUNT):
        oid = observations.add_observation(
            cf, f"Marker-{n:04d}: carers praised the short breaks offer", meeting_id=meeting_id
        )
        texts[oid] = f"Marker-{n:04d}: carers praised the short breaks offer"
    cf.close()
    data = bytearray(path.read_bytes())
    page_size = 4096
    page = data.find(b"Marker-0200") // page_size
    data[page * page_size : (page + 1) * page_size] = random.Random(5).randbytes(page_size)
    path.write_bytes(bytes(data))
    return path, texts


def test_problems_reports_damage_without_changing_the_file(tmp_path: Path) -> None:
    """Checking a damaged file must find the damage and leave the file byte-identical."""
    path, _ = _damaged(tmp_path)
    before = path.read_bytes()
    found = recovery.problems(path)
    assert found and found != ["ok"]
    assert path.read_bytes() == before
    assert recovery.looks_like_ours(path)


def test_salvage_saves_every_readable_row_unchanged(tmp_path: Path) -> None:
    """All observations outside the damaged page come back, word for word, with their ids."""
    path, texts = _damaged(tmp_path)
    before = path.read_bytes()
    report = recovery.salvage(path, tmp_path / "recovered.peernotes")
    assert path.read_bytes() == before
    with ChallengeFile.open(tmp_path / "recovered.peernotes") as cf:
        assert cf.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        got = {o["id"]: o["text"] for o in cf.rows("observation")}
        assert cf.challenge()["council"] == "Fernhill Borough Council"
        assert cf.count("peer") == 4
        # the file works: search index rebuilt, editing allowed
        hits = cf.conn.execute(
            "SELECT count(*) FROM observation_fts WHERE observation_fts MATCH 'carers'"
        ).fetchone()[0]
        assert hits == len(got)
        observations.add_observation(cf, "written into the recovered file")
    assert all(texts[oid] == text for oid, text in got.items())
    lost = COUNT - len(got)
    assert 0 < lost <= 40  # one page's worth of rows, not more
    assert report.damaged and report.saved("observation") == len(got)
    assert f"{len(got)} observations" in report.summary()


def test_salvage_of_a_sound_file_is_complete(challenge_path: Path, tmp_path: Path) -> None:
    with ChallengeFile.open(challenge_path) as cf:
        for n in range(30):
            observations.add_observation(cf, f"sound {n}")
    report = recovery.salvage(challenge_path, tmp_path / "copy.peernotes")
    assert not report.damaged and report.saved("observation") == 30


def test_links_to_lost_rows_are_cleared(tmp_path: Path) -> None:
    """A recovered observation whose meeting was lost stays, without the broken link."""
    path = tmp_path / "c.peernotes"
    cf = make_challenge(path)
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Lost meeting", type="interview")
    meeting_id = meeting.id if hasattr(meeting, "id") else meeting
    oid = observations.add_observation(cf, "kept", meeting_id=meeting_id)
    cf.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM meeting")  # as if its page were unreadable
    conn.commit()
    conn.close()
    report = recovery.salvage(path, tmp_path / "out.peernotes")
    with ChallengeFile.open(tmp_path / "out.peernotes") as out:
        assert out.get("observation", oid)["meeting_id"] is None
        assert out.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert report.cleared_references >= 1


def test_salvage_refuses_to_overwrite(challenge_path: Path) -> None:
    from peernotes.core.errors import FileRefused

    with pytest.raises(FileRefused):
        recovery.salvage(challenge_path, challenge_path)


def test_lost_parents_clear_optional_links_and_drop_rows_that_need_them(tmp_path: Path) -> None:
    """A salvaged standard whose domain was lost stays, without its parent; a lost note's
    heading tags go with it. If this fails, salvage clears or drops by the wrong one of a
    table's keys (a standard dropped for want of a domain it may lack), or leaves a file whose
    links point at nothing."""
    path = tmp_path / "c.peernotes"
    cf = make_challenge(path)
    domain, standard = cf.conn.execute(
        "SELECT parent_id, min(id) FROM heading WHERE parent_id IS NOT NULL "
        "GROUP BY parent_id ORDER BY parent_id LIMIT 1"
    ).fetchone()
    lost_note = observations.add_observation(cf, "on a lost page", heading_ids=[standard])
    kept_note = observations.add_observation(cf, "still readable", heading_ids=[standard])
    cf.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM heading WHERE id = ?", (domain,))  # as if their pages were lost
    conn.execute("DELETE FROM observation WHERE id = ?", (lost_note,))
    conn.commit()
    conn.close()
    report = recovery.salvage(path, tmp_path / "out.peernotes")
    with ChallengeFile.open(tmp_path / "out.peernotes") as out:
        children = out.rows("heading", "parent_id IS NULL AND id = ?", (standard,))
        tags = [r["observation_id"] for r in out.rows("observation_heading")]
        assert out.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [h["id"] for h in children] == [standard]
    assert tags == [kept_note] and report.tables["observation_heading"].dropped == 1


def test_a_protected_file_is_salvaged_with_its_passphrase(tmp_path: Path) -> None:
    """If this fails, a peer whose protected challenge was damaged gets nothing back from
    Recover, though the passphrase is right and the notes are readable."""
    path = tmp_path / "protected.peernotes"
    with ChallengeFile.create(path, passphrase="correct horse battery") as cf:
        oid = observations.add_observation(cf, "the carers' forum met monthly")
    report = recovery.salvage(path, tmp_path / "out.peernotes", "correct horse battery")
    with ChallengeFile.open(tmp_path / "out.peernotes", passphrase="correct horse battery") as out:
        assert out.get("observation", oid)["text"] == "the carers' forum met monthly"
    assert report.saved("observation") == 1
