"""The two keyboard-first fields of Capture: the note box and the 'Add person met' field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


class CaptureEditor(QPlainTextEdit):
    """Enter saves; Shift+Enter is a new line. Ctrl+Z undoes typing, and once there is no
    typing left to undo it undoes the last saved edit (the window's Edit › Undo). Up in the
    empty box asks for the previous note; Escape stops editing one."""

    submit = Signal()
    up_on_empty = Signal()
    escape = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submit.emit()
            return
        if key == Qt.Key.Key_Up and self.document().isEmpty():
            self.up_on_empty.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.escape.emit()
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if (
                event.matches(QKeySequence.StandardKey.Undo)
                and not self.document().isUndoAvailable()
            ):
                event.ignore()
                return False
            if (
                event.matches(QKeySequence.StandardKey.Redo)
                and not self.document().isRedoAvailable()
            ):
                event.ignore()
                return False
        return super().event(event)


class PersonField(QLineEdit):
    """'Add person met…': completes existing names; Escape hands the keyboard back."""

    escape = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if event.key() == Qt.Key.Key_Escape and not (popup is not None and popup.isVisible()):
            self.escape.emit()
            return
        super().keyPressEvent(event)
