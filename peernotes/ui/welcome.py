"""The welcome screen (no file open): New challenge, Open, Open demo, and recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peernotes import __version__


class WelcomeScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card = QFrame()
        card.setObjectName("welcomeCard")
        card.setMaximumWidth(760)
        title = QLabel("PeerNotes")
        title.setObjectName("welcomeTitle")
        tagline = QLabel(
            "Record a peer challenge on site — meetings, people met, documents read and "
            "every observation — then triangulate findings and draft the summary letter."
        )
        tagline.setWordWrap(True)
        tagline.setObjectName("welcomeTagline")
        grid = QGridLayout(card)
        grid.setContentsMargins(32, 28, 32, 28)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(14)
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(tagline, 1, 0, 1, 2)
        grid.addLayout(self._buttons(), 2, 0)
        grid.addLayout(self._recent_files(), 2, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        footer = QLabel(f"PeerNotes {__version__} · works offline · one challenge is one file")
        footer.setObjectName("hint")
        footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row, 3)
        outer.addWidget(footer)
        outer.addStretch(1)
        card.setMinimumHeight(360)

    def _buttons(self) -> QVBoxLayout:
        """New challenge (the default), Open, Open demo."""
        self.new_button = self._button(
            "New challenge…", "Set up a new peer challenge (Ctrl+N)", self.new_requested
        )
        self.open_button = self._button(
            "Open…", "Open a challenge file (Ctrl+O)", self.open_requested
        )
        self.demo_button = self._button(
            "Open demo", "Open a fictional demo challenge to try PeerNotes out", self.demo_requested
        )
        self.new_button.setDefault(True)
        buttons = QVBoxLayout()
        buttons.setSpacing(8)
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    def _recent_files(self) -> QVBoxLayout:
        """The recent files (Alt+R), or a line saying there are none yet."""
        recent_title = QLabel("&Recent files")
        recent_title.setObjectName("sectionTitle")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent files")
        self.recent.setObjectName("recentFiles")
        self.recent.setToolTip("Enter or double-click opens a file")
        self.recent.itemActivated.connect(self._activated)
        recent_title.setBuddy(self.recent)
        self.empty = QLabel("No recent files yet. Start a new challenge, or open the demo.")
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        recent_box = QVBoxLayout()
        recent_box.addWidget(recent_title)
        recent_box.addWidget(self.recent, 1)
        recent_box.addWidget(self.empty)
        recent_box.addStretch(0)  # with no list shown, the message sits under its title
        return recent_box

    @staticmethod
    def _button(text: str, tooltip: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.setMinimumWidth(200)
        button.setMinimumHeight(40)
        button.setObjectName("welcomeButton")
        button.clicked.connect(signal.emit)
        return button

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{Path(path).stem}\n{Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            if not Path(path).exists():
                item.setText(f"{Path(path).stem} (missing)\n{Path(path).parent}")
                item.setForeground(Qt.GlobalColor.gray)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.empty.setVisible(not paths)
        if paths:
            self.recent.setCurrentRow(0)

    def focus_default(self) -> None:
        (self.recent if self.recent.count() else self.new_button).setFocus()

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
