"""The letter template carries every style the letter is written with (re-branding is one
file), and a template lacking one still exports, with a warning naming the missing style."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from letter_data import build_letter_scene

from peernotes.core.letter import Block, Letter, Run, build_letter
from peernotes.core.letter_presets import apply_preset
from peernotes.export.docx_letter import render_letter, template_path

NEW_STYLES = ("Heading Numbers", "List Number", "List Letter", "Strong", "Emphasis", "Inline Quote")


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


def _abstracts(document) -> int:
    return len(document.part.numbering_part.element.findall(qn("w:abstractNum")))


def _linked_num(style) -> str | None:
    num = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return num.get(qn("w:val")) if num is not None else None


def _without(tmp_path: Path, name: str) -> Path:
    template = docx.Document(str(template_path()))
    style = template.styles[name].element
    style.getparent().remove(style)
    out = tmp_path / f"no-{name.replace(' ', '-')}.docx"
    template.save(str(out))
    return out


def _sampler(scene) -> Letter:
    """A letter using every new style: numbered headings, numbered recommendations, a
    lettered sub-list, bold, italic and an inline quote."""
    letter = build_letter(scene.cf)
    extra = [
        Block("heading", (Run("Approach"),), level=1, numbered=True),
        Block("heading", (Run("The team"),), level=2, numbered=True),
        Block("paragraph", (Run("We saw "), Run("three", bold=True), Run(" things:"))),
        Block("lettered", (Run("a plan"),), starts_list=True),
        Block("lettered", (Run("good data", italic=True),)),
        Block("paragraph", (Run("One said "), Run("“it works”", quote=True), Run("."))),
        Block("lettered", (Run("again"),), starts_list=True),
        Block("list_number", (Run("Act now"),)),
    ]
    return Letter(extra, letter.title, letter.figures, letter.settings)


def test_the_template_links_every_numbering_style_to_its_own_definition():
    """Re-branding is one file: the heading numbers, the numbered recommendations and the
    lettered sub-list are defined in the template (decimal 1 / 1.1, decimal 1., letters a)),
    not made by the exporter; the emphasis styles are there too."""
    template = docx.Document(str(template_path()))
    for name in NEW_STYLES:
        assert template.styles[name] is not None
    numbering = template.part.numbering_part.element
    formats = {}
    for name in ("Heading Numbers", "List Number", "List Letter"):
        num_id = _linked_num(template.styles[name])
        assert num_id is not None, name
        num = next(n for n in numbering.findall(qn("w:num")) if str(n.numId) == num_id)
        abstract = next(
            a for a in numbering.findall(qn("w:abstractNum"))
            if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
        )  # fmt: skip
        levels = abstract.findall(qn("w:lvl"))
        formats[name] = [
            (lv.find(qn("w:numFmt")).get(qn("w:val")), lv.find(qn("w:lvlText")).get(qn("w:val")))
            for lv in levels
        ]
    assert formats["Heading Numbers"][:2] == [("decimal", "%1"), ("decimal", "%1.%2")]
    assert formats["List Number"] == [("decimal", "%1.")]
    assert formats["List Letter"] == [("lowerLetter", "%1)")]
    assert template.styles["Inline Quote"].font.italic


def test_the_letter_uses_the_templates_numbering_and_emphasis(scene, tmp_path):
    """Nothing is added at write time but a restart of the letters per sub-list: headings
    are numbered by the template's definition, emphasis runs carry Strong / Emphasis /
    Inline Quote, each lettered sub-list starts again at a."""
    writer = render_letter(_sampler(scene))
    assert writer.warnings == []
    document = docx.Document(str(writer.save(tmp_path / "out.docx")))
    template = docx.Document(str(template_path()))
    assert _abstracts(document) == _abstracts(template)
    paragraphs = document.paragraphs
    heading_num = _linked_num(template.styles["Heading Numbers"])
    assert paragraphs[0]._p.pPr.numPr.numId.val == int(heading_num)
    assert paragraphs[1]._p.pPr.numPr.ilvl.val == 1
    styles = {r.text: r.style.name for p in paragraphs for r in p.runs if r.style is not None}
    assert styles["three"] == "Strong" and styles["good data"] == "Emphasis"
    assert styles["“it works”"] == "Inline Quote"
    lettered = [p for p in paragraphs if p.style.name == "List Letter"]
    assert [p.text for p in lettered] == ["a plan", "good data", "again"]
    ids = [p._p.pPr.numPr.numId.val for p in lettered]
    assert ids[0] == ids[1] != ids[2]
    numbering = document.part.numbering_part.element
    restart = next(n for n in numbering.findall(qn("w:num")) if n.numId == ids[2])
    start = restart.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
    assert start.get(qn("w:val")) == "1"


@pytest.mark.parametrize("missing", NEW_STYLES)
def test_a_template_lacking_a_style_falls_back_with_a_warning(scene, tmp_path, missing):
    """A re-branded template without one of the new styles still writes the whole letter,
    and the export names the missing style; numbers and emphasis still show."""
    writer = render_letter(_sampler(scene), _without(tmp_path, missing))
    assert [w for w in writer.warnings if f"“{missing}”" in w], writer.warnings
    document = docx.Document(str(writer.save(tmp_path / "out.docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["Approach", "The team", "We saw three things:"]
    for paragraph in document.paragraphs:
        if paragraph.text in ("Approach", "a plan", "Act now"):
            assert paragraph._p.pPr.numPr is not None, paragraph.text
    runs = {r.text: r for p in document.paragraphs for r in p.runs}
    look = runs["three"].bold or runs["three"].style.name == "Strong"
    assert look
    quote = runs["“it works”"]
    assert quote.italic or quote.style.name == "Inline Quote"


def test_a_preset_export_with_the_shipped_template_has_no_style_warnings(scene):
    """The shipped template has every style: exporting the corporate preset (numbered
    recommendations) warns about no missing style."""
    apply_preset(scene.cf, "corporate_2024")
    writer = render_letter(build_letter(scene.cf))
    assert not [w for w in writer.warnings if "template" in w]
