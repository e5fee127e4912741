"""Text that cannot be decoded is damage PeerNotes survives (issue 16): one invalid UTF-8 byte
in a row (bit rot, another tool writing the file) no longer crashes exports or hides every
intact observation from --recover; `check` names the records. Also: `check` tells apart a
file that is not ours, a protected one, a newer one and a damaged one, naming the user's
file; and a passphrase with a control character is refused with a sentence."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from peernotes.cli import main
from peernotes.core.store import ChallengeFile

SMALL = ["--observations", "30", "--meetings", "4", "--people", "8", "--documents", "2"]
BAD = b"Carers said the \xff\xfe service was slow"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def rotten(tmp_path: Path) -> tuple[Path, str, str]:
    """A demo challenge with undecodable bytes in one observation and one person's name."""
    path = tmp_path / "rotten.peernotes"
    assert main(["demo", "--out", str(path), *SMALL]) == 0
    with ChallengeFile.open(path) as cf:
        observation = cf.rows("observation", order_by="id")[3]["id"]
        person = cf.rows("person", order_by="id")[0]["id"]
    conn = sqlite3.connect(path)
    conn.execute("UPDATE observation SET text = CAST(? AS TEXT) WHERE id = ?", (BAD, observation))
    conn.execute("UPDATE person SET name = CAST(? AS TEXT) WHERE id = ?", (b"Sam \xc3", person))
    conn.commit()
    conn.close()
    return path, observation, person


def _lines(capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    out = capsys.readouterr()
    return out.out, out.err.strip().splitlines()


def test_check_names_the_records_with_damaged_text(rotten, capsys) -> None:
    """`check` used to call such a file sound; the user now learns which records are hit."""
    path, observation, person = rotten
    before = _digest(path)
    assert main(["check", str(path)]) == 1
    _, err = _lines(capsys)
    assert len(err) == 1 and "damaged" in err[0] and "cannot be decoded" in err[0]
    assert f"observation {observation} (text)" in err[0]
    assert f"person {person} (name)" in err[0]
    assert _digest(path) == before


def test_json_export_replaces_bad_bytes_and_says_so(rotten, tmp_path, capsys) -> None:
    """The export finishes (it used to crash with 'Could not decode to UTF-8'), shows the bad
    bytes as U+FFFD, says so, and the result imports again."""
    path, observation, _ = rotten
    out = tmp_path / "out.json"
    assert main(["export", str(path), "--json", str(out)]) == 0
    _, err = _lines(capsys)
    assert any("could not be decoded" in line for line in err), err
    data = json.loads(out.read_text(encoding="utf-8"))
    texts = {o["id"]: o["text"] for o in data["tables"]["observation"]}
    assert texts[observation] == "Carers said the \ufffd\ufffd service was slow"
    assert main(["import", str(out), "--out", str(tmp_path / "again.peernotes")]) == 0


@pytest.mark.parametrize("option", ["--evidence", "--letter"])
def test_word_exports_survive_damaged_text(rotten, tmp_path, option, capsys) -> None:
    """The evidence report and the letter are written, with a note, instead of crashing."""
    path, _, _ = rotten
    assert main(["export", str(path), option, str(tmp_path / "out.docx")]) == 0
    _, err = _lines(capsys)
    assert any("could not be decoded" in line for line in err), err
    assert (tmp_path / "out.docx").stat().st_size > 0


def test_recover_keeps_every_row_and_reports_the_repairs(rotten, tmp_path, capsys) -> None:
    """--recover gave back none of the intact observations; now every row comes back, the
    damaged values with U+FFFD, and the summary says how many were repaired."""
    path, observation, _ = rotten
    with ChallengeFile.open(path, readonly=True) as cf:
        wanted = cf.count("observation")
    target = tmp_path / "saved.peernotes"
    assert main(["check", str(path), "--recover", str(target)]) == 0
    out, _ = _lines(capsys)
    assert f"Saved {wanted} observations" in out and "could not be decoded" in out
    with ChallengeFile.open(target) as cf:
        assert cf.count("observation") == wanted
        assert "\ufffd" in cf.get("observation", observation)["text"]
    assert main(["check", str(target)]) == 0


# ------------------------------------------------------------- what check calls things
def test_check_calls_a_word_or_text_file_not_ours(tmp_path, capsys) -> None:
    """A text or Word file is "not a PeerNotes file", not "protected with a passphrase"."""
    for name, content in [
        ("notes.txt", ("Meeting notes from the focus group.\n" * 200).encode()),
        ("letter.docx", b"PK\x03\x04" + bytes(range(256)) * 16),
    ]:
        path = tmp_path / name
        path.write_bytes(content)
        assert main(["check", str(path)]) == 2
        _, err = _lines(capsys)
        assert len(err) == 1 and "not a PeerNotes file" in err[0], err
        assert "passphrase" not in err[0] and "damaged" not in err[0]


def test_check_calls_a_newer_file_newer_not_damaged(tmp_path, capsys) -> None:
    """A file from a newer PeerNotes: update PeerNotes, not --recover."""
    path = tmp_path / "new.peernotes"
    assert main(["demo", "--out", str(path), *SMALL]) == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 9999")
    conn.close()
    capsys.readouterr()
    assert main(["check", str(path)]) == 2
    _, err = _lines(capsys)
    assert len(err) == 1 and "newer PeerNotes" in err[0] and "damaged" not in err[0], err


def test_check_with_a_wrong_passphrase_names_the_users_file(tmp_path, monkeypatch, capsys):
    """A wrong passphrase: the message names the user's file, not an internal temporary copy."""
    import io

    from peernotes.core import encryption

    if not encryption.available():
        pytest.skip("sqlcipher3 is not installed")
    path = tmp_path / "protected.peernotes"
    assert main(["demo", "--out", str(path), *SMALL]) == 0
    encryption.encrypt_file(path, "the right passphrase")
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("a wrong passphrase\n"))
    assert main(["check", str(path), "--passphrase-stdin"]) == 2
    _, err = _lines(capsys)
    assert len(err) == 1 and str(path) in err[0] and "not right" in err[0], err
    assert "damaged" not in err[0] and "copy.peernotes" not in err[0]


@pytest.mark.parametrize("bad", ["with\x00nul", "esc\x1bape", "bell\x07"])
def test_a_passphrase_with_a_control_character_is_refused(tmp_path, monkeypatch, capsys, bad):
    """A NUL in a passphrase crashed every command; now one line says why it is refused."""
    import io

    from peernotes.core import encryption

    if not encryption.available():
        pytest.skip("sqlcipher3 is not installed")
    path = tmp_path / "protected.peernotes"
    assert main(["demo", "--out", str(path), *SMALL]) == 0
    encryption.encrypt_file(path, "the right passphrase")
    before = _digest(path)
    capsys.readouterr()
    for argv in (["check", str(path)], ["export", str(path), "--json", str(tmp_path / "o.json")]):
        monkeypatch.setattr("sys.stdin", io.StringIO(bad + "\n"))
        assert main([*argv, "--passphrase-stdin"]) == 2
        _, err = _lines(capsys)
        assert len(err) == 1 and "control characters" in err[0], err
    assert _digest(path) == before


def test_merging_from_a_file_with_damaged_text_refuses_and_says_where(tmp_path, capsys):
    """A peer's file with damaged bytes in an edit the team has not got: one line naming the
    record and --recover, nothing merged (it used to end in 'Could not decode to UTF-8')."""
    import shutil

    team = tmp_path / "team.peernotes"
    assert main(["demo", "--out", str(team), *SMALL]) == 0
    peer = tmp_path / "peer.peernotes"
    shutil.copyfile(team, peer)
    with ChallengeFile.open(peer) as cf:
        observation = cf.rows("observation", order_by="id")[5]["id"]
        cf.update("observation", observation, {"text": "edited on the peer's laptop"})
    conn = sqlite3.connect(peer)
    conn.execute("UPDATE observation SET text = CAST(? AS TEXT) WHERE id = ?", (BAD, observation))
    conn.commit()
    conn.close()
    with ChallengeFile.open(team, readonly=True) as cf:
        before = cf.get("observation", observation)
    peer_before = _digest(peer)
    capsys.readouterr()
    assert main(["merge", str(team), str(peer), "--no-backup"]) == 2
    _, err = _lines(capsys)
    assert len(err) == 1, err
    assert "cannot be decoded" in err[0] and f"observation {observation} (text)" in err[0]
    assert "--recover" in err[0] and "nothing was merged" in err[0]
    with ChallengeFile.open(team, readonly=True) as cf:
        assert cf.get("observation", observation) == before
    assert _digest(peer) == peer_before
