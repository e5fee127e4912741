"""Generate resources/letter-template.docx: the styles the exported letter is written with.

    python scripts/make_letter_template.py [OUT.docx]

The exporter takes every style, the page set-up, the header and the footer from this one
file, so an organisation re-brands the letter by replacing it (fonts, colours, a logo in the
header) -- no code changes. A replacement template should keep these style names:

    Title, Subtitle, Heading 1, Heading 2, Heading 3, List Bullet, List Bullet 2,
    Numbered Paragraph (a paragraph style linked to a numbering definition), Letter Table,
    Table Text (paragraphs inside tables), Heading Numbers (a list style: the numbers of
    numbered headings, 1 / 3.1 / 3.1.2), List Number (numbered recommendations), List Letter
    (a lettered sub-list inside a paragraph: a, b, c), Strong (bold), Emphasis (italic),
    Inline Quote (a quote inside a sentence)

and may put the text ``{document_title}`` anywhere in its header or footer: the exporter
replaces it with "<council> – <programme> – <Summary Letter|Report>". Anything missing
falls back to Normal, and the export says so.

"Numbered Paragraph" is linked to a real Word numbering definition (w:numPr -> w:num ->
w:abstractNum in numbering.xml), so every paragraph in that style takes the next number,
the numbers run on through the whole letter, and inserting a paragraph in Word renumbers
the rest.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)  # dark blue: headings and title
MUTED = RGBColor(0x59, 0x59, 0x59)  # grey: subtitle, header, footer
BULLET_ABSTRACT_ID = 90
BULLET_NUM_ID = 90
PARAGRAPH_ABSTRACT_ID = 91
PARAGRAPH_NUM_ID = 91
HEADING_ABSTRACT_ID = 92
HEADING_NUM_ID = 92
LIST_NUMBER_ABSTRACT_ID = 93
LIST_NUMBER_NUM_ID = 93
LETTER_ABSTRACT_ID = 94
LETTER_NUM_ID = 94
INDENT = 567  # twips: 1 cm, the hanging indent of numbers and bullets


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = (
        Path(argv[0])
        if argv
        else Path(__file__).resolve().parent.parent / "resources" / "letter-template.docx"
    )
    document = build_template()
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    print(f"wrote {out}")
    return 0


def build_template() -> docx.document.Document:
    document = docx.Document()
    _clear_body(document)
    _page_setup(document)
    _numbering(document)
    _styles(document)
    _header_footer(document)
    props = document.core_properties
    props.title = "PeerNotes letter template"
    props.author = "PeerNotes"
    props.last_modified_by = "PeerNotes"
    props.comments = "Styles for the exported summary letter. Replace this file to re-brand."
    props.created = props.modified = datetime(2026, 1, 1)
    props.revision = 1
    return document


def _clear_body(document: docx.document.Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    section.different_first_page_header_footer = True  # a clean title page


# ------------------------------------------------------------------ numbering
def _numbering(document: docx.document.Document) -> None:
    numbering = document.part.numbering_part.element
    bullet = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_ABSTRACT_ID}">'
        '<w:nsid w:val="5045424C"/><w:multiLevelType w:val="hybridMultilevel"/>'
        + "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            f'<w:lvlText w:val="{symbol}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT * (level + 1)}" w:hanging="{INDENT // 2 + 1}"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/></w:rPr></w:lvl>'
            for level, symbol in enumerate(("\u2022", "\u2013", "\u2022"))
        )
        + "</w:abstractNum>"
    )
    paragraphs = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{PARAGRAPH_ABSTRACT_ID}">'
        '<w:nsid w:val="5045504E"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="NumberedParagraph"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{INDENT}"/></w:tabs>'
        f'<w:ind w:left="{INDENT}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    # abstractNum elements must come before every w:num (schema order).
    first_num = numbering.find(qn("w:num"))
    for abstract in (bullet, paragraphs, *_more_abstracts()):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    for num_id, abstract_id in (
        (BULLET_NUM_ID, BULLET_ABSTRACT_ID),
        (PARAGRAPH_NUM_ID, PARAGRAPH_ABSTRACT_ID),
        (HEADING_NUM_ID, HEADING_ABSTRACT_ID),
        (LIST_NUMBER_NUM_ID, LIST_NUMBER_ABSTRACT_ID),
        (LETTER_NUM_ID, LETTER_ABSTRACT_ID),
    ):
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )


def _more_abstracts() -> list:
    """Heading numbers (1, 3.1, 3.1.2: a list style, so Word's multilevel list gallery shows
    it), the numbered recommendations (1., 2.) and the lettered sub-list (a), b)); indents
    line the numbers up with the numbered paragraphs' text."""
    headings = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_ABSTRACT_ID}">'
        '<w:nsid w:val="50454844"/><w:multiLevelType w:val="multilevel"/>'
        '<w:styleLink w:val="HeadingNumbers"/>'
        + "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT + 283 * level}" w:hanging="{INDENT + 283 * level}"/>'
            "</w:pPr></w:lvl>"
            for level, text in enumerate(("%1", "%1.%2", "%1.%2.%3"))
        )
        + "</w:abstractNum>"
    )
    list_number = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LIST_NUMBER_ABSTRACT_ID}">'
        '<w:nsid w:val="50454C4E"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="ListNumber"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{INDENT}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    lettered = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LETTER_ABSTRACT_ID}">'
        '<w:nsid w:val="50454C4C"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:pStyle w:val="ListLetter"/><w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{INDENT * 2}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    return [headings, list_number, lettered]


# --------------------------------------------------------------------- styles
def _font(style, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    if color is not None:
        font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts is not None and fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    if fonts is not None:
        fonts.set(qn("w:cs"), FONT)
        fonts.set(qn("w:eastAsia"), FONT)
    color_el = rpr.find(qn("w:color"))
    if color_el is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            if color_el.get(qn(attr)) is not None:
                del color_el.attrib[qn(attr)]


def _spacing(style, before: float, after: float, line: float | None = None) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line


def _drop_borders(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _set_num(style, num_id: int, level: int = 0) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    num_pr = parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    # numPr sits early in pPr (after pStyle/keepNext/keepLines/pageBreakBefore...): insert first
    # among the elements that must follow it.
    followers = [
        qn(t)
        for t in (
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:jc",
            "w:outlineLvl",
        )
    ]
    for child in ppr:
        if child.tag in followers:
            child.addprevious(num_pr)
            break
    else:
        ppr.append(num_pr)


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, 11)
    _spacing(normal, 0, 8, 1.15)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    # Document defaults too, so text outside any style (tables, headers) is Arial as well.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), FONT)

    title = styles["Title"]
    _drop_borders(title)
    _font(title, 28, bold=True, color=ACCENT)
    _spacing(title, 0, 6, 1.0)
    title.paragraph_format.keep_with_next = True
    _character_twin(styles, "Title Char")

    subtitle = styles["Subtitle"]
    _font(subtitle, 16, color=MUTED)
    _spacing(subtitle, 0, 6, 1.0)
    subtitle.paragraph_format.keep_with_next = True

    for name, size, before, after, color in (
        ("Heading 1", 16, 18, 6, ACCENT),
        ("Heading 2", 13, 12, 4, ACCENT),
        ("Heading 3", 11, 10, 3, RGBColor(0x26, 0x26, 0x26)),
    ):
        heading = styles[name]
        _font(heading, size, bold=True, color=color)
        _spacing(heading, before, after, 1.0)
        heading.paragraph_format.keep_with_next = True

    bullet = styles["List Bullet"]
    _set_num(bullet, BULLET_NUM_ID, 0)
    _spacing(bullet, 0, 4)
    bullet.paragraph_format.left_indent = None
    bullet2 = styles["List Bullet 2"]
    _set_num(bullet2, BULLET_NUM_ID, 1)
    _spacing(bullet2, 0, 4)
    bullet2.paragraph_format.left_indent = None
    for style in (bullet, bullet2):
        ppr = style.element.get_or_add_pPr()
        for el in ppr.findall(qn("w:contextualSpacing")):
            ppr.remove(el)

    numbered = styles.add_style("Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = normal
    numbered.quick_style = True
    numbered.element.set(qn("w:customStyle"), "1")
    _set_num(numbered, PARAGRAPH_NUM_ID, 0)
    _spacing(numbered, 0, 8)

    _list_styles(document)
    _emphasis_styles(document)

    for name, size in (("Header", 9), ("Footer", 9)):
        _font(styles[name], size, color=MUTED)

    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.quick_style = True
    table_text.element.set(qn("w:customStyle"), "1")
    _spacing(table_text, 2, 2, 1.0)
    table_text.font.size = Pt(10)

    caption = styles["Caption"]
    _font(caption, 9, color=MUTED)

    _table_style(document)


def _list_styles(document: docx.document.Document) -> None:
    """Heading Numbers (a list style), List Number and List Letter, each linked to its own
    numbering definition in this file (the exporter reads the links, makes none)."""
    styles = document.styles
    document.styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="numbering" w:customStyle="1" '
            'w:styleId="HeadingNumbers"><w:name w:val="Heading Numbers"/>'
            '<w:uiPriority w:val="99"/>'
            f'<w:pPr><w:numPr><w:numId w:val="{HEADING_NUM_ID}"/></w:numPr></w:pPr></w:style>'
        )
    )
    list_number = styles["List Number"]
    _set_num(list_number, LIST_NUMBER_NUM_ID, 0)
    _spacing(list_number, 0, 6)
    list_number.paragraph_format.left_indent = None
    lettered = styles.add_style("List Letter", WD_STYLE_TYPE.PARAGRAPH)
    lettered.base_style = styles["Normal"]
    lettered.quick_style = True
    lettered.element.set(qn("w:customStyle"), "1")
    _set_num(lettered, LETTER_NUM_ID, 0)
    _spacing(lettered, 0, 4)
    for style in (list_number, lettered):
        ppr = style.element.get_or_add_pPr()
        for el in ppr.findall(qn("w:contextualSpacing")):
            ppr.remove(el)


def _emphasis_styles(document: docx.document.Document) -> None:
    """Strong (bold), Emphasis (italic) and Inline Quote (a quote inside a sentence):
    character styles, so a re-brand can colour or un-italicise them."""
    styles = document.styles
    for name, bold, italic in (("Strong", True, False), ("Emphasis", False, True)):
        style = styles[name]
        style.font.bold = bold or None
        style.font.italic = italic or None
    quote = styles.add_style("Inline Quote", WD_STYLE_TYPE.CHARACTER)
    quote.base_style = styles["Default Paragraph Font"]
    quote.quick_style = True
    quote.element.set(qn("w:customStyle"), "1")
    quote.font.italic = True
    quote.font.color.rgb = RGBColor(0x26, 0x26, 0x26)


def _character_twin(styles, name: str) -> None:
    """python-docx's default template links some styles to character twins with theme fonts."""
    try:
        twin = styles[name]
    except KeyError:
        return
    _font(twin, 28, bold=True, color=ACCENT)


def _table_style(document: docx.document.Document) -> None:
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
    borders = "".join(
        border.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    xml = (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="LetterTable">'
        '<w:name w:val="Letter Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        "<w:qFormat/>"
        '<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="20"/></w:rPr>'
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        "<w:tblPr/><w:trPr><w:tblHeader/></w:trPr>"
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ACCENT}"/></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )
    document.styles.element.append(parse_xml(xml))


# ------------------------------------------------------------ header, footer
def _header_footer(document: docx.document.Document) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "{document_title}"
    header.style = document.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["Footer"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(paragraph)
    section.first_page_header.paragraphs[0].text = ""


def _page_field(paragraph) -> None:
    """A PAGE field, so Word and LibreOffice print the page number."""
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


if __name__ == "__main__":
    raise SystemExit(main())
