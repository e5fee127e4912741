"""The window's settings file: the recent-files list and the window's size and layout.

One QSettings per file for the whole process: each new one re-reads the file, and dropping one
writes it back (about 10 ms each, eight times while a file opens). It lives in the per-user data
folder, so tests and copies stay apart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

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
    if isinstance(value, str):  # QSettings gives a one-item list back as a plain string
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


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


def fit_to_screen(window: QMainWindow) -> None:
    """1280x820, but never larger than the screen: at 125 % or 150 % scaling on a
    laptop, a fixed size would push the status bar ("Saved") and the filter boxes off it."""
    width, height = 1280, 820
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * 0.95))
        height = min(height, int(available.height() * 0.92))
    window.resize(width, height)


def restore_geometry(window: QMainWindow) -> None:
    """Where the person left the window, and its docks and toolbars."""
    store = settings()
    geometry = store.value("geometry")
    if isinstance(geometry, QByteArray | bytes):
        window.restoreGeometry(geometry)
    state = store.value("window_state")
    if isinstance(state, QByteArray | bytes):
        window.restoreState(state)


def save_geometry(window: QMainWindow) -> None:
    store = settings()
    store.setValue("geometry", window.saveGeometry())
    store.setValue("window_state", window.saveState())
    store.sync()
