"""Each preset shape, rebuilt through the JSON import and the CLI export, asserted on the .docx
as a reader sees it in Word: section order and numbers, paragraph numbers, bullets or prose,
the author's order, emphasis, nested lists, the ending."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from letter_data import build_letter_scene, domain_id

from peernotes.cli import main
from peernotes.core import findings as ops
from peernotes.core import interchange, letter_settings
from peernotes.core.letter import build_letter
from peernotes.core.letter_outline import add_block, outline
from peernotes.core.letter_presets import apply_preset


def _look(run) -> tuple[str, bool, bool]:
    """A run as a reader sees it: (text, bold, italic), through the template's Strong and
    Emphasis character styles or direct formatting."""
    style = run.style.name if run.style is not None else ""
    return (
        run.text,
        bool(run.bold) or style == "Strong",
        bool(run.italic) or style in ("Emphasis", "Inline Quote"),
    )


def _rebuild(tmp_path: Path, preset: str, edit=None) -> docx.document.Document:
    """Compose in one file, carry it through `export --json` / `import`, export the letter
    with the CLI, reopen the .docx."""
    scene = build_letter_scene(tmp_path / "source.peernotes")
    try:
        apply_preset(scene.cf, preset)
        if edit is not None:
            edit(scene)
        document = interchange.export_json(scene.cf)
    finally:
        scene.cf.close()
    exported = tmp_path / "challenge.json"
    exported.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "imported.peernotes"
    assert main(["import", str(exported), "--out", str(target)]) == 0
    out = tmp_path / "letter.docx"
    code = main(["export", str(target), "--letter", str(out), "--allow", "Ivor Pengelly"])
    assert code == 0
    return docx.Document(str(out))


def _num(paragraph) -> tuple[str, str] | None:
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None:
        return None
    return (str(ppr.numPr.numId.val), str(ppr.numPr.ilvl.val))


def _outline_of(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


def test_regional_summary_letter_numbers_paragraphs_and_keeps_the_authors_order(tmp_path):
    """Numbered paragraphs run on through the letter (one Word list, never restarted); the
    summary has headline bullets then the author's own paragraph; a section's paragraphs
    print in the order the author set across kinds; a key message is printed once."""

    def edit(scene):
        summary = next(s for s in outline(scene.cf) if s.title == "Summary")
        prose = next(b for b in summary.blocks if b.kind == "prose")
        from peernotes.core.letter_outline import update_block

        update_block(scene.cf, prose.id, text="The council is *well placed* to improve.")
        domain = domain_id(scene.cf, "1")
        ops.reorder_heading(scene.cf, domain, [scene.findings["a1"], scene.findings["s1"]])

    document = _rebuild(tmp_path, "regional_summary_letter", edit)
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert len({_num(p) for p in numbered}) == 1 and None not in {_num(p) for p in numbered}
    texts = [p.text for p in numbered]
    assert texts.index(
        "Planning for young people moving to adult services often begins at seventeen."
    ) < texts.index("Staff told the team that managers are visible and approachable.")
    summary = next(p for p in numbered if p.text == "The council is well placed to improve.")
    runs = [(text, italic) for text, _, italic in map(_look, summary.runs)]
    assert ("well placed", True) in runs
    bullets = [p.text for p in document.paragraphs if p.style.name.startswith("List Bullet")]
    assert bullets.count("Staff are committed and well supported") == 1
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Introduction", "Summary"]
    assert "Yours sincerely," in [p.text for p in document.paragraphs]


def test_feedback_report_numbers_sections_over_prose_without_bullets(tmp_path):
    """1 Introduction, 2 Key messages, 3 Approach with 3.1 …, 4 Feedback with 4.1 … one per
    heading: real Word heading numbering (one list, levels 0 and 1); the paragraphs are not
    numbered; no bullets in the feedback; no sign-off and no appendix."""
    document = _rebuild(tmp_path, "feedback_report")
    headings = [p for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    numbers = {_num(p) for p in headings}
    assert None not in numbers and len({n[0] for n in numbers}) == 1
    levels = [(p.text, _num(p)[1]) for p in headings]
    assert levels[:3] == [("Introduction", "0"), ("Key messages", "0"), ("Approach", "0")]
    assert ("The peer team", "1") in levels
    assert not [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    feedback_at = [p.text for p in document.paragraphs].index("Feedback")
    after = document.paragraphs[feedback_at:]
    assert not [p for p in after if p.style.name.startswith("List Bullet")]
    texts = [p.text for p in document.paragraphs]
    assert "Yours sincerely," not in texts and not any(t.startswith("Appendix") for t in texts)
    assert texts[1] == "Fernhill Borough Council" or "Feedback Report" in texts[:5]


def test_corporate_report_numbers_recommendations_up_front(tmp_path):
    """The recommendations come right after the executive summary, as one numbered Word
    list (1, 2, 3), and the feedback follows per core element."""
    document = _rebuild(tmp_path, "corporate_2024")
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert h1[:2] == ["Executive summary", "Recommendations"]
    items = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in items][:1] and len({_num(p) for p in items}) == 1
    assert None not in {_num(p) for p in items}
    assert h1.index("Recommendations") < h1.index("Feedback")


def test_markup_prints_emphasis_and_a_nested_list(tmp_path):
    """**bold** and *italic* are runs; '- ' lines are a nested list level; the guard reads
    the text without the marks."""

    def edit(scene):
        section = outline(scene.cf)[1]
        add_block(
            scene.cf, section.id, "prose",
            text="We saw **three** things *in particular*:\n- a clear plan\n- good data",
        )  # fmt: skip

    document = _rebuild(tmp_path, "regional_summary_letter", edit)
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("We saw three things"))
    runs = [_look(r) for r in paragraphs[at].runs]
    assert ("three", True, False) in runs and ("in particular", False, True) in runs
    assert [(p.style.name, p.text) for p in paragraphs[at + 1 : at + 3]] == [
        ("List Bullet 2", "a clear plan"),
        ("List Bullet 2", "good data"),
    ]


def test_preview_numbers_match_words(tmp_path):
    """The composer's preview shows the numbers Word will show: 1, 2, 3 … for paragraphs in
    the regional letter; 1, 2, 3, 3.1 for the feedback report's headings."""
    scene = build_letter_scene(tmp_path / "f.peernotes")
    try:
        apply_preset(scene.cf, "feedback_report")
        letter = build_letter(scene.cf)
        shown = [(n, b.text) for n, b in zip(letter.numbers(), letter.blocks, strict=True) if n]
        assert shown[:4] == [
            ("1", "Introduction"),
            ("2", "Key messages"),
            ("3", "Approach"),
            ("3.1", "The peer team"),
        ]
        apply_preset(scene.cf, "regional_summary_letter")
        letter = build_letter(scene.cf)
        numbers = [n for n, b in zip(letter.numbers(), letter.blocks, strict=True) if n]
        assert numbers[:3] == ["1.", "2.", "3."]
    finally:
        scene.cf.close()


def test_title_lines_and_labels_as_configured(tmp_path):
    """The title block prints the lines asked for in that order, with the on-site dates; the
    areas sub-heading uses the challenge's own label."""

    def edit(scene):
        from peernotes.core.letter_outline import update_block

        title = outline(scene.cf)[0].blocks[0]
        update_block(scene.cf, title.id, options={"lines": ["document_type", "council", "date"],
                                                  "date": "onsite_dates"})  # fmt: skip
        letter_settings.save(scene.cf, areas_label="Areas for development")

    document = _rebuild(tmp_path, "regional_summary_letter", edit)
    top = [(p.style.name, p.text) for p in document.paragraphs[:3]]
    assert top[0] == ("Title", "Summary Letter")
    assert top[1] == ("Subtitle", "Fernhill Borough Council")
    assert "Areas for development" in [p.text for p in document.paragraphs]
    assert "Areas for consideration" not in [p.text for p in document.paragraphs]


@pytest.mark.parametrize("preset", ["regional_summary_letter", "feedback_report", "corporate_2024"])
def test_each_preset_document_is_accessible(tmp_path, preset):
    """Councils publish these: the file carries its title and language, and every heading
    is a real heading style."""
    document = _rebuild(tmp_path, preset)
    assert document.core_properties.title.startswith("Fernhill Borough Council")
    assert document.core_properties.language == "en-GB"
    for table in document.tables:
        assert table.rows[0]._tr.trPr is not None  # header row repeats (w:tblHeader)


def test_a_prose_only_finding_prints_its_narrative_without_a_bullet(tmp_path):
    """A strength flagged prose only, in the regional letter (bullets on): no bullet for its
    statement, its narrative is a numbered paragraph in the author's place; the other
    findings keep their bullets. The flag survives `export --json` / `import`."""

    def edit(scene):
        ops.update_finding(scene.cf, scene.findings["s3"], prose_only=True)

    document = _rebuild(tmp_path, "regional_summary_letter", edit)
    bullets = [p.text for p in document.paragraphs if p.style.name.startswith("List Bullet")]
    assert "Political leadership is engaged" not in bullets
    assert "Quality assurance has less resource than commissioning" in bullets
    numbered = [p.text for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert "Councillors were well briefed and supportive of integration." in numbered


def test_an_inline_quote_and_a_lettered_sub_list_print_as_word_shows_them(tmp_path):
    """ ""words"" is a run in the Inline Quote style between curly quotes; "a) " lines are a
    lettered list (List Letter, real Word numbering restarting per paragraph)."""

    def edit(scene):
        section = outline(scene.cf)[1]
        add_block(
            scene.cf, section.id, "prose",
            text='Staff said ""we are heard"" often. We ask for:\na) a plan\nb) good data',
        )  # fmt: skip
        add_block(scene.cf, section.id, "prose", text="And two more:\na) one\nb) two")

    document = _rebuild(tmp_path, "regional_summary_letter", edit)
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Staff said"))
    assert paragraphs[at].text == "Staff said “we are heard” often. We ask for:"
    quote = [r for r in paragraphs[at].runs if r.text == "“we are heard”"]
    assert quote and quote[0].style.name == "Inline Quote"
    lettered = [p for p in paragraphs if p.style.name == "List Letter"]
    assert [p.text for p in lettered] == ["a plan", "good data", "one", "two"]
    ids = [_num(p)[0] for p in lettered]
    assert ids[0] == ids[1] != ids[2] == ids[3]
