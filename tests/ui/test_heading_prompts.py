"""Tagging a note shows the framework's own question for a heading, where it states one."""

from __future__ import annotations

from helpers import make_challenge

from peernotes.core.records import read_models
from peernotes.ui.widgets.heading_picker import HeadingPicker


def test_heading_prompt_is_the_tooltip_in_the_list_and_on_the_chip(qtbot):
    """A corporate peer challenge's 'Governance and culture' carries its question as a
    tooltip while picking and on the chosen heading; a heading without one has none."""
    cf = make_challenge(None, framework="lga-cpc-core")
    try:
        rows = read_models.framework_headings(cf)
    finally:
        cf.close()
    picker = HeadingPicker()
    qtbot.addWidget(picker)
    picker.set_headings(rows)
    tips = {
        picker.list_model.item(i).text(): picker.list_model.item(i).toolTip()
        for i in range(picker.list_model.rowCount())
    }
    assert tips["3 Governance and culture"].startswith("Are there clear and robust governance")
    assert tips["5 Capacity for improvement"] == ""
    governance = next(r.id for r in rows if r.name == "Governance and culture")
    picker.add(governance)
    assert (
        "Is there a culture of challenge and scrutiny?" in picker.chips._chips[governance].toolTip()
    )
