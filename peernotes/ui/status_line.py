"""The window's status line: the open file, who is recording and the save state, always in view;
and the passing notes pages leave there (`say`).

Kept apart from the main window so the window stays a small switchboard; the labels are named
(object names and accessible names) so the style sheet and screen readers can find them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar


def _label(object_name: str, accessible_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setAccessibleName(accessible_name)
    return label


class StatusLine:
    """Three permanent labels at the right of the window's status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.peer_label = _label("peerState", "Recording as")
        self.saved_label = _label("savedState", "Save state")
        self.file_label = _label("hint", "Open file")
        for label in (self.file_label, self.peer_label, self.saved_label):
            bar.addPermanentWidget(label)

    def set_saved_text(self, text: str, problem: bool) -> None:
        """The save state; a problem is shown in the problem colour (style sheet)."""
        if self.saved_label.text() != text:
            self.saved_label.setText(text)
        if self.saved_label.property("problem") is not problem:
            self.saved_label.setProperty("problem", problem)
            self.saved_label.style().unpolish(self.saved_label)
            self.saved_label.style().polish(self.saved_label)

    def set_saving(self, pending: bool) -> None:
        """Typed text waiting for its debounced save (a problem shown stays shown)."""
        if pending:
            self.set_saved_text("Saving…", False)
        elif self.saved_label.property("problem") is not True:
            self.set_saved_text("✓ Saved", False)

    def say(self, text: str, seconds: float = 8) -> None:
        """A passing note at the left of the bar (a file saved, an import's summary, a backup
        that failed); it goes after `seconds`, or stays until the next one when 0. The one place
        the window's status bar shows a message: pages reach it as `Workspace.say`."""
        self.bar.showMessage(text, round(seconds * 1000))

    def show_file(self, name: str, path: str) -> None:
        """The file's name in view, its full path in the tooltip ("" clears both)."""
        self.file_label.setText(name)
        self.file_label.setToolTip(path)
        self.bar.setToolTip(path)
