"""One running copy: double-clicking a challenge while PeerNotes is open shows it there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from peernotes.ui.app import listen_for_files
from peernotes.ui.instance_name import may_be_running
from peernotes.ui.main_window import MainWindow
from peernotes.ui.single_instance import hand_over

ROOT = Path(__file__).resolve().parents[2]


def launch(path: Path) -> subprocess.Popen:
    """`peernotes FILE` as the file association runs it, in another process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "peernotes", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_second_launch_hands_the_file_to_the_running_window(qtbot, challenge_path):
    """If this failed, a peer double-clicking a challenge while PeerNotes is open would get a
    second window that meets the lock, instead of the file in the window they have."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    listen_for_files(window)
    second = launch(challenge_path)
    try:
        qtbot.waitUntil(lambda: window.session is not None, timeout=60_000)
        assert second.wait(timeout=60) == 0  # it handed over and left, without a window
    finally:
        second.kill()
    assert Path(window.session.cf.path).resolve() == challenge_path.resolve()
    assert "Fernhill Borough Council" in window.windowTitle()
    first_session = window.session
    window.show_handed_over(challenge_path)  # the same file again: only brought forward
    assert window.session is first_session
    window.close()


def test_with_no_copy_running_the_launch_opens_the_file_itself(qtbot, challenge_path):
    """With nothing listening, the hand-over says no at once and the new process opens the
    file in its own window, as before."""
    assert hand_over(challenge_path) is False


def test_a_launch_sees_whether_a_copy_is_listening_before_loading_the_network(qtbot):
    """If this failed, a launch with a file would either skip the hand-over while a copy runs
    (a second window meeting the lock) or load the network module before every first paint."""
    if sys.platform != "win32":  # Windows' named pipes are always tried
        assert may_be_running() is False
    window = MainWindow()
    qtbot.addWidget(window)
    listen_for_files(window)
    assert may_be_running() is True
    window.instance_server.server.close()


def test_finder_open_event_shows_the_file_in_the_running_window(qtbot, challenge_path):
    """On macOS a double-click reaches the running app as a file-open event, not a second
    process: without this, the Mac window would ignore the file."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    listen_for_files(window)
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(challenge_path)))
    assert window.session is not None
    assert Path(window.session.cf.path).resolve() == challenge_path.resolve()
    window.instance_server.server.close()
    window.close()
