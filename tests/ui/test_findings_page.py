"""The Findings page: make a finding from selected notes, watch its badge follow the evidence,
reorder, and undo every step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from synthesis_data import build_scene

from peernotes.core import findings, rollup
from peernotes.ui.session import Session
from peernotes.ui.synthesis.dialogs import NewFindingDialog
from peernotes.ui.synthesis.findings_page import FindingsPage


@pytest.fixture
def scene(cf):
    return build_scene(cf)


@pytest.fixture
def page(scene, qtbot):
    session = Session(scene.cf)
    widget = FindingsPage(session)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    yield widget
    widget.hide()
    session._unsubscribe()


def select_observations(page, ids):
    view, model = page.browser, page.browser_model
    view.clearSelection()
    for observation_id in ids:
        row = model.row_of(observation_id)
        assert row >= 0, "observation not listed"
        view.selectionModel().select(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def badge_of(page, finding_id):
    page.refresh()
    index = page.tree_model.index_of_finding(finding_id, column=2)
    return page.tree_model.data(index)


def test_create_from_three_observations_then_evidence_reorder_and_undo(
    page, scene, qtbot, monkeypatch
):
    """The evening workflow end to end: every step shows at once and every step undoes."""
    cf, stack = scene.cf, page.session.undo_stack
    three = [
        scene.obs("Carers said the respite offer is good", meeting="carers"),
        scene.obs("Another carer praised respite", meeting="carers", by="Alex"),
        scene.obs("Respite was praised again", meeting="carers", by="Tom"),
    ]
    staff = scene.obs("Staff confirmed respite is easy to book", meeting="staff")
    document = scene.obs("The strategy funds respite", mode="read", document="strategy")
    page.refresh()

    # 1. new finding from three selected observations (the dialog is replaced by its answer)
    asked = {}

    def answer(parent, **kwargs):
        asked.update(kwargs)
        return {
            "statement": "Carers value respite",
            "kind": "strength",
            "heading_id": scene.headings["1"],
            "group_id": None,
        }

    monkeypatch.setattr(NewFindingDialog, "ask", answer)
    select_observations(page, three)
    assert page.new_from_action.isEnabled()
    page.new_from_action.trigger()
    assert asked["evidence_count"] == 3
    finding_id = page.current_id
    assert finding_id is not None
    assert {x.observation_id for x in findings.evidence_links(cf, finding_id)} == set(three)
    assert page.supporting_model.rowCount() == 3
    assert badge_of(page, finding_id) == "Single source — to test"  # one meeting, three peers

    # 2. add evidence from another meeting: corroborated
    select_observations(page, [staff])
    page.add_to_action.trigger()
    assert badge_of(page, finding_id) == "Corroborated"
    # 3. add a document: triangulated
    select_observations(page, [document])
    page.add_to_action.trigger()
    assert badge_of(page, finding_id) == "Triangulated"
    assert page.supporting_model.rowCount() == 5
    # 4. remove the document from the evidence table: back to corroborated
    page.select_finding(finding_id)
    row = page.supporting_model.ids().index(document)
    page.supporting_view.selectRow(row)
    page.remove_support_action.trigger()
    assert badge_of(page, finding_id) == "Corroborated"
    # 5. contradicting evidence is listed apart and leaves the level alone
    select_observations(page, [document])
    page.contradict_action.trigger()
    page.refresh()
    assert page.contradicting_model.ids() == [document]
    assert badge_of(page, finding_id) == "Corroborated"

    # 6. a second finding, then reorder
    second = findings.create_finding(cf, "Second strength", heading_id=scene.headings["1"])
    page.refresh()
    page.select_finding(second)
    assert page.move_up_action.isEnabled()
    page.move_up_action.trigger()
    order = [r["id"] for r in findings.section(cf, scene.headings["1"], "strength")]
    assert order == [second, finding_id]
    page.refresh()
    parent = page.tree_model.index_of_heading(scene.headings["1"])
    assert page.tree_model.finding_at(page.tree_model.index(0, 0, parent)).id == second

    # undo each step, newest first
    stack.undo()  # the move
    assert [r["id"] for r in findings.section(cf, scene.headings["1"], "strength")] == [
        finding_id,
        second,
    ]
    stack.undo()  # contradicting
    assert badge_of(page, finding_id) == "Corroborated"
    assert all(x.relation == "supports" for x in findings.evidence_links(cf, finding_id))
    stack.undo()  # the removal
    assert badge_of(page, finding_id) == "Triangulated"
    stack.undo()  # the document
    assert badge_of(page, finding_id) == "Corroborated"
    stack.undo()  # the staff note
    assert badge_of(page, finding_id) == "Single source — to test"
    stack.undo()  # the finding itself
    assert cf.get("finding", finding_id) is None
    page.refresh()
    assert not page.tree_model.index_of_finding(finding_id).isValid()
    stack.redo()
    assert badge_of(page, finding_id) == "Single source — to test"


def test_editing_a_finding_saves_and_undoes(page, scene):
    """Typing a new statement, ticking 'key message' and moving heading are each undoable."""
    cf = scene.cf
    finding_id = findings.create_finding(cf, "Old words", heading_id=scene.headings["1"])
    page.refresh()
    page.select_finding(finding_id)
    page.statement.setPlainText("New words")
    page.statement.editingFinished.emit()
    assert findings.finding(cf, finding_id)["statement"] == "New words"
    page.key_message.setChecked(True)
    assert findings.finding(cf, finding_id)["key_message"] == 1
    page.refresh()
    page.heading.setCurrentIndex(page.heading.findData(scene.headings["2"]))
    assert findings.finding(cf, finding_id)["heading_id"] == scene.headings["2"]
    for _ in range(3):
        page.session.undo_stack.undo()
    row = findings.finding(cf, finding_id)
    assert (row["statement"], row["key_message"], row["heading_id"]) == (
        "Old words",
        0,
        scene.headings["1"],
    )


def test_leaving_a_box_unchanged_is_not_an_edit(page, scene):
    """Tabbing through the editor without changing a word leaves Edit › Undo as it was:
    otherwise Ctrl+Z would undo nothing the peer can see, once per box they passed through."""
    finding_id = findings.create_finding(scene.cf, "Same words", heading_id=scene.headings["1"])
    page.refresh()
    page.select_finding(finding_id)
    stack = page.session.undo_stack
    before = stack.count()
    page.statement.setPlainText("Same words")
    page.statement.editingFinished.emit()
    assert stack.count() == before
    page.statement.setPlainText("Other words")
    page.statement.editingFinished.emit()
    assert stack.count() == before + 1


def test_search_narrows_both_lists_and_hostile_text_is_harmless(page, scene, qtbot):
    """Typing in the search box filters observations (with highlighted snippets) and findings."""
    cf = scene.cf
    hit = scene.obs("The walking group is popular", meeting="carers")
    scene.obs("Nothing relevant here", meeting="staff")
    findings.create_finding(cf, "Walking group works", heading_id=scene.headings["1"])
    findings.create_finding(cf, "Unrelated", heading_id=scene.headings["2"])
    page.refresh()
    page.search_edit.setText("walk")
    page._apply_search()
    assert page.browser_model.ids() == [hit]
    snippet = page.browser_model.data(page.browser_model.index(0, 0), role=0x0100 + 3)
    assert "<b>walking</b>" in snippet
    shown = rollup.rollup(cf)  # noqa: F841 -- the tree shows only the matching finding
    statements = [f.statement for h in page.tree_model._headings for f in h.findings]
    assert statements == ["Walking group works"]
    for text in ('"', "NEAR(", "'; DROP TABLE finding; --", "😀", "x" * 10_000):
        page.search_edit.setText(text)
        page._apply_search()
    page.search_edit.clear()
    page._apply_search()
    assert page.browser_model.rowCount() == 2


def test_inbox_scope_lists_only_unsorted_notes(page, scene):
    """The inbox shows notes with no heading that no finding uses."""
    sorted_ = scene.obs("tagged", headings=("1",))
    used = scene.obs("used")
    loose = scene.obs("loose")
    findings.create_finding(scene.cf, "f", observation_ids=[used])
    page.refresh()
    page.scope.setCurrentIndex(page.scope.findData("inbox"))
    assert page.browser_model.ids() == [loose]
    page.show_heading(scene.headings["1"])
    assert page.browser_model.ids() == [sorted_]


def test_actions_disabled_without_selection(page, scene):
    """Buttons that need a selection are greyed out rather than doing nothing."""
    page.refresh()
    assert not page.new_from_action.isEnabled()
    assert not page.add_to_action.isEnabled()
    assert not page.move_up_action.isEnabled()


def test_browser_shows_polarity_heading_and_recorder_and_the_notes_in_full(page, scene):
    """On a laptop the table cannot show a whole note: its polarity, heading and recorder
    have columns, and the selected notes are shown in full in the reading pane."""
    long_text = "Carers said the respite offer is good " + "and much else besides " * 12
    note = scene.obs(long_text.strip(), polarity="area", by="Alex", headings=("1",))
    loose = scene.obs("Nobody has sorted this one")
    page.refresh()
    model = page.browser_model
    row = model.row_of(note)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    visible = [h for c, h in enumerate(headers) if not page.browser.isColumnHidden(c)]
    assert {"Polarity", "Heading", "Recorded by"} <= set(visible)
    assert model.data(model.index(row, model.POLARITY)) == "Area"
    assert model.data(model.index(row, model.HEADING)).startswith("1")
    assert model.data(model.index(row, model.RECORDER)).startswith("Alex")
    assert model.data(model.index(model.row_of(loose), model.HEADING)) == "Inbox"
    select_observations(page, [note])
    assert "and much else besides " * 11 in page.observations.reading.toPlainText()


def test_filters_narrow_the_list_to_notes_not_yet_in_a_finding(page, scene):
    """'Not yet in a finding' plus a polarity leaves only the notes still to pool."""
    used = scene.obs("Waits are long", polarity="area")
    left = scene.obs("Waits again", polarity="area")
    scene.obs("Respite is good", polarity="strength")
    findings.create_finding(scene.cf, "Waits", observation_ids=[used])
    page.refresh()
    browser = page.observations
    browser.scope.setCurrentIndex(browser.scope.findData("unused"))
    assert browser.scope.currentText() == "Not yet in a finding"
    browser.polarity.setCurrentIndex(browser.polarity.findData("area"))
    assert page.browser_model.ids() == [left]


def test_finding_statements_show_in_full_and_wrap(page, scene):
    """A long statement is shown whole in the tree (on more than one line), not cut short."""
    statement = "The council's carers offer is valued " + "by many people we met " * 10
    finding_id = findings.create_finding(
        scene.cf, statement.strip(), heading_id=scene.headings["1"]
    )
    page.resize(1180, 650)
    page.refresh()
    index = page.tree_model.index_of_finding(finding_id)
    assert page.tree_model.data(index) == statement.strip()
    single = page.tree.fontMetrics().lineSpacing()
    assert page.tree.visualRect(index).height() > 1.5 * single


def test_splitter_sizes_are_remembered(page, scene, qtbot):
    """The room the lead peer gave the tree is still there when the page is built again."""
    page.refresh()
    page.right.setSizes([200, 500])
    page.right.splitterMoved.emit(200, 1)
    again = FindingsPage(page.session)
    qtbot.addWidget(again)
    again.resize(page.size())
    again.show()
    assert abs(again.right.sizes()[0] - page.right.sizes()[0]) <= 2
    again.hide()


def test_tab_in_the_statement_and_narrative_moves_on(page, scene, qtbot):
    """A tab character would go into the letter: Tab moves to the next field instead."""
    finding_id = findings.create_finding(scene.cf, "Words", heading_id=scene.headings["1"])
    page.refresh()
    page.select_finding(finding_id)
    for box in (page.statement, page.narrative):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        assert "\t" not in box.toPlainText()
    assert "\t" not in findings.finding(scene.cf, finding_id)["narrative"]


def test_new_finding_dialog_proposes_kind_and_shows_the_evidence(scene, qtbot):
    """All 'area' evidence proposes an area; mixed evidence asks; the notes are shown in full;
    Tab leaves the statement; Ctrl+Enter makes the finding."""
    from peernotes.core import evidence

    areas = [scene.obs("Waits are long for assessments", polarity="area") for _ in range(2)]
    mixed = areas + [scene.obs("Respite is good", polarity="strength")]
    notes = list(evidence.describe(scene.cf, areas).values())
    dialog = NewFindingDialog(None, [], [], None, "", notes, findings.proposed_kind(["area"]))
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "area"
    assert "Waits are long for assessments" in dialog.evidence.toPlainText()
    dialog.show()
    dialog.statement.setFocus()
    qtbot.keyClicks(dialog.statement, "Assessment waits")
    qtbot.keyClick(dialog.statement, Qt.Key.Key_Tab)
    assert dialog.statement.toPlainText() == "Assessment waits"
    qtbot.keyClick(dialog.statement, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == NewFindingDialog.DialogCode.Accepted
    assert dialog.values()["kind"] == "area"

    notes = list(evidence.describe(scene.cf, mixed).values())
    asking = NewFindingDialog(None, [], [], None, "x", notes, None)
    qtbot.addWidget(asking)
    assert asking.kind.currentIndex() == -1
    assert "mixed" in asking.kind.placeholderText()


def test_prose_only_is_ticked_in_the_editor_and_undone(page, scene):
    """Ticking "Prose only" on a finding: the letter prints its narrative with no bullet;
    Edit › Undo puts the bullet back."""
    from peernotes.core.letter import build_letter

    cf = scene.cf
    finding_id = findings.create_finding(
        cf, "Carers feel heard", narrative="Carers told us so.", heading_id=scene.headings["1"]
    )
    page.refresh()
    page.select_finding(finding_id)
    assert not page.prose_only.isChecked()
    page.prose_only.setChecked(True)
    assert findings.finding(cf, finding_id)["prose_only"] == 1
    bullets = [b.text for b in build_letter(cf).blocks if b.kind == "bullet"]
    assert "Carers feel heard" not in bullets
    page.session.undo_stack.undo()
    assert findings.finding(cf, finding_id)["prose_only"] == 0
    bullets = [b.text for b in build_letter(cf).blocks if b.kind == "bullet"]
    assert "Carers feel heard" in bullets
    page.refresh()
    page.select_finding(finding_id)
    assert not page.prose_only.isChecked()
