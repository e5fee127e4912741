"""Disk full and write errors: a failed save says so clearly and nothing saved before is lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from peernotes.core.errors import SaveFailed
from peernotes.core.records import observations
from peernotes.core.store import ChallengeFile

REPO = Path(__file__).resolve().parents[2]
BIG = "The home care providers described recruitment and retention problems at length. " * 40


def test_full_database_raises_save_failed_and_keeps_earlier_saves(challenge_path: Path) -> None:
    """When the disk fills, the user is told plainly, and every earlier observation survives."""
    with ChallengeFile.open(challenge_path) as cf:
        saved = [
            observations.add_observation(cf, f"saved before the disk filled {n}") for n in range(5)
        ]
        pages = cf.conn.execute("PRAGMA page_count").fetchone()[0]
        cf.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(SaveFailed, match="disk is full") as failed:
            for _ in range(50):
                saved.append(observations.add_observation(cf, BIG))
        assert "what was saved before is safe" in str(failed.value)
        assert cf.integrity_ok()
        # space freed: saving works again on the same open file
        cf.conn.execute("PRAGMA max_page_count = 1073741823")
        saved.append(observations.add_observation(cf, "saved after space was freed"))
    with ChallengeFile.open(challenge_path) as cf:
        assert cf.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {o["id"] for o in cf.rows("observation")}
    assert set(saved) <= present


FILE_SIZE_LIMIT = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from peernotes.core.records import observations
    from peernotes.core.errors import SaveFailed
    from peernotes.core.store import ChallengeFile
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    path = Path(sys.argv[1])
    cf = ChallengeFile.open(path)
    limit = path.stat().st_size + 64 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    text = sys.argv[2]
    try:
        for n in range(10000):
            oid = observations.add_observation(cf, f"{n} {text}")
            print("saved", oid, flush=True)
    except SaveFailed as error:
        print("failed", error, flush=True)
    """
)


def test_file_size_limit_in_a_real_process(challenge_path: Path) -> None:
    """A real write error from the OS (EFBIG, as on a full disk) gives a clear SaveFailed, and
    every save that returned is in the file afterwards."""
    result = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMIT, str(challenge_path), BIG],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    lines = result.stdout.splitlines()
    saved = [line.split()[1] for line in lines if line.startswith("saved ")]
    failure = [line for line in lines if line.startswith("failed ")]
    assert saved and failure, result.stdout + result.stderr
    assert "Could not save" in failure[0] and "Traceback" not in failure[0]
    assert "disk is full" in failure[0] or "could not be written (a full disk" in failure[0]
    assert "what was saved before is safe" in failure[0]
    with ChallengeFile.open(challenge_path) as cf:
        assert cf.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {o["id"] for o in cf.rows("observation")}
    assert set(saved) <= present


EXPORT_FULL = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from peernotes.export.safe_write import ExportFailed, write_atomically
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))
    try:
        write_atomically(Path(sys.argv[1]), lambda stream: stream.write(b"x" * 200_000))
    except ExportFailed as error:
        print("failed", error)
    """
)


def test_export_to_a_full_disk_leaves_no_half_written_file(tmp_path: Path) -> None:
    """An export that runs out of space fails with a message and leaves nothing under the name."""
    pytest.importorskip("peernotes.export.safe_write")
    target = tmp_path / "letter.docx"
    result = subprocess.run(
        [sys.executable, "-c", EXPORT_FULL, str(target)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.stdout.startswith("failed"), result.stdout + result.stderr
    assert "Could not write" in result.stdout or "disk is full" in result.stdout
    assert list(tmp_path.iterdir()) == []  # no target, no temporary file


def test_export_to_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    """Exporting to a folder that is gone (a removed USB stick) says so and writes nothing."""
    safe_write = pytest.importorskip("peernotes.export.safe_write")
    with pytest.raises(safe_write.ExportFailed, match="does not exist"):
        safe_write.write_atomically(tmp_path / "gone" / "letter.docx", lambda s: s.write(b"x"))
    assert list(tmp_path.iterdir()) == []
