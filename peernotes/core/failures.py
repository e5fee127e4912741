"""One sentence for an operating-system or SQLite failure that reached the top of a command.

Write paths that know what they were doing raise their own PeerNotesError (SaveFailed,
ExportFailed, BackupFailed...). This is the net under them: a full disk, a read-only drive or
a permission problem found anywhere still reaches the user as one plain sentence, chosen by
the error number or SQLite's error code, never by the text of the message.
"""

from __future__ import annotations

import errno

from peernotes.core import sqlite_errors
from peernotes.core.sqlite_errors import Cause

DISK_FULL = "the disk is full: free some space and try again; nothing was changed."
READ_ONLY = (
    "the drive or folder is read-only (a write-protected USB stick or a read-only share): "
    "choose a writable place; nothing was changed."
)
PERMISSION = "permission denied{where}: choose a folder you may write to; nothing was changed."
WRITE_ERROR = (
    "the operating system could not write{where} (a removed drive or a file size limit); "
    "nothing was changed."
)

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def explain(error: BaseException) -> str | None:
    """The sentence for a failure a user can act on, or None for a genuine bug."""
    if isinstance(error, OSError):
        return _explain_os(error)
    found = sqlite_errors.cause(error)
    if found is Cause.FULL:
        return DISK_FULL
    if found in (Cause.READONLY, Cause.PERMISSION):
        return READ_ONLY
    if found is Cause.IO:
        return WRITE_ERROR.format(where="")
    if found is Cause.BUSY:
        return (
            "another PeerNotes window or program is using the file: try again; nothing was changed."
        )
    return None


def _explain_os(error: OSError) -> str | None:
    where = f" {error.filename}" if error.filename else ""
    if error.errno in _FULL_ERRNOS:
        return DISK_FULL
    if error.errno == errno.EROFS:
        return READ_ONLY
    if error.errno in (errno.EACCES, errno.EPERM):
        return PERMISSION.format(where=f" on{where}" if where else "")
    if error.errno in (errno.EIO, errno.EFBIG):
        return WRITE_ERROR.format(where=f" to{where}" if where else "")
    if error.errno == errno.ENOENT:
        return f"{error.filename or 'a file'} does not exist (was it moved or on a removed drive?)."
    return None
