"""The title block's options, saved together: lines, order, date style, document type."""

from __future__ import annotations

import pytest
from letter_data import build_letter_scene

from peernotes.core.errors import ValidationError
from peernotes.core.letter import build_letter
from peernotes.core.letter_outline import outline
from peernotes.core.letter_title import TitleOptions, set_title_options, title_options


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


def _title_block(scene) -> str:
    return next(b.id for s in outline(scene.cf) for b in s.blocks if b.kind == "title")


def test_a_title_with_no_line_is_refused_and_nothing_changes(scene):
    """Unticking every line is refused with a sentence; the title prints as before."""
    block_id = _title_block(scene)
    before = title_options(scene.cf, block_id)
    with pytest.raises(ValidationError, match="at least one line"):
        set_title_options(scene.cf, block_id, TitleOptions((), "month_year", "Report"))
    assert title_options(scene.cf, block_id) == before


def test_any_document_type_wording_prints_in_the_title(scene):
    """The document type is free text: "Progress Review Letter" prints as typed, second."""
    block_id = _title_block(scene)
    wanted = TitleOptions(("council", "document_type"), "month_year", "Progress Review Letter")
    assert set_title_options(scene.cf, block_id, wanted)
    lines = [b.text for b in build_letter(scene.cf).blocks if b.kind in ("title", "subtitle")]
    assert lines == [scene.cf.challenge()["council"], "Progress Review Letter"]
    assert not set_title_options(scene.cf, block_id, wanted)  # the same again: no change
