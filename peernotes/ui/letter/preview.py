"""The composer's preview: the letter as Word will show it, as rich text.

Rendering real pages (LibreOffice, or laying out the .docx) costs seconds per edit, too slow
to follow typing, so the preview is HTML that mirrors the .docx exactly where a reader looks:
the same blocks in the same order (the ones `export.docx_letter` writes), the numbers Word
will show (`Letter.numbers()`: running paragraph numbers, heading numbers 1 / 3.1, numbered
recommendations, a) b) c) for lettered sub-lists) with their hanging indents, and each
style's font, size, colour, bold/italic, spacing and indent read from the letter template
(`TemplateLook`, read once per template file), on the template's text width. Not shown:
page breaks, headers and footers, where lines break across pages.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTextBrowser

from peernotes.core.letter import Block, Letter, Run
from peernotes.export.docx_letter import RUN_STYLE_NAMES, STYLE_NAMES, template_path

PX_PER_PT = 96 / 72
MIN_SCALE = 0.75  # below this the words are too small to read: the pane scrolls instead
_CM = 28.35  # points: the template's 1 cm indent step of numbers and bullets
_BULLETS = {1: "•", 2: "–"}


@dataclass(frozen=True)
class StyleLook:
    """What a paragraph or character style looks like (None: as the paragraph around it)."""

    font: str | None = None
    size: float | None = None  # points
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None  # "#1f4e79"
    before: float = 0.0  # points
    after: float = 0.0
    indent: float = 0.0  # points, the text's left indent

    def css(self, scale: float = 1.0) -> str:
        parts = []
        if self.font:
            parts.append(f"font-family:'{self.font}'")
        if self.size:
            parts.append(f"font-size:{_px(self.size, scale)}px")
        if self.bold is not None:
            parts.append(f"font-weight:{'bold' if self.bold else 'normal'}")
        if self.italic is not None:
            parts.append(f"font-style:{'italic' if self.italic else 'normal'}")
        if self.color:
            parts.append(f"color:{self.color}")
        return ";".join(parts)


@dataclass(frozen=True)
class TemplateLook:
    """The template's styles by the writer's keys, and the page's text width."""

    styles: dict[str, StyleLook]
    runs: dict[str, StyleLook]
    text_width_pt: float

    def style(self, key: str) -> StyleLook:
        return self.styles.get(key) or self.styles["paragraph"]


def template_look(template: str | Path | None = None) -> TemplateLook:
    """The look of the template (the shipped one by default), read once per file version."""
    path = Path(template) if template else template_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _read_look(str(path), stamp)


@cache
def _read_look(path: str, _stamp: int) -> TemplateLook:
    import docx
    from docx.shared import Length

    try:
        document = docx.Document(path)
    except Exception:  # a damaged template: the export says so; the preview stays plain
        return TemplateLook({"paragraph": StyleLook()}, {}, 453.0)
    section = document.sections[0]
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    width = Length((section.page_width or 0) - margins)
    styles = {
        key: look
        for key, name in STYLE_NAMES.items()
        if (look := _look(document, name)) is not None
    }
    styles.setdefault("paragraph", StyleLook())
    runs = {key: _look(document, name, character=True) for key, name in RUN_STYLE_NAMES.items()}
    return TemplateLook(styles, {k: v for k, v in runs.items() if v is not None}, width.pt)


def _look(document: Any, name: str, *, character: bool = False) -> StyleLook | None:
    try:
        style = document.styles[name]
    except KeyError:
        return None
    if not hasattr(style, "font"):  # a list style (Heading Numbers): nothing to show
        return None
    chain = []
    while style is not None:
        chain.append(style)
        style = style.base_style
    if not character:
        chain.append(document.styles["Normal"])

    def first(get: Any) -> Any:
        for item in chain:
            value = get(item)
            if value is not None:
                return value
        return None

    color = first(lambda s: s.font.color.rgb if s.font.color.type is not None else None)

    def spacing(attribute: str) -> float:
        """A paragraph style's spacing in points (a character style has none: 0)."""
        if character:
            return 0.0
        return _pt(first(lambda s: getattr(s.paragraph_format, attribute)))

    size = first(lambda s: s.font.size)
    return StyleLook(
        font=first(lambda s: s.font.name),
        size=size.pt if size is not None else None,
        bold=first(lambda s: s.font.bold),
        italic=first(lambda s: s.font.italic),
        color=f"#{color}" if color is not None else None,
        before=spacing("space_before"),
        after=spacing("space_after"),
        indent=spacing("left_indent"),
    )


def _pt(length: Any) -> float:
    return float(length.pt) if length is not None else 0.0


# --------------------------------------------------------------------------- html
def preview_html(letter: Letter, look: TemplateLook | None = None, scale: float = 1.0) -> str:
    """The letter as HTML, each paragraph with the number Word will show, in the template's
    styles; `scale` 1 is the page at 100 % (every length scales, so lines break as on the
    page). Findings and the author's own paragraphs link to their editor."""
    look = look or template_look()
    base = look.style("paragraph")
    parts = [f'<div style="{base.css(scale)}">']
    for number, block in zip(letter.numbers(), letter.blocks, strict=True):
        parts.append(_block_html(block, number, look, scale))
    parts.append("</div>")
    return "\n".join(parts)


def _block_html(block: Block, number: str, look: TemplateLook, scale: float) -> str:
    if block.kind == "page_break":
        return "<hr/>"
    if block.kind == "table":
        return _table_html(block, look, scale)
    key, marker, left, hang = _style_key(block, number)
    style = look.style(key)
    runs = "".join(_run_html(r, look, scale) for r in block.runs)
    source = block.source
    if source and source.table in ("finding", "letter_block") and source.row_id:
        target = f"edit:{source.table}:{source.row_id}:{source.field or 'text'}"
        runs = f"<a href='{target}' style='color:inherit;text-decoration:none'>{runs}</a>"
    shown = f"{html.escape(marker)}&nbsp;&nbsp;" if marker else ""
    css = (
        f"{style.css(scale)};margin-top:{_px(style.before, scale)}px;"
        f"margin-bottom:{_px(style.after, scale)}px;"
        f"margin-left:{_px(max(style.indent, left), scale)}px"
    )
    if hang:
        css += f";text-indent:-{_px(hang, scale)}px"
    return f'<p style="{css}">{shown}{runs}</p>'


def _style_key(block: Block, number: str) -> tuple[str, str, float, float]:
    """The template style, the marker before the text, the text's left indent and the
    marker's hanging indent (pt), as the template's numbering definitions place them."""
    kind = block.kind
    if kind == "heading":
        return f"heading{min(max(block.level, 1), 3)}", number, 0.0, 0.0
    if kind == "bullet":
        level = 2 if block.level >= 2 else 1
        return f"bullet{level}", _BULLETS[level], _CM * level, _CM / 2
    if kind == "lettered":
        return "list_letter", number, 2 * _CM, _CM
    if kind in ("list_number", "numbered"):
        return kind, number, _CM, _CM
    if kind in ("title", "subtitle", "quote"):
        return kind, "", 0.0, 0.0
    return "paragraph", "", 0.0, 0.0


def _run_html(run: Run, look: TemplateLook, scale: float) -> str:
    text = html.escape(run.text).replace("\n", "<br/>")
    key = "quote" if run.quote else "bold" if run.bold else "italic" if run.italic else ""
    style = look.runs.get(key) if key else None
    if style is not None:
        text = f'<span style="{style.css(scale)}">{text}</span>'
    if run.bold and (style is None or key != "bold"):
        text = f"<b>{text}</b>"
    if run.italic and (style is None or key not in ("italic", "quote")):
        text = f"<i>{text}</i>"
    return text


def _table_html(block: Block, look: TemplateLook, scale: float) -> str:
    cell = look.style("table_text").css(scale)
    rows = []
    for index, row in enumerate(block.rows):
        tag = "th" if index == 0 else "td"
        cells = "".join(f'<{tag} style="{cell}">{html.escape(c)}</{tag}>' for c in row)
        rows.append(f"<tr>{cells}</tr>")
    return (
        "<table border='1' cellspacing='0' cellpadding='4' width='100%' "
        f"style='border-color:#a6a6a6'>{''.join(rows)}</table>"
    )


def _px(points: float, scale: float) -> int:
    return round(points * PX_PER_PT * scale)


class PagePreview(QTextBrowser):
    """The preview pane: the letter on the template's text width, scaled to fit the pane
    (75 % to 100 %), re-laid out when the pane is resized."""

    def __init__(self) -> None:
        super().__init__()
        self.look = template_look()
        self.scale = 1.0
        self._letter: Letter | None = None
        self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self.setStyleSheet("QTextBrowser { background: white; color: black; }")
        self._fit()

    def show_letter(self, letter: Letter) -> None:
        """Show `letter`, keeping the reader's place."""
        self._letter = letter
        scrolled = self.verticalScrollBar().value()
        self.setHtml(preview_html(letter, self.look, self.scale))
        self.verticalScrollBar().setValue(scrolled)

    def _fit(self) -> bool:
        page = self.look.text_width_pt * PX_PER_PT
        room = max(self.viewport().width() - 2 * self.document().documentMargin(), 120.0)
        scale = min(1.0, max(MIN_SCALE, room / page))
        changed = abs(scale - self.scale) > 0.02
        if changed or self.lineWrapColumnOrWidth() == 0:
            self.scale = scale
            self.setLineWrapColumnOrWidth(round(page * scale))
        return changed

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self._fit() and self._letter is not None:
            self.show_letter(self._letter)
