"""The feedback deck's place in the window: File › Export feedback presentation…, and
View › Present feedback (F5, from the Roll-up or any page).

Kept apart from peernotes.ui.letter.deck_export and peernotes.ui.letter.presenter (python-pptx and the
show behind them) so those load only when first used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from peernotes.ui.dialogs import messages

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow


def install_actions(window: MainWindow) -> None:
    file_menu = window.menu("&File")
    action = QAction("Export feedback pre&sentation…", window)
    action.setStatusTip("Write the final-day feedback slides (PowerPoint) with speaker notes")
    action.triggered.connect(lambda _checked=False: export_feedback(window))
    file_menu.addAction(action)
    window.deck_export_action = action
    view = window.menu("&View")
    present = QAction("Pre&sent feedback", window)
    present.setShortcut(QKeySequence("F5"))
    present.setStatusTip(
        "Show the feedback slides full screen (notes on the laptop when a projector is attached)"
    )
    present.triggered.connect(lambda _checked=False: present_feedback(window))
    view.addAction(present)
    view.addSeparator()
    window.present_action = present


def present_feedback(window: MainWindow) -> None:
    if window.session is None:
        messages.error(window, "No challenge open", "Open a challenge file first.")
        return
    from peernotes.ui.letter.presenter import present

    present(window)


def export_feedback(window: MainWindow) -> None:
    if window.session is None:
        messages.error(window, "No challenge open", "Open a challenge file first.")
        return
    from peernotes.ui.letter.deck_export import export_feedback as run

    run(window, window.session)
