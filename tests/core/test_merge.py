"""Team merge on real files: what comes in, what is refused, what is never touched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from helpers import heading_id, make_challenge
from replicas import canonical, clone

from peernotes import paths
from peernotes.cli import main as cli_main
from peernotes.core import conflicts, merge, versions
from peernotes.core.clock import HybridClock
from peernotes.core.errors import NotAPeerNotesFile, TooNewFile
from peernotes.core.merge import MergeRefused
from peernotes.core.records import observations, people, programme
from peernotes.core.schema import migrate
from peernotes.core.store import ChallengeFile


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _save(cf: ChallengeFile, path: Path) -> Path:
    """Write an in-memory replica to disk as a peer would hand it over."""
    dest = sqlite3.connect(str(path))
    cf.conn.backup(dest)
    dest.close()
    return path


@pytest.fixture
def team(tmp_path: Path):
    """The manager's file on disk, and two peers' laptops that started from it."""
    manager = clone("manager", peer=3)
    priya = clone("priya", peer=1, drift_ms=-90_000)  # her clock is 90 s slow
    tom = clone("tom", peer=2, drift_ms=45_000)
    yield manager, priya, tom
    for cf in (manager, priya, tom):
        cf.close()


def _obs(cf: ChallengeFile, text: str, **kw) -> str:
    return observations.add_observation(
        cf, text, mode="heard", observed_at="2026-11-10T10:00", **kw
    )


# --------------------------------------------------------------- what comes in
def test_peers_notes_arrive_with_a_report_by_peer(team, tmp_path):
    """The challenge manager sees each peer's new notes in the merged file, counted by name."""
    manager, priya, tom = team
    for n in range(3):
        _obs(priya, f"Priya heard {n}")
    _obs(tom, "Tom saw the duty desk")
    report = merge.merge(
        manager,
        [_save(priya, tmp_path / "priya.peernotes"), _save(tom, tmp_path / "tom.peernotes")],
    )
    texts = {r["text"] for r in manager.rows("observation")}
    assert {"Priya heard 0", "Priya heard 1", "Priya heard 2", "Tom saw the duty desk"} <= texts
    by_peer = report.by_peer()
    assert by_peer["Priya Nair"].new == 3
    assert by_peer["Cllr Tom Birch"].new == 1
    logged = merge.merge_history(manager)
    assert sorted(r.source_name for _, r in logged) == ["priya.peernotes", "tom.peernotes"]
    assert any("Priya Nair: 3 new" in line for line in report.lines())


def test_merging_the_same_file_twice_changes_nothing(team, tmp_path):
    """A manager who merges yesterday's file again by mistake gets no duplicates."""
    manager, priya, _ = team
    _obs(priya, "Only once")
    source = _save(priya, tmp_path / "priya.peernotes")
    merge.merge(manager, source)
    before = canonical(manager)
    again = merge.merge(manager, source)
    assert not again.changed
    assert canonical(manager) == before
    assert manager.count("observation", "text = 'Only once'") == 1
    assert "nothing new" in again.lines()[0]


def test_deletions_propagate(team):
    """A note a peer deleted disappears from the merged file too (kept as a tombstone)."""
    manager, priya, _ = team
    oid = _obs(priya, "Typed in the wrong meeting")
    merge.merge(manager, priya)
    priya.delete("observation", oid)
    report = merge.merge(manager, priya)
    assert manager.get("observation", oid) is None
    assert manager.get("observation", oid, include_deleted=True)["deleted"] == 1
    assert report.by_peer()["Priya Nair"].deleted == 1


def test_links_merge_when_each_end_came_from_a_different_laptop(team):
    """A person met by Tom and a meeting added by Priya, linked by the manager, stay linked
    everywhere; the same link made twice is one link."""
    manager, priya, tom = team
    person = people.add_person(tom, "Rowan Hale")
    meeting = programme.add_meeting(priya, date="2026-11-11", title="Providers forum").id
    merge.merge(manager, [tom, priya])
    programme.add_person_to_meeting(manager, meeting, person)
    obs = _obs(priya, "Providers said fees are late", meeting_id=meeting)
    observations.set_observation_headings(priya, obs, [heading_id(priya, "4")])
    merge.merge(manager, priya)
    observations.set_observation_headings(manager, obs, [heading_id(manager, "4")])  # already there
    for cf in (priya, tom):
        merge.merge(cf, manager)
        assert [p["name"] for p in programme.meeting_people(cf, meeting)] == ["Rowan Hale"]
    merge.merge(tom, priya)
    assert observations.observation_heading_ids(tom, obs) == [heading_id(tom, "4")]
    assert tom.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conflicts.open_conflicts(tom) == []


# ------------------------------------------------------------------- conflicts
def test_two_edits_of_one_note_keep_the_newest_and_list_the_other(team):
    """Nothing typed is lost: the later edit is current, the other is a conflict to review."""
    manager, priya, tom = team
    oid = _obs(manager, "Waiting lists are long")
    for cf in (priya, tom):
        merge.merge(cf, manager)
    observations.update_observation(priya, oid, text="Waiting lists are long (6 months)")
    observations.update_observation(tom, oid, text="Waiting lists are long, said staff")
    report = merge.merge(manager, [priya, tom])
    current = manager.get("observation", oid)["text"]
    assert current == "Waiting lists are long, said staff"  # Tom's clock is ahead: his is newer
    [conflict] = conflicts.open_conflicts(manager)
    assert conflict.other["text"] == "Waiting lists are long (6 months)"
    assert conflict.fields == ["text"]
    assert report.conflicts == 1
    assert {h["data"]["text"] for h in manager.history("observation", oid)} >= {
        "Waiting lists are long (6 months)"
    }


def test_an_edit_made_after_seeing_another_is_not_a_conflict(team):
    """Priya corrects Tom's note after merging it: her correction wins although her clock is
    behind, and nobody is asked to review anything."""
    manager, priya, tom = team
    oid = _obs(tom, "Carers feel unheard")
    merge.merge(priya, tom)
    observations.update_observation(priya, oid, text="Carers feel unheard by the council")
    assert priya.get("observation", oid)["hlc"] > tom.get("observation", oid)["hlc"]
    merge.merge(manager, [tom, priya])
    merge.merge(tom, manager)
    for cf in (manager, tom):
        assert cf.get("observation", oid)["text"] == "Carers feel unheard by the council"
        assert conflicts.open_conflicts(cf) == []


def test_an_edit_against_a_delete_keeps_the_record_and_flags_it(team):
    """If Tom deleted a note Priya was improving, the note stays and someone is asked."""
    manager, priya, tom = team
    oid = _obs(manager, "Draft note")
    for cf in (priya, tom):
        merge.merge(cf, manager)
    tom.delete("observation", oid)  # Tom's delete is the newest edit
    observations.update_observation(priya, oid, text="Draft note, now with detail")
    merge.merge(manager, [priya, tom])
    assert manager.get("observation", oid)["text"] == "Draft note, now with detail"
    [conflict] = conflicts.open_conflicts(manager)
    assert conflict.other["deleted"] == 1
    assert conflict.kind == "deleted elsewhere, kept here"


def _conflicted(team):
    manager, priya, tom = team
    oid = _obs(manager, "Base")
    for cf in (priya, tom):
        merge.merge(cf, manager)
    observations.update_observation(priya, oid, text="Priya's version")
    observations.update_observation(tom, oid, text="Tom's version")
    merge.merge(manager, [priya, tom])
    return oid, conflicts.open_conflicts(manager)[0]


def test_keep_current_resolves_on_every_laptop(team):
    """A conflict reviewed once is not asked again after the next merges."""
    manager, priya, tom = team
    oid, conflict = _conflicted(team)
    conflicts.keep_current(manager, conflict.id)
    assert conflicts.open_conflicts(manager) == []
    assert manager.get("observation", oid)["text"] == "Tom's version"
    for cf in (priya, tom):
        merge.merge(cf, manager)
        assert conflicts.open_conflicts(cf) == []
        assert cf.get("observation", oid)["text"] == "Tom's version"
    entries = conflicts.record_history(manager, "observation", oid)
    assert any(e.what == "Conflict reviewed: kept current" for e in entries)


def test_swap_makes_the_other_version_current(team):
    """ "Use this version" puts the set-aside text back, and keeps the replaced one in history."""
    manager, _, _ = team
    oid, conflict = _conflicted(team)
    conflicts.use_other(manager, conflict.id)
    assert manager.get("observation", oid)["text"] == "Priya's version"
    assert conflicts.open_conflicts(manager) == []
    assert "Tom's version" in {h["data"]["text"] for h in manager.history("observation", oid)}


def test_combine_keeps_both_texts(team):
    """Combining writes both peers' words into the note."""
    manager, priya, _ = team
    oid, conflict = _conflicted(team)
    text = conflicts.suggested_combination(conflict, "text")
    assert "Tom's version" in text and "Priya's version" in text
    conflicts.combine_text(manager, conflict.id, {"text": text})
    assert manager.get("observation", oid)["text"] == text
    merge.merge(priya, manager)
    assert priya.get("observation", oid)["text"] == text
    assert conflicts.open_conflicts(priya) == []


def test_conflicts_found_on_two_laptops_are_one(team):
    """The same clash found by the manager and by Priya is listed once after they merge."""
    manager, priya, tom = team
    oid, conflict = _conflicted(team)
    merge.merge(priya, tom)
    merge.merge(manager, priya)
    merge.merge(priya, manager)
    assert [c.id for c in conflicts.open_conflicts(priya)] == [conflict.id]
    assert [c.id for c in conflicts.open_conflicts(manager)] == [conflict.id]
    assert canonical(priya) == canonical(manager)


def test_merge_moves_the_clock_past_everything_seen(team):
    """After merging a laptop whose clock is ahead, a local edit still counts as newer."""
    manager, priya, tom = team
    ahead = clone("ahead", drift_ms=3_600_000)  # an hour fast
    oid = _obs(ahead, "From the future")
    merge.merge(priya, ahead)
    observations.update_observation(priya, oid, text="Corrected on a slow laptop")
    stamp = priya.get("observation", oid)["hlc"]
    assert stamp > ahead.get("observation", oid)["hlc"]
    assert priya.local("hlc_high") >= stamp
    merge.merge(ahead, priya)
    assert ahead.get("observation", oid)["text"] == "Corrected on a slow laptop"


def test_listeners_hear_of_merged_rows(team):
    """Open screens refresh after a merge: they are told which records changed, and which
    tables gained new rows (without every new id, so memory stays flat)."""
    manager, priya, _ = team
    shared = manager.rows("observation")[0]["id"]
    merge.merge(priya, manager)
    observations.update_observation(priya, shared, text="Edited at lunch")
    _obs(priya, "Heard at lunch")
    heard = []
    manager.subscribe(heard.append)
    merge.merge(manager, priya)
    [change] = heard
    assert shared in change.tables["observation"]
    assert "observation" in change.bulk and change.touches("observation")


# -------------------------------------------------------------- safety on disk
def test_merge_backs_up_the_target_and_never_touches_the_source(tmp_path):
    """Peers' files are read only: byte for byte the same after a merge, with no -wal or
    -shm left beside them; the manager's file is backed up first."""
    target = make_challenge(tmp_path / "manager.peernotes", me=3)
    source_path = tmp_path / "peer" / "priya.peernotes"
    source_path.parent.mkdir()
    peer = _peer_copy(target, source_path)
    _obs(peer, "Priya's note")
    peer.close()
    before = _digest(source_path)
    listing = sorted(p.name for p in source_path.parent.iterdir())
    report = merge.merge(target, source_path)
    assert _digest(source_path) == before
    assert sorted(p.name for p in source_path.parent.iterdir()) == listing
    assert report.backup is not None and report.backup.exists()
    assert paths.backups_dir() in report.backup.parents
    assert target.count("observation", "text = ?", ("Priya's note",)) == 1
    target.close()


def test_a_source_open_on_its_laptop_is_read_with_its_latest_edits(tmp_path):
    """Merging a file that PeerNotes has open (edits still in its -wal) sees those edits
    and leaves both files as they were."""
    target = make_challenge(tmp_path / "manager.peernotes", me=3)
    source_path = tmp_path / "priya.peernotes"
    peer = _peer_copy(target, source_path)
    peer.close()
    peer = ChallengeFile.open(source_path)
    _obs(peer, "Still in the write-ahead log")
    wal = source_path.with_name(source_path.name + "-wal")
    assert wal.exists()
    hashes = (_digest(source_path), _digest(wal))
    merge.merge(target, source_path)
    assert (_digest(source_path), _digest(wal)) == hashes
    assert target.count("observation", "text = ?", ("Still in the write-ahead log",)) == 1
    peer.close()
    target.close()


def _peer_copy(cf: ChallengeFile, path: Path) -> ChallengeFile:
    from peernotes.core.distribution import copy_for_peer

    copy_for_peer(cf, people.team(cf)[1]["id"], path)
    copy = ChallengeFile.open(path)
    copy.clock = HybridClock("peer-laptop")
    copy.clock.observe(copy.local("hlc_high"))
    return copy


def test_a_failing_merge_changes_nothing(team, monkeypatch):
    """A merge that fails half-way (power, a bug) leaves the file exactly as it was."""
    manager, priya, _ = team
    for n in range(5):
        _obs(priya, f"note {n}")
    oid = _obs(manager, "Shared")
    merge.merge(priya, manager)
    observations.update_observation(priya, oid, text="Shared, edited")
    before = canonical(manager)

    def boom(*args, **kwargs):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(versions, "refresh", boom)
    with pytest.raises(RuntimeError):
        merge.merge(manager, priya)
    assert canonical(manager) == before


# ---------------------------------------------------------------- refusals
def _refused(target: ChallengeFile, source: Path, error: type[Exception], words: str) -> None:
    before = canonical(target)
    digest = _digest(source)
    with pytest.raises(error) as caught:
        merge.merge(target, source)
    assert words in str(caught.value)
    assert canonical(target) == before
    assert _digest(source) == digest


def test_a_file_of_another_challenge_is_refused(tmp_path):
    """Merging the wrong council's file would mix two challenges: refused, nothing changed."""
    target = make_challenge(tmp_path / "a.peernotes")
    other = make_challenge(tmp_path / "b.peernotes")
    other.close()
    _refused(target, tmp_path / "b.peernotes", MergeRefused, "different challenge")
    assert list(paths.backups_dir().rglob("*.peernotes")) == []  # refused before any backup
    target.close()


def test_a_too_new_file_is_refused(tmp_path):
    """A file from a newer PeerNotes is refused with advice to update."""
    target = make_challenge(tmp_path / "a.peernotes")
    newer = tmp_path / "newer.peernotes"
    _peer_copy(target, newer).close()
    conn = sqlite3.connect(str(newer))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    _refused(target, newer, TooNewFile, "newer PeerNotes")
    target.close()


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"Minutes of the carers forum\n", "not a PeerNotes file"), (b"", "empty")],
)
def test_a_non_peernotes_file_is_refused(tmp_path, content, words):
    """A document picked by mistake is refused, not half-merged."""
    target = make_challenge(tmp_path / "a.peernotes")
    wrong = tmp_path / "notes.peernotes"
    wrong.write_bytes(content)
    _refused(target, wrong, NotAPeerNotesFile, words)
    target.close()


def test_another_programs_database_is_refused(tmp_path):
    target = make_challenge(tmp_path / "a.peernotes")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE t(x)")
    conn.close()
    _refused(target, other, NotAPeerNotesFile, "another program")
    target.close()


def test_merging_a_file_into_itself_is_refused(tmp_path):
    target = make_challenge(tmp_path / "a.peernotes")
    with pytest.raises(MergeRefused, match="the file you are merging into"):
        merge.merge(target, tmp_path / "a.peernotes")
    target.close()


# --------------------------------------------------------------------- CLI
def test_the_merge_command_prints_the_report(tmp_path, capsys):
    """`peernotes merge INTO FROM` works headless and says what came in."""
    target = make_challenge(tmp_path / "manager.peernotes", me=3)
    peer = _peer_copy(target, tmp_path / "priya.peernotes")
    _obs(peer, "From the command line")
    peer.close()
    target.close()
    code = cli_main(
        ["merge", str(tmp_path / "manager.peernotes"), str(tmp_path / "priya.peernotes")]
    )
    assert code == 0
    assert "Priya Nair: 1 new" in capsys.readouterr().out


def test_the_merge_command_refuses_with_exit_code_2(tmp_path, capsys):
    make_challenge(tmp_path / "a.peernotes").close()
    make_challenge(tmp_path / "b.peernotes").close()
    code = cli_main(["merge", str(tmp_path / "a.peernotes"), str(tmp_path / "b.peernotes")])
    assert code == 2
    assert "different challenge" in capsys.readouterr().err


# --------------------------------------------------------------- migration
def test_files_from_before_version_parents_get_a_straight_line_of_versions():
    """Files saved before merging existed are upgraded: each version's parent is the one
    before it, so their edits never look like conflicts."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn, target=2)
    row = "('p1', 't', NULL, 't', NULL, '{hlc}', 0, 'Alex', 'lead_peer', '', '', 0)"
    conn.execute("INSERT INTO peer VALUES " + row.format(hlc="0000000000003.00000.d"))
    for hlc in ("0000000000001.00000.d", "0000000000002.00000.d"):
        conn.execute(
            "INSERT INTO history VALUES (?, 'peer', 'p1', ?, 't', NULL, ?)",
            (hlc, hlc, f'{{"id": "p1", "hlc": "{hlc}", "deleted": 0}}'),
        )
    migrate(conn)
    assert conn.execute("SELECT base_hlc FROM peer").fetchone()[0] == "0000000000002.00000.d"
    bases = conn.execute(
        "SELECT json_extract(data, '$.base_hlc') FROM history ORDER BY hlc"
    ).fetchall()
    assert bases == [(None,), ("0000000000001.00000.d",)]


# ------------------------------------------------------- many files, big files
def _peer_files(target: ChallengeFile, folder: Path, count: int) -> list[Path]:
    """`count` peers' files on disk, each with two notes of its own."""
    files = []
    for n in range(count):
        peer = _peer_copy(target, folder / f"peer{n}.peernotes")
        peer.clock = HybridClock(f"peer-laptop-{n}")
        peer.clock.observe(peer.local("hlc_high"))
        for k in range(2):
            _obs(peer, f"Peer file {n}, note {k}")
        peer.close()
        files.append(folder / f"peer{n}.peernotes")
    return files


def test_merging_yesterdays_files_again_writes_nothing(tmp_path):
    """Merging files already merged leaves the manager's file byte for byte as it was and
    takes no backup (so it does not push a useful backup out of the rotation)."""
    target = make_challenge(tmp_path / "manager.peernotes", me=3)
    files = _peer_files(target, tmp_path, 3)
    first = merge.merge(target, files)
    assert first.backup is not None
    backups_before = sorted(paths.backups_dir().rglob("*.peernotes"))
    wal = tmp_path / "manager.peernotes-wal"
    before = (_digest(tmp_path / "manager.peernotes"), _digest(wal))
    again = merge.merge(target, files)
    assert not again.changed and again.backup is None
    assert [line.endswith("nothing new (already merged).") for line in again.lines()] == [True] * 3
    assert (_digest(tmp_path / "manager.peernotes"), _digest(wal)) == before
    assert sorted(paths.backups_dir().rglob("*.peernotes")) == backups_before
    target.close()


def test_files_are_read_one_at_a_time(tmp_path, monkeypatch):
    """Merging many peers' files never holds more than one of them in memory at once."""
    target = make_challenge(tmp_path / "manager.peernotes", me=3)
    files = _peer_files(target, tmp_path, 4)
    live, most = [0], [0]
    real = merge.open_source

    def counting(path, **kwargs):
        source = real(path, **kwargs)
        live[0] += 1
        most[0] = max(most[0], live[0])
        close = source.close

        def closing() -> None:
            live[0] -= 1
            close()

        source.close = closing
        return source

    monkeypatch.setattr(merge, "open_source", counting)
    merge.merge(target, files)
    assert most[0] == 1 and live[0] == 0
    assert target.count("observation", "text LIKE 'Peer file %'") == 8
    target.close()


def test_a_wrong_file_among_good_ones_is_refused_before_anything_changes(tmp_path):
    """The last of several files belongs to another challenge: none of them is merged."""
    target = make_challenge(tmp_path / "manager.peernotes", me=3)
    files = _peer_files(target, tmp_path, 2)
    make_challenge(tmp_path / "other.peernotes").close()
    before = canonical(target)
    with pytest.raises(MergeRefused, match="different challenge"):
        merge.merge(target, [*files, tmp_path / "other.peernotes"])
    assert canonical(target) == before
    assert list(paths.backups_dir().rglob("*.peernotes")) == []
    target.close()


def test_the_result_does_not_depend_on_how_many_rows_are_read_at_once(team, monkeypatch):
    """Big files are read in chunks; a merge read 3 rows at a time gives the same records,
    the same conflicts and the same report as one read 2,048 at a time."""
    manager, priya, tom = team
    shared = [_obs(manager, f"Shared note {n}") for n in range(12)]
    for cf in (priya, tom):
        merge.merge(cf, manager)
    for n in range(20):
        _obs(priya, f"Priya's new note {n}")
    for n, oid in enumerate(shared):
        if n % 3 == 0:
            observations.update_observation(priya, oid, text=f"Shared note {n}, Priya's words")
        if n % 2 == 0:
            observations.update_observation(tom, oid, text=f"Shared note {n}, Tom's words")
        if n == 9:
            tom.delete("observation", oid)
    observations.set_observation_headings(priya, shared[1], [heading_id(priya, "4")])
    results = []
    for chunk in (merge.CHUNK, 3):
        monkeypatch.setattr(merge, "CHUNK", chunk)
        into = clone("manager-again", peer=3, source=manager)
        report = merge.merge(into, [priya, tom])
        results.append((canonical(into, include_log=False), report.by_peer(), report.conflicts))
        into.close()
    assert results[0] == results[1]
    assert results[0][2] == 3  # notes 0 and 6 edited by both; 9 edited by Priya, deleted by Tom


def test_an_open_conflict_is_brought_up_to_date_by_a_merge_with_nothing_new(team):
    """The manager edits a note that is in conflict, then merges a copy of her own file
    (nothing new in it): the conflict is worked out again against her edit, exactly as
    Priya's laptop works it out after the next merge."""
    manager, priya, _ = team
    oid, _ = _conflicted(team)
    observations.update_observation(manager, oid, text="Agreed wording, by the manager")
    own_copy = clone("usb-stick", peer=3, source=manager)
    merge.merge(manager, own_copy)
    merge.merge(priya, manager)
    assert canonical(priya, include_log=False) == canonical(manager, include_log=False)
    [conflict] = conflicts.open_conflicts(manager)
    assert (conflict.current["text"], conflict.other["text"]) == (
        "Agreed wording, by the manager",
        "Priya's version",
    )
