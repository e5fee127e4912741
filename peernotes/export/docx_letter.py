"""Render the letter's blocks into Word, onto the styles of resources/letter-template.docx.

The template carries every style, the page set-up, header and footer (see
scripts/make_letter_template.py), so re-branding is a matter of replacing that file. Here we
only map block kinds to its style names:

    title -> Title        subtitle -> Subtitle       heading n -> Heading n
    bullet 1/2 -> List Bullet / List Bullet 2        numbered -> Numbered Paragraph
    paragraph -> Normal   quote -> Quote             table -> Letter Table
    numbered heading -> Heading n numbered by the "Heading Numbers" list style
    list_number -> List Number    lettered -> List Letter
    bold / italic / inline quote runs -> Strong / Emphasis / Inline Quote

Every numbering comes from the template's own definitions (linked to those styles); only a
lettered sub-list gets a new instance (w:num) of the "List Letter" definition, restarting at
a. A template lacking one of these styles falls back (a similar style, direct bold/italic,
numbering made here) with a warning naming the style.

Numbered paragraphs also carry an explicit w:numPr pointing at the numbering definition of
the "Numbered Paragraph" style: one list (one numId) for the whole letter, so the numbers run
on across sections and Word renumbers them when a paragraph is inserted.

Speed: python-docx resolves a style by name on every `add_paragraph(style=...)` (a few ms a
time). Style ids are resolved once per document and paragraphs are built as elements.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from peernotes.core.letter import Block, Letter, Run, clean_text
from peernotes.export.safe_write import write_atomically
from peernotes.paths import resources_dir

TITLE_PLACEHOLDER = "{document_title}"
STYLE_NAMES: dict[str, str] = {
    "title": "Title",
    "subtitle": "Subtitle",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "heading3": "Heading 3",
    "bullet1": "List Bullet",
    "bullet2": "List Bullet 2",
    "numbered": "Numbered Paragraph",
    "list_number": "List Number",
    "list_letter": "List Letter",
    "heading_numbers": "Heading Numbers",
    "paragraph": "Normal",
    "quote": "Quote",
    "table": "Letter Table",
    "table_text": "Table Text",
}
# Character styles of the runs: none in the template means direct bold / italic.
RUN_STYLE_NAMES: dict[str, str] = {
    "bold": "Strong",
    "italic": "Emphasis",
    "quote": "Inline Quote",
}
_FALLBACK = {
    "list_number": "bullet1",
    "list_letter": "bullet2",
    "bullet2": "bullet1",
    "heading3": "heading2",
    "table": "Table Grid",
    "table_text": "paragraph",
}


def template_path() -> Path:
    return resources_dir() / "letter-template.docx"


class DocxWriter:
    """Appends paragraphs and tables to a document opened on the template, fast."""

    def __init__(self, template: str | Path | None = None):
        path = Path(template) if template else template_path()
        try:
            self.document: Document = docx.Document(str(path))
        except Exception as error:  # a missing or damaged template: say which file
            from peernotes.export.safe_write import ExportFailed

            raise ExportFailed(f"The letter template {path} cannot be opened ({error}).") from error
        self.warnings: list[str] = []
        self.body = self.document.element.body
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.anchor = self.body.find(qn("w:sectPr"))
        self.style_ids = self._resolve_styles()
        self.run_style_ids = self._resolve_run_styles()
        self.paragraph_num_id = self._numbering_of(self.style_ids.get("numbered"))
        self.paragraph_count = 0
        self._list_num_id: str | None = None
        self._heading_num_id: str | None = None
        self._letter_abstract: str | None = None
        self.letter_num_id: str | None = None

    # ------------------------------------------------------------------ styles
    def _resolve_styles(self) -> dict[str, str | None]:
        styles = self.document.styles
        resolved: dict[str, str | None] = {}
        for key, name in STYLE_NAMES.items():
            try:
                resolved[key] = styles[name].style_id
            except KeyError:
                resolved[key] = None
        self.fell_back = {key for key, value in resolved.items() if value is None}
        for key, value in list(resolved.items()):
            if value is None:
                fallback = _FALLBACK.get(key)
                if fallback in resolved and resolved[fallback]:
                    resolved[key] = resolved[fallback]
                elif fallback:
                    try:
                        resolved[key] = styles[fallback].style_id
                    except KeyError:
                        resolved[key] = None
                if key == "heading_numbers":
                    self.warnings.append(
                        "The letter template has no “Heading Numbers” style: numbered "
                        "headings use PeerNotes' own numbering (1, 2.1, 2.1.1)."
                    )
                elif key not in ("paragraph", "table_text"):
                    self.warnings.append(
                        f"The letter template has no “{STYLE_NAMES[key]}” style: "
                        f"{'a similar style' if resolved[key] else 'Normal'} was used instead."
                    )
        return resolved

    def _resolve_run_styles(self) -> dict[str, str | None]:
        """Strong, Emphasis and Inline Quote: missing ones print as direct bold or italic."""
        resolved: dict[str, str | None] = {}
        for key, name in RUN_STYLE_NAMES.items():
            try:
                resolved[key] = self.document.styles[name].style_id
            except KeyError:
                resolved[key] = None
                self.warnings.append(
                    f"The letter template has no “{name}” style: "
                    f"{'bold' if key == 'bold' else 'italic'} text was used instead."
                )
        return resolved

    def list_num_id(self) -> str | None:
        """The one numbering list of numbered recommendations: the "List Number" style's own
        definition when the template links one, else a decimal list made here."""
        if self._list_num_id is None:
            linked = None
            if "list_number" not in self.fell_back:  # not a bullet style standing in for it
                linked = self._numbering_of(self.style_ids.get("list_number"), warn=False)
            self._list_num_id = linked or self._new_numbering(("%1.",), "decimal")
        return self._list_num_id

    def heading_num_id(self) -> str:
        """Word numbering for headings (1, 2.1, 3.1.1): one multi-level list, so a heading
        inserted in Word renumbers the rest. The template's "Heading Numbers" list style's
        definition, else one made here."""
        if self._heading_num_id is None:
            linked = None
            if "heading_numbers" not in self.fell_back:
                linked = self._numbering_of(self.style_ids.get("heading_numbers"), warn=False)
            self._heading_num_id = linked or self._new_numbering(
                ("%1", "%1.%2", "%1.%2.%3"), "decimal"
            )
        return self._heading_num_id

    def new_letter_list(self) -> str:
        """A new lettered sub-list (a, b, c): an instance of the "List Letter" definition
        that starts again at a, so each paragraph's sub-list has its own letters."""
        if self._letter_abstract is None:
            linked = None
            if "list_letter" not in self.fell_back:
                linked = self._numbering_of(self.style_ids.get("list_letter"), warn=False)
            if linked is None:
                linked = self._new_numbering(("%1)",), "lowerLetter", indent=1134)
            self._letter_abstract = self._abstract_of(linked)
        numbering = self.document.part.numbering_part.element
        num = numbering.add_num(int(self._letter_abstract))
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return str(num.numId)

    def _abstract_of(self, num_id: str) -> str:
        numbering = self.document.part.numbering_part.element
        for num in numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == num_id:
                return str(num.abstractNumId.val)
        raise ValueError(f"no numbering {num_id}")

    def _new_numbering(self, formats: Sequence[str], kind: str, indent: int = 567) -> str:
        numbering = self.document.part.numbering_part.element
        abstract_ids = [
            int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))
        ]
        abstract_id = str(max(abstract_ids, default=0) + 1)
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), abstract_id)
        SubElement(abstract, qn("w:multiLevelType")).set(_VAL, "multilevel")
        for level, text in enumerate(formats):
            lvl = SubElement(abstract, qn("w:lvl"))
            lvl.set(qn("w:ilvl"), str(level))
            SubElement(lvl, qn("w:start")).set(_VAL, "1")
            SubElement(lvl, qn("w:numFmt")).set(_VAL, kind)
            SubElement(lvl, qn("w:lvlText")).set(_VAL, text)
            SubElement(lvl, qn("w:lvlJc")).set(_VAL, "left")
            ppr = SubElement(lvl, _PPR)
            ind = SubElement(ppr, qn("w:ind"))
            ind.set(qn("w:left"), str(indent + 283 * level))
            ind.set(qn("w:hanging"), str(min(indent, 567) + 283 * level))
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # abstractNum elements come before num elements
        else:
            numbering.append(abstract)
        num = numbering.add_num(int(abstract_id))
        return str(num.numId)

    def _numbering_of(self, style_id: str | None, warn: bool = True) -> str | None:
        """The numId the numbered-paragraph style is linked to (None: not linked)."""
        if style_id is None:
            return None
        for style in self.document.styles.element.findall(qn("w:style")):
            if style.get(qn("w:styleId")) == style_id:
                num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
                if num_id is not None:
                    return num_id.get(qn("w:val"))
        if not warn:
            return None
        self.warnings.append(
            "The template's “Numbered Paragraph” style is not linked to a numbering "
            "definition, so the letter's paragraphs are not numbered."
        )
        return None

    # -------------------------------------------------------------- paragraphs
    def paragraph(
        self,
        key: str,
        runs: Iterable[Run] | str,
        *,
        numbered: bool = False,
        num: tuple[str, int] | None = None,
    ) -> BaseOxmlElement:
        """One paragraph in the style for `key`, built directly as elements in schema order
        (pPr: pStyle, numPr, bidi; then runs) -- no python-docx lookups per paragraph."""
        p = OxmlElement("w:p")
        style_id = self.style_ids.get(key)
        text_runs = [Run(runs)] if isinstance(runs, str) else list(runs)
        rtl = _is_rtl(text_runs)
        if numbered and self.paragraph_num_id is not None:
            num = (self.paragraph_num_id, 0)
        if style_id or num or rtl:
            ppr = SubElement(p, _PPR)
            if style_id:
                SubElement(ppr, _PSTYLE).set(_VAL, style_id)
            if num is not None:
                num_pr = SubElement(ppr, _NUMPR)
                SubElement(num_pr, _ILVL).set(_VAL, str(num[1]))
                SubElement(num_pr, _NUMID).set(_VAL, num[0])
            if rtl:
                SubElement(ppr, _BIDI)
        for run in text_runs:
            text = clean_text(run.text)
            if text:
                _add_run(p, text, self._run_styles(run))
        self._append(p)
        self.paragraph_count += 1
        return p

    def _run_styles(self, run: Run) -> tuple[str | None, bool, bool]:
        """(character style id, direct bold, direct italic) for a run: the template's
        Inline Quote / Strong / Emphasis, or direct formatting when it lacks them."""
        ids = self.run_style_ids
        if run.quote:
            return ids["quote"], run.bold, run.italic or not ids["quote"]
        if run.bold and run.italic:
            return ids["bold"], not ids["bold"], True
        if run.bold:
            return ids["bold"], not ids["bold"], False
        if run.italic:
            return ids["italic"], False, not ids["italic"]
        return None, False, False

    def heading(self, text: str, level: int = 1) -> BaseOxmlElement:
        return self.paragraph(f"heading{min(max(level, 1), 3)}", text)

    def page_break(self) -> None:
        p = OxmlElement("w:p")
        r = p.add_r()
        br = r.add_br()
        br.type = "page"
        self._append(p)

    def table(self, rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None) -> None:
        """A table whose first row is the header (repeated on each page)."""
        if not rows:
            return
        columns = max(len(r) for r in rows)
        table = self.document.add_table(rows=len(rows), cols=columns)
        style_id = self.style_ids.get("table")
        if style_id:
            table._tbl.tblPr.style = style_id
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))
        text_style = self.style_ids.get("table_text")
        for r_index, row in enumerate(rows):
            cells = table.rows[r_index].cells
            for c_index in range(columns):
                value = row[c_index] if c_index < len(row) else ""
                lines = clean_text(value).split("\n")
                cell = cells[c_index]
                first = cell.paragraphs[0]._p
                cell._tc.remove(first)
                for line in lines:
                    p = OxmlElement("w:p")
                    if text_style:
                        p.get_or_add_pPr().style = text_style
                    if line:
                        r = p.add_r()
                        if r_index == 0:
                            r.get_or_add_rPr().b_val = True
                        r.text = line
                    cell._tc.append(p)
        if widths:
            grid = table._tbl.tblGrid
            for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
                col.w = Cm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=False):
                    cell.width = Cm(width)
        # Tables come after the last paragraph written; keep them before the section properties.
        if self.anchor is not None and table._tbl.getnext() is not self.anchor:
            self.anchor.addprevious(table._tbl)

    def _append(self, element: BaseOxmlElement) -> None:
        if self.anchor is not None:
            self.anchor.addprevious(element)
        else:
            self.body.append(element)

    # ---------------------------------------------------------- header, footer
    def set_document_title(self, title: str) -> None:
        """Fill {document_title} wherever the template's headers and footers ask for it."""
        title = clean_text(title)
        for section in self.document.sections:
            for part in _headers_and_footers(section):
                for paragraph in part.paragraphs:
                    _replace_in_paragraph(paragraph, TITLE_PLACEHOLDER, title)

    def set_properties(self, title: str, subject: str, *, keywords: str = "") -> None:
        props = self.document.core_properties
        props.title = clean_text(title)[:255]
        props.subject = clean_text(subject)[:255]
        props.keywords = keywords
        props.comments = ""
        props.author = "PeerNotes"
        props.last_modified_by = "PeerNotes"
        props.created = props.modified = datetime.now().replace(microsecond=0)
        props.revision = 1
        props.language = "en-GB"  # screen readers pick the voice from it

    def save(self, target: str | Path, *, private: bool = False) -> Path:
        return write_atomically(target, self.document.save, private=private)


_PPR, _PSTYLE, _NUMPR, _ILVL, _NUMID, _BIDI = (
    qn("w:pPr"),
    qn("w:pStyle"),
    qn("w:numPr"),
    qn("w:ilvl"),
    qn("w:numId"),
    qn("w:bidi"),
)
_R, _RPR, _RSTYLE, _B, _I, _T, _TAB, _BR = (
    qn("w:r"),
    qn("w:rPr"),
    qn("w:rStyle"),
    qn("w:b"),
    qn("w:i"),
    qn("w:t"),
    qn("w:tab"),
    qn("w:br"),
)
_VAL = qn("w:val")
_SPACE = qn("xml:space")
_PIECES = re.compile(r"(\t|\n)")


def _add_run(p: BaseOxmlElement, text: str, style: tuple[str | None, bool, bool]) -> None:
    """A w:r with its text split into w:t / w:tab / w:br, as Word writes tabs and breaks."""
    r = SubElement(p, _R)
    style_id, bold, italic = style
    if style_id or bold or italic:
        rpr = SubElement(r, _RPR)
        if style_id:
            SubElement(rpr, _RSTYLE).set(_VAL, style_id)
        if bold:
            SubElement(rpr, _B)
        if italic:
            SubElement(rpr, _I)
    for piece in _PIECES.split(text):
        if piece == "\t":
            SubElement(r, _TAB)
        elif piece == "\n":
            SubElement(r, _BR)
        elif piece:
            t = SubElement(r, _T)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(_SPACE, "preserve")


def _headers_and_footers(section: Section) -> list[Any]:
    parts = []
    for name in (
        "header",
        "first_page_header",
        "even_page_header",
        "footer",
        "first_page_footer",
        "even_page_footer",
    ):
        part = getattr(section, name)
        if not part.is_linked_to_previous:  # reading a linked one would create it
            parts.append(part)
    return parts


def _replace_in_paragraph(paragraph: Paragraph, placeholder: str, value: str) -> None:
    runs = paragraph.runs
    text = "".join(r.text for r in runs)
    if placeholder not in text:
        return
    runs[0].text = text.replace(placeholder, value)
    for run in runs[1:]:
        if run.text:
            run.text = ""


def _is_rtl(runs: list[Run]) -> bool:
    """True when the first strongly directional letter is right-to-left (Arabic, Hebrew...)."""
    for run in runs:
        for char in run.text:
            direction = unicodedata.bidirectional(char)
            if direction in ("R", "AL"):
                return True
            if direction == "L":
                return False
    return False


# ------------------------------------------------------------------------ letter
def render_letter(letter: Letter, template: str | Path | None = None) -> DocxWriter:
    """The letter on the template, in memory (call `.save(path)` to write it)."""
    writer = DocxWriter(template)
    gap = writer.document.styles["Normal"].paragraph_format.space_after
    previous: tuple[str, Any] | None = None
    for block in letter.blocks:
        element = _render_block(writer, block)
        # A list ends with the ordinary paragraph gap before the text that follows it.
        if (
            previous
            and previous[0] in ("bullet", "lettered")
            and block.kind not in ("bullet", "lettered", "heading")
            and gap is not None
        ):
            previous[1].get_or_add_pPr().spacing_after = gap
        previous = (block.kind, element)
    writer.set_document_title(letter.title)
    writer.set_properties(letter.title, letter.settings.document_type, keywords="peer challenge")
    return writer


def _render_block(writer: DocxWriter, block: Block) -> Any:
    kind = block.kind
    if kind == "heading":
        level = min(max(block.level, 1), 3)
        num = (writer.heading_num_id(), level - 1) if block.numbered else None
        return writer.paragraph(f"heading{level}", block.runs, num=num)
    if kind == "list_number":
        list_id = writer.list_num_id()
        return writer.paragraph("list_number", block.runs, num=(list_id, 0) if list_id else None)
    if kind == "bullet":
        return writer.paragraph("bullet2" if block.level >= 2 else "bullet1", block.runs)
    if kind == "lettered":
        if block.starts_list or writer.letter_num_id is None:
            writer.letter_num_id = writer.new_letter_list()
        return writer.paragraph("list_letter", block.runs, num=(writer.letter_num_id, 0))
    if kind == "numbered":
        return writer.paragraph("numbered", block.runs, numbered=True)
    if kind == "table":
        columns = len(block.rows[0]) if block.rows else 1
        writer.table(block.rows, (5.5, 10.5) if columns == 2 else None)
        return None
    if kind == "page_break":
        writer.page_break()
        return None
    if kind in ("title", "subtitle", "quote"):
        return writer.paragraph(kind, block.runs)
    return writer.paragraph("paragraph", block.runs)


def export_letter(letter: Letter, target: str | Path, template: str | Path | None = None) -> Path:
    """Render and write the letter to `target` atomically. Returns the path written."""
    return render_letter(letter, template).save(target)
