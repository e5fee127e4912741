"""The Roll-up and Coverage pages render the core's numbers, and follow edits."""

from __future__ import annotations

import pytest
from synthesis_data import build_scene

from peernotes.core import coverage, findings, rollup
from peernotes.ui.session import Session
from peernotes.ui.synthesis import FEATURE
from peernotes.ui.synthesis.coverage_page import CoveragePage, summary_html
from peernotes.ui.synthesis.rollup_page import RollupPage, rollup_html


@pytest.fixture
def scene(cf):
    scene = build_scene(cf)
    a = scene.obs("Carers <praised> respite & more", meeting="carers", headings=("1",))
    b = scene.obs("The strategy funds respite", mode="read", document="strategy", headings=("1",))
    findings.create_finding(
        cf,
        "Respite <works>",
        heading_id=scene.headings["1"],
        observation_ids=[a, b],
        key_message=True,
    )
    group = findings.add_recommendation_group(cf, "Quick wins")
    findings.create_finding(
        cf,
        "Publish the respite offer",
        kind="recommendation",
        heading_id=scene.headings["2"],
        group_id=group,
    )
    scene.obs("Unsorted note")
    return scene


def test_rollup_html_reads_in_framework_order(scene):
    """The document lists headings in order, badges with words, escaped text and the inbox."""
    text = rollup_html(rollup.rollup(scene.cf))
    assert "Respite &lt;works&gt;" in text
    assert "Triangulated" in text and "★ key message" in text
    assert text.index("Respite &lt;works&gt;") < text.index("Recommendations by group")
    assert text.index("Quick wins") < text.index("Inbox: 1 observation to sort")
    assert "Unsorted note" in text
    assert "read 1 · heard 1 · seen 0" in text


def test_pages_build_and_follow_changes(scene, qtbot):
    """All three pages open on a file, and a new finding shows on the roll-up."""
    session = Session(scene.cf)
    pages = FEATURE.create_pages(session, None)
    assert [(p.key, p.order) for p in pages] == [("findings", 50), ("rollup", 60), ("coverage", 70)]
    for page in pages:
        qtbot.addWidget(page.widget)
    roll = next(p.widget for p in pages if p.key == "rollup")
    assert isinstance(roll, RollupPage)
    roll.show()
    roll.refresh()
    assert "Respite" in roll.browser.toPlainText()
    findings.create_finding(scene.cf, "Brand new finding", heading_id=scene.headings["3"])
    qtbot.waitUntil(lambda: "Brand new finding" in roll.browser.toPlainText(), timeout=2000)
    session._unsubscribe()


def test_coverage_page_summary_and_threshold(scene, qtbot):
    """Unheard groups are named; changing 'thin' is saved and undoable."""
    session = Session(scene.cf)
    page = CoveragePage(session)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert "Not heard from yet" in page.summary.text() and "Councillor" in page.summary.text()
    assert page.chart.data is not None and page.chart.sizeHint().height() > 300
    page.thin.setValue(5)
    assert coverage.thin_below(scene.cf) == 5
    session.undo_stack.undo()
    assert coverage.thin_below(scene.cf) == 3
    heading = page.chart.data.headings[1]
    assert heading.label in page.chart.tooltip(heading, "label")
    # The carers were heard at their meeting: they leave "Not heard from yet" and are counted.
    summary = summary_html(coverage.coverage(scene.cf))
    unheard = summary.split("Not heard from yet:</b>")[1].split("</span>")[0]
    assert "Carer" not in unheard and "Councillor" in unheard
    assert "Carer 2" in summary.split("People met by group:")[1]
    image = page.chart.grab()
    assert not image.isNull()
    session._unsubscribe()
