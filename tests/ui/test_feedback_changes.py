"""Present, then edit a finding: the Letter page lists the change since the feedback as
presented. Exporting the deck offers to record it too."""

from __future__ import annotations

import pytest
from letter_data import build_letter_scene

from peernotes.core import feedback_snapshot
from peernotes.core.deck_settings import DeckOptions
from peernotes.ui.letter import deck_export, feedback_changes
from peernotes.ui.letter.presenter import present
from peernotes.ui.main_window import MainWindow
from peernotes.ui.session import Session
from peernotes.ui.synthesis.weak_findings_dialog import WeakDecision, WeakFindingsDialog


@pytest.fixture
def window(qtbot):
    scene = build_letter_scene(None)
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_session(Session(scene.cf, window))
    window.scene = scene
    yield window
    window.close()


def test_present_then_edit_and_the_letter_page_lists_it(window, monkeypatch):
    """Ending the show offers to record the feedback as presented; after a finding is
    reworded, the Letter page names it under its heading."""
    asked = []
    monkeypatch.setattr(feedback_changes, "ask_record", lambda p, o: asked.append(o) or True)
    show = present(window)
    show.close()
    assert asked == ["presented"]
    cf = window.session.cf
    assert len(feedback_snapshot.snapshots(cf)) == 1
    window.show_page("letter")
    page = window.page_widget("letter")
    assert "No finding has changed since" in page.feedback_changes.text()
    cf.update("finding", window.scene.findings["s1"], {"statement": "Staff feel supported"})
    page.refresh()
    text = page.feedback_changes.text()
    assert "Person-centred and outcomes-focused" in text
    assert "Reworded" in text and "Staff feel supported" in text
    window.session.undo_stack.undo()  # the recording itself is undoable
    cf.update("finding", window.scene.findings["s1"], {"statement": "Staff feel supported"})
    assert window.session.undo_stack.count() >= 1


def test_exporting_offers_to_record_and_no_means_no(window, monkeypatch, tmp_path):
    """After the .pptx is written the user is asked; answering no records nothing."""
    monkeypatch.setattr(deck_export, "ask_options", lambda p, c: DeckOptions())
    monkeypatch.setattr(deck_export, "ask_save_path", lambda p, s: tmp_path / "d.pptx")
    monkeypatch.setattr(deck_export, "show_done", lambda p, path: None)
    monkeypatch.setattr(  # weak findings: export anyway (their own tests say what is asked)
        WeakFindingsDialog, "review", lambda parent, weak, what="": WeakDecision("export")
    )
    monkeypatch.setattr(feedback_changes, "ask_record", lambda p, o: False)
    deck_export.export_feedback(window, window.session)
    assert feedback_snapshot.snapshots(window.session.cf) == []
    monkeypatch.setattr(feedback_changes, "ask_record", lambda p, o: True)
    deck_export.export_feedback(window, window.session)
    assert [s.occasion for s in feedback_snapshot.snapshots(window.session.cf)] == ["exported"]
