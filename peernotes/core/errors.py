"""Errors the core raises, each with a message a user can act on."""

from __future__ import annotations

from peernotes import __version__


class PeerNotesError(Exception):
    """Base class: `str(error)` is a complete sentence fit for a message box or the CLI."""


class FileRefused(PeerNotesError):
    """A file PeerNotes will not open. The file has not been modified."""


class NotAPeerNotesFile(FileRefused):
    pass


class TooNewFile(FileRefused):
    def __init__(self, path: str, file_version: int, app_version: int):
        self.file_version = file_version
        self.app_version = app_version
        super().__init__(
            f"{path} was written by a newer PeerNotes (file format version {file_version}); "
            f"this PeerNotes ({__version__}) reads format versions up to {app_version}. "
            "Update PeerNotes to open it. The file has not been changed."
        )


class EncryptedFile(FileRefused):
    """The file looks encrypted: it needs a passphrase (or is not a PeerNotes file at all)."""


class WrongPassphrase(FileRefused):
    pass


class ValidationError(PeerNotesError, ValueError):
    """Bad input for one field. `field` names it (e.g. 'meetings[3].start') so forms can point."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class NotFound(PeerNotesError, KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; we want plain text
        return str(self.args[0]) if self.args else "not found"


class SaveFailed(PeerNotesError):
    """A write did not reach the disk (disk full, read-only file...). Nothing was half-written."""


class DamagedFile(FileRefused):
    """SQLite's integrity check found damage: the file was not changed; salvage may help."""


class DiskFull(SaveFailed):
    """The disk (or a size limit) left no room: nothing was written."""


class ReadOnlyStorage(SaveFailed):
    """The file, its folder or the medium does not allow writing."""


class StorageBusy(SaveFailed):
    """Another process holds a write lock longer than the busy timeout."""


class WriteFailed(SaveFailed):
    """The operating system refused a write (a removed drive, an I/O error)."""


class NoAccess(FileRefused):
    """The file or its folder cannot be read or written for lack of permission, not damage."""
