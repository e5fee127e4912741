"""File dialogs that start where the person last went for the same purpose.

Copies for peers go to a USB stick, exports to a shared drive, merges come from a download
folder: each purpose remembers its own last folder (in the window settings), and starts in
the challenges folder (Documents/PeerNotes) the first time.
"""

from __future__ import annotations

from pathlib import Path

from peernotes.paths import challenges_folder


def _settings():
    from peernotes.ui.main_window import settings  # the window's one settings file

    return settings()


def start_folder(purpose: str) -> Path:
    """The folder a dialog for `purpose` ('open', 'copy', 'merge', 'export') opens in."""
    saved = _settings().value(f"folders/{purpose}")
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    return challenges_folder().path


def start_path(purpose: str, suggested: Path | str) -> str:
    """A suggested file name placed in the purpose's folder."""
    return str(start_folder(purpose) / Path(suggested).name)


def remember(purpose: str, chosen: Path | str | None) -> None:
    """Note the folder of the file chosen, for the next dialog of this purpose."""
    if chosen:
        path = Path(chosen)
        folder = path if path.is_dir() else path.parent
        _settings().setValue(f"folders/{purpose}", str(folder))
