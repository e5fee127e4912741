"""The letter's outline, from the composer: sections and blocks added, edited, moved and
removed, the title block's options, starting from a preset (undoable)."""

from __future__ import annotations

from collections.abc import Mapping

from peernotes.core import letter_outline as outline
from peernotes.core.letter_presets import PRESETS, apply_preset
from peernotes.core.letter_title import TitleOptions, set_title_options
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable


def add_section(session: Session, title: str, index: int | None = None) -> str:
    """A section at `index` (None: at the end); its id."""
    return run_undoable(
        session, "Add section", lambda cf: outline.add_section(cf, title, index=index)
    )


def add_block(
    session: Session,
    section_id: str,
    kind: str,
    *,
    text: str = "",
    options: Mapping[str, object] | None = None,
    index: int | None = None,
) -> str:
    """A block of `kind` (outline.BLOCK_KINDS) in the section; its id."""
    return run_undoable(
        session,
        f"Add {outline.BLOCK_KINDS[kind].lower()}",
        lambda cf: outline.add_block(
            cf, section_id, kind, text=text, options=dict(options or {}), index=index
        ),
    )


def rename_section(session: Session, section_id: str, title: str) -> bool:
    return run_undoable(
        session, "Rename section", lambda cf: outline.update_section(cf, section_id, title=title)
    )


def edit_block(session: Session, block_id: str, text: str) -> bool:
    """The author's wording of a block (empty: PeerNotes' standard wording)."""
    return run_undoable(
        session, "Edit block", lambda cf: outline.update_block(cf, block_id, text=text)
    )


def set_block_options(
    session: Session, block_id: str, options: Mapping[str, object], heading_id: str | None
) -> bool:
    """A block's paragraph number, and a findings block's heading, order and bullets."""
    return run_undoable(
        session,
        "Block options",
        lambda cf: outline.update_block(cf, block_id, options=dict(options), heading_id=heading_id),
    )


def set_title_block_options(session: Session, block_id: str, wanted: TitleOptions) -> bool:
    """Title lines and order, date style and document type: one undo step."""
    return run_undoable(
        session, "Title block options", lambda cf: set_title_options(cf, block_id, wanted)
    )


def move_up_or_down(session: Session, row_id: str, is_section: bool, steps: int) -> bool:
    """A section among sections, or a block within its section (Alt+Up/Down)."""
    move = outline.move_section if is_section else outline.move_block
    return run_undoable(
        session, "Move up" if steps < 0 else "Move down", lambda cf: move(cf, row_id, steps)
    )


def drag_section(session: Session, section_id: str, steps: int) -> bool:
    return run_undoable(
        session, "Move section", lambda cf: outline.move_section(cf, section_id, steps)
    )


def drag_block(session: Session, block_id: str, section_id: str, index: int) -> bool:
    """A block dropped into a section (its own or another) at `index`."""
    return run_undoable(
        session,
        "Move block",
        lambda cf: outline.move_block_to(cf, block_id, section_id, index),
    )


def remove_section(session: Session, section_id: str) -> bool:
    """The section and its blocks."""
    return run_undoable(
        session, "Remove section", lambda cf: outline.delete_section(cf, section_id)
    )


def remove_block(session: Session, block_id: str) -> bool:
    return run_undoable(session, "Remove block", lambda cf: outline.delete_block(cf, block_id))


def start_from_preset(session: Session, key: str) -> None:
    """Replace the outline with a preset's, and its document settings: one undo step."""
    run_undoable(session, f"Start from {PRESETS[key].name}", lambda cf: apply_preset(cf, key))
