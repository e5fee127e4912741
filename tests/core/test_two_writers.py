"""Two PeerNotes processes on one file: the second opens read-only; nothing is ever corrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from peernotes.core import locking
from peernotes.core.errors import SaveFailed
from peernotes.core.records import observations
from peernotes.core.store import ChallengeFile

REPO = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent(
    """
    import sys
    from peernotes.core.store import ChallengeFile
    cf = ChallengeFile.open(sys.argv[1])
    print("readonly" if cf.readonly else "writer", flush=True)
    sys.stdin.readline()
    cf.close()
    """
)

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from peernotes.core import store
    from peernotes.core.records import observations
    # Bypass PeerNotes' lock on purpose: SQLite itself must keep two writers safe.
    path = Path(sys.argv[1])
    cf = store.ChallengeFile(store.connect(path, None, readonly=False), path)
    for n in range(int(sys.argv[3])):
        observations.add_observation(cf, f"{sys.argv[2]} observation {n}")
    cf.close()
    print("done", flush=True)
    """
)


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


@pytest.fixture
def holder(challenge_path: Path):
    """Another PeerNotes process that has the file open for editing."""
    process = _start(HOLDER, str(challenge_path))
    assert process.stdout.readline().strip() == "writer", process.stderr.read()
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_second_process_opens_read_only_with_a_message(challenge_path: Path, holder) -> None:
    """A second window on the same file must say so and refuse edits, not race the first."""
    with ChallengeFile.open(challenge_path) as cf:
        assert cf.readonly
        assert "already open for editing" in cf.readonly_reason
        assert f"process {holder.pid}" in cf.readonly_reason
        assert cf.count("peer") == 4  # reading works
        with pytest.raises(SaveFailed, match="read-only"):
            observations.add_observation(cf, "should not be saved")


def test_lock_is_released_when_the_holder_crashes(challenge_path: Path, holder) -> None:
    """A crashed PeerNotes must not leave the file locked for ever."""
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with ChallengeFile.open(challenge_path) as cf:
        assert not cf.readonly
        observations.add_observation(cf, "saved after the other process died")
        assert cf.integrity_ok()


def test_lock_is_released_when_the_holder_closes(challenge_path: Path, holder) -> None:
    """Closing the file in the other window frees it for editing here, and tidies the lock file."""
    holder.communicate("\n", timeout=30)
    assert not locking.lock_path_for(challenge_path).exists()
    with ChallengeFile.open(challenge_path) as cf:
        assert not cf.readonly


def test_read_only_process_sees_the_writers_saves(challenge_path: Path) -> None:
    """The read-only window can still read what the editing window saves."""
    with ChallengeFile.open(challenge_path) as writer:
        reader_process = _start(
            textwrap.dedent(
                """
                import sys
                from peernotes.core.store import ChallengeFile
                cf = ChallengeFile.open(sys.argv[1])
                print(cf.readonly, flush=True)
                sys.stdin.readline()
                print(cf.count("observation"), flush=True)
                """
            ),
            str(challenge_path),
        )
        assert reader_process.stdout.readline().strip() == "True"
        observations.add_observation(writer, "written while the other window reads")
        out, err = reader_process.communicate("\n", timeout=30)
        assert out.strip() == "1", err


@pytest.mark.slow
def test_two_real_writers_at_once_never_corrupt(challenge_path: Path) -> None:
    """Even two processes writing at the same moment (lock bypassed) lose and corrupt nothing."""
    count = 150
    writers = [_start(WRITER, str(challenge_path), name, str(count)) for name in ("left", "right")]
    for process in writers:
        out, err = process.communicate(timeout=120)
        assert out.strip() == "done", err
    with ChallengeFile.open(challenge_path) as cf:
        assert cf.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        texts = {o["text"] for o in cf.rows("observation")}
    for name in ("left", "right"):
        assert {f"{name} observation {n}" for n in range(count)} <= texts


def test_lock_in_the_same_process_is_shared(challenge_path: Path) -> None:
    """Within one process (tests, merge reading a second handle) opening twice still works."""
    one = ChallengeFile.open(challenge_path)
    two = ChallengeFile.open(challenge_path)
    assert not one.readonly and not two.readonly
    one.close()
    assert locking.held_here(challenge_path)
    two.close()
    assert not locking.held_here(challenge_path)
    assert os.path.exists(challenge_path)


def test_a_file_just_created_in_another_process_opens_read_only(tmp_path: Path) -> None:
    """The header must reach the main file at once: another process opening a brand-new file
    that is still open for writing gets it read-only, not "empty (0 bytes)"."""
    path = tmp_path / "fresh.peernotes"
    first = ChallengeFile.create(path)
    try:
        assert path.stat().st_size > 0
        other = _start(HOLDER, str(path))
        try:
            assert other.stdout.readline().strip() == "readonly"
        finally:
            other.communicate("\n", timeout=30)
    finally:
        first.close()
