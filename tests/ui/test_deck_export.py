"""File › Export feedback presentation…: slide choice saved (undoable), the guard's dialog,
the .pptx written and "Open" offered."""

from __future__ import annotations

from pathlib import Path

import pytest
from letter_data import add_finding, build_letter_scene, domain_id
from pptx import Presentation
from PySide6.QtCore import Qt

from peernotes.core import deck_settings
from peernotes.core.deck_settings import DeckOptions
from peernotes.ui.letter import deck_export
from peernotes.ui.letter.deck_export import DeckOptionsDialog
from peernotes.ui.letter.guard import GuardDecision
from peernotes.ui.main_window import MainWindow
from peernotes.ui.session import Session
from peernotes.ui.synthesis.weak_findings_dialog import WeakDecision, WeakFindingsDialog


@pytest.fixture(autouse=True)
def no_recording(monkeypatch):
    """Ending a show or an export asks whether to record the feedback: answer no."""
    from peernotes.ui.letter import feedback_changes

    monkeypatch.setattr(feedback_changes, "ask_record", lambda parent, occasion: False)


@pytest.fixture
def window(qtbot):
    scene = build_letter_scene(None)
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_session(Session(scene.cf, window))
    window.scene = scene
    yield window
    window.close()  # closes the session and its file


@pytest.fixture
def answers(monkeypatch, tmp_path):
    shown: list[Path] = []
    monkeypatch.setattr(deck_export, "ask_save_path", lambda parent, s: tmp_path / "deck.pptx")
    monkeypatch.setattr(deck_export, "show_done", lambda parent, path: shown.append(path))
    monkeypatch.setattr(  # weak findings: export anyway (their own tests say what is asked)
        WeakFindingsDialog, "review", lambda parent, weak, what="": WeakDecision("export")
    )
    return shown


def _action(window: MainWindow, text: str):
    return next(a for a in window.menu("&File").actions() if a.text() == text)


def test_export_from_the_file_menu_writes_the_deck(window, answers, monkeypatch, tmp_path):
    """The File menu item writes the .pptx with the slides chosen, and offers to open it;
    the choice of slides is saved with the file and Edit › Undo takes it back."""
    chosen = DeckOptions(("title", "key_messages", "thanks"))
    monkeypatch.setattr(deck_export, "ask_options", lambda parent, current: chosen)
    _action(window, "Export feedback pre&sentation…").trigger()
    assert answers == [tmp_path / "deck.pptx"]
    titles = [s.shapes.title.text for s in Presentation(str(answers[0])).slides]
    assert titles == ["Adult Social Care Peer Challenge", "Key messages", "Thank you"]
    assert deck_settings.load(window.session.cf) == chosen
    window.session.undo_stack.undo()
    assert deck_settings.load(window.session.cf) == DeckOptions()


def test_the_guard_stops_the_export_until_each_name_is_allowed(
    window, answers, monkeypatch, tmp_path
):
    """A name on a slide opens the guard dialog; Stop writes nothing; allowing the item
    (saved with the file) lets the presentation through."""
    cf = window.session.cf
    add_finding(cf, "Hana Ortiz praised the market work", heading=domain_id(cf, "1"))
    monkeypatch.setattr(deck_export, "ask_options", lambda parent, current: current)
    reviewed = []
    monkeypatch.setattr(
        deck_export, "review_hits", lambda parent, hits: reviewed.append(hits) or GuardDecision()
    )
    assert deck_export.export_feedback(window, window.session) is None
    assert {h.matched for h in reviewed[0]} == {"Hana Ortiz"}
    places = sorted(h.where for h in reviewed[0])  # on the slide and in its speaker note
    assert [p.rsplit("– ", 1)[-1] for p in places] == ["bullet", "speaker note"]
    assert not (tmp_path / "deck.pptx").exists()
    monkeypatch.setattr(
        deck_export,
        "review_hits",
        lambda parent, hits: GuardDecision("export", list(hits)),
    )
    assert deck_export.export_feedback(window, window.session) == tmp_path / "deck.pptx"


def test_options_dialog_reorders_and_leaves_out_slides(qtbot):
    """Moving a slide up and unticking one gives that order without it."""
    dialog = DeckOptionsDialog(DeckOptions())
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(2)  # key messages
    dialog.move_selected(-1)
    dialog.list.item(dialog.list.count() - 1).setCheckState(Qt.CheckState.Unchecked)
    keys = dialog.options().slides
    assert keys[:3] == ("title", "key_messages", "challenge")
    assert "thanks" not in keys


def test_weak_findings_are_asked_about_once_before_the_deck(window, answers, monkeypatch):
    """Before the presentation is written the weak findings are listed; Cancel writes nothing."""
    from peernotes.core import findings

    findings.create_finding(window.session.cf, "An unevidenced strength")
    asked = []
    monkeypatch.setattr(deck_export, "ask_options", lambda p, c: c)
    monkeypatch.setattr(
        WeakFindingsDialog,
        "review",
        lambda parent, weak, what="": (
            asked.append((what, [w.statement for w in weak])) or WeakDecision("stop")
        ),
    )
    assert deck_export.export_feedback(window, window.session) is None
    assert len(asked) == 1 and asked[0][0] == "presentation"
    assert "An unevidenced strength" in asked[0][1]
    assert answers == []


def test_go_to_from_the_guard_shows_where_the_name_was_written(window, monkeypatch):
    """'Go to' on a name the guard found shows that finding on its page, ready to reword;
    if it failed, the dialog would close and leave the person where they were."""
    cf = window.session.cf
    finding_id = add_finding(cf, "Hana Ortiz praised the market work", heading=domain_id(cf, "1"))
    monkeypatch.setattr(deck_export, "ask_options", lambda parent, current: current)
    monkeypatch.setattr(
        deck_export,
        "review_hits",
        lambda parent, hits: GuardDecision("goto", [], next(iter(hits))),
    )
    assert deck_export.export_feedback(window, window.session) is None
    assert window.stack.currentWidget() is window.page_widget("findings")
    assert window.page_widget("findings").current_id == finding_id
