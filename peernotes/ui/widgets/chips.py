"""Chips: the chosen headings or people shown as small removable labels that wrap."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QToolButton, QWidget

HINT_CHARS = 60


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them onto new lines (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """A line of about 60 characters (narrower when the items fit in less), as tall as
        the items need at that width: not one item per line, which made a row of chips ask
        for the height of all of them stacked."""
        hints = [item.sizeHint() for item in self._items]
        width = sum(h.width() for h in hints) + self.spacing() * max(len(hints) - 1, 0)
        parent = self.parentWidget()
        if parent is not None:
            width = min(width, parent.fontMetrics().averageCharWidth() * HINT_CHARS)
        width = max(width, self.minimumSize().width())
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        space = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and line_height > 0:
                x = rect.x()
                y += line_height + space
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + space
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class Chip(QToolButton):
    """One chosen item; clicking it (or Delete on it) removes it."""

    remove_requested = Signal(str)

    def __init__(self, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setText(f"{text}  ✕")
        self.setToolTip(f"{text}\nClick (or press Delete) to remove")
        self.setAccessibleName(f"{text}, remove")
        self.setAutoRaise(False)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setObjectName("chip")
        self.clicked.connect(lambda: self.remove_requested.emit(self.key))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit(self.key)
            return
        super().keyPressEvent(event)


class ChipBox(QWidget):
    """A wrapping row of chips with an optional trailing widget (the field to add more)."""

    removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        self._chips: dict[str, Chip] = {}
        self._trailing: QWidget | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_trailing(self, widget: QWidget) -> None:
        self._trailing = widget
        self.flow.addWidget(widget)

    def keys(self) -> list[str]:
        return list(self._chips)

    def set_chips(self, items: list[tuple[str, str]]) -> None:
        for chip in self._chips.values():
            self.flow.removeWidget(chip)
            chip.deleteLater()
        self._chips.clear()
        if self._trailing is not None:
            self.flow.removeWidget(self._trailing)
        for key, text in items:
            chip = Chip(key, text, self)
            chip.remove_requested.connect(self.removed)
            self._chips[key] = chip
            self.flow.addWidget(chip)
        if self._trailing is not None:
            self.flow.addWidget(self._trailing)
        self.flow.invalidate()
        self.updateGeometry()
