"""Spell-check in the people, meeting and document dialogs: the prose typed there (a meeting's
title and notes, a job title, an organisation, a document's title) can reach notes or the
letter, so it is checked as in the note box -- and the names of people met are not flagged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit
from recording_helpers import open_window

from peernotes.core.records import people
from peernotes.core.store import ChallengeFile
from peernotes.ui import spelling
from peernotes.ui.dialogs.document import DocumentDialog
from peernotes.ui.dialogs.meeting import MeetingDialog
from peernotes.ui.dialogs.peer import PeerDialog
from peernotes.ui.dialogs.person import PersonDialog
from peernotes.ui.operations.inputs import MeetingData, PersonData

MET = "Adaeze Okonkwo-Thistlewaite"  # not known by any other test


def underlined(box: QPlainTextEdit) -> list[str]:
    """The words drawn with the red wavy spell-check underline."""
    style = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    found = []
    block = box.document().firstBlock()
    while block.isValid():
        text = block.text()
        found += [
            text[r.start : r.start + r.length]
            for r in block.layout().formats()
            if r.format.underlineStyle() == style
        ]
        block = block.next()
    return found


def dialogs():
    """Each dialog with its prose fields (and the fields that are names, never checked)."""
    person = PersonDialog(None, [], PersonData("Sam"))
    document = DocumentDialog(None)
    meeting = MeetingDialog(None, peers=[], people=[], initial=MeetingData("2026-11-10", ""))
    peer = PeerDialog(None)
    return [
        (person, [person.job_title, person.organisation], [person.name]),
        (document, [document.title, document.provided_by], [document.doc_date]),
        (meeting, [meeting.title, meeting.notes, meeting.new_organisation], [meeting.location]),
        (peer, [peer.job_title, peer.organisation], [peer.name]),
    ]


def test_prose_fields_in_every_dialog_underline_a_misspelling(qtbot):
    """'recieve' typed into a dialog's title, notes, job title or organisation gets the red
    wavy line; a correctly spelt British word ('organisation', 'programme') does not."""
    spelling.ensure_speller()
    for dialog, prose, _names in dialogs():
        qtbot.addWidget(dialog)
        for box in prose:
            box.setFocus()
            qtbot.keyClicks(box, "We recieve the organisation's programme")
            assert underlined(box) == ["recieve"], (dialog.windowTitle(), box.accessibleName())
            assert box.property("spellChecked")


def test_a_suggestion_replaces_the_word_in_a_one_line_field_and_undo_brings_it_back(qtbot):
    """Right-click on the misspelt job title offers 'receive'; choosing it fixes the field,
    Ctrl+Z takes it back, and the dialog saves what the field shows."""
    spelling.ensure_speller()
    dialog = PersonDialog(None, [], PersonData("Sam"))
    qtbot.addWidget(dialog)
    box = dialog.job_title
    qtbot.keyClicks(box, "Head of recieving")
    cursor = box.textCursor()
    cursor.setPosition(9)
    menu = spelling.spelling_menu(box, box.cursorRect(cursor).center(), box.spelling)
    texts = [a.text() for a in menu.actions()]
    assert "receiving" in texts and "Add “recieving” to dictionary" in texts
    next(a for a in menu.actions() if a.text() == "receiving").trigger()
    assert dialog.data().job_title == "Head of receiving"
    box.undo()
    assert dialog.data().job_title == "Head of recieving"


def test_one_line_fields_still_act_like_line_edits(qtbot):
    """Enter in the job title saves the dialog (as it did before spell-check), Tab moves
    on without typing a tab, and the field stays one line high."""
    saved = []
    dialog = PersonDialog(None, [], PersonData("Sam"), saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.job_title
    box.setFocus()
    qtbot.keyClicks(box, "Director")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.toPlainText() == "Director" and not box.hasFocus()
    assert box.height() < 2 * box.fontMetrics().lineSpacing() + 16
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [d.job_title for d in saved] == ["Director"]


@pytest.fixture
def window_with_a_person_met(qtbot, challenge_path):
    assert not spelling.ensure_speller().known("Thistlewaite")
    cf = ChallengeFile.open(challenge_path)
    people.add_person(cf, MET, job_title="Carer")
    cf.close()
    window = open_window(qtbot, challenge_path)
    yield window
    window.close()


def test_a_person_met_is_not_flagged_in_a_dialog_before_findings_is_opened(
    qtbot, window_with_a_person_met
):
    """Right after the file opens (Findings never shown), a meeting's notes naming someone
    met underline only the real misspelling, not their name; a person added later is known
    as soon as they are saved."""
    window = window_with_a_person_met
    spelling.ensure_speller()
    QApplication.processEvents()
    dialog = MeetingDialog(window, peers=[], people=[], initial=MeetingData("2026-11-10", ""))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.notes, f"{MET} said carers recieve little")
    qtbot.waitUntil(lambda: underlined(dialog.notes) == ["recieve"])
    people.add_person(window.session.cf, "Zebedee Quarshie-Nwankwo")
    qtbot.waitUntil(lambda: spelling.ensure_speller().known("Quarshie"))


def test_underlining_again_does_not_count_as_typing(qtbot):
    """A word added to the dictionary (or a person added) underlines every box again, but no
    box takes that for typing: a note open for editing is not saved again, and Capture's
    draft timer does not start (it used to fire after the file had closed)."""
    from peernotes.ui.widgets.text_field import TextField

    spelling.ensure_speller()
    box = TextField()
    qtbot.addWidget(box)
    box.setPlainText("Zanthorpe carers recieve little")
    assert underlined(box) == ["Zanthorpe", "recieve"]
    typed = []
    box.textChanged.connect(lambda: typed.append(box.toPlainText()))
    spelling.add_word("Zanthorpe", box.spelling)
    assert underlined(box) == ["recieve"]
    assert typed == []
