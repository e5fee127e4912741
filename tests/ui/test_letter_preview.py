"""The composer's preview mirrors the .docx: the same numbers in the same order, in the
template's fonts, sizes and colours, on the template's text width."""

from __future__ import annotations

import re

import docx
import pytest
from letter_data import build_letter_scene

from peernotes.core.letter import Block, Letter, Run, build_letter
from peernotes.core.letter_presets import apply_preset
from peernotes.export.docx_letter import template_path
from peernotes.ui.letter.preview import preview_html, template_look


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


def _shown(html: str) -> list[str]:
    """The preview's paragraphs as a reader sees them (tags dropped)."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", html, re.S)
    text = [re.sub(r"<[^>]+>", "", p).replace("&nbsp;", " ") for p in paragraphs]
    return [t.replace("&amp;", "&").replace("&#x27;", "'") for t in text]


def test_the_preview_shows_every_number_word_will(scene):
    """Numbered headings 1, 1.1, paragraphs 1., 2., lettered a) b) restarting per list,
    numbered recommendations: the preview prints each before its text."""
    apply_preset(scene.cf, "feedback_report")
    letter = build_letter(scene.cf)
    extra = [
        Block("numbered", (Run("First"),)),
        Block("lettered", (Run("one"),), starts_list=True),
        Block("lettered", (Run("two"),)),
        Block("numbered", (Run("Second"),)),
        Block("lettered", (Run("again"),), starts_list=True),
        Block("list_number", (Run("Act"),)),
    ]
    mixed = Letter(letter.blocks + extra, letter.title, letter.figures, letter.settings)
    shown = _shown(preview_html(mixed))
    assert "1  Introduction" in shown and "3.1  The peer team" in shown
    assert shown[-6:] == ["1.  First", "a)  one", "b)  two", "2.  Second", "a)  again", "1.  Act"]


def test_the_preview_uses_the_templates_styles_and_width(scene):
    """Body text in the template's font and size, headings in its heading colour, a quote
    inside a sentence in its Inline Quote style; the page is the template's text width."""
    template = docx.Document(str(template_path()))
    normal, heading = template.styles["Normal"], template.styles["Heading 1"]
    look = template_look()
    section = template.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    assert round(look.text_width_pt) == round(docx.shared.Length(width).pt)
    html = preview_html(build_letter(scene.cf), look)
    assert f"font-family:'{normal.font.name}'" in html
    assert f"font-size:{round(normal.font.size.pt * 96 / 72)}px" in html  # 100 %
    assert f"color:#{heading.font.color.rgb}".lower() in html.lower()
    quoted = Letter(
        [Block("paragraph", (Run("They said "), Run("“yes”", quote=True)))],
        "t", build_letter(scene.cf).figures, build_letter(scene.cf).settings,
    )  # fmt: skip
    assert "font-style:italic" in preview_html(quoted, look).split("“yes”")[0].rsplit("<span", 1)[1]
