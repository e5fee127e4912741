"""Private by default: files only their owner can read, and a warning about synced folders.

Notes gathered under the Chatham House rule should not be readable by other accounts on a
shared machine, so challenge files and backups are created with owner-only permissions
(SQLite gives its -wal and -shm files the same permissions as the database).

Cloud sync clients (OneDrive, Dropbox, Google Drive, iCloud...) copy a SQLite file while it is
being written and can restore a stale copy over it, or split it from its -wal file: the
classic way to corrupt a database. `synced_folder` names the client when a path is inside one,
so the window can warn.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

OWNER_ONLY = stat.S_IRUSR | stat.S_IWUSR  # 0o600


def create_private_file(path: Path) -> None:
    """Create `path` empty and owner-only; refuse (FileExistsError) if it exists already.

    SQLite treats an empty file as a new database, so a challenge file is created this way
    first and then opened: it never exists, even for an instant, with looser permissions.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    os.close(fd)
    make_private(path)  # the umask cannot loosen 0o600, but be explicit on odd filesystems


def make_private(path: Path) -> None:
    """Restrict an existing file to its owner (best effort: some filesystems ignore modes)."""
    try:
        os.chmod(path, OWNER_ONLY)
    except OSError:
        pass


def is_private(path: Path) -> bool:
    """True when no one but the owner may read or write `path` (always True on Windows)."""
    if os.name != "posix":
        return True
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


# Folder names that sync clients create; matched case-insensitively against each part of the path.
_SYNC_FOLDERS: dict[str, str] = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "icloud~com~apple~clouddocs": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "box": "Box",
    "box sync": "Box",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud drive": "pCloud",
    "megasync": "MEGA",
    "synologydrive": "Synology Drive",
    "seafile": "Seafile",
}
# Marker files a client leaves at the root of the folder it syncs.
_SYNC_MARKERS: dict[str, str] = {
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".sync": "a sync client",
    ".owncloudsync.log": "ownCloud",
    ".nextcloudsync.log": "Nextcloud",
}


def synced_folder(path: Path) -> str | None:
    """The name of the cloud sync client whose folder holds `path`, or None."""
    path = Path(path).expanduser()
    try:
        path = path.resolve()
    except OSError:
        pass
    for part in path.parent.parts:
        name = part.lower()
        if name in _SYNC_FOLDERS:
            return _SYNC_FOLDERS[name]
        if name.startswith("onedrive - ") or name.startswith("dropbox ("):
            return "OneDrive" if name.startswith("onedrive") else "Dropbox"
        if name.startswith("googledrive-") or name.startswith("google drive ("):
            return "Google Drive"
    for folder in (path.parent, *path.parent.parents):
        for marker, client in _SYNC_MARKERS.items():
            try:
                if (folder / marker).exists():
                    return client
            except OSError:
                continue
    return None


def sync_warning(path: Path) -> str | None:
    """A sentence for the user when `path` is in a synced folder, else None."""
    client = synced_folder(path)
    if client is None:
        return None
    return (
        f"{Path(path).name} is in a folder synced by {client}. Sync clients can copy a "
        "PeerNotes file while it is being written and damage it. Keep challenge files in a "
        "local folder (PeerNotes backs them up), and share them with File › Export or a USB stick."
    )
