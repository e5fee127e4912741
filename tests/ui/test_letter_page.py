"""The Letter page: settings saved and undone, the outline with evidence badges, the guard
dialog that stops an export naming someone, and the exports themselves."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from letter_data import add_finding, build_letter_scene, domain_id
from PySide6.QtCore import Qt

from peernotes.core import attribution, letter_settings
from peernotes.core.letter import build_letter
from peernotes.ui import letter as letter_ui_feature
from peernotes.ui.letter import page as letter_ui
from peernotes.ui.letter.guard import GuardDecision, GuardDialog, NameHitsModel
from peernotes.ui.letter.page import LetterPage
from peernotes.ui.main_window import MainWindow
from peernotes.ui.session import Session
from peernotes.ui.synthesis.weak_findings_dialog import WeakDecision, WeakFindingsDialog
from peernotes.ui.workspace import Ref


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


@pytest.fixture
def page(scene, qtbot):
    session = Session(scene.cf)
    widget = LetterPage(session)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    yield widget
    widget.hide()
    session._unsubscribe()


@pytest.fixture
def answers(monkeypatch, tmp_path):
    """Answer the save and done dialogs: the file goes to tmp_path; record what was shown."""
    shown: list[Path] = []
    monkeypatch.setattr(
        letter_ui, "ask_save_path", lambda parent, title, suggested: tmp_path / suggested.name
    )
    monkeypatch.setattr(
        letter_ui, "show_done", lambda parent, title, path: shown.append(path) or False
    )
    monkeypatch.setattr(
        WeakFindingsDialog, "review", lambda parent, weak, what="letter": WeakDecision("export")
    )
    return shown


def test_the_letter_page_is_in_the_window(scene, qtbot):
    """Opening a challenge shows a Letter page in the navigation, and File offers both exports."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_session(Session(scene.cf, window))
    assert "letter" in window.pages
    assert window.pages["letter"].order == 80
    texts = [a.text() for a in window.menu("&File").actions()]
    assert "Export &letter…" in texts and "Export &evidence report…" in texts
    window.session._unsubscribe()
    window.session = None


def test_editing_a_setting_saves_it_and_undo_takes_it_back(page, scene, qtbot):
    """Typing the clients saves them to the file (after a pause, or at once on export);
    Undo restores the previous value."""
    editor = page.editors["clients"]
    editor.setPlainText("Sam Doe, Director of Adult Social Services")
    qtbot.waitUntil(
        lambda: letter_settings.load(scene.cf).clients.startswith("Sam Doe"), timeout=3000
    )
    page.session.undo_stack.undo()
    assert letter_settings.load(scene.cf).clients == ""
    page.session.undo_stack.redo()
    assert letter_settings.load(scene.cf).clients.startswith("Sam Doe")


def test_choice_and_reset_buttons(page, scene, qtbot):
    page.editors["document_type"].setCurrentText("Report")
    assert letter_settings.load(scene.cf).document_type == "Report"
    page.editors["next_steps"].setPlainText("Our own next steps.")
    page.flush()
    assert page.reset_buttons["next_steps"].isEnabled()
    page.reset("next_steps")
    assert letter_settings.load(scene.cf).is_default("next_steps")
    assert "action plan" in page.editors["next_steps"].toPlainText()


def test_outline_lists_sections_with_evidence_badges(page, scene, qtmodeltester):
    """The outline shows each finding under its heading with its triangulation level, so a
    single-source claim is seen before export."""
    qtmodeltester.check(page.outline_model, force_py=True)
    rows = [
        page.outline_model.data(page.outline_model.index(r, 0))
        for r in range(page.outline_model.rowCount())
    ]
    assert any(r.strip() == "Person-centred and outcomes-focused" for r in rows)
    row = next(i for i, r in enumerate(rows) if "Staff are committed" in r)
    badge = page.outline_model.data(page.outline_model.index(row, 1))
    assert badge  # a level label from the triangulation module
    assert "Counted from the notes" in page.notes.text()


def test_a_clean_letter_exports_and_offers_to_open_it(page, answers, tmp_path):
    written = page.export_letter()
    assert written is not None and written.exists()
    assert answers == [written]
    texts = [p.text for p in docx.Document(str(written)).paragraphs]
    assert "Staff are committed and well supported" in texts


def test_the_guard_stops_the_export_by_default(page, scene, answers, monkeypatch, tmp_path):
    """A name in a narrative opens the guard; closing it (Stop) writes nothing."""
    add_finding(
        scene.cf,
        "Respite is hard to book",
        heading=domain_id(scene.cf, "2"),
        narrative="Dana Reddaway said so.",
    )
    seen = []
    monkeypatch.setattr(
        GuardDialog,
        "review",
        classmethod(lambda cls, parent, hits: seen.append(hits) or GuardDecision()),
    )
    assert page.export_letter() is None
    assert [h.matched for h in seen[0]] == ["Dana Reddaway"]
    assert answers == [] and list(tmp_path.glob("*.docx")) == []


def test_allowing_every_item_lets_the_export_through_and_is_remembered(
    page, scene, answers, monkeypatch
):
    add_finding(scene.cf, "Pengelly Court works well", heading=domain_id(scene.cf, "2"))
    monkeypatch.setattr(
        GuardDialog,
        "review",
        classmethod(lambda cls, parent, hits: GuardDecision("export", list(hits))),
    )
    written = page.export_letter()
    assert written is not None and written.exists()
    assert letter_settings.load(scene.cf).allowed_names == ["Pengelly"]
    assert attribution.scan(scene.cf, build_letter(scene.cf)) == []


def test_go_to_shows_the_finding(page, scene, monkeypatch):
    finding = add_finding(
        scene.cf, "Respite", heading=domain_id(scene.cf, "2"), narrative="Eli Thistlewood said so."
    )
    calls = []

    class FakeWindow:  # the Workspace the main window implements
        session = page.session

        def go_to(self, ref):
            calls.append(ref)
            return True

        def show_page(self, key):
            calls.append(key)

    page.window_ = FakeWindow()
    monkeypatch.setattr(
        GuardDialog,
        "review",
        classmethod(lambda cls, parent, hits: GuardDecision("goto", [], hits[0])),
    )
    assert page.export_letter() is None
    assert calls == [Ref("finding", finding)]


def test_guard_dialog_allows_item_by_item(scene, qtbot, qtmodeltester):
    """Stop is the default; Export is enabled only when every item has been allowed."""
    add_finding(
        scene.cf,
        "X",
        heading=domain_id(scene.cf, "2"),
        narrative="Dana Reddaway and Eli Thistlewood spoke.",
    )
    hits = attribution.scan(scene.cf, build_letter(scene.cf))
    dialog = GuardDialog(hits)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model, force_py=True)
    assert dialog.model.rowCount() == 2
    assert dialog.stop_button.isDefault()
    assert not dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.allow_button, Qt.MouseButton.LeftButton)
    assert not dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.allow_button, Qt.MouseButton.LeftButton)
    assert dialog.export_button.isEnabled()
    assert dialog.model.data(dialog.model.index(1, 4)) == "Allowed"
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.decision.action == "export"
    assert [h.matched for h in dialog.decision.allowed] == ["Dana Reddaway", "Eli Thistlewood"]


def test_name_hits_model_passes_the_model_tester(scene, qtmodeltester):
    add_finding(scene.cf, "X", heading=domain_id(scene.cf, "2"), narrative="Gus Halloran spoke.")
    model = NameHitsModel(attribution.scan(scene.cf, build_letter(scene.cf)))
    qtmodeltester.check(model, force_py=True)
    assert "Inclusive" in model.data(model.index(0, 2))


def test_evidence_report_export(page, answers):
    written = page.export_evidence_report()
    assert written is not None and written.exists()
    assert "Evidence report" in written.name
    assert answers == [written]


def test_export_failure_is_shown_not_raised(page, answers, monkeypatch, tmp_path):
    errors = []
    monkeypatch.setattr(
        letter_ui.messages, "error", lambda parent, title, text: errors.append(text)
    )
    monkeypatch.setattr(
        letter_ui, "ask_save_path", lambda *a: tmp_path / "missing-folder" / "x.docx"
    )
    assert page.export_letter() is None
    assert errors and "does not exist" in errors[0]


def test_menu_action_without_a_challenge_says_so(qtbot, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    errors = []
    monkeypatch.setattr(
        letter_ui.messages, "error", lambda parent, title, text: errors.append(title)
    )
    action = next(a for a in window.menu("&File").actions() if a.text() == "Export &letter…")
    assert not action.isEnabled()  # greyed out until a challenge is open
    letter_ui_feature._run_on_page(window, LetterPage.export_letter)  # a route past the menu
    assert errors == ["No challenge open"]


def test_page_works_on_a_file_on_disk(tmp_path, qtbot, answers):
    """The same page on a real file (the usual case) suggests a name beside the file."""
    scene = build_letter_scene(tmp_path / "disk.peernotes")
    session = Session(scene.cf)
    widget = LetterPage(session)
    qtbot.addWidget(widget)
    assert widget._suggested("").parent == tmp_path
    assert (
        widget._suggested("").name
        == "Fernhill Borough Council Adult Social Care Peer Challenge Summary Letter.docx"
    )
    session._unsubscribe()
    scene.cf.close()


def test_weak_findings_are_listed_before_export_with_go_to(page, scene, answers, monkeypatch):
    """A finding resting on one source or none is named before the letter is written: the
    lead peer can stop, go to it, or export anyway -- asked once."""
    asked = []

    def review(parent, weak, what="letter"):
        asked.append([w.statement for w in weak])
        return WeakDecision("goto", weak[0].id)

    add_finding(scene.cf, "Nobody has evidenced this yet", heading=domain_id(scene.cf, "2"))
    monkeypatch.setattr(WeakFindingsDialog, "review", review)
    gone_to = []
    monkeypatch.setattr(page, "_go_to_record", lambda *args: gone_to.append(args))
    assert page.export_letter() is None
    assert len(asked) == 1 and "Nobody has evidenced this yet" in asked[0]
    assert gone_to and gone_to[0][0] == "finding"
    assert answers == []  # nothing written
    monkeypatch.setattr(
        WeakFindingsDialog, "review", lambda parent, weak, what="letter": WeakDecision("export")
    )
    assert page.export_letter() is not None


def test_weak_findings_dialog_lists_each_with_go_to(qtbot):
    """The dialog names each weak finding and Go to picks the selected one."""
    from peernotes.core.weak_findings import WeakFinding

    weak = [
        WeakFinding(
            "a",
            "Carers value respite",
            "Strength",
            "2 Inclusive",
            "single_source",
            "Single source — to test",
        ),
        WeakFinding(
            "b",
            "Waits are long",
            "Area for consideration",
            "3 Well led",
            "no_evidence",
            "No evidence yet",
        ),
    ]
    dialog = WeakFindingsDialog(None, weak, "letter")
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert dialog.list.item(1).text().startswith('No evidence yet: "Waits are long"')
    dialog.list.setCurrentRow(1)
    dialog._go_to()
    assert dialog.decision == WeakDecision("goto", "b")
