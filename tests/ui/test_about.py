"""Help › About: the versions a support call needs and the notices a bundle must ship."""

from __future__ import annotations

from PySide6.QtCore import qVersion

from peernotes import __version__
from peernotes.ui.main_window import MainWindow


def test_about_names_the_versions_and_the_qt_licence(qtbot):
    """Help › About shows PeerNotes' version, Qt's, SQLite's and SQLCipher's, and Qt's LGPL
    notice; without them a bundled copy would break Qt's licence and support would guess."""
    window = MainWindow()
    qtbot.addWidget(window)
    about = next(a for a in window.menu("&Help").actions() if a.text().startswith("&About"))
    about.trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    assert f"PeerNotes {__version__}" in dialog.versions
    assert f"Qt {qVersion()}" in dialog.versions
    assert "SQLite 3." in dialog.versions
    assert "SQLCipher 4." in dialog.versions
    assert "Licence: MIT" in dialog.versions
    notices = dialog.notices.toPlainText()
    assert "GNU Lesser General Public License" in notices and "ZETETIC" in notices
    dialog.close()
