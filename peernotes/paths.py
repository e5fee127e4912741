"""Where PeerNotes keeps things: resources it ships and the user's own data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "PeerNotes"
FILE_SUFFIX = ".peernotes"


def resources_dir() -> Path:
    """The shipped resources: inside the package when installed, the repo's resources/ when not."""
    here = Path(__file__).resolve().parent
    installed = here / "resources"
    if installed.is_dir():
        return installed
    return here.parent / "resources"


def data_dir() -> Path:
    """Per-user data folder (challenge files, backups). PEERNOTES_DATA_DIR overrides it (tests)."""
    override = os.environ.get("PEERNOTES_DATA_DIR")
    path = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def device_id() -> str:
    """A stable id for this laptop, so merged edits say which machine made them."""
    import uuid

    marker = data_dir() / "device-id"
    try:
        value = marker.read_text(encoding="utf-8").strip()
        if value:
            return value
    except OSError:
        pass
    value = uuid.uuid4().hex[:12]
    try:
        marker.write_text(value, encoding="utf-8")
    except OSError:
        pass  # a read-only home still gets a (per-run) device id
    return value
