"""The error log: unexpected exceptions are written to a file in the per-user log folder.

Nothing confidential is logged on purpose: a traceback (code locations and the error's
message), the PeerNotes, Python and platform versions. Observation text and passphrases are
never passed to the log.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

import platformdirs

from peernotes import __version__, paths

LOG_NAME = "peernotes-errors.log"
MAX_BYTES = 1_000_000


def log_dir() -> Path:
    """Per-user log folder (inside PEERNOTES_DATA_DIR when that is set, e.g. in tests)."""
    if os.environ.get("PEERNOTES_DATA_DIR"):
        folder = paths.data_dir() / "logs"
    else:
        folder = Path(platformdirs.user_log_dir(paths.APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def describe(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The text a user can copy into a bug report."""
    lines = [
        f"PeerNotes {__version__} — {datetime.now().isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} on {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


def write(report: str) -> Path:
    """Append a report to the log (starting afresh when it grows past MAX_BYTES)."""
    path = log_dir() / LOG_NAME
    if path.exists() and path.stat().st_size > MAX_BYTES:
        path.replace(path.with_suffix(".log.old"))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(report + "\n" + "-" * 72 + "\n")
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass
    return path


def log_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> tuple[str, Path | None]:
    report = describe(exc_type, exc, tb)
    try:
        return report, write(report)
    except OSError:
        print(report, file=sys.stderr)
        return report, None
