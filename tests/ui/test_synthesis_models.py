"""The synthesis models pass Qt's model checks, and show what the core computed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from synthesis_data import build_scene

from peernotes.core import evidence, findings, rollup
from peernotes.ui.synthesis.models import (
    EvidenceTableModel,
    FindingsTreeModel,
    ObservationBrowserModel,
)


@pytest.fixture
def filled(cf):
    scene = build_scene(cf)
    a = scene.obs("Carers praised respite", meeting="carers", headings=("1",))
    b = scene.obs("The strategy funds respite", mode="read", document="strategy")
    c = scene.obs("Staff find respite hard to book", meeting="staff")
    scene.finding = findings.create_finding(
        cf,
        "Respite works",
        heading_id=scene.headings["1"],
        observation_ids=[a, b],
        contradicting_ids=[c],
    )
    findings.create_finding(cf, "An area", kind="area", heading_id=scene.headings["1"])
    findings.create_finding(cf, "Cross-cutting", kind="recommendation")
    scene.ids = [a, b, c]
    return scene


def test_findings_tree_model(filled, qtmodeltester):
    """Headings hold their findings in order, with badge, counts and the rule as tooltip."""
    model = FindingsTreeModel()
    model.set_rollup(rollup.rollup(filled.cf))
    qtmodeltester.check(model)
    index = model.index_of_finding(filled.finding, column=2)
    assert model.data(index) == "Triangulated"
    assert "Meets the rule" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index.siblingAtColumn(3)) == "R1 H1 S0"
    assert model.data(index.siblingAtColumn(4)) == "1"
    assert model.rowCount(index.parent()) == 2
    model.set_show_empty(True)
    qtmodeltester.check(model)
    assert model.rowCount() == len(rollup.rollup(filled.cf).headings)


def test_observation_browser_model_is_lazy(filled, qtmodeltester):
    """The browser describes only the page of rows it shows."""
    calls = []

    def describe(ids):
        calls.append(list(ids))
        return evidence.describe(filled.cf, ids)

    model = ObservationBrowserModel(describe)
    model.set_ids(evidence.observation_ids(filled.cf))
    assert calls == []
    qtmodeltester.check(model)
    row = model.row_of(filled.ids[0])
    assert model.data(model.index(row, 0)) == "Carers praised respite"
    assert model.data(model.index(row, model.GROUPS)) == "Carer"
    assert model.data(model.index(row, model.FINDINGS)) == "1"
    assert model.data(model.index(row, model.POLARITY)) == "Neutral"


def test_evidence_table_model(filled, qtmodeltester):
    model = EvidenceTableModel()
    model.set_rows(evidence.describe(filled.cf, filled.ids).values())
    qtmodeltester.check(model)
    assert model.rowCount() == 3
