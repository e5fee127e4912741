"""The Findings page's Alt+letter shortcuts: unique, and never a note key."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget
from synthesis_data import build_scene

from peernotes.ui.session import Session
from peernotes.ui.synthesis.findings_page import FindingsPage
from peernotes.ui.widgets.note_keys import NOTE_KEYS


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).upper() if match else None


def page_mnemonics(page: FindingsPage) -> list[tuple[str, str]]:
    texts = [w.text() for w in page.findChildren(QLabel)]
    texts += [w.text() for w in page.findChildren(QAbstractButton)]
    texts += [w.title() for w in page.findChildren(QGroupBox)]
    for tabs in page.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    found = [(letter, text) for text in texts if (letter := mnemonic(text))]
    return found


def test_findings_labels_take_no_note_key_and_no_two_share_a_letter(cf, qtbot):
    """If this fails, Alt+letter on the Findings page does the wrong thing: a label's Alt+S
    or Alt+N would jump to Statement/Narrative where a peer expects the note key
    (strength/neutral), or two labels would fight over one letter."""
    session = Session(build_scene(cf).cf)
    page = FindingsPage(session)
    qtbot.addWidget(page)
    page.show()
    try:
        found = page_mnemonics(page)
        letters = [letter for letter, _text in found]
        assert "T" in letters and "R" in letters  # Statement and Narrative keep a shortcut
        note_letters = {
            keys.split("+")[1].upper() for _a, keys, _w in NOTE_KEYS if keys.startswith("Alt+")
        }
        assert note_letters == {"S", "A", "N"}
        assert [f for f in found if f[0] in note_letters] == []
        assert len(letters) == len(set(letters)), found
    finally:
        page.hide()
        session._unsubscribe()


def test_new_finding_dialog_takes_no_note_key(qtbot):
    """If this fails, Alt+S in the New finding dialog jumps to Statement while on the
    Findings page it means "strength": one key, two meanings, a step apart."""
    from peernotes.ui.synthesis.dialogs import NewFindingDialog

    dialog = NewFindingDialog(None, [], [], None, "", [], None)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    letters = [letter for text in texts if (letter := mnemonic(text))]
    assert "T" in letters  # Statement keeps a shortcut
    assert not {"S", "A", "N"} & set(letters), texts
    assert len(letters) == len(set(letters)), texts
