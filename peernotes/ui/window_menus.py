"""The main window's own menu items: File (new, open, recent, demo, details, who am I, close,
quit), Edit (undo, redo), Help, and View's list of pages.

The feature packages add theirs between File's first and last groups (peernotes.ui.features);
this module builds the window's part around them and greys out what needs an open file. It is
apart from main_window.py so the window itself stays a shell of pages and files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from peernotes.paths import APP_NAME
from peernotes.ui.menus import quit_shortcut, with_mnemonic

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def add_action(
    owner: QWidget,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut = None,
    tip: str = "",
) -> QAction:
    """One menu item: its text (with its mnemonic), what it runs, its shortcut and tip."""
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_file_menu(window: MainWindow) -> None:
    """File's first group: what makes or opens a challenge, then the open one's details."""
    file_menu = window.menu("&File")
    add_action(
        window,
        file_menu,
        "&New challenge…",
        window.new_challenge,
        QKeySequence.StandardKey.New,
        "Set up a new peer challenge",
    )
    add_action(
        window,
        file_menu,
        "&Open…",
        window.open_dialog,
        QKeySequence.StandardKey.Open,
        "Open a challenge file",
    )
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.demo_action = add_action(
        window, file_menu, "Open &demo", window.open_demo, None, "Open the fictional demo challenge"
    )
    file_menu.addSeparator()
    window.details_action = add_action(
        window,
        file_menu,
        "Challenge de&tails…",
        window.edit_challenge,
        None,
        "Council, programme title, on-site days, scope",
    )
    window.who_action = add_action(
        window,
        file_menu,
        "&Who am I…",
        window.choose_peer,
        None,
        "Choose the team member this laptop records as",
    )


def finish_file_menu(window: MainWindow) -> None:
    """File's last group, after the features' items: close and quit."""
    file_menu = window.menu("&File")
    file_menu.addSeparator()
    window.close_action = add_action(
        window,
        file_menu,
        "&Close challenge",
        window.close_challenge,
        QKeySequence.StandardKey.Close,
    )
    window.quit_action = add_action(window, file_menu, "&Quit", window.close, quit_shortcut())
    window.update_recent_menu()


def build_edit_menu(window: MainWindow) -> None:
    """Undo and Redo of whichever page's stack is active (one QUndoGroup for the window)."""
    edit = window.menu("&Edit")
    window.undo_action = window.undo_group.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    window.redo_action = window.undo_group.createRedoAction(window, "&Redo")
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit.addAction(window.undo_action)
    edit.addAction(window.redo_action)


def build_help_menu(window: MainWindow) -> None:
    help_menu = window.menu("&Help")
    add_action(
        window,
        help_menu,
        "&Keyboard shortcuts",
        window.show_shortcuts,
        QKeySequence.StandardKey.HelpContents,
    )
    add_action(window, help_menu, f"&About {APP_NAME}", window.show_about)


def file_free_actions(window: MainWindow) -> set[QAction]:
    """The menu items that work with no challenge open; every other one needs a file."""
    free = {window.quit_action, window.demo_action, window.recent_menu.menuAction()}
    free |= set(window.menu("&File").actions()[:2])  # New, Open
    free |= set(window.menu("&Help").actions())
    return free


def enable_file_actions(window: MainWindow, has_file: bool) -> None:
    """Items that need a file are greyed out until one is open (Edit and View look after
    themselves: the undo stack, and the pages of the open file)."""
    for name, menu in window.menus().items():
        if name in ("&Edit", "&View"):
            continue
        for action in menu.actions():
            if action.isSeparator() or action in window.needs_no_file:
                continue
            action.setEnabled(has_file)


def rebuild_view_menu(window: MainWindow) -> None:
    """View lists the open file's pages in navigation order, Alt+1 … Alt+9."""
    view = window.menu("&View")
    for action in window.page_actions:
        view.removeAction(action)
        action.deleteLater()
    window.page_actions = []
    used: set[str] = set()
    for number, page in enumerate(window.pages.values(), start=1):
        shortcut = f"Alt+{number}" if number <= 9 else None
        action = add_action(
            window,
            view,
            with_mnemonic(page.title, used),
            _shows(window, page.key),
            shortcut,
            page.tooltip,
        )
        window.page_actions.append(action)


def _shows(window: MainWindow, key: str) -> Callable[[], None]:
    def show() -> None:
        window.show_page(key)

    return show
