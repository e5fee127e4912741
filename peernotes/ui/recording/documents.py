"""Documents read: the council's pack (self-assessment, strategies, data) the team pre-reads."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from peernotes.core.records.values import Document
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.document import DocumentDialog
from peernotes.ui.models.records import DocumentTableModel
from peernotes.ui.operations import documents
from peernotes.ui.operations.inputs import DocumentData
from peernotes.ui.recording.list_page import ListPage
from peernotes.ui.session import Session
from peernotes.ui.workspace import Workspace


class DocumentsPage(ListPage[Document]):
    noun = "document"

    def __init__(
        self, session: Session, window: Workspace | None = None, parent: QWidget | None = None
    ) -> None:
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
            document_id = documents.add_document(self.session, data)
            self.select_id(document_id)
            return document_id

        DocumentDialog.ask(self, None, save)

    def edit(self, row_id: str) -> None:
        document = self.model.row(row_id)
        if document is None:
            return

        def save(data: DocumentData) -> bool:
            return documents.edit_document(self.session, row_id, data)

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
            documents.delete_document(self.session, row_id)
