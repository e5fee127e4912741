"""The deletion guard's figures, changed in the window and undone."""

from __future__ import annotations

from peernotes.core.merge_preview import DeletionGuard, deletion_guard
from peernotes.ui.session import Session
from peernotes.ui.team import deletion_guard as guard_ui
from peernotes.ui.team.deletion_guard import DeletionGuardDialog
from peernotes.ui.team.page import MergePage


def test_the_merge_page_changes_the_guard_and_undo_puts_it_back(cf, qtbot, monkeypatch):
    """Raising the guard to 50 records on the Merge page stores it for this challenge and
    the page says so; Undo brings back 10."""
    session = Session(cf)
    page = MergePage(session, None)
    qtbot.addWidget(page)
    assert "deletes 10 or more" in page.guard_label.text()
    wanted = DeletionGuard(count=50, share=0.5, min_kind=20)
    monkeypatch.setattr(DeletionGuardDialog, "ask", classmethod(lambda cls, p, c: wanted))
    assert guard_ui.edit_deletion_guard(page, session)
    assert deletion_guard(cf) == wanted
    assert "deletes 50 or more" in page.guard_label.text()
    assert "50 %" in page.guard_label.text()
    session.undo_stack.undo()
    assert deletion_guard(cf) == DeletionGuard()
    assert "deletes 10 or more" in page.guard_label.text()
    session._unsubscribe()


def test_the_dialog_shows_the_current_figures_and_returns_the_new_ones(qtbot):
    """The dialog opens on the file's figures and what is typed is what is stored."""
    dialog = DeletionGuardDialog(None, DeletionGuard(count=12, share=0.3, min_kind=9))
    qtbot.addWidget(dialog)
    assert (dialog.count.value(), dialog.share.value(), dialog.min_kind.value()) == (12, 30, 9)
    dialog.count.setValue(40)
    assert dialog.value() == DeletionGuard(count=40, share=0.3, min_kind=9)
    assert "40 or more" in dialog.rule.text()
