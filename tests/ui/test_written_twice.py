"""Meetings written up twice: the side-by-side view, its marks, and the finding's evidence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from peernotes.core import findings, note_pairs
from peernotes.core.records import observations, people, programme
from peernotes.core.triangulation import assess
from peernotes.ui.session import Session
from peernotes.ui.synthesis.findings_page import FindingsPage
from peernotes.ui.synthesis.written_twice import AlignedNotesModel, WrittenTwiceDialog

ALEX = ("Carers said the respite booking line rings out after five o'clock.", "Staff were proud.")
PRIYA = ("Respite booking: carers told us the line rings out after 5pm.", "A dementia pathway.")


@pytest.fixture
def scene(cf):
    alex, priya = (p["id"] for p in people.team(cf)[:2])
    meeting = programme.add_meeting(cf, date="2026-11-11", title="Carers' focus group").id
    ids = {}
    for by, texts in ((alex, ALEX), (priya, PRIYA)):
        for n, text in enumerate(texts):
            ids[text] = observations.add_observation(
                cf, text, meeting_id=meeting, recorded_by=by, observed_at=f"2026-11-11T10:0{n}"
            )
    return cf, meeting, ids


@pytest.fixture
def session(scene):
    session = Session(scene[0])
    yield session
    session._unsubscribe()


def _select_row(dialog: WrittenTwiceDialog, row: int) -> None:
    dialog.view.selectionModel().select(
        dialog.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _row_of(dialog: WrittenTwiceDialog, left_text: str) -> int:
    for row in range(dialog.model.rowCount()):
        aligned = dialog.model.row_at(row)
        if aligned and aligned.left and aligned.left.text == left_text:
            return row
    raise AssertionError(f"{left_text!r} is not shown")


def test_two_peers_notes_appear_side_by_side(scene, session, qtbot):
    """Opening the view shows the focus group, Alex's notes on the left and Priya's on the
    right, the two respite notes on one line."""
    _cf, meeting, _ids = scene
    dialog = WrittenTwiceDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.current_meeting_id() == meeting
    model = dialog.model
    assert model.headerData(AlignedNotesModel.LEFT, _horizontal()) == "Alex Morgan"
    assert model.headerData(AlignedNotesModel.RIGHT, _horizontal()) == "Priya Nair"
    row = _row_of(dialog, ALEX[0])
    assert model.index(row, AlignedNotesModel.RIGHT).data() == PRIYA[0]
    paired = sum(1 for r in range(model.rowCount()) if model.row_at(r).paired)
    words = dialog.status.text()
    assert paired == 1 and words.startswith("1 pair lined up") and "(s)" not in words


def test_marking_same_point_changes_the_evidence_display_not_the_source_count(
    scene, session, qtbot
):
    """Marking the respite pair 'same point' puts Priya's note right under Alex's in the
    finding's evidence, says so, leaves one source and two recorders; Undo takes it back."""
    cf, _meeting, ids = scene
    finding = findings.create_finding(cf, "Respite is hard to book.", kind="area")
    findings.add_evidence(cf, finding, [ids[ALEX[0]], ids[ALEX[1]], ids[PRIYA[0]]])
    page = FindingsPage(session)
    qtbot.addWidget(page)
    page.select_finding(finding)
    before = assess(cf, finding)
    dialog = WrittenTwiceDialog(session)
    qtbot.addWidget(dialog)
    _select_row(dialog, _row_of(dialog, ALEX[0]))
    dialog.mark_selected("same")
    assert note_pairs.mark_of(cf, ids[ALEX[0]], ids[PRIYA[0]]) == "same"
    mark_column = dialog.model.index(_row_of(dialog, ALEX[0]), AlignedNotesModel.MARK)
    assert mark_column.data() == "Same point"

    page.refresh()
    shown = _evidence_lines(page)
    assert shown.index(next(s for s in shown if PRIYA[0][:20] in s)) == 1
    assert "same point" in shown[1]
    after = assess(cf, finding)
    assert (after.sources, after.peers) == (before.sources, before.peers) == (1, 2)

    session.undo_stack.undo()
    assert note_pairs.mark_of(cf, ids[ALEX[0]], ids[PRIYA[0]]) is None
    page.refresh()
    assert not any("same point" in line for line in _evidence_lines(page))


def test_the_tools_menu_opens_the_view(scene, qtbot, tmp_path):
    """Tools › Meetings written up twice… opens the side-by-side view on the open file."""
    from peernotes.ui.main_window import MainWindow

    cf, meeting, _ids = scene
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_session(Session(cf))
    action = next(
        a for a in window.menu("&Tools").actions() if "written up twice" in a.text().lower()
    )
    assert action.isEnabled()
    action.trigger()
    assert window.written_twice.current_meeting_id() == meeting
    window.written_twice.close()


def _evidence_lines(page: FindingsPage) -> list[str]:
    model = page.editor.supporting.model
    return [
        f"{model.index(row, 0).data()} | {model.index(row, 4).data()}"
        for row in range(model.rowCount())
    ]


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_the_programme_opens_the_view_on_the_selected_meeting(scene, session, qtbot):
    """Compare write-ups… on the Programme opens the side-by-side view on the meeting
    selected there; a meeting only one peer noted says there is nothing to line up."""
    from peernotes.ui.recording.programme import ProgrammePage

    cf, meeting, _ids = scene
    alone = programme.add_meeting(cf, date="2026-11-12", title="Finance interview").id
    observations.add_observation(cf, "Budget set.", meeting_id=alone, recorded_by=None)
    page = ProgrammePage(session)
    qtbot.addWidget(page)
    page.select_id(meeting)
    assert page.compare_button.isEnabled()
    page.compare_button.click()
    assert page.written_twice.current_meeting_id() == meeting
    page.written_twice.close()
    page.select_id(alone)
    page.compare_button.click()
    assert "fewer than two peers" in page.written_twice.status.text()
    page.written_twice.close()
