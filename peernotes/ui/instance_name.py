"""The name the running PeerNotes listens on, and a cheap look for it before start-up.

Apart from ui/single_instance.py (which needs QtNetwork) so a launch with a file can see
that no copy is running without loading the network module before its first paint.
"""

from __future__ import annotations

import getpass
import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QDir

from peernotes.paths import data_dir


def server_name() -> str:
    """Per user and per data folder, so tests and separate profiles never hand over to each
    other. Short: a socket file's path is limited to about 100 characters."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    key = hashlib.sha256(f"{user}\0{data_dir().resolve()}".encode()).hexdigest()[:16]
    return f"peernotes-{key}"


def may_be_running() -> bool:
    """False only when certainly no copy listens: on Linux and macOS a listening copy has a
    socket file of that name in Qt's temporary folder (a stale one from a crash still says
    True, and the hand-over then finds nobody). Windows' named pipes are always tried."""
    if sys.platform == "win32":
        return True
    return (Path(QDir.tempPath()) / server_name()).exists()
