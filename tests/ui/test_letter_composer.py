"""The letter composer on the Letter page: the outline beside the preview; sections and
blocks added, edited, moved and removed, each undoable; presets asked about first."""

from __future__ import annotations

import pytest
from letter_data import build_letter_scene
from PySide6.QtCore import Qt

from peernotes.core.letter import build_letter
from peernotes.core.letter_outline import outline
from peernotes.ui.letter import composer as composer_ui
from peernotes.ui.letter.page import LetterPage
from peernotes.ui.session import Session


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
    widget.refresh()
    yield widget
    widget.hide()
    session._unsubscribe()


def _titles(scene) -> list[str]:
    return [s.title for s in outline(scene.cf)]


def test_preview_shows_words_paragraph_numbers(page):
    """The preview numbers paragraphs as Word will: 1., 2. … beside the text."""
    text = page.composer.preview.toPlainText()
    assert "Introduction" in text and "1.  Fernhill Borough Council asked" in text.replace(
        "\xa0", " "
    )


def test_add_edit_move_remove_a_section_each_undoable(page, scene, monkeypatch):
    """A section added, renamed, moved and removed from the composer; Undo takes each back."""
    composer = page.composer
    stack = page.session.undo_stack
    monkeypatch.setattr(composer_ui, "ask_title", lambda parent, title, current: "Context")
    composer.add_section()
    assert "Context" in _titles(scene)
    monkeypatch.setattr(composer_ui, "ask_text", lambda parent, title, label, text: "We *saw* it.")
    composer.add_block("prose")
    page.refresh()
    assert "We saw it." in page.composer.preview.toPlainText()
    before = _titles(scene).index("Context")
    composer.select(next(s.id for s in outline(scene.cf) if s.title == "Context"))
    composer.move_selected(-1)
    assert _titles(scene).index("Context") == before - 1
    stack.undo()
    assert _titles(scene).index("Context") == before
    composer.select(next(s.id for s in outline(scene.cf) if s.title == "Context"))
    composer.remove_selected()
    assert "Context" not in _titles(scene)
    stack.undo()
    assert "Context" in _titles(scene)


def test_a_bad_field_is_shown_not_raised(page, scene, monkeypatch):
    """'{counil}' in a block's wording: one clear message, nothing saved."""
    shown: list[str] = []
    monkeypatch.setattr(composer_ui, "show_problem", lambda parent, message: shown.append(message))
    monkeypatch.setattr(composer_ui, "ask_text", lambda *a: "{counil} asked us")
    block = outline(scene.cf)[1].blocks[0]
    page.composer.refresh(build_letter(scene.cf))
    page.composer.select(block.id)
    page.composer.edit_selected()
    assert shown and "{counil}" in shown[0]
    assert outline(scene.cf)[1].blocks[0].text == ""


def test_a_preset_over_edits_asks_first_and_is_undoable(page, scene, monkeypatch):
    """Declining keeps the edited outline; accepting replaces it, and Undo restores it."""
    monkeypatch.setattr(composer_ui, "ask_title", lambda *a: "Mine")
    page.composer.add_section()
    monkeypatch.setattr(composer_ui, "confirm_preset", lambda parent, name: False)
    page.composer.apply_preset("feedback_report")
    assert "Mine" in _titles(scene)
    monkeypatch.setattr(composer_ui, "confirm_preset", lambda parent, name: True)
    page.composer.apply_preset("feedback_report")
    assert "Mine" not in _titles(scene) and "Approach" in _titles(scene)
    page.session.undo_stack.undo()
    assert "Mine" in _titles(scene) and "Approach" not in _titles(scene)


def test_a_findings_text_is_edited_where_it_appears(page, scene, monkeypatch):
    """Clicking a finding's paragraph in the preview edits that narrative; Undo restores."""
    monkeypatch.setattr(composer_ui, "ask_text", lambda *a: "Rewritten where it appears.")
    finding = scene.findings["s1"]
    page.composer.edit_from_preview(f"edit:finding:{finding}:narrative")
    assert scene.cf.get("finding", finding)["narrative"] == "Rewritten where it appears."
    page.session.undo_stack.undo()
    assert scene.cf.get("finding", finding)["narrative"].startswith("Staff told the team")


def test_a_findings_block_is_pointed_at_one_heading_in_prose(page, scene, monkeypatch):
    """Options… on a findings block: one heading, prose only; the letter follows."""
    section = next(s for s in outline(scene.cf) if s.title == "" and s.blocks
                   and s.blocks[0].kind == "findings")  # fmt: skip
    heading = next(h for h in scene.cf.rows("heading") if h["parent_id"] is None)
    monkeypatch.setattr(
        composer_ui, "ask_options",
        lambda parent, kind, options, heading_id, headings: (
            {"order": "author", "bullets": False, "labels": False}, heading["id"]),
    )  # fmt: skip
    page.composer.refresh(build_letter(scene.cf))
    page.composer.select(section.blocks[0].id)
    page.composer.edit_options()
    block = next(s for s in outline(scene.cf) if s.id == section.id).blocks[0]
    assert block.heading_id == heading["id"] and block.options["bullets"] is False
    page.session.undo_stack.undo()
    block = next(s for s in outline(scene.cf) if s.id == section.id).blocks[0]
    assert block.heading_id is None


def test_dragging_moves_blocks_and_sections_undoably(page, scene):
    """A block dragged into another section lands where it was dropped; a section dragged
    above another moves before it; Undo puts each back."""
    sections = outline(scene.cf)
    intro = next(s for s in sections if s.title == "Introduction")
    team = next(b for b in intro.blocks if b.kind == "team")
    key = next(s for s in sections if s.title == "Key messages")
    page.composer.drop(team.id, key.blocks[0].id, below=False, on_item=False)
    moved = next(s for s in outline(scene.cf) if s.title == "Key messages")
    assert [b.kind for b in moved.blocks] == ["team", "key_messages"]
    page.session.undo_stack.undo()
    assert [
        b.kind for b in next(s for s in outline(scene.cf) if s.title == "Key messages").blocks
    ] == ["key_messages"]
    page.composer.drop(key.id, intro.id, below=False, on_item=False)
    titles = [s.title for s in outline(scene.cf)]
    assert titles.index("Key messages") < titles.index("Introduction")
    page.session.undo_stack.undo()
    titles = [s.title for s in outline(scene.cf)]
    assert titles.index("Key messages") > titles.index("Introduction")


def test_a_standard_paragraph_block_chooses_what_it_prints(page, scene, monkeypatch):
    """A standard-paragraph block added to a section can be switched to another paragraph
    of the settings (here the closing), and the letter prints that one there."""
    section = next(s for s in outline(scene.cf) if s.title == "Introduction")
    page.composer.refresh(build_letter(scene.cf))
    page.composer.select(section.id)
    page.composer.add_block("standard")
    block = outline(scene.cf)[1].blocks[-1]
    assert block.kind == "standard"
    monkeypatch.setattr(
        composer_ui, "ask_options",
        lambda parent, kind, options, heading_id, headings: ({**options, "setting": "closing"},
                                                              heading_id),
    )  # fmt: skip
    page.composer.refresh(build_letter(scene.cf))
    page.composer.select(block.id)
    page.composer.edit_options()
    assert outline(scene.cf)[1].blocks[-1].options["setting"] == "closing"


def _block_of_kind(scene, kind: str):
    return next(b for s in outline(scene.cf) for b in s.blocks if b.kind == kind)


def _title_lines(scene) -> list[str]:
    return [b.text for b in build_letter(scene.cf).blocks if b.kind in ("title", "subtitle")]


def test_title_block_lines_order_date_and_type_are_set_in_the_window(
    page, scene, monkeypatch, qtbot
):
    """Options… on the title block: untick the programme, move the date to the top, print
    the on-site dates and call it a "Feedback Report"; the letter's title follows; one
    Edit › Undo puts everything back."""
    from peernotes.core import letter_settings
    from peernotes.ui.letter.options import TitleOptionsDialog

    scene.cf.update("challenge", scene.cf.challenge()["id"],
                    {"onsite_start": "2026-03-03", "onsite_end": "2026-03-05"})  # fmt: skip
    before = _title_lines(scene)

    def answer(parent, current):
        dialog = TitleOptionsDialog(current, parent)
        qtbot.addWidget(dialog)
        rows = {dialog.lines.item(i).text(): i for i in range(dialog.lines.count())}
        dialog.lines.item(rows["Programme"]).setCheckState(Qt.CheckState.Unchecked)
        dialog.lines.setCurrentRow(rows["Date"])
        for _ in range(3):
            qtbot.mouseClick(dialog.up, Qt.MouseButton.LeftButton)
        dialog.date.setCurrentIndex(dialog.date.findData("onsite_dates"))
        dialog.document_type.setEditText("Feedback Report")
        return dialog.answer()

    monkeypatch.setattr(composer_ui, "ask_title_options", answer)
    page.composer.refresh(build_letter(scene.cf))
    page.composer.select(_block_of_kind(scene, "title").id)
    page.composer.edit_options()
    council = scene.cf.challenge()["council"]
    assert _title_lines(scene) == ["3 to 5 March 2026", council, "Feedback Report"]
    assert letter_settings.load(scene.cf).document_type == "Feedback Report"
    page.session.undo_stack.undo()
    assert _title_lines(scene) == before
    assert letter_settings.load(scene.cf).document_type != "Feedback Report"


def test_team_role_labels_and_separator_are_set_in_the_window(page, scene, monkeypatch):
    """Options… on the team list, with its real dialog: role labels off and ": " as the
    separator; the team lines print "Name: job title, organisation", not bold; undoable."""
    from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog

    def accept(dialog):
        boxes = [b for b in dialog.findChildren(QCheckBox) if b.text().startswith("Role labels")]
        boxes[0].setChecked(False)
        combo = next(c for c in dialog.findChildren(QComboBox) if c.isEditable())
        combo.setEditText(": ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", accept)
    page.composer.refresh(build_letter(scene.cf))
    team = _block_of_kind(scene, "team")
    page.composer.select(team.id)
    page.composer.edit_options()
    lines = _team_lines(scene)
    assert lines and all(not any(r.bold for r in b.runs) for b in lines)
    assert all(": " in b.text and "Lead peer" not in b.text for b in lines)
    page.session.undo_stack.undo()
    lines = _team_lines(scene)
    assert all(b.runs[0].bold and " – " in b.text for b in lines)


def _team_lines(scene):
    """The team list's lines (its bullets, not the sentence before them)."""
    return [
        b for b in build_letter(scene.cf).blocks
        if b.kind == "bullet" and b.source and b.source.label == "Team list"
    ]  # fmt: skip
