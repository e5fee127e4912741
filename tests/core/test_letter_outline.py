"""The letter outline: sections and blocks the manager composes, stored and checked by core."""

from __future__ import annotations

import json

import pytest
from letter_data import build_letter_scene, domain_id

from peernotes.core import interchange, markup
from peernotes.core.errors import ValidationError
from peernotes.core.interchange import InterchangeError
from peernotes.core.letter import build_letter
from peernotes.core.letter_outline import (
    add_block,
    add_section,
    delete_block,
    move_block,
    move_section,
    outline,
    update_block,
)
from peernotes.core.letter_presets import apply_preset, is_edited


@pytest.fixture
def scene():
    s = build_letter_scene()
    yield s
    s.cf.close()


def _texts(letter) -> list[str]:
    return [b.text for b in letter.blocks]


def test_a_new_file_starts_with_the_standard_outline(scene):
    """A new challenge's letter has the standard sections, so it exports as before."""
    titles = [s.title for s in outline(scene.cf)]
    assert titles == ["", "Introduction", "Key messages", "", "Recommendations", "Next steps",
                      "Contact details", ""]  # fmt: skip
    assert not is_edited(scene.cf)


def test_sections_and_blocks_are_added_moved_and_removed(scene):
    """A section added with a paragraph prints where it was put; moving it and removing the
    paragraph change the letter accordingly."""
    section = add_section(scene.cf, "Context", index=2)
    block = add_block(scene.cf, section, "prose", text="The council serves {council}'s towns.")
    texts = _texts(build_letter(scene.cf))
    assert texts.index("Context") < texts.index("Key messages")
    assert "The council serves Fernhill Borough Council's towns." in texts
    move_section(scene.cf, section, -1)
    texts = _texts(build_letter(scene.cf))
    assert texts.index("Context") < texts.index("Introduction")
    second = add_block(scene.cf, section, "quote", text="Things are getting better.")
    move_block(scene.cf, second, -1)
    assert [b.kind for b in outline(scene.cf)[1].blocks] == ["quote", "prose"]
    delete_block(scene.cf, block)
    assert "Context" in _texts(build_letter(scene.cf))
    assert is_edited(scene.cf)


def test_a_generated_block_can_be_reworded_with_fields(scene):
    """The activity sentence takes the author's wording, figures filled in."""
    intro = outline(scene.cf)[1]
    activity = next(b for b in intro.blocks if b.kind == "activity")
    update_block(scene.cf, activity.id, text="We held {meetings} with {people} in {days}.")
    texts = _texts(build_letter(scene.cf))
    assert "We held six meetings with seven people in one day." in texts or any(
        t.startswith("We held six meetings") for t in texts
    )


def test_an_unknown_field_is_refused_naming_it(scene):
    """'{counil}' is refused with a sentence naming the field and the known ones; nothing
    is saved."""
    intro = outline(scene.cf)[1]
    with pytest.raises(ValidationError, match=r"\{counil\}.*\{council\}"):
        update_block(scene.cf, intro.blocks[0].id, text="{counil} asked us")
    assert outline(scene.cf)[1].blocks[0].text == ""


def test_unbalanced_markup_prints_as_typed_with_a_warning(scene):
    """A lone '*' is printed, and the export warns where it is."""
    section = outline(scene.cf)[1]
    add_block(scene.cf, section.id, "prose", text="Spend rose 5* this year")
    letter = build_letter(scene.cf)
    assert "Spend rose 5* this year" in _texts(letter)
    assert any("has no closing" in w for w in letter.warnings)


def test_a_block_pointing_at_a_deleted_heading_says_so(scene):
    """The findings block of a heading that was deleted prints nothing and says what to do;
    the rest of the letter is intact."""
    section = add_section(scene.cf, "Leadership")
    heading = domain_id(scene.cf, "3")
    add_block(scene.cf, section, "findings", heading_id=heading)
    scene.cf.delete("heading", heading)
    letter = build_letter(scene.cf)
    assert any("deleted" in w and "Leadership" in w for w in letter.warnings)
    assert "Introduction" in _texts(letter)


def test_a_preset_over_an_edited_outline_is_detected_and_reversible(scene):
    """The window asks first when the outline was edited; applying tombstones the old rows
    (undo and merge bring them back) rather than erasing them."""
    section = add_section(scene.cf, "My own section")
    assert is_edited(scene.cf)
    apply_preset(scene.cf, "feedback_report")
    assert not is_edited(scene.cf)
    old = scene.cf.get("letter_section", section, include_deleted=True)
    assert old is not None and old["deleted"] == 1


def test_bad_block_options_are_refused_naming_the_path(scene):
    """A findings block asked for an order that does not exist names the option."""
    section = outline(scene.cf)[3]
    with pytest.raises(ValidationError, match=r"options\.order"):
        add_block(scene.cf, section.id, "findings", options={"order": "random"})


def test_outline_round_trips_through_the_json_interchange(scene, tmp_path):
    """export --json, import, export gives the same document, outline included."""
    apply_preset(scene.cf, "corporate_2024")
    first = interchange.export_json(scene.cf)
    assert first["tables"]["letter_block"]
    imported = interchange.import_json(first, tmp_path / "copy.peernotes")
    try:
        again = interchange.export_json(imported)
    finally:
        imported.close()
    assert again["tables"]["letter_section"] == first["tables"]["letter_section"]
    assert again["tables"]["letter_block"] == first["tables"]["letter_block"]


def test_import_refuses_bad_letter_values_naming_their_path(scene):
    """An unknown document numbering or a bad block option is refused at import, named by
    its path, never silently replaced by a default."""
    document = interchange.export_json(scene.cf)
    document["tables"]["setting"].append(
        {"id": "ab" * 16, "key": "letter.numbering", "value": json.dumps("roman")}
    )
    block = document["tables"]["letter_block"][0]
    block["options"] = json.dumps({"order": "random"})
    with pytest.raises(InterchangeError) as error:
        interchange.validate(document)
    message = " ".join(f"{path}: {text}" for path, text in error.value.problems)
    assert "letter.numbering" in message and "options" in message


def test_a_framework_row_naming_a_builtin_installs_its_headings(scene, tmp_path):
    """A tool that names a built-in framework need not copy its headings."""
    document = interchange.export_json(scene.cf)
    framework = document["tables"]["framework"][0]
    document["tables"]["heading"] = [
        h for h in document["tables"]["heading"] if h["framework_id"] != framework["id"]
    ]
    for table in ("observation_heading",):
        document["tables"][table] = []
    for finding in document["tables"]["finding"]:
        finding["heading_id"] = None
    for block in document["tables"]["letter_block"]:
        block["heading_id"] = None
    imported = interchange.import_json(document, tmp_path / "builtin.peernotes")
    try:
        assert imported.count("heading", "framework_id = ?", (framework["id"],)) > 4
    finally:
        imported.close()


def test_the_guard_reads_marked_text_as_plain():
    """The non-attribution guard sees the words, not the marks."""
    assert markup.plain("Met **Dana** *Reddaway*") == "Met Dana Reddaway"
    assert markup.plain(markup.escape("5 * 3 and - not a list")) == "5 * 3 and - not a list"
