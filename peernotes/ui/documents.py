"""Documents read: the council's pack (self-assessment, strategies, data) the team pre-reads."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from peernotes.core import records
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.document import DocumentData, DocumentDialog
from peernotes.ui.list_page import ListPage
from peernotes.ui.models.records import DocumentTableModel
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable


class DocumentsPage(ListPage):
    noun = "document"

    def __init__(self, session: Session, window: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(
            session,
            DocumentTableModel(session),
            "Documents",
            "The documents the team read. Notes on a document are recorded in Read mode.",
            parent,
        )
        self.fit_columns({0: 420, 1: 220, 2: 110})

    def add(self) -> None:
        def save(data: DocumentData) -> str:
            document_id = run_undoable(
                self.session,
                "Add document",
                lambda cf: records.add_document(
                    cf, data.title, provided_by=data.provided_by, doc_date=data.doc_date
                ),
            )
            self.select_id(document_id)
            return document_id

        DocumentDialog.ask(self, None, save)

    def edit(self, row_id: str) -> None:
        document = self.model.row(row_id)
        if document is None:
            return

        def save(data: DocumentData) -> bool:
            return run_undoable(
                self.session,
                "Edit document",
                lambda cf: records.update_document(
                    cf,
                    row_id,
                    title=data.title,
                    provided_by=data.provided_by,
                    doc_date=data.doc_date,
                ),
            )

        DocumentDialog.ask(
            self, DocumentData(document.title, document.provided_by, document.doc_date), save
        )

    def delete(self, row_id: str) -> None:
        document = self.model.row(row_id)
        if document is None:
            return
        count = document.observation_count
        extra = (
            f" {count} observation(s) cite it: they keep their text but lose the source."
            if count
            else ""
        )
        if messages.confirm(
            self, "Delete document", f"Delete “{document.title}”?{extra}", "Delete"
        ):
            run_undoable(
                self.session, "Delete document", lambda cf: records.delete_document(cf, row_id)
            )
