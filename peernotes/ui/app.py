"""Starting the application: one QApplication, the main window, the file to open."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from peernotes import __version__, paths
from peernotes.paths import APP_NAME, data_dir, resources_dir
from peernotes.ui.startup import AfterFirstPaint, when_usable

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if existing is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    else:
        assert isinstance(existing, QApplication), "PeerNotes is a widgets application"
        app = existing
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "peernotes.png")))
    if existing is None:
        from peernotes.ui.style import apply_style

        apply_style(app)
    return app


def demo_path() -> Path:
    return data_dir() / "Demo - Northmoor Borough Council.peernotes"


def ensure_demo() -> Path:
    """The demo challenge in the per-user data folder, generated on first use."""
    path = demo_path()
    if not path.exists():
        from peernotes.core.demo import write_demo

        write_demo(path, device=paths.device_id())
    return path


def listen_for_files(window: MainWindow) -> None:
    """Files double-clicked while this window is open are handed to it (single_instance)."""
    from peernotes.ui.single_instance import InstanceServer

    window.instance_server = InstanceServer(window.show_handed_over, window)
    window.instance_server.listen()


def show_unexpected_errors() -> None:
    """An exception in the UI shows a dialog and a log, never vanishes. The dialog's module
    loads on the first such exception, not at start-up."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from peernotes.ui.error_dialog import handle_exception

        handle_exception(exc_type, exc, tb)

    sys.excepthook = hook


def run_app(file: str | None = None, demo: bool = False) -> int:
    """`peernotes` with a file or --demo opens it; with neither, the file open when PeerNotes
    last closed (on the page that was showing), else the welcome screen."""
    app = make_application()
    if file and not demo:
        from peernotes.ui.instance_name import may_be_running

        if may_be_running():  # else no need to load the network module before the window
            from peernotes.ui.single_instance import hand_over

            if hand_over(Path(file)):
                return 0  # the running PeerNotes shows it
    from peernotes.ui.main_window import MainWindow

    show_unexpected_errors()
    # Only the shell (welcome screen, navigation, the menu bar's titles) before the first
    # paint; the menus' items, the file and its first pages right after it.
    window = MainWindow(defer_features=True)
    window.show()
    window.raise_()
    window.activateWindow()  # take the keyboard even without a window manager (kiosk, tests)

    def open_challenge() -> None:
        window.install_features()
        if demo:
            window.open_demo()
        elif file:
            window.open_path(Path(file))
        else:
            window.reopen_last()  # the file and page open when PeerNotes last closed
        when_usable(window)
        # Listening for files double-clicked later loads QtNetwork, and its application-wide
        # event filter makes PySide6 load every widget class once: neither is needed to read
        # or write a note, so both wait until the window is usable.
        QTimer.singleShot(0, lambda: listen_for_files(window))

    AfterFirstPaint(window, open_challenge)
    return app.exec()
