"""Passphrase protection: a lost laptop's challenge file is unreadable without the passphrase."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.core import backups, encryption, fileformat
from peernotes.core.errors import EncryptedFile, WrongPassphrase
from peernotes.core.records import challenge, observations, people
from peernotes.core.store import ChallengeFile

PASS = "correct horse battery staple"
SECRET = "The director said off the record that the budget gap is eleven million"


@pytest.fixture(scope="module")
def protected_original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: key derivation is deliberately slow (that is what protects the file)."""
    path = tmp_path_factory.mktemp("protected") / "protected.peernotes"
    cf = make_challenge(path)
    observations.add_observation(cf, SECRET)
    cf.close()
    encryption.encrypt_file(path, PASS)
    return path


@pytest.fixture
def protected(protected_original: Path, tmp_path: Path) -> Path:
    """A fresh copy of the protected file (closed, so a byte copy is a faithful one)."""
    path = tmp_path / "protected.peernotes"
    shutil.copyfile(protected_original, path)
    return path


def test_protected_file_looks_random_and_hides_the_text(protected: Path, tmp_path: Path) -> None:
    """Someone who finds the laptop could read the notes with any SQLite tool."""
    path = protected
    data = path.read_bytes()
    assert not data.startswith(fileformat.SQLITE_MAGIC)
    assert len(set(data[:1024])) > 200  # the header is noise
    for needle in (SECRET, "Fernhill", "Alex Morgan", "PeerNotes"):
        assert needle.encode() not in data
        assert needle.encode("utf-16-le") not in data


def test_without_passphrase_the_file_is_refused_untouched(protected: Path, tmp_path: Path) -> None:
    """Opening a protected file without its passphrase must ask for it, not crash or damage it."""
    path = protected
    before = path.read_bytes()
    with pytest.raises(EncryptedFile, match="passphrase"):
        ChallengeFile.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["protected.peernotes"]


def test_wrong_passphrase_gets_a_clear_message(protected: Path, tmp_path: Path) -> None:
    """A typo in the passphrase must say so plainly, and leave the file as it was."""
    path = protected
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase, match="passphrase is not right"):
        ChallengeFile.open(path, passphrase="Correct horse battery staple")
    assert path.read_bytes() == before


def test_right_passphrase_opens_and_edits(protected: Path, tmp_path: Path) -> None:
    """With the passphrase the file behaves like any other: read, write, reopen."""
    path = protected
    with ChallengeFile.open(path, passphrase=PASS) as cf:
        assert [o["text"] for o in cf.rows("observation")] == [SECRET]
        observations.add_observation(cf, "A second, protected observation")
        assert cf.integrity_ok()
    with ChallengeFile.open(path, passphrase=PASS) as cf:
        assert cf.count("observation") == 2


def test_create_protected_from_the_start(tmp_path: Path) -> None:
    """A challenge created with a passphrase is never written to disk in the clear."""
    path = tmp_path / "new.peernotes"
    cf = ChallengeFile.create(path, passphrase=PASS)
    challenge.new_challenge(
        cf,
        council="Ashdown District Council",
        programme_title="Peer Challenge",
        framework="cfbo-previous",
    )
    observations.add_observation(cf, SECRET)
    cf.close()
    assert encryption.is_encrypted(path)
    assert SECRET.encode() not in path.read_bytes()
    with ChallengeFile.open(path, passphrase=PASS) as cf:
        assert cf.challenge()["council"] == "Ashdown District Council"


def test_change_passphrase(protected: Path, tmp_path: Path) -> None:
    """After a change, the new passphrase opens the file and the old one no longer does."""
    path = protected
    with ChallengeFile.open(path, passphrase=PASS) as cf:
        with pytest.raises(WrongPassphrase):
            encryption.change_passphrase(cf, "not the old one", "new secret words")
        encryption.change_passphrase(cf, PASS, "new secret words")
        observations.add_observation(cf, "Written after the change")
    with pytest.raises(WrongPassphrase):
        ChallengeFile.open(path, passphrase=PASS)
    with ChallengeFile.open(path, passphrase="new secret words") as cf:
        assert cf.count("observation") == 2
        assert cf.integrity_ok()


def test_remove_protection(protected: Path, tmp_path: Path) -> None:
    """Turning protection off gives back an ordinary file with every record."""
    path = protected
    encryption.decrypt_file(path, PASS)
    assert path.read_bytes().startswith(fileformat.SQLITE_MAGIC)
    with ChallengeFile.open(path) as cf:
        assert [o["text"] for o in cf.rows("observation")] == [SECRET]


def test_protecting_with_a_wrong_state_changes_nothing(protected: Path, tmp_path: Path) -> None:
    """Decrypting with the wrong passphrase must leave the protected file intact."""
    path = protected
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase):
        encryption.decrypt_file(path, "wrong")
    assert path.read_bytes() == before
    with pytest.raises(ValueError, match="empty"):
        encryption.encrypt_file(tmp_path / "other.peernotes", "")


def test_passphrase_never_written_to_disk(tmp_path: Path, private_data_dir: Path) -> None:
    """The passphrase must not end up in the file, its backups, logs or settings."""
    passphrase = "Unmistakable-Passphrase-7731"
    path = tmp_path / "mine.peernotes"
    make_challenge(path).close()
    encryption.encrypt_file(path, passphrase)
    with ChallengeFile.open(path, passphrase=passphrase) as cf:
        observations.add_observation(cf, "one more")
        backups.backup(cf, "manual")
        encryption.change_passphrase(cf, passphrase, passphrase + "-2")
    needles = [
        s.encode(enc) for s in (passphrase, passphrase + "-2") for enc in ("utf-8", "utf-16-le")
    ]
    scanned = 0
    for folder in (tmp_path, private_data_dir):
        for file in folder.rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                scanned += 1
                assert not any(n in data for n in needles), file
    assert scanned >= 3


def test_backups_of_a_protected_file_are_protected(protected: Path, tmp_path: Path) -> None:
    """A backup must not be a readable copy of a protected file."""
    path = protected
    with ChallengeFile.open(path, passphrase=PASS) as cf:
        copy = backups.backup(cf, "manual")
    assert encryption.is_encrypted(copy)
    assert SECRET.encode() not in copy.read_bytes()
    with pytest.raises(WrongPassphrase):
        encryption.connect(copy, "wrong").close()
    conn = encryption.connect(copy, PASS)
    assert conn.execute("SELECT text FROM observation").fetchall() == [(SECRET,)]
    conn.close()


def test_errors_on_protected_files_are_save_failed(protected: Path, tmp_path: Path) -> None:
    """A failed save on a protected file gets the same clear message as on a plain one."""
    from peernotes.core.errors import SaveFailed

    path = protected
    with ChallengeFile.open(path, passphrase=PASS) as cf:
        pages = cf.conn.execute("PRAGMA page_count").fetchone()[0]
        cf.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(SaveFailed, match="disk is full"):
            for _ in range(200):
                observations.add_observation(cf, "x" * 3000)


def test_protected_file_is_owner_only(protected_original: Path) -> None:
    """Other accounts on a shared machine cannot read a file protected in place either."""
    if os.name == "posix":
        assert os.stat(protected_original).st_mode & 0o077 == 0


def test_export_works_on_a_protected_file(protected: Path, tmp_path: Path) -> None:
    """A protected challenge still exports to JSON and to the Word letter once unlocked."""
    interchange = pytest.importorskip("peernotes.core.interchange")
    letter = pytest.importorskip("peernotes.core.letter")
    docx_letter = pytest.importorskip("peernotes.export.docx_letter")
    import docx

    with ChallengeFile.open(protected, passphrase=PASS, readonly=True) as cf:
        assert SECRET in interchange.export_text(cf)
        out = docx_letter.export_letter(letter.build_letter(cf), tmp_path / "letter.docx")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Fernhill Borough Council" in text


def test_merge_works_between_protected_files(protected: Path, tmp_path: Path) -> None:
    """A peer's protected copy merges into the protected team file; the pre-merge backup is
    protected too."""
    merge = pytest.importorskip("peernotes.core.merge")
    theirs_path = tmp_path / "theirs.peernotes"
    shutil.copyfile(protected, theirs_path)
    with ChallengeFile.open(theirs_path, passphrase=PASS) as theirs:
        observations.add_observation(theirs, "Seen on the peer's laptop")
    with (
        ChallengeFile.open(protected, passphrase=PASS) as mine,
        ChallengeFile.open(theirs_path, passphrase=PASS, readonly=True) as theirs,
    ):
        report = merge.merge(mine, theirs)
        texts = {o["text"] for o in mine.rows("observation")}
        assert mine.integrity_ok()
    assert {SECRET, "Seen on the peer's laptop"} <= texts
    assert report.backup is not None and encryption.is_encrypted(Path(report.backup))


# ------------------------------------------------------------- merge by path (issue 7)
PEER_PASS = "peer laptop passphrase"
PEER_NOTE = "Heard at the care home forum, on the peer's laptop"


@pytest.fixture
def team_and_peer(tmp_path: Path) -> tuple[Path, Path]:
    """The manager's plain team file and a peer's copy of it holding one more observation."""
    from peernotes.core.distribution import copy_for_peer

    team = tmp_path / "team.peernotes"
    peer = tmp_path / "peer.peernotes"
    cf = make_challenge(team, me=3)
    observations.add_observation(cf, SECRET)
    priya = next(p["id"] for p in people.team(cf) if p["name"] == "Priya Nair")
    copy_for_peer(cf, priya, peer, include_observations=True)
    cf.close()
    with ChallengeFile.open(peer) as theirs:
        observations.add_observation(theirs, PEER_NOTE)
    return team, peer


def _texts(cf: ChallengeFile) -> set[str]:
    return {o["text"] for o in cf.rows("observation")}


def test_merge_a_protected_peer_file_into_a_plain_one(
    team_and_peer: tuple[Path, Path], tmp_path: Path
) -> None:
    """A peer hands in a protected copy: with its passphrase it merges by path like any other,
    and the peer's file is only read (same bytes, nothing created beside it)."""
    from peernotes.core import merge

    team, peer = team_and_peer
    encryption.encrypt_file(peer, PEER_PASS)
    before = peer.read_bytes()
    with ChallengeFile.open(team) as mine:
        with pytest.raises(EncryptedFile, match="passphrase"):
            merge.merge(mine, [peer])
        source = merge.open_source(peer, passphrase=PEER_PASS)
        try:
            report = merge.merge(mine, [source])
        finally:
            source.close()
        assert PEER_NOTE in _texts(mine)
        assert [p.source_name for p in report.parts] == ["peer.peernotes"]
        assert not encryption.is_encrypted(Path(report.backup))  # a plain file's backup
    assert peer.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("peer")) == [
        "peer.peernotes"
    ]


def test_a_wrong_passphrase_for_a_source_refuses_and_changes_nothing(
    team_and_peer: tuple[Path, Path],
) -> None:
    """A mistyped passphrase for a peer's file says so; the team file gets nothing, not even
    a merge log entry."""
    from peernotes.core import merge

    team, peer = team_and_peer
    encryption.encrypt_file(peer, PEER_PASS)
    with ChallengeFile.open(team) as mine:

        def state() -> tuple[set[str], int, int]:
            history = mine.conn.execute("SELECT count(*) FROM history").fetchone()[0]
            return _texts(mine), history, mine.count("merge_log")

        before = state()
        with pytest.raises(WrongPassphrase, match="not right for .*peer.peernotes.*Nothing"):
            merge.open_source(peer, passphrase="peer laptop passphrasE")
        assert state() == before


def test_merge_a_plain_peer_file_into_a_protected_one(team_and_peer: tuple[Path, Path]) -> None:
    """The protected team file takes in a plain peer file by path; it stays protected, and
    the backup taken before the merge is protected too."""
    from peernotes.core import merge

    team, peer = team_and_peer
    encryption.encrypt_file(team, PASS)
    with ChallengeFile.open(team, passphrase=PASS) as mine:
        report = merge.merge(mine, [peer])
        assert PEER_NOTE in _texts(mine)
    assert encryption.is_encrypted(team)
    assert PEER_NOTE.encode() not in team.read_bytes()
    assert report.backup is not None and encryption.is_encrypted(Path(report.backup))
    with ChallengeFile.open(team, passphrase=PASS) as mine:
        assert PEER_NOTE in _texts(mine) and mine.integrity_ok()


def test_unlocked_sources_asks_again_after_a_wrong_passphrase(
    team_and_peer: tuple[Path, Path],
) -> None:
    """The window's way of merging: plain files stay paths, a protected one is asked for (and
    asked again after a typo); giving up merges nothing."""
    from peernotes.core import merge
    from peernotes.core.merge_sources import MergeCancelled, unlocked_sources

    team, peer = team_and_peer
    other = team.with_name("plain copy.peernotes")
    shutil.copyfile(team, other)
    encryption.encrypt_file(peer, PEER_PASS)
    asked: list[tuple[str, bool]] = []
    answers = iter(["a typo here", PEER_PASS])

    def ask(path: Path, wrong: bool) -> str | None:
        asked.append((path.name, wrong))
        return next(answers, None)

    with ChallengeFile.open(team) as mine:
        with unlocked_sources(mine, [other, peer], ask) as sources:
            assert sources[0] == other and isinstance(sources[1], ChallengeFile)
            merge.merge(mine, sources)
        assert asked == [("peer.peernotes", False), ("peer.peernotes", True)]
        assert PEER_NOTE in _texts(mine)
        count = mine.count("merge_log")
        with pytest.raises(MergeCancelled, match="none was given"):
            with unlocked_sources(mine, [peer], lambda path, wrong: None):
                pytest.fail("no source without a passphrase")
        with pytest.raises(WrongPassphrase):
            with unlocked_sources(mine, [peer], lambda path, wrong: None if wrong else "nope"):
                pytest.fail("no source with a wrong passphrase")
        assert mine.count("merge_log") == count
