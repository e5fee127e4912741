"""The feedback deck's place in the window: File › Export feedback presentation….

Kept apart from peernotes.ui.deck_export (the flow, python-pptx behind it) so that loads
only when the command is first used."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from peernotes.ui.dialogs import messages


def install_actions(window: Any) -> None:
    file_menu = window.menu("&File")
    action = QAction("Export feedback pre&sentation…", window)
    action.setStatusTip("Write the final-day feedback slides (PowerPoint) with speaker notes")
    action.triggered.connect(lambda _checked=False: export_feedback(window))
    file_menu.addAction(action)
    window.deck_export_action = action


def export_feedback(window: Any) -> None:
    if getattr(window, "session", None) is None:
        messages.error(window, "No challenge open", "Open a challenge file first.")
        return
    from peernotes.ui.deck_export import export_feedback as run

    run(window, window.session)
