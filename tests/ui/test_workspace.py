"""Go to a record from anywhere: the window shows the page that lists it, with it selected."""

from __future__ import annotations

from recording_helpers import open_window
from synthesis_data import build_scene

from peernotes.core import findings
from peernotes.ui.models import ID_ROLE
from peernotes.ui.workspace import Ref


def test_go_to_a_finding_and_a_note_selects_them_on_their_pages(qtbot, challenge_path):
    """'Go to' from the letter, roll-up or weak-findings list must land on the record, not
    just on its page (a renamed method once made it land nowhere, silently)."""
    window = open_window(qtbot, challenge_path)
    scene = build_scene(window.session.cf)
    note = scene.obs("Carers praised the respite service", meeting="carers", headings=("1",))
    other = scene.obs("Another note", meeting="carers", headings=("1",))
    finding = findings.create_finding(
        window.session.cf, "Respite works", heading_id=scene.headings["1"], observation_ids=[note]
    )
    findings.create_finding(window.session.cf, "Something else", heading_id=scene.headings["1"])

    assert window.go_to(Ref("finding", finding))
    assert window.stack.currentWidget() is window.page_widget("findings")
    assert window.page_widget("findings").current_id == finding

    assert window.go_to(Ref("observation", other))
    page = window.page_widget("observations")
    assert window.stack.currentWidget() is page
    assert page.table.currentIndex().data(ID_ROLE) == other
    window.close()


def test_go_to_an_unknown_kind_of_record_changes_nothing(qtbot, challenge_path):
    """A reference the window cannot show leaves the person where they were."""
    window = open_window(qtbot, challenge_path)
    before = window.stack.currentWidget()
    assert not window.go_to(Ref("setting", "letter.signatory"))
    assert window.stack.currentWidget() is before
    window.close()


def test_a_finding_link_in_the_rollup_opens_it_on_the_findings_page(qtbot, challenge_path):
    """Clicking a finding in the roll-up on the last morning must show that finding."""
    from PySide6.QtCore import QUrl

    window = open_window(qtbot, challenge_path)
    scene = build_scene(window.session.cf)
    findings.create_finding(window.session.cf, "First", heading_id=scene.headings["1"])
    second = findings.create_finding(window.session.cf, "Second", heading_id=scene.headings["2"])
    window.show_page("rollup")
    window.page_widget("rollup")._open(QUrl(f"finding:{second}"))
    assert window.stack.currentWidget() is window.page_widget("findings")
    assert window.page_widget("findings").current_id == second
    window.close()


def test_a_heading_on_the_coverage_map_lists_its_notes_on_findings(qtbot, challenge_path):
    """From a thin heading on the coverage map, the lead peer lands on its notes."""
    window = open_window(qtbot, challenge_path)
    scene = build_scene(window.session.cf)
    scene.obs("Respite is hard to book", meeting="carers", headings=("1",))
    window.show_page("coverage")
    window.page_widget("coverage")._open_heading(scene.headings["1"])
    assert window.stack.currentWidget() is window.page_widget("findings")
    window.close()


def test_a_page_note_shows_in_the_status_bar_until_it_times_out(qtbot, challenge_path, monkeypatch):
    """Deleting a meeting says so, and how to undo it, at the foot of the window: without the
    window's one note service the person would not know Ctrl+Z brings the meeting back."""
    from peernotes.core.records import programme
    from peernotes.ui.dialogs import messages

    window = open_window(qtbot, challenge_path)
    meeting = programme.add_meeting(window.session.cf, date="2026-11-10", title="Carers' forum").id
    window.show_page("programme")
    monkeypatch.setattr(messages, "confirm", lambda *args: True)
    window.page_widget("programme").delete(meeting)
    note = window.statusBar().currentMessage()
    assert "Deleted" in note and "Carers' forum" in note and "Ctrl+Z" in note
    window.say("A passing note", 0.05)
    assert window.statusBar().currentMessage() == "A passing note"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=2000)
    window.close()
