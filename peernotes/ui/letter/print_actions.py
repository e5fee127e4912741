"""Printing's place in the window: File › Print… (Ctrl+P, as in Word).

peernotes.ui.letter.printing (Qt's print support, the printables) loads when first used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from peernotes.ui.dialogs import messages

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow


def install_actions(window: MainWindow) -> None:
    file_menu = window.menu("&File")
    action = QAction("Pr&int…", window)
    action.setShortcut(QKeySequence("Ctrl+P"))
    action.setStatusTip(
        "Print or save as PDF: the programme, the roll-up, a finding with its evidence, "
        "the letter preview"
    )
    action.triggered.connect(lambda _checked=False: print_from(window))
    file_menu.addAction(action)
    window.print_action = action


def print_from(window: MainWindow) -> None:
    if window.session is None:
        messages.error(window, "No challenge open", "Open a challenge file first.")
        return
    from peernotes.ui.letter.printing import print_from as run

    run(window)
