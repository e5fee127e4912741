"""Spell-check as you type: a red wavy underline, suggestions on right-click, Add to dictionary.

One Speller (peernotes.core.spelling) serves every box; it is built once, just after the first
box is shown, so neither start-up nor the first key pays for loading the word list. A
replacement is one edit of the box's own undo history (Ctrl+Z takes it back).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit

from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError
from peernotes.core.spelling import Speller, challenge_names
from peernotes.core.sqlite_errors import DB_ERRORS
from peernotes.core.store import Change

if TYPE_CHECKING:
    from peernotes.ui.session import Session

_speller: Speller | None = None
_names: set[str] = set()
_highlighters: weakref.WeakSet[SpellHighlighter] = weakref.WeakSet()


def speller() -> Speller | None:
    return _speller


def ensure_speller() -> Speller:
    """Load the word list (once) and underline every box already showing text."""
    global _speller
    if _speller is None:
        _speller = Speller(_names)
        for highlighter in list(_highlighters):
            highlighter.refresh()
    return _speller


def set_names(names: Iterable[str]) -> None:
    """The open challenge's names (team, people met, council, framework): never flagged."""
    _names.update(n for n in names if n)
    if _speller is not None:
        _speller.add_names(_names)


_FILE_CLOSED: tuple[type[Exception], ...] = (PeerNotesError, *DB_ERRORS)
NAMED_TABLES = (
    Table.CHALLENGE,
    Table.PEER,
    Table.PERSON,
    Table.STAKEHOLDER_GROUP,
    Table.HEADING,
    Table.DOCUMENT,
    Table.MEETING,
)


def follow(session: Session) -> None:
    """Know the open challenge's names as soon as it opens, and each one added later, so a
    person met is not underlined in Capture or a dialog before the Findings page is seen.
    Read after the first paint: opening a file must not wait for it."""

    def load() -> None:
        try:
            set_names(challenge_names(session.cf))
        except _FILE_CLOSED:
            return  # the file closed meanwhile: the next one loads its own names
        for highlighter in list(_highlighters):
            highlighter.refresh()

    def changed(change: Change) -> None:
        if change.touches(*NAMED_TABLES):
            load()

    QTimer.singleShot(0, session, load)
    session.changed.connect(changed)


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines unknown words with the platform's spell-check (red wavy) underline."""

    def __init__(self, edit: QPlainTextEdit | QTextEdit) -> None:
        super().__init__(edit.document())
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(QColor("#d0021b"))
        self._edit = weakref.ref(edit)
        _highlighters.add(self)
        if _speller is None:
            QTimer.singleShot(0, ensure_speller)

    def refresh(self) -> None:
        """Underline again (the word list or the names changed) without announcing an edit:
        the box's textChanged would start its save or draft timer, as if the person typed."""
        edit = self._edit()
        if edit is None:
            return
        was_blocked = edit.blockSignals(True)
        try:
            self.rehighlight()
        finally:
            edit.blockSignals(was_blocked)

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        checker = _speller
        if checker is None or not text:
            return
        for start, length in checker.misspelt(text):
            self.setFormat(start, length, self.underline)


def word_at(edit: QPlainTextEdit | QTextEdit, pos: QPoint) -> QTextCursor | None:
    """A cursor selecting the misspelt word at `pos`, or None."""
    checker = _speller
    if checker is None:
        return None
    cursor = edit.cursorForPosition(pos)
    block = cursor.block()
    column = cursor.position() - block.position()
    for start, length in checker.misspelt(block.text()):
        if start <= column <= start + length:
            found = QTextCursor(block)
            found.setPosition(block.position() + start)
            found.setPosition(block.position() + start + length, QTextCursor.MoveMode.KeepAnchor)
            return found
    return None


def replace_word(cursor: QTextCursor, text: str) -> None:
    """Replace the selected word as one undoable edit."""
    cursor.beginEditBlock()
    cursor.insertText(text)
    cursor.endEditBlock()


def add_word(word: str, highlighter: SpellHighlighter) -> None:
    ensure_speller().add_to_dictionary(word)
    for each in list(_highlighters):
        each.refresh()


def spelling_menu(
    edit: QPlainTextEdit | QTextEdit, pos: QPoint, highlighter: SpellHighlighter
) -> QMenu:
    """The box's usual menu, with suggestions and Add to dictionary first for a misspelt word."""
    menu = edit.createStandardContextMenu(pos)
    cursor = word_at(edit, pos)
    if cursor is None:
        return menu
    word = cursor.selectedText()
    first = menu.actions()[0] if menu.actions() else None
    added = []
    suggestions = ensure_speller().suggestions(word)
    for suggestion in suggestions:
        action = menu.addAction(suggestion)
        action.triggered.connect(lambda _c=False, s=suggestion, c=cursor: replace_word(c, s))
        added.append(action)
    if not suggestions:
        none = menu.addAction("(no suggestions)")
        none.setEnabled(False)
        added.append(none)
    add = menu.addAction(f"Add “{word}” to dictionary")
    add.triggered.connect(lambda: add_word(word, highlighter))
    added.append(add)
    if first is not None:  # above the box's own items (Undo, Cut, Copy …), then a line
        for action in added:
            menu.insertAction(first, action)
        menu.insertSeparator(first)
    return menu


def attach(edit: QPlainTextEdit | QTextEdit) -> SpellHighlighter:
    """Spell-check `edit` as the person types."""
    highlighter = SpellHighlighter(edit)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    edit.customContextMenuRequested.connect(
        lambda pos: spelling_menu(edit, pos, highlighter).exec(edit.mapToGlobal(pos))
    )
    edit.setProperty("spellChecked", True)
    return highlighter
