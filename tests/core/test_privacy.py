"""Private by default: owner-only files, no network at all, a warning about synced folders."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.core import backups, privacy

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_files_and_backups_are_owner_only(tmp_path: Path) -> None:
    """Other accounts on a shared laptop must not be able to read the notes or their backups."""
    old = os.umask(0o022)  # a typical, permissive umask
    try:
        cf = make_challenge(tmp_path / "c.peernotes")
        copy = backups.backup(cf, "manual")
        for path in (cf.path, Path(str(cf.path) + "-wal"), copy):
            assert privacy.is_private(path), oct(path.stat().st_mode)
        cf.close()
    finally:
        os.umask(old)


@pytest.mark.parametrize(
    ("folder", "client"),
    [
        ("OneDrive - Fernhill Borough Council/Peer challenge", "OneDrive"),
        ("Dropbox/work", "Dropbox"),
        ("Google Drive/My Drive", "Google Drive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
        ("Nextcloud/LGA", "Nextcloud"),
    ],
)
def test_synced_folders_are_recognised(tmp_path: Path, folder: str, client: str) -> None:
    """A challenge saved in a sync client's folder gets a warning naming the client."""
    path = tmp_path / folder / "challenge.peernotes"
    assert privacy.synced_folder(path) == client
    assert client in privacy.sync_warning(path)


def test_local_folders_get_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "Documents" / "Peer challenges" / "challenge.peernotes"
    assert privacy.synced_folder(path) is None and privacy.sync_warning(path) is None


def test_marker_file_reveals_a_synced_folder(tmp_path: Path) -> None:
    """A folder renamed by the user is still recognised by the client's marker file."""
    (tmp_path / "Work files").mkdir()
    (tmp_path / "Work files" / ".dropbox").write_text("{}")
    assert privacy.synced_folder(tmp_path / "Work files" / "a" / "c.peernotes") == "Dropbox"


WORKFLOW = textwrap.dedent(
    """
    import socket, sys
    opened = []
    def audit(event, args):
        if event in ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto",
                     "socket.gethostbyname", "http.client.connect", "urllib.Request"):
            opened.append((event, repr(args)[:80]))
        elif event == "socket.__new__" and args[1] in (socket.AF_INET, socket.AF_INET6):
            opened.append((event, repr(args)[:80]))
    sys.addaudithook(audit)

    import os
    from pathlib import Path
    sys.path.insert(0, "tests")
    from helpers import make_challenge
    from peernotes.core import backups, encryption, recovery
    from peernotes.core.records import observations, programme
    work = Path(sys.argv[1])
    cf = make_challenge(work / "c.peernotes")
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Frontline staff", type="focus_group")
    for n in range(20):
        observations.add_observation(cf, f"observation {n}", meeting_id=getattr(meeting, "id", meeting))
    backups.backup(cf, "manual")
    try:
        from peernotes.core import interchange, search
        interchange.export_text(cf)
        search.search(cf, "observation")
    except ImportError:
        pass
    try:
        from peernotes.core.letter import build_letter
        from peernotes.export.docx_letter import export_letter
        export_letter(build_letter(cf), work / "letter.docx")
    except ImportError:
        pass
    cf.close()
    recovery.salvage(work / "c.peernotes", work / "salvaged.peernotes")
    encryption.encrypt_file(work / "c.peernotes", "a passphrase")

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from peernotes.ui.app import make_application
    from peernotes.ui.main_window import MainWindow
    app = make_application(["peernotes"])
    window = MainWindow()
    window.show()
    window.open_path(work / "salvaged.peernotes")
    app.processEvents()
    window.close()
    loaded = sorted(m for m in sys.modules if m.startswith(("PySide6.QtNetwork", "urllib.request", "http.client", "requests", "ssl")))
    print("SOCKETS", opened)
    print("MODULES", loaded)
    """
)


@pytest.mark.slow
def test_a_full_workflow_opens_no_network_connection(tmp_path: Path) -> None:
    """Confidential notes never leave the laptop: no socket, no lookup, no network module."""
    result = subprocess.run(
        [sys.executable, "-c", WORKFLOW, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert "SOCKETS" in result.stdout, result.stderr[-3000:]
    assert "SOCKETS []" in result.stdout, result.stdout
    assert "MODULES []" in result.stdout, result.stdout
