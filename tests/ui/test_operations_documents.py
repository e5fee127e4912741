"""Documents read through `peernotes.ui.operations.documents`: one undo step per change."""

from __future__ import annotations

import pytest
from operation_helpers import undo_menu_text

from peernotes.core.records import observations, read_models
from peernotes.ui.operations import documents
from peernotes.ui.operations.inputs import DocumentData
from peernotes.ui.session import Session


@pytest.fixture
def session(cf, qapp):
    return Session(cf)


def test_deleting_a_cited_document_is_undone_with_its_citations(session):
    """After undoing a delete, the notes on the document would have lost their source."""
    cf = session.cf
    document = documents.add_document(session, DocumentData("Self-assessment", "Council"))
    assert undo_menu_text(session) == "Undo Add document"
    note = observations.add_observation(
        cf, "Waiting lists are falling.", mode="read", document_id=document
    )
    assert documents.delete_document(session, document) == [note]
    assert cf.get("observation", note)["document_id"] is None
    assert undo_menu_text(session) == "Undo Delete document"
    session.undo_stack.undo()
    assert [d.title for d in read_models.document_list(cf)] == ["Self-assessment"]
    assert cf.get("observation", note)["document_id"] == document


def test_editing_a_document_is_undone_to_its_old_title(session):
    """The old title would not come back after Edit › Undo."""
    cf = session.cf
    document = documents.add_document(session, DocumentData("Strategy"))
    documents.edit_document(session, document, DocumentData("Care strategy 2026"))
    assert undo_menu_text(session) == "Undo Edit document"
    session.undo_stack.undo()
    assert cf.get("document", document)["title"] == "Strategy"
