"""The title block's options as the window edits them, in one undoable step.

The title block's lines and their order and its date style are options of the `title`
outline block; the document type ("Summary Letter", "Feedback Report", any wording) is a
letter setting, because the header, the file properties and `{document}` use it too. The
Letter page edits the three together in one dialog, so they are saved together: one
transaction, one Edit › Undo.
"""

from __future__ import annotations

from dataclasses import dataclass

from peernotes.core import letter_settings
from peernotes.core.errors import ValidationError
from peernotes.core.letter_outline import TITLE_LINES, outline, update_block
from peernotes.core.store import ChallengeFile

DATE_STYLES = {"month_year": "Month and year", "onsite_dates": "The on-site dates"}
LINE_LABELS = {
    "council": "Council",
    "programme": "Programme",
    "document_type": "Document type",
    "date": "Date",
}


@dataclass(frozen=True)
class TitleOptions:
    """The lines printed, in order; the date style; the document type's wording."""

    lines: tuple[str, ...]
    date: str
    document_type: str


def title_options(cf: ChallengeFile, block_id: str) -> TitleOptions:
    """A title block's options as printed today (the defaults filled in)."""
    block = next((b for s in outline(cf) for b in s.blocks if b.id == block_id), None)
    if block is None or block.kind != "title":
        raise ValidationError("block", "is not a title block of the outline")
    lines = tuple(block.options.get("lines") or TITLE_LINES)
    date = str(block.options.get("date", "month_year"))
    return TitleOptions(lines, date, letter_settings.load(cf).document_type)


def set_title_options(cf: ChallengeFile, block_id: str, wanted: TitleOptions) -> bool:
    """Save the lines, date style and document type together. True when anything changed."""
    if not wanted.lines:
        raise ValidationError("lines", "the title block needs at least one line")
    if wanted.date not in DATE_STYLES:
        raise ValidationError("date", f"must be one of {', '.join(DATE_STYLES)}")
    block = next((b for s in outline(cf) for b in s.blocks if b.id == block_id), None)
    if block is None or block.kind != "title":
        raise ValidationError("block", "is not a title block of the outline")
    options = {**block.options, "lines": list(wanted.lines), "date": wanted.date}
    with cf.transaction():
        changed = update_block(cf, block_id, options=options)
        if wanted.document_type != letter_settings.load(cf).document_type:
            changed = bool(letter_settings.save(cf, document_type=wanted.document_type)) or changed
    return changed
