"""Moving the selected line of a checklist up or down (the deck's slides, the title's lines)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget


def move_current_item(view: QListWidget, steps: int) -> None:
    """Move the selected item `steps` places (negative: up); the selection follows it. Nothing
    happens past either end, or with nothing selected."""
    row = view.currentRow()
    target = row + steps
    if row < 0 or not 0 <= target < view.count():
        return
    item = view.takeItem(row)
    view.insertItem(target, item)
    view.setCurrentRow(target)
