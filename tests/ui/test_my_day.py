"""My day, inside the Programme page: this peer's meetings today, in order, the one to be at
highlighted; choosing one makes it current and Enter goes to Capture in it."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from recording_helpers import open_window

from peernotes.core import meeting_choice
from peernotes.core.demo import write_demo
from peernotes.core.records import programme, read_models
from peernotes.ui.models import ID_ROLE


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.peernotes"
    write_demo(path)
    return path


@pytest.fixture
def window(qtbot, monkeypatch, demo_file, tmp_path):
    monkeypatch.setattr(meeting_choice, "clock", lambda: datetime(2026, 11, 10, 12, 15))
    path = tmp_path / "copy.peernotes"
    path.write_bytes(demo_file.read_bytes())
    w = open_window(qtbot, path)
    yield w
    w.close()


def test_my_day_lists_my_meetings_in_order_with_the_current_one_highlighted(window):
    """On Tuesday at 12:15 the Programme opens on My day: only this peer's meetings, by time,
    the 12:00 one marked as the one to be at."""
    window.show_page("programme")
    page = window.page_widget("programme")
    assert page.views.currentWidget() is page.my_day
    model = page.my_day.model
    cf = window.session.cf
    mine = [
        m.id
        for m in read_models.meeting_list(cf)
        if m.date == "2026-11-10"
        and cf.peer_id in [p["id"] for p in programme.meeting_peers(cf, m.id)]
    ]
    assert [model.index(r).data(ID_ROLE) for r in range(model.rowCount())] == mine
    starts = [m.start_time for m in model.meetings]
    assert starts == sorted(starts) and len(starts) >= 4
    highlighted = [m for m in model.meetings if m.is_next]
    assert [m.start_time for m in highlighted] == ["12:00"]
    row = model.next_row()
    assert model.index(row).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(row).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0).data(Qt.ItemDataRole.ToolTipRole).startswith("Done: 09:00")
    assert "Tuesday 10 November" in page.my_day.title.text()


def test_enter_on_my_day_goes_to_capture_in_that_meeting(qtbot, window):
    """Choosing a meeting in My day makes it current; Enter writes in it."""
    window.show_page("programme")
    page = window.page_widget("programme")
    view = page.my_day.list
    view.setFocus()
    last = page.my_day.model.index(page.my_day.model.rowCount() - 1)
    view.setCurrentIndex(last)
    assert window.session.current_meeting_id == last.data(ID_ROLE)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    capture = window.page_widget("capture")
    assert window.stack.currentWidget() is capture
    assert capture.current_meeting_id() == last.data(ID_ROLE)


def test_all_days_is_one_tab_away(window):
    """The full timetable is still there: All days shows every meeting."""
    page = window.page_widget("programme")
    page.days.setCurrentIndex(1)
    assert page.views.currentWidget() is page.table
    assert page.proxy.rowCount() == len(read_models.meeting_list(window.session.cf))
