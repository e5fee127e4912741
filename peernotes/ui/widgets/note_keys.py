"""One set of keys for tagging a note, wherever a note is edited (Capture, Observations).

A peer who learns Ctrl+3 for "seen" in Capture must get the same on the Observations page;
a key that does nothing there would instead reach the text box and (Alt+S, say) type its
letter into the note, which then autosaves. So every note editor installs every key: those
it has no use for are still taken, and say why. Help › Keyboard shortcuts lists this table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

MODE_KEYS = [("read", "Read", "Ctrl+1"), ("heard", "Heard", "Ctrl+2"), ("seen", "Seen", "Ctrl+3")]
POLARITY_KEYS = [
    ("strength", "Strength", "Alt+S"),
    ("area", "Area for consideration", "Alt+A"),
    ("neutral", "Neutral", "Alt+N"),
]
# (action, keys, what it does), in the order Help lists them.
NOTE_KEYS: list[tuple[str, str, str]] = [
    *((value, keys, f"mode: {label.lower()}") for value, label, keys in MODE_KEYS),
    *((value, keys, f"polarity: {label.lower()}") for value, label, keys in POLARITY_KEYS),
    ("quote", "Ctrl+Q", "verbatim quote on or off"),
    ("heading", "Ctrl+T", "add a framework heading"),
    ("person", "Ctrl+Shift+P", "add a person met (to the note's meeting)"),
]
# Keys only Capture has (it writes new notes); Help lists them too.
CAPTURE_KEYS: list[tuple[str, str]] = [
    ("Enter", "save the note and start the next"),
    ("Shift+Enter", "new line"),
    ("Up (in the empty box)", "edit your previous note; Escape stops editing it"),
    ("Ctrl+M", "choose the meeting"),
]
KEYS_BY_ACTION = {action: keys for action, keys, _what in NOTE_KEYS}


def install_note_keys(widget: QWidget, handlers: dict[str, Callable[[], None]]) -> None:
    """Bind every note key on `widget` and its children. An action without a handler still
    takes its key (so nothing is typed into the text) and does nothing."""
    for action, keys, _what in NOTE_KEYS:
        shortcut = QShortcut(QKeySequence(keys), widget)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        handler = handlers.get(action)
        if handler is not None:
            shortcut.activated.connect(handler)


def shortcuts_html() -> str:
    """The Help › Keyboard shortcuts text."""
    note = "<br>".join(f"<b>{keys}</b> {what}" for _a, keys, what in NOTE_KEYS)
    capture = "<br>".join(f"<b>{keys}</b> {what}" for keys, what in CAPTURE_KEYS)
    return (
        "<p><b>Writing a note</b> (Capture and Observations)<br>" + note + "</p>"
        "<p><b>Capture</b><br>" + capture + "</p>"
        "<p><b>Everywhere</b><br><b>Ctrl+Z</b> undo (in Capture, an undone note comes back "
        "into the box) · <b>Ctrl+Shift+Z</b> redo<br>"
        "<b>Alt+1 … Alt+9</b> go to a screen (<b>Alt+2</b> Capture, in the current meeting)<br>"
        "<b>Ctrl+F</b> filter the list · <b>Enter</b> edit the selected row · "
        "<b>Delete</b> delete it</p>"
    )
