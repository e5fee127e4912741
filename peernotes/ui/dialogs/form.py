"""What the entity dialogs share: a form, an inline error line, OK/Cancel, and a save callback
that runs when the user presses OK, so a refused save keeps the dialog open with the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.errors import PeerNotesError, ValidationError
from peernotes.ui.widgets.text_field import SpellLine

FIELD_NAMES = {
    "end_time": "End",
    "start_time": "Start",
    "date": "Date",
    "title": "Title",
    "name": "Name",
    "doc_date": "Date",
    "text": "Observation",
}


def explain(error: PeerNotesError) -> str:
    """A ValidationError as a sentence a user reads: 'End: the meeting ends … before it starts'."""
    if isinstance(error, ValidationError):
        name = FIELD_NAMES.get(error.field, error.field.replace("_", " ").capitalize())
        return f"{name}: {error.message}"
    return str(error)


def named_line(text: str, name: str) -> QLineEdit:
    """A line edit with the accessible name a screen reader announces for it."""
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def spell_line(text: str, name: str) -> SpellLine:
    """A one-line field for words that may reach notes or the letter (a title, a job title,
    an organisation), spell-checked as the person types, with its accessible name."""
    edit = SpellLine(text)
    edit.setAccessibleName(name)
    return edit


class FormDialog(QDialog):
    """A dialog with a form layout; subclasses fill `form` and implement `data()`."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        save: Callable[[Any], object] | None = None,
        ok_label: str = "Save",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.save = save
        self.saved_result: object = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("problemText")  # red in the light or dark set
        self.error_label.setAccessibleName("Problem")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_label)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def data(self) -> Any:
        raise NotImplementedError

    def check(self, data: Any) -> str | None:
        """A problem the dialog can see by itself (before asking the core), or None."""
        return None

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        data = self.data()
        problem = self.check(data)
        if problem:
            self.show_error(problem)
            return
        if self.save is not None:
            try:
                self.saved_result = self.save(data)
            except PeerNotesError as error:
                self.show_error(explain(error))
                return
        super().accept()
