"""Where PeerNotes keeps things: resources it ships and the user's own data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ChallengesFolder:
    """Where new challenge files go, and why there when it is not Documents/PeerNotes."""

    path: Path
    reason: str = ""


def challenges_folder(documents: Path | None = None) -> ChallengesFolder:
    """A PeerNotes folder in the user's Documents, where people look for their files.

    Where Documents is redirected into a cloud-synced folder (common on council laptops), a
    sync client could copy a file while it is written: then a local PeerNotes folder in the
    home folder, with the reason to show. PEERNOTES_DATA_DIR (tests, a portable copy) keeps
    everything in the data folder. The data folder stays for settings, backups and the demo.
    """
    if os.environ.get("PEERNOTES_DATA_DIR"):
        return ChallengesFolder(data_dir())
    from peernotes.core.privacy import synced_folder

    documents = documents or Path(platformdirs.user_documents_dir())
    client = synced_folder(documents / "PeerNotes" / "x")
    if client is None:
        folder, reason = documents / "PeerNotes", ""
    else:
        folder = Path.home() / "PeerNotes"
        reason = (
            f"Your Documents folder is synced by {client}, which can copy a file while "
            f"PeerNotes writes it, so new challenges are kept on this laptop in {folder}."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        reason = f"{folder} could not be created, so new challenges go to the data folder."
        return ChallengesFolder(data_dir(), reason)
    return ChallengesFolder(folder, reason)
