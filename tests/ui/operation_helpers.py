"""Shared by the tests of `peernotes.ui.operations`: what Edit › Undo reads."""

from __future__ import annotations

from peernotes.ui.session import Session


def undo_menu_text(session: Session) -> str:
    """The Edit menu's Undo item as the user reads it: 'Undo Add meeting'."""
    action = session.undo_stack.createUndoAction(None, "&Undo")
    return action.text().replace("&", "")
