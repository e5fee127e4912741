"""Text boxes for words bound for notes or the letter: statements, narratives, and (SpellLine)
one-line fields such as a meeting's title or a person's job title.

Spelling is checked as you type (peernotes.ui.spelling). Tab moves focus (a tab character in
a statement would go into the letter), the whole text is visible as it wraps, and
`editingFinished` fires once when the person leaves the box, so a save is one undo step
rather than one per key.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy, QWidget


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


class SpellLine(TextField):
    """A one-line field that looks and acts like a QLineEdit (Enter presses the dialog's
    default button, Tab moves on, the text scrolls sideways) but is spell-checked, which a
    QLineEdit cannot be: a meeting's title or a person's job title may reach the letter."""

    returnPressed = Signal()  # noqa: N815 -- QLineEdit's name, so callers need not care

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, single_line=True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(2)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._line_height())
        self.setPlainText(text)

    def _line_height(self) -> int:
        text = self.fontMetrics().lineSpacing() + 2 * self.document().documentMargin()
        frame = 2 * self.frameWidth()
        return max(int(text) + frame + 2, QLineEdit().sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(QLineEdit().sizeHint().width(), self._line_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().averageCharWidth() * 8, self._line_height())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editingFinished.emit()
            self.returnPressed.emit()
            event.ignore()  # the dialog's default button (Save) takes it, as after a QLineEdit
            return
        super().keyPressEvent(event)
