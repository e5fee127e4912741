"""Documents read: add, edit and delete them (undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peernotes.core.records import people
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable

if TYPE_CHECKING:
    from peernotes.ui.operations.inputs import DocumentData


def add_document(session: Session, data: DocumentData) -> str:
    """Add a document to the pack; returns its id."""
    return run_undoable(
        session,
        "Add document",
        lambda cf: people.add_document(
            cf, data.title, provided_by=data.provided_by, doc_date=data.doc_date
        ),
    )


def edit_document(session: Session, document_id: str, data: DocumentData) -> bool:
    return run_undoable(
        session,
        "Edit document",
        lambda cf: people.update_document(
            cf,
            document_id,
            title=data.title,
            provided_by=data.provided_by,
            doc_date=data.doc_date,
        ),
    )


def delete_document(session: Session, document_id: str) -> list[str]:
    """Delete a document; the observations that cite it keep their text but lose the source.
    Returns those observations' ids."""
    return run_undoable(
        session, "Delete document", lambda cf: people.delete_document(cf, document_id)
    )
