"""Render the feedback deck (peernotes.core.deck) into PowerPoint, on resources/feedback-template.pptx.

python-pptx rather than hand-written OOXML: a .pptx is a package of a dozen linked parts
(slides, layouts, master, notes slides and their notes master, relationships, content
types); python-pptx keeps them consistent, reads any organisation's template, and is the
same family as the python-docx the letter uses.

The template sets the look (scripts/make_deck_template.py): we only pick its two layouts by
name, put text in their placeholders and set each paragraph's level (0 = label,
1 = bullet). Text is never shrunk ("autofit" off): the capacity of the body placeholder is
measured here from its size and font (`DeckTemplate.capacity`), and the core splits long
slides over continuation slides before they get here.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn

from peernotes.core.deck import Capacity, Deck, Slide
from peernotes.export.safe_write import ExportFailed, write_atomically
from peernotes.paths import resources_dir

TITLE_LAYOUT = "Title Slide"
CONTENT_LAYOUT = "Title and Content"
CHAR_EM = 0.55  # average character width of proportional body text, in ems (conservative)
LINE_SPACING = 1.2  # a line's height, in font sizes
EMU_PER_PT = 12700
_DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # left, top, right, bottom (DrawingML defaults)


def template_path() -> Path:
    return resources_dir() / "feedback-template.pptx"


@dataclass(frozen=True)
class DeckTemplate:
    """A template read once: its bytes (each render opens a fresh copy) and its capacity."""

    path: Path
    data: bytes
    capacity: Capacity
    body_pt: float

    def open(self) -> Any:
        return Presentation(io.BytesIO(self.data))


def load_template(path: str | Path | None = None) -> DeckTemplate:
    """Read and check a template; a missing or broken one is an ExportFailed naming it."""
    path = Path(path) if path else template_path()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExportFailed(
            f"The presentation template {path} cannot be read ({error.strerror or error}). "
            "Put a PowerPoint template back at that place, or reinstall PeerNotes."
        ) from error
    try:
        prs: Any = Presentation(io.BytesIO(data))
    except Exception as error:  # python-pptx raises several kinds on a damaged package
        raise ExportFailed(
            f"The presentation template {path} is not a PowerPoint file PeerNotes can read "
            f"({type(error).__name__}). Replace it with a .pptx saved from PowerPoint."
        ) from error
    for name, needed in ((TITLE_LAYOUT, (0, 1)), (CONTENT_LAYOUT, (0, 1))):
        layout = prs.slide_layouts.get_by_name(name)
        found = {p.placeholder_format.idx for p in layout.placeholders} if layout else set()
        if layout is None or not set(needed) <= found:
            raise ExportFailed(
                f"The presentation template {path} has no '{name}' layout with a title and a "
                "body placeholder. Add one in PowerPoint (View › Slide Master) and save it again."
            )
    capacity, body_pt = measure(prs)
    return DeckTemplate(path, data, capacity, body_pt)


# ------------------------------------------------------------------------ measuring
def _font_size(elements: list[Any], level_tags: tuple[str, ...]) -> float | None:
    sizes = []
    for element in elements:
        if element is None:
            continue
        for tag in level_tags:
            rpr = element.find(f"{qn(tag)}/{qn('a:defRPr')}")
            if rpr is not None and rpr.get("sz"):
                sizes.append(int(rpr.get("sz")) / 100)
    return max(sizes) if sizes else None


def _gap_lines(elements: list[Any]) -> float:
    for element in elements:
        if element is None:
            continue
        spacing = element.find(f"{qn('a:lvl2pPr')}/{qn('a:spcBef')}")
        if spacing is None:
            continue
        points = spacing.find(qn("a:spcPts"))
        if points is not None:
            return -1.0 * int(points.get("val")) / 100  # points; converted by the caller
        percent = spacing.find(qn("a:spcPct"))
        if percent is not None:
            return int(percent.get("val")) / 100000
    return 0.2


def measure(prs: Any) -> tuple[Capacity, float]:
    """How many lines of body text, and characters a line, the content layout's body holds."""
    layout = prs.slide_layouts.get_by_name(CONTENT_LAYOUT)
    body = next(p for p in layout.placeholders if p.placeholder_format.idx == 1)
    master = prs.slide_master.element
    styles = [
        body.element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}"),
        master.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}"),
    ]
    size = _font_size(styles, ("a:lvl1pPr", "a:lvl2pPr")) or 18.0
    insets = list(_DEFAULT_INSETS)
    body_pr = body.element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
    for i, name in enumerate(("lIns", "tIns", "rIns", "bIns")):
        if body_pr is not None and body_pr.get(name):
            insets[i] = int(body_pr.get(name))
    width = int(body.width) - insets[0] - insets[2]
    height = int(body.height) - insets[1] - insets[3]
    char = size * CHAR_EM * EMU_PER_PT
    line = size * LINE_SPACING * EMU_PER_PT
    gap = _gap_lines(styles)
    gap_lines = (-gap * EMU_PER_PT / line) if gap < 0 else gap
    indent = 342900
    for element in styles:
        ppr = element.find(qn("a:lvl2pPr")) if element is not None else None
        if ppr is not None and ppr.get("marL"):
            indent = int(ppr.get("marL"))
            break
    title_chars, title_lines = _title_capacity(prs, layout)
    capacity = Capacity(
        chars_per_line=max(10, math.floor(width / char)),
        lines=max(2.0, height / line),
        indent_chars=math.ceil(indent / char),
        paragraph_gap=round(gap_lines, 3),
        title_chars_per_line=title_chars,
        title_lines=title_lines,
    )
    return capacity, size


def _title_capacity(prs: Any, layout: Any) -> tuple[int, int]:
    """Characters a line and lines of the content layout's title (bold: a wider em)."""
    title = next(p for p in layout.placeholders if p.placeholder_format.idx == 0)
    styles = [
        title.element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}"),
        prs.slide_master.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}"),
    ]
    size = _font_size(styles, ("a:lvl1pPr",)) or 44.0
    width = int(title.width) - _DEFAULT_INSETS[0] - _DEFAULT_INSETS[2]
    height = int(title.height) - _DEFAULT_INSETS[1] - _DEFAULT_INSETS[3]
    chars = max(8, math.floor(width / (size * CHAR_EM * EMU_PER_PT)))
    lines = max(1, round(height / (size * LINE_SPACING * EMU_PER_PT)))
    return chars, lines


# ------------------------------------------------------------------------ rendering
def render(deck: Deck, template: DeckTemplate) -> Any:
    """The deck as a python-pptx Presentation on the template (not yet saved)."""
    prs = template.open()
    layouts = {
        "title": prs.slide_layouts.get_by_name(TITLE_LAYOUT),
        "content": prs.slide_layouts.get_by_name(CONTENT_LAYOUT),
    }
    for slide in deck.slides:
        _add_slide(prs, layouts[slide.layout], slide)
    properties = prs.core_properties
    properties.title = deck.title[:255]
    properties.subject = "Feedback presentation"
    properties.author = "PeerNotes"
    properties.comments = "Written by PeerNotes from the challenge's roll-up."
    return prs


def _add_slide(prs: Any, layout: Any, slide: Slide) -> None:
    page = prs.slides.add_slide(layout)
    holders = {p.placeholder_format.idx: p for p in page.placeholders}
    holders[0].text_frame.text = slide.title
    body = holders.get(1)
    if body is not None:
        if slide.layout == "title":
            if slide.subtitle:
                body.text_frame.text = slide.subtitle
            else:
                _remove(body)
        elif slide.bullets:
            frame = body.text_frame
            frame.word_wrap = True
            frame.auto_size = MSO_AUTO_SIZE.NONE  # never shrink: continuation slides instead
            for number, bullet in enumerate(slide.bullets):
                paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
                paragraph.text = bullet.text
                paragraph.level = min(bullet.level, 8)
        else:
            _remove(body)
    if slide.notes:
        page.notes_slide.notes_text_frame.text = slide.notes_text


def _remove(shape: Any) -> None:
    element: etree._Element = shape.element
    element.getparent().remove(element)


def export_deck(deck: Deck, target: str | Path, template: DeckTemplate | None = None) -> Path:
    """Write the deck to `target` (atomically: never half a file under its name)."""
    template = template or load_template()
    prs = render(deck, template)

    def write(stream: IO[bytes]) -> None:
        prs.save(stream)

    return write_atomically(target, write)
