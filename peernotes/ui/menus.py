"""Menu mnemonics: every item reachable as Alt+menu letter, item letter, and no two alike.

Two items with the same letter in one menu make the letter only *highlight* the first, and
the Enter that follows runs it: Alt+F, D then Enter opened the demo (closing your challenge)
instead of Challenge details. The check here is what the test runs over every menu.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' (lower case), or None."""
    index = 0
    while True:
        index = text.find("&", index)
        if index < 0 or index + 1 >= len(text):
            return None
        if text[index + 1] != "&":
            return text[index + 1].lower()
        index += 2  # "&&" is a literal ampersand


def with_mnemonic(title: str, used: set[str]) -> str:
    """`title` with '&' before its first letter not in `used` (which is updated); a word's
    first letter is preferred. Unchanged if every letter is taken."""
    if mnemonic(title):
        used.add(mnemonic(title) or "")
        return title
    starts = [i for i, c in enumerate(title) if c.isalnum() and (i == 0 or title[i - 1] == " ")]
    others = [i for i, c in enumerate(title) if c.isalnum() and i not in starts]
    for i in starts + others:
        letter = title[i].lower()
        if letter not in used:
            used.add(letter)
            return title[:i] + "&" + title[i:]
    return title


def visible_actions(menu: QMenu) -> list[QAction]:
    return [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]


def clashes(menu: QMenu) -> list[str]:
    """Problems in one menu: a letter used twice, or an item one can use with no letter."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for action in visible_actions(menu):
        text = action.text()
        letter = mnemonic(text)
        if letter is None:
            if action.isEnabled():
                problems.append(f"{menu.title()!r}: {text!r} has no mnemonic")
        elif letter in seen:
            problems.append(f"{menu.title()!r}: {seen[letter]!r} and {text!r} share &{letter}")
        else:
            seen[letter] = text
    return problems


def all_clashes(menus: list[QMenu]) -> list[str]:
    """clashes() of these menus and every submenu in them."""
    problems: list[str] = []
    stack = list(menus)
    while stack:
        menu = stack.pop()
        problems += clashes(menu)
        stack += [sub for a in visible_actions(menu) if isinstance(sub := a.menu(), QMenu)]
    return problems


def focus_and_select(edit: QLineEdit) -> Callable[[], None]:
    """A slot for a Find action: the cursor in the search box, its text selected to retype."""

    def run() -> None:
        edit.setFocus()
        edit.selectAll()

    return run


def add_delete_and_find(
    page: QWidget, table: QWidget, delete: Callable[[], object], search: QLineEdit
) -> None:
    """A list page's two keys: Delete on its table deletes the selected record, and Ctrl+F
    anywhere on the page goes to its filter box, text selected to retype."""
    remove = QAction(table)
    remove.setShortcut(QKeySequence.StandardKey.Delete)
    remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    remove.triggered.connect(delete)
    table.addAction(remove)
    find = QAction(page)
    find.setShortcut(QKeySequence.StandardKey.Find)
    find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    find.triggered.connect(focus_and_select(search))
    page.addAction(find)


def quit_shortcut() -> QKeySequence:
    """The platform's Quit keys, except Ctrl+Q: that marks a quote in the capture pane, so it
    never quits (a lost-work hazard); Ctrl+Shift+Q then."""
    standard = QKeySequence(QKeySequence.StandardKey.Quit)
    return QKeySequence("Ctrl+Shift+Q") if standard == QKeySequence("Ctrl+Q") else standard


def fill_recent_menu(
    menu: QMenu, paths: list[str], open_path: Callable[[Path], object], clear: Callable[[], None]
) -> None:
    """File › Open recent: one numbered item per file (its full path in the tooltip), then
    Clear the list; a greyed-out line when there is none."""
    menu.clear()
    for number, path in enumerate(paths, start=1):
        action = menu.addAction(f"&{number} {Path(path).name}")
        action.setToolTip(path)
        action.setStatusTip(path)
        action.triggered.connect(lambda _=False, p=path: open_path(Path(p)))
    if not paths:
        menu.addAction("No recent files").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("&Clear the list", clear)
