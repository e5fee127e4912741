"""Help › About: the version a support call asks for first, the versions of Qt, SQLite and
SQLCipher underneath, the licence, and the third-party notices a bundled copy must show."""

from __future__ import annotations

from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.about import AboutInfo, about_info, third_party_notices
from peernotes.paths import APP_NAME


def versions_text(info: AboutInfo) -> str:
    """Plain lines, so a user can copy them into an email to whoever supports them."""
    return "\n".join(
        [
            f"{APP_NAME} {info.version}",
            f"Licence: {info.licence}",
            f"Qt {qVersion()} (Qt for Python {pyside_version})",
            f"SQLite {info.sqlite}",
            f"SQLCipher {info.sqlcipher}",
            f"Python {info.python}",
        ]
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        info = about_info()
        self.versions = versions_text(info)
        heading = QLabel(
            f"<h3>{APP_NAME} {escape(info.version)}</h3>"
            "<p>Offline notes, triangulation and summary letters for peer challenge teams.</p>"
        )
        details = QLabel(escape(self.versions).replace("\n", "<br>"))
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details.setAccessibleName("Versions")
        notices_label = QLabel("&Third-party notices")
        self.notices = QPlainTextEdit(third_party_notices())
        self.notices.setReadOnly(True)
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # notices are wrapped
        self.notices.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notices.setAccessibleName("Third-party notices")
        notices_label.setBuddy(self.notices)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, details, notices_label, self.notices, buttons):
            layout.addWidget(widget)
        self.resize(760, 560)
