"""Spell-check as you type in the boxes bound for the letter (finding statement, narrative)."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat

from peernotes.ui import spelling
from peernotes.ui.widgets.text_field import TextField


def underlined(box: TextField) -> list[str]:
    """The words drawn with the spell-check underline."""
    block = box.document().firstBlock()
    style = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    text = block.text()
    return [
        text[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == style
    ]


def test_a_misspelling_is_underlined_and_a_suggestion_replaces_it_undoably(qtbot):
    """'recieve' gets a red wavy line; choosing 'receive' fixes it; Ctrl+Z brings it back."""
    spelling.ensure_speller()
    box = TextField()
    qtbot.addWidget(box)
    box.setPlainText("We recieve the organisation's programme")
    assert underlined(box) == ["recieve"]
    cursor = spelling.word_at(box, box.cursorRect(box.textCursor()).center())
    assert cursor is None  # the cursor is at the end: no word under it
    menu_cursor = box.textCursor()
    menu_cursor.setPosition(4)
    pos = box.cursorRect(menu_cursor).center()
    menu = spelling.spelling_menu(box, pos, box.spelling)
    texts = [a.text() for a in menu.actions()]
    assert "receive" in texts and "Add “recieve” to dictionary" in texts
    next(a for a in menu.actions() if a.text() == "receive").trigger()
    assert box.toPlainText() == "We receive the organisation's programme"
    assert underlined(box) == []
    box.undo()
    assert box.toPlainText() == "We recieve the organisation's programme"


def test_add_to_dictionary_stops_the_underline(qtbot):
    spelling.ensure_speller()
    box = TextField()
    qtbot.addWidget(box)
    box.setPlainText("Quorbish matters")
    assert underlined(box) == ["Quorbish"]
    spelling.add_word("Quorbish", box.spelling)
    assert underlined(box) == []


def test_a_person_met_is_never_flagged(qtbot):
    spelling.ensure_speller()
    spelling.set_names(["Oluwaseun Prendergast-Kowalczyk"])
    box = TextField()
    qtbot.addWidget(box)
    box.setPlainText("Oluwaseun Prendergast-Kowalczyk told us")
    assert underlined(box) == []


def test_capture_observation_and_letter_boxes_are_spell_checked(qtbot, challenge_path):
    """Every box bound for notes or the letter underlines misspellings as you type."""
    from recording_helpers import open_window

    window = open_window(qtbot, challenge_path)
    boxes = [window.page_widget("capture").editor]
    window.show_page("observations")
    boxes.append(window.page_widget("observations").editor.text)
    window.show_page("letter")
    boxes += [
        e for e in window.page_widget("letter").editors.values() if e.inherits("QPlainTextEdit")
    ]
    assert all(box.property("spellChecked") for box in boxes), boxes
    window.close()
