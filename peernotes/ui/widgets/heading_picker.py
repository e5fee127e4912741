"""Type-to-filter picker for framework headings: type a few letters or a number, Enter picks.

Several headings can be chosen; they show as chips. Backspace in the empty field removes the
last one; Enter or Escape in the empty field hands the keyboard back (signal `done`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QVBoxLayout, QWidget

from peernotes.core.records.people import normalise_name
from peernotes.core.records.values import Heading
from peernotes.ui.widgets.chips import ChipBox

CHIP_LENGTH = 38


def short(text: str, length: int = CHIP_LENGTH) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class HeadingField(QLineEdit):
    """The picker's text field: Backspace when empty removes the last chip, Escape hands back."""

    backspace_on_empty = Signal()
    escape = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.backspace_on_empty.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            popup = self.completer().popup() if self.completer() else None
            if popup is None or not popup.isVisible():
                self.escape.emit()
                return
        super().keyPressEvent(event)


class HeadingPicker(QWidget):
    changed = Signal(list)  # heading ids, in the order chosen
    done = Signal()
    message = Signal(str)  # e.g. "No heading matches 'xyz'"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Framework headings")
        self._labels: dict[str, str] = {}  # id -> label
        self._kinds: dict[str, str] = {}
        self._prompts: dict[str, str] = {}  # id -> the framework's question for the heading
        self._by_label: dict[str, str] = {}
        self._chosen: list[str] = []
        self._just_picked = False
        self.chips = ChipBox(self)
        self.field = HeadingField(self)
        self.field.setPlaceholderText("Add heading… (Ctrl+T)")
        self.field.setAccessibleName("Add a framework heading")
        self.field.setToolTip(
            "Type part of a heading or its number, then Enter. Several headings are allowed.\n"
            "Backspace in the empty field removes the last heading; Escape returns to the text."
        )
        self.field.setMinimumWidth(240)
        self.list_model = QStandardItemModel(self)  # items carry the framework's prompts
        self.completer = QCompleter(self.list_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.field.setCompleter(self.completer)
        # The str overload (the stubs do not know overloaded signals can be indexed).
        self.completer.activated[str].connect(self._picked_from_popup)  # type: ignore[index]
        self.field.returnPressed.connect(self._return_pressed)
        self.field.backspace_on_empty.connect(self._remove_last)
        self.field.escape.connect(self.done)
        self.chips.set_trailing(self.field)
        self.chips.removed.connect(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chips)

    # --------------------------------------------------------------- data
    def set_headings(self, headings: list[Heading]) -> None:
        """The challenge's headings (read_models.framework_headings), in framework order."""
        self._labels = {h.id: h.label for h in headings}
        self._prompts = {h.id: h.prompt for h in headings}
        self._kinds = {h.id: h.kind for h in headings}
        self._by_label = {label: heading_id for heading_id, label in self._labels.items()}
        self.list_model.clear()
        for heading_id, label in self._labels.items():
            item = QStandardItem(label)
            if self._prompts[heading_id]:
                item.setToolTip(self._prompts[heading_id])  # the question to ask when tagging
            self.list_model.appendRow(item)
        self._chosen = [h for h in self._chosen if h in self._labels]
        self._show_chips()

    def heading_ids(self) -> list[str]:
        return list(self._chosen)

    def set_heading_ids(self, ids: list[str]) -> None:
        ids = [h for h in dict.fromkeys(ids) if h in self._labels]
        if ids != self._chosen:
            self._chosen = ids
            self._show_chips()

    def clear(self) -> None:
        self.field.clear()
        self.set_heading_ids([])

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    # ------------------------------------------------------------ picking
    def matches(self, text: str) -> list[str]:
        """Heading ids matching typed text: the exact number first (a standard before a domain
        of the same number), then labels whose words start with it, then any containing it."""
        wanted = normalise_name(text)
        if not wanted:
            return []
        words = wanted.split()
        exact, starts, contains = [], [], []
        for heading_id, label in self._labels.items():
            folded = normalise_name(label)
            number = folded.split(" ", 1)[0]
            if number == wanted:
                exact.append(heading_id)
            elif folded.startswith(wanted) or any(
                part.startswith(wanted) for part in folded.split(" ", 1)[1:]
            ):
                starts.append(heading_id)
            elif all(word in folded for word in words):
                contains.append(heading_id)
        exact.sort(key=lambda h: self._kinds.get(h) != "standard")  # '1' is standard 1 first
        return exact + starts + contains

    def add(self, heading_id: str) -> None:
        if heading_id in self._labels and heading_id not in self._chosen:
            self._chosen.append(heading_id)
            self._show_chips()
            self.changed.emit(self.heading_ids())

    def remove(self, heading_id: str) -> None:
        if heading_id in self._chosen:
            self._chosen.remove(heading_id)
            self._show_chips()
            self.changed.emit(self.heading_ids())
            self.field.setFocus()

    def _remove_last(self) -> None:
        if self._chosen:
            self.remove(self._chosen[-1])

    def _picked_from_popup(self, label: str) -> None:
        heading_id = self._by_label.get(label)
        if heading_id:
            self._just_picked = True
            self.add(heading_id)
            QTimer.singleShot(0, self.field.clear)
            self.field.clear()

    def _return_pressed(self) -> None:
        if self._just_picked:
            self._just_picked = False
            self.field.clear()
            return
        text = self.field.text().strip()
        if not text:
            self.done.emit()
            return
        found = self._by_label.get(text) or next(iter(self.matches(text)), None)
        if found is None:
            self.message.emit(f"No heading matches “{text}”.")
            return
        self.add(found)
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()
        self.field.clear()

    def _show_chips(self) -> None:
        self.chips.set_chips([(h, short(self._labels[h])) for h in self._chosen])
        for key in self._chosen:
            chip = self.chips._chips[key]
            prompt = f"\n{self._prompts[key]}" if self._prompts.get(key) else ""
            chip.setToolTip(f"{self._labels[key]}{prompt}\nClick (or press Delete) to remove")

    def prompt(self, heading_id: str) -> str:
        """The framework's question for a heading ('' when it states none)."""
        return self._prompts.get(heading_id, "")
