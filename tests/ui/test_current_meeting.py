"""One current meeting: what a peer selects anywhere is where Capture writes; *Now* finds the
meeting this peer is in; every note starts in its source's natural mode."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from recording_helpers import open_window

from peernotes.core import meeting_choice
from peernotes.core.demo import write_demo
from peernotes.core.records import observations, people, read_models
from peernotes.core.records import programme as programme_records
from peernotes.core.records.read_models import ObservationFilter
from peernotes.core.store import ChallengeFile

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> object:
    path = tmp_path_factory.mktemp("demo") / "demo.peernotes"
    write_demo(path)
    return path


def _at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(meeting_choice, "clock", lambda: moment)


def _activate(qtbot, window) -> None:
    """Window shortcuts (the View menu's Alt+2) only reach the active window."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def _select_row(page, row: int) -> str:
    index = page.proxy.index(row, 0)
    page.table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    return page.current_id()


def test_a_meeting_selected_in_the_programme_is_where_alt_2_writes(qtbot, demo_file, tmp_path):
    """Select a meeting in the Programme, press Alt+2: Capture is in that meeting (it used to
    open in whichever meeting it had before, and notes landed there)."""
    path = tmp_path / "copy.peernotes"
    path.write_bytes(demo_file.read_bytes())
    window = open_window(qtbot, path)
    _activate(qtbot, window)
    window.show_page("programme")
    programme = window.page_widget("programme")
    capture = window.page_widget("capture")
    for row in (5, 17):
        chosen = _select_row(programme, row)
        assert chosen is not None
        qtbot.keyClick(window, Qt.Key.Key_2, ALT)
        assert window.stack.currentWidget() is capture
        assert capture.current_meeting_id() == chosen
        assert capture.meeting.currentData() == chosen
        window.show_page("programme")
    window.close()


def test_capture_s_picker_makes_the_meeting_current_everywhere(qtbot, demo_file, tmp_path):
    """A meeting chosen in Capture's picker is the one Capture reopens on after another page."""
    path = tmp_path / "copy.peernotes"
    path.write_bytes(demo_file.read_bytes())
    window = open_window(qtbot, path)
    window.show_page("capture")
    capture = window.page_widget("capture")
    capture.meeting.setCurrentIndex(7)
    chosen = capture.meeting.itemData(7)
    window.show_page("observations")
    window.show_page("capture")
    assert capture.current_meeting_id() == chosen
    assert window.session.current_meeting_id == chosen
    window.close()


def test_capture_in_this_meeting_from_a_search_result(qtbot, demo_file, tmp_path):
    """A note found by searching Observations, then "Capture in this meeting": Capture opens
    in that note's meeting (it stayed in whichever meeting it had, and notes landed there)."""
    path = tmp_path / "copy.peernotes"
    path.write_bytes(demo_file.read_bytes())
    window = open_window(qtbot, path)
    capture = window.page_widget("capture")
    window.show_page("observations")
    page = window.page_widget("observations")
    qtbot.keyClicks(page.search, "carers")
    qtbot.waitUntil(lambda: not page.model.pending and page.model.rowCount() > 0)
    cf = window.session.cf
    rows = [page.model.row_for(page.model.id_at(r)) for r in range(page.model.rowCount())]
    current = window.session.current_meeting_id
    wanted = next(r for r in rows if r.meeting_id not in (None, current))
    page.select_observation(wanted.id)
    assert page.capture_button.isEnabled()
    qtbot.mouseClick(page.capture_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is capture
    assert capture.current_meeting_id() == wanted.meeting_id
    assert window.session.current_meeting_id == wanted.meeting_id
    from_document = observations.add_observation(cf, "Carers read about", mode="read")
    window.show_page("observations")
    page.select_observation(from_document)
    assert not page.capture_button.isEnabled()  # a note from no meeting: nowhere to go
    window.close()


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 10, 10, 45),
        datetime(2026, 11, 10, 12, 15),
        datetime(2026, 11, 10, 13, 45),
        datetime(2026, 11, 11, 10, 40),
    ],
)
def test_now_picks_the_parallel_session_this_peer_attends(monkeypatch, demo_file, moment):
    """With two meetings at once, *Now* picks the one each peer is listed for, and says so
    (it used to pick the first by title, so half the team wrote in the wrong meeting)."""
    _at(monkeypatch, moment)
    with ChallengeFile.open(demo_file, readonly=True) as cf:
        running = [
            m
            for m in read_models.meeting_list(cf)
            if m.date == moment.date().isoformat()
            and m.start_time <= moment.strftime("%H:%M") < m.end_time
        ]
        assert len(running) >= 2  # parallel sessions, as in the issue
        for peer in people.team(cf):
            choice = meeting_choice.choose_meeting(cf, peer_id=peer["id"])
            attending = [p["id"] for p in programme_records.meeting_peers(cf, choice.meeting_id)]
            assert peer["id"] in attending, peer["name"]
            assert choice.rule == "attending_now"
            assert "You attend this meeting" in choice.reason


def test_now_button_moves_capture_to_my_meeting_and_says_why(
    qtbot, monkeypatch, demo_file, tmp_path
):
    """Pressing Now at Tuesday 10:45 goes to the interview this peer attends and names the rule."""
    path = tmp_path / "copy.peernotes"
    path.write_bytes(demo_file.read_bytes())
    _at(monkeypatch, datetime(2026, 11, 10, 10, 45))
    window = open_window(qtbot, path)
    capture = window.page_widget("capture")
    window.show_page("capture")
    capture.meeting.setCurrentIndex(0)
    capture.now_button.click()
    cf = window.session.cf
    assert cf.peer_id in [
        p["id"] for p in programme_records.meeting_peers(cf, capture.current_meeting_id())
    ]
    assert "You attend this meeting" in capture.message.text()
    assert "You attend this meeting" in capture.meeting_info.text()
    window.close()


def test_when_not_attending_anything_now_picks_a_running_meeting(cf, monkeypatch):
    """A peer listed for nothing that day still gets the meeting running now, with the reason."""
    programme_records.add_meeting(
        cf, date="2026-11-10", title="B", start_time="10:00", end_time="11:00"
    )
    _at(monkeypatch, datetime(2026, 11, 10, 10, 15))
    choice = meeting_choice.choose_meeting(cf)
    assert choice.rule == "now" and choice.meeting_id is not None
    assert "not listed" in choice.reason
    _at(monkeypatch, datetime(2026, 11, 20, 10, 15))
    assert meeting_choice.choose_meeting(cf).meeting_id is None


@pytest.fixture
def pane(qtbot, challenge_path):
    cf = ChallengeFile.open(challenge_path)
    programme_records.add_meeting(cf, date="2026-11-10", title="Interview", start_time="09:00")
    programme_records.add_meeting(
        cf, date="2026-11-10", title="Riverside unit", type="site_visit", start_time="11:00"
    )
    cf.close()
    window = open_window(qtbot, challenge_path)
    window.show_page("capture")
    pane = window.page_widget("capture")
    yield pane
    window.close()


def _meeting(pane, title: str) -> str:
    for index in range(pane.meeting.count()):
        if title in pane.meeting.itemText(index):
            return pane.meeting.itemData(index)
    raise KeyError(title)


def _saved_modes(pane) -> list[str]:
    cf = pane.session.cf
    ids = read_models.observation_ids(cf, ObservationFilter(meeting_id=pane.current_meeting_id()))
    return [cf.get("observation", i)["mode"] for i in ids]


def test_mode_returns_to_the_meetings_mode_after_enter(qtbot, pane):
    """One Ctrl+3 in an interview tags one note as seen, not every note after it (the old mode
    stuck, lifting findings to "2 modes" on the strength of one interview)."""
    pane.set_meeting(_meeting(pane, "Interview"))
    assert pane.mode.value == "heard"
    qtbot.keyClicks(pane.editor, "Staff showed us the rota")
    qtbot.keyClick(pane.editor, Qt.Key.Key_3, CTRL)
    assert "Seen for this note only" in pane.mode_hint.text()
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert pane.mode.value == "heard"
    assert pane.mode_hint.text() == ""
    qtbot.keyClicks(pane.editor, "Managers said the rota is new")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert sorted(_saved_modes(pane)) == ["heard", "seen"]


def test_each_source_starts_in_its_natural_mode(qtbot, pane):
    """A site visit starts in Seen, other meetings in Heard, notes outside meetings in Read."""
    pane.set_meeting(_meeting(pane, "Riverside"))
    assert pane.mode.value == "seen"
    qtbot.keyClicks(pane.editor, "Clean and calm")
    qtbot.keyClick(pane.editor, Qt.Key.Key_2, CTRL)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    assert pane.mode.value == "seen"
    pane.set_meeting(None)
    assert pane.mode.value == "read"
    pane.set_meeting(_meeting(pane, "Interview"))
    assert pane.mode.value == "heard"


def test_lists_flag_a_mode_unusual_for_its_source(qtbot, pane):
    """A note tagged Seen in an interview shows "Seen ⚠" with the reason, in Capture's list
    and on the Observations page, so a wrong mode is caught before it lifts a finding."""
    pane.set_meeting(_meeting(pane, "Interview"))
    qtbot.keyClicks(pane.editor, "The rota was on the wall")
    qtbot.keyClick(pane.editor, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.editor, "Managers said the rota is new")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    shown = {
        pane.model.index(r, 1).data(): pane.model.index(r, 2).data()
        for r in range(pane.model.rowCount())
    }
    assert shown == {"The rota was on the wall": "Seen ⚠", "Managers said the rota is new": "Heard"}
    seen_row = next(r for r in range(2) if pane.model.index(r, 2).data() == "Seen ⚠")
    tip = pane.model.index(seen_row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Seen at an interview, where notes are usually heard: check the mode."
    window = pane.window()
    window.show_page("observations")
    page = window.page_widget("observations")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert sorted(page.model.index(r, 2).data() for r in range(2)) == ["Heard", "Seen ⚠"]
