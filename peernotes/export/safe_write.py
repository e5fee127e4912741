"""Write an exported file so that a failure never leaves a half-written file under its name.

The bytes go to a temporary file in the target's own folder (same file system, so the final
step is a rename), are flushed to disk, and only then replace the target with os.replace --
atomic on Windows and POSIX. If anything fails the temporary file is removed and the old
target, if there was one, is untouched. Errors become `ExportFailed` with a message that says
what to do (folder not writable, disk full, file open in Word...).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from peernotes.core.errors import PeerNotesError


class ExportFailed(PeerNotesError):
    """The export could not be written. Nothing was left half-written under the target name."""


def write_atomically(
    target: str | Path, write: Callable[[BinaryIO], None], *, private: bool = False
) -> Path:
    """Call `write(stream)` into a temporary file beside `target`, then move it into place.

    `private` makes the file readable by its owner only (the internal evidence report)."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportFailed(f"{target} is a folder: choose a file name to export to.")
    if not folder.is_dir():
        raise ExportFailed(
            f"The folder {folder} does not exist. Choose another place to save the file."
        )
    # Rendered in memory first: a zip writer (python-docx, python-pptx) interrupted by a full
    # disk would otherwise be left half-open and print a traceback when it is collected.
    rendered = io.BytesIO()
    try:
        write(rendered)
    except OSError as error:
        raise _explain(error, target) from error
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".~{target.stem[:40]}-", suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise _explain(error, target) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(rendered.getbuffer())
            stream.flush()
            os.fsync(stream.fileno())
        if not private:
            # mkstemp creates owner-only files; an ordinary export gets the usual permissions.
            umask = os.umask(0)
            os.umask(umask)
            with contextlib.suppress(OSError):
                os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise _explain(error, target) from error
        raise
    _sync_folder(folder)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _explain(error: OSError, target: Path) -> ExportFailed:
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return ExportFailed(
            f"Could not write {target.name}: the disk is full. Free some space and export again; "
            "no partial file was left behind."
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        if target.exists():
            return ExportFailed(
                f"Could not replace {target}: it is read-only or open in another program "
                "(close it in Word and try again), or you may not change files in that folder."
            )
        return ExportFailed(
            f"Could not write to the folder {target.parent}: you do not have permission to save "
            "files there. Choose another folder, such as your Documents folder."
        )
    if code == errno.ENOENT:
        return ExportFailed(f"The folder {target.parent} does not exist. Choose another place.")
    if code == errno.ENAMETOOLONG:
        return ExportFailed(f"The file name {target.name!r} is too long. Choose a shorter one.")
    return ExportFailed(f"Could not write {target}: {error.strerror or error}.")
