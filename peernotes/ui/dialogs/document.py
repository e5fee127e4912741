"""A document read (title, who provided it, its date)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from peernotes.ui.dialogs.form import FormDialog, named_line, spell_line
from peernotes.ui.operations.inputs import DocumentData


class DocumentDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        initial: DocumentData | None = None,
        save: Callable[[DocumentData], object] | None = None,
    ) -> None:
        super().__init__(parent, "Document", save)
        initial = initial or DocumentData("")
        self.title = spell_line(initial.title, "Title")
        self.provided_by = spell_line(initial.provided_by, "Provided by")
        self.provided_by.setPlaceholderText("e.g. Adult social care")
        self.doc_date = named_line(initial.doc_date or "", "Date of the document")
        self.doc_date.setPlaceholderText("YYYY-MM-DD (optional)")
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Provided by", self.provided_by)
        self.form.addRow("&Date", self.doc_date)
        self.resize(480, self.sizeHint().height())

    def data(self) -> DocumentData:
        return DocumentData(
            self.title.text().strip(),
            self.provided_by.text().strip(),
            self.doc_date.text().strip() or None,
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        initial: DocumentData | None = None,
        save: Callable[[DocumentData], object] | None = None,
    ) -> DocumentData | None:
        dialog = cls(parent, initial, save)
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None
