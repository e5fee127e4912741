"""Starting the application: one QApplication, the main window, the file to open."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from peernotes import __version__
from peernotes.paths import APP_NAME, data_dir


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


def demo_path() -> Path:
    return data_dir() / "Demo - Northmoor Borough Council.peernotes"


def ensure_demo() -> Path:
    """The demo challenge in the per-user data folder, generated on first use."""
    path = demo_path()
    if not path.exists():
        from peernotes.core.demo import write_demo

        write_demo(path)
    return path


def run_app(file: str | None = None, demo: bool = False) -> int:
    app = make_application()
    from peernotes.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if demo:
        window.open_path(ensure_demo())
    elif file:
        window.open_path(Path(file))
    return app.exec()
