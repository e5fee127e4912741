"""Generate resources/feedback-template.pptx: the look of the final-day feedback deck.

    python scripts/make_deck_template.py [OUT.pptx] [--accent RRGGBB] [--font NAME]

The exporter (peernotes.export.pptx_deck) takes every colour, font, size and position from
this one file, so an organisation re-brands the deck by replacing it -- in PowerPoint, with
its own master -- and no code changes. A replacement template should keep two layouts:

    "Title Slide"        title (placeholder 0) and subtitle (placeholder 1)
    "Title and Content"  title (placeholder 0) and body (placeholder 1)

The body's level-1 paragraphs are labels ("Strengths", "Areas for consideration"), level-2
paragraphs the bullets. How much a slide holds is measured from the body placeholder's size
and font size, so a template with larger text simply gives more continuation slides; body
text should stay at 24 pt or more to be readable from the back of a council chamber.

Built from python-pptx's default template, widened to 16:9; the look lives in the slide
master's text styles, a colour bar on the master, and the title layout's background.
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.util import Inches

WIDE = Inches(13.333)
HIGH = Inches(7.5)
ACCENT = "1F4E79"
FONT = "Arial"
TEXT = "1B1B1B"
BODY_PT = 24
TITLE_PT = 36


def build_template(accent: str = ACCENT, font: str = FONT, text: str = TEXT) -> PresentationType:
    prs = Presentation()
    scale = WIDE / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE, HIGH
    master = prs.slide_master
    for holder in (master, *prs.slide_layouts):
        for shape in holder.placeholders:
            xfrm = shape.element.spPr.find(qn("a:xfrm"))
            if xfrm is not None:  # its own position, not one inherited from the master
                offset, size = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
                offset.set("x", str(int(int(offset.get("x")) * scale)))
                size.set("cx", str(int(int(size.get("cx")) * scale)))
    _text_styles(master.element, accent, font, text)
    _accent_bar(prs, accent)
    title_layout = prs.slide_layouts.get_by_name("Title Slide")
    assert title_layout is not None
    title_layout.background.fill.solid()
    title_layout.background.fill.fore_color.rgb = RGBColor.from_string(accent)
    holders = {p.placeholder_format.idx: p for p in title_layout.placeholders}
    holders[1].left, holders[1].width = holders[0].left, holders[0].width
    _white_text(holders[0].element, font, TITLE_PT + 8, bold=True)
    _white_text(holders[1].element, font, 28, bold=False)
    return prs


def _text_styles(master: etree._Element, accent: str, font: str, text: str) -> None:
    styles = master.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    _run_style(title.find(qn("a:defRPr")), TITLE_PT, accent, font, bold=True)
    body = styles.find(qn("p:bodyStyle"))
    for level in range(1, 10):
        ppr = body.find(qn(f"a:lvl{level}pPr"))
        if ppr is None:
            continue
        _run_style(ppr.find(qn("a:defRPr")), BODY_PT, accent if level == 1 else text, font)
        spacing = ppr.find(qn("a:spcBef"))
        for child in list(spacing):
            spacing.remove(child)
        etree.SubElement(spacing, qn("a:spcPts")).set("val", "600")
        if level == 1:  # labels: no bullet, bold, in the accent colour
            ppr.set("marL", "0")
            ppr.set("indent", "0")
            for tag in ("a:buFont", "a:buChar"):
                found = ppr.find(qn(tag))
                if found is not None:
                    ppr.remove(found)
            ppr.insert(list(ppr).index(ppr.find(qn("a:defRPr"))), etree.Element(qn("a:buNone")))
            ppr.find(qn("a:defRPr")).set("b", "1")
        else:
            ppr.set("marL", str(342900 * (level - 1)))
            ppr.set("indent", "-342900")
            bullet = ppr.find(qn("a:buChar"))
            if bullet is not None:
                bullet.set("char", "•")


def _run_style(rpr: etree._Element, size: int, colour: str, font: str, bold: bool = False) -> None:
    rpr.set("sz", str(size * 100))
    if bold:
        rpr.set("b", "1")
    fill = rpr.find(qn("a:solidFill"))
    for child in list(fill):
        fill.remove(child)
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
    rpr.find(qn("a:latin")).set("typeface", font)


def _accent_bar(prs: PresentationType, accent: str) -> None:
    """A thin bar across the top of every content slide: drawn on a scratch slide, then
    moved onto the master (python-pptx cannot add shapes to a master directly)."""
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDE, Inches(0.18))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(accent)
    bar.line.fill.background()
    bar.shadow.inherit = False
    tree = prs.slide_master.shapes._spTree
    tree.insert(2, copy.deepcopy(bar.element))
    # drop the scratch slide again
    slide_ids = prs.slides._sldIdLst
    rel_id = slide_ids[-1].get(qn("r:id"))
    prs.part.drop_rel(rel_id)
    slide_ids.remove(slide_ids[-1])


def _white_text(shape: etree._Element, font: str, size: int, *, bold: bool) -> None:
    body = shape.find(qn("p:txBody"))
    styles = body.find(qn("a:lstStyle"))
    ppr = etree.SubElement(styles, qn("a:lvl1pPr"))
    ppr.set("algn", "l")
    rpr = etree.SubElement(ppr, qn("a:defRPr"))
    rpr.set("sz", str(size * 100))
    rpr.set("b", "1" if bold else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", "FFFFFF")
    etree.SubElement(rpr, qn("a:latin")).set("typeface", font)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "resources" / "feedback-template.pptx"
    parser.add_argument("out", nargs="?", type=Path, default=default)
    parser.add_argument("--accent", default=ACCENT, help="RRGGBB of titles, labels, the bar")
    parser.add_argument("--font", default=FONT)
    args = parser.parse_args(argv)
    prs = build_template(args.accent, args.font)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(args.out))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
