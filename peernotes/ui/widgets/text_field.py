"""A wrapping text box for words bound for the letter: statements and narratives.

Spelling is checked as you type (peernotes.ui.spelling). Tab moves focus (a tab character in a statement would go into the letter), the whole text is
visible as it wraps, and `editingFinished` fires once when the person leaves the box, so a
save is one undo step rather than one per key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class TextField(QPlainTextEdit):
    """A QPlainTextEdit that behaves like a form field.

    single_line: Enter ends the edit instead of starting a new paragraph (a finding's
    statement is one bullet), and pasted line breaks become spaces.
    """

    editingFinished = Signal()  # noqa: N815 -- Qt's own spelling, as QLineEdit has it

    def __init__(self, parent: QWidget | None = None, *, single_line: bool = False) -> None:
        super().__init__(parent)
        self.single_line = single_line
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        from peernotes.ui.spelling import attach

        self.spelling = attach(self)  # words bound for the letter: British spelling, as typed

    def text(self) -> str:
        text = self.toPlainText()
        return " ".join(text.split()) if self.single_line else text

    def setText(self, text: str) -> None:  # noqa: N802
        self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # Ctrl+Enter belongs to the dialog or page: it confirms
            return
        if self.single_line and enter and not event.modifiers():
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802
        if self.single_line and source.hasText():
            self.insertPlainText(" ".join(source.text().split()))
            return
        super().insertFromMimeData(source)
