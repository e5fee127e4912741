"""The window's settings file and the recent-files list kept in it.

One QSettings per file for the whole process: each new one re-reads the file, and dropping one
writes it back (about 10 ms each, eight times while a file opens). It lives in the per-user data
folder, so tests and copies stay apart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from peernotes.paths import data_dir

MAX_RECENT = 8

_SETTINGS: dict[str, QSettings] = {}


def settings() -> QSettings:
    """The window settings of this data folder (one object per file per process)."""
    path = str(data_dir() / "settings.ini")
    store = _SETTINGS.get(path)
    if store is None:
        store = _SETTINGS[path] = QSettings(path, QSettings.Format.IniFormat)
    return store


def recent_files() -> list[str]:
    """Challenge files opened lately, newest first."""
    value = settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or []]


def remember_file(path: Path) -> None:
    """Put `path` first in the recent list and make it the file a relaunch reopens."""
    path_text = str(Path(path).resolve())
    recent = [p for p in recent_files() if p != path_text]
    recent.insert(0, path_text)
    store = settings()
    store.setValue("recent_files", recent[:MAX_RECENT])
    store.setValue("last_file", path_text)
    store.sync()  # the recent list survives a crash


def forget_recent_files() -> None:
    settings().setValue("recent_files", [])
