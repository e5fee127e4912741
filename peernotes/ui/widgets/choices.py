"""A row of exclusive toggle buttons (mode, polarity) that the keyboard can set."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget


class ChoiceButtons(QWidget):
    """Segmented buttons, one per value; `value` is the checked one."""

    changed = Signal(str)

    def __init__(
        self,
        choices: list[tuple[str, str, str]],  # (value, label, shortcut text)
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        for value, label, shortcut in choices:
            button = QToolButton(self)
            button.setText(label)
            button.setCheckable(True)
            button.setToolTip(f"{accessible_name}: {label} ({shortcut})")
            button.setAccessibleName(f"{accessible_name} {label}")
            button.setObjectName("segment")
            button.clicked.connect(lambda _=False, v=value: self._clicked(v))
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[value] = button
        layout.addStretch(1)

    def _clicked(self, value: str) -> None:
        self.changed.emit(value)

    @property
    def value(self) -> str:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return next(iter(self.buttons))

    def set_value(self, value: str) -> None:
        if value in self.buttons and not self.buttons[value].isChecked():
            self.buttons[value].setChecked(True)
            self.changed.emit(value)
