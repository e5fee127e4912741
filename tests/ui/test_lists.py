"""Programme, people, documents and observations screens: add, edit, delete, all undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from recording_helpers import open_window

from peernotes.core.records import challenge, observations, programme, read_models
from peernotes.core.records import people as people_records
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.delete_meeting import DeleteMeetingChoice, DeleteMeetingDialog
from peernotes.ui.dialogs.document import DocumentDialog
from peernotes.ui.dialogs.meeting import MeetingDialog
from peernotes.ui.dialogs.person import PersonDialog
from peernotes.ui.operations.inputs import DocumentData, MeetingData, PersonData
from peernotes.ui.widgets import observation_editor


@pytest.fixture
def window(qtbot, challenge_path):
    w = open_window(qtbot, challenge_path)
    yield w
    w.close()


def _meeting(cf, title="Director", **kw):
    return programme.add_meeting(
        cf, date="2026-11-10", title=title, start_time="09:00", end_time="10:00", **kw
    ).id


def test_meeting_that_ends_before_it_starts_is_refused_with_the_reason(qtbot, window):
    """The meeting dialog stays open and says why; nothing is written."""
    cf = window.session.cf
    page = window.page_widget("programme")
    dialog = MeetingDialog(
        page,
        peers=read_models.team_members(cf),
        people=[],
        initial=MeetingData(date="2026-11-10", title=""),
        save=page.save_new,
    )
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate(2026, 11, 10))
    qtbot.keyClicks(dialog.title, "Carers' forum")
    qtbot.keyClicks(dialog.start, "14:00")
    qtbot.keyClicks(dialog.end, "13:00")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error_label.text() == "End: the meeting ends (13:00) before it starts (14:00)."
    assert cf.rows("meeting") == []
    dialog.end.setText("15:30")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [m["end_time"] for m in cf.rows("meeting")] == ["15:30"]


def test_core_refusal_also_keeps_the_dialog_open(qtbot, window):
    """Whatever the core refuses (here a bad time) is shown in the dialog, not lost."""
    page = window.page_widget("programme")
    dialog = MeetingDialog(
        page,
        peers=[],
        people=[],
        initial=MeetingData(date="2026-11-10", title="X"),
        save=page.save_new,
    )
    qtbot.addWidget(dialog)
    dialog.start.setText("25:00")
    dialog.accept()
    assert "not a time" in dialog.error_label.text()


def test_edit_meeting_changes_people_and_undo_restores(qtbot, window, monkeypatch):
    """Editing a meeting's title and people saves at once, and one undo puts it all back."""
    cf = window.session.cf
    meeting = _meeting(cf)
    person = people_records.add_person(cf, "Sam Patel")

    def fake(parent, *, initial, save, **_):
        data = MeetingData(
            **{**initial.__dict__, "title": "Director (rescheduled)", "person_ids": [person]}
        )
        save(data)
        return data

    monkeypatch.setattr(MeetingDialog, "ask", staticmethod(fake))
    page = window.page_widget("programme")
    page.select_id(meeting)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert cf.get("meeting", meeting)["title"] == "Director (rescheduled)"
    assert [p["id"] for p in programme.meeting_people(cf, meeting)] == [person]
    window.undo_action.trigger()
    assert cf.get("meeting", meeting)["title"] == "Director"
    assert programme.meeting_people(cf, meeting) == []


@pytest.mark.parametrize("choice", ["move", "delete"])
def test_deleting_a_meeting_with_observations_asks_and_can_be_undone(
    qtbot, window, monkeypatch, choice
):
    """The peer chooses what happens to the notes; Undo brings meeting and notes back."""
    cf = window.session.cf
    doomed, other = _meeting(cf, "Doomed"), _meeting(cf, "Other")
    notes = [observations.add_observation(cf, f"Note {i}", meeting_id=doomed) for i in range(3)]
    asked = []

    def fake(parent, label, count, others):
        asked.append((count, [o[0] for o in others]))
        return DeleteMeetingChoice(choice, other if choice == "move" else None)

    monkeypatch.setattr(DeleteMeetingDialog, "ask", staticmethod(fake))
    page = window.page_widget("programme")
    page.select_id(doomed)
    page.delete_current()
    assert asked == [(3, [other])]
    assert cf.get("meeting", doomed) is None
    if choice == "move":
        assert {cf.get("observation", n)["meeting_id"] for n in notes} == {other}
    else:
        assert all(cf.get("observation", n) is None for n in notes)
    window.undo_action.trigger()
    assert cf.get("meeting", doomed) is not None
    assert {cf.get("observation", n)["meeting_id"] for n in notes} == {doomed}


def test_delete_meeting_dialog_defaults_to_moving(qtbot):
    """The safe choice (keep the notes) is the default when another meeting exists."""
    dialog = DeleteMeetingDialog(None, "Tue 10 Nov · Director", 4, [("m2", "Wed 11 Nov · Carers")])
    qtbot.addWidget(dialog)
    assert dialog.choice() == DeleteMeetingChoice("move", "m2")
    dialog.delete.setChecked(True)
    assert dialog.choice() == DeleteMeetingChoice("delete")
    alone = DeleteMeetingDialog(None, "X", 1, [])
    qtbot.addWidget(alone)
    assert alone.choice() == DeleteMeetingChoice("delete") and not alone.move_choice.isEnabled()


def test_programme_day_tabs_filter_the_meetings(qtbot, window):
    """Each on-site day has a tab showing only that day's meetings."""
    cf = window.session.cf
    _meeting(cf, "Monday meeting")
    programme.add_meeting(cf, date="2026-11-11", title="Wednesday meeting")
    page = window.page_widget("programme")
    assert page.days.count() == 6  # my day, all days + 10..13 Nov
    page.days.setCurrentIndex(3)
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 2).data() == "Wednesday meeting"
    page.days.setCurrentIndex(1)
    qtbot.keyClicks(page.filter, "monday")
    assert page.proxy.rowCount() == 1


def test_people_add_offers_existing_edit_and_delete(qtbot, window, monkeypatch):
    """People can be added, edited and deleted from their list; a same-name add is confirmed."""
    cf = window.session.cf
    first = people_records.add_person(cf, "Sam Patel")
    confirms = []
    monkeypatch.setattr(messages, "confirm", lambda *a: confirms.append(a[2]) or False)

    def fake(parent, groups, initial, save, title=""):
        data = PersonData("sam patel")
        save(data)
        return data

    monkeypatch.setattr(PersonDialog, "ask", staticmethod(fake))
    window.show_page("people")
    people = window.page_widget("people").people
    people.add()
    assert "already recorded" in confirms[0]
    assert len(cf.rows("person")) == 1

    def rename(parent, groups, initial, save, title=""):
        save(PersonData("Samira Patel", initial.group_id, "Director", ""))
        return None

    monkeypatch.setattr(PersonDialog, "ask", staticmethod(rename))
    people.select_id(first)
    people.edit_current()
    assert cf.get("person", first)["name"] == "Samira Patel"
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    people.select_id(first)
    people.delete_current()
    assert cf.rows("person") == []
    window.undo_action.trigger()
    assert cf.get("person", first)["name"] == "Samira Patel"


def test_documents_add_edit_delete(qtbot, window, monkeypatch):
    """Documents are listed, edited and deleted; a bad date is explained in the dialog."""
    cf = window.session.cf
    window.show_page("documents")
    page = window.page_widget("documents")
    dialog = DocumentDialog(page, None, None)
    qtbot.addWidget(dialog)

    def fake(parent, initial, save):
        save(DocumentData("Self-assessment", "Adult social care", "2026-10-01"))

    monkeypatch.setattr(DocumentDialog, "ask", staticmethod(fake))
    page.add()
    assert page.model.rowCount() == 1
    document = page.model.id_at(0)
    real = DocumentDialog(
        page,
        DocumentData("Self-assessment"),
        lambda d: people_records.update_document(cf, document, doc_date=d.doc_date),
    )
    qtbot.addWidget(real)
    real.doc_date.setText("1 October")
    real.accept()
    assert "not a date" in real.error_label.text()
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    page.select_id(document)
    page.delete_current()
    assert page.model.rowCount() == 0


def test_observations_page_filters_and_edits_text_as_one_undo_step(qtbot, window, monkeypatch):
    """Typing into an observation saves as you type; a burst of typing is one undo step."""
    monkeypatch.setattr(observation_editor, "TEXT_DELAY_MS", 1)
    cf = window.session.cf
    meeting = _meeting(cf)
    keep = observations.add_observation(cf, "Carers wait for assessments", meeting_id=meeting)
    observations.add_observation(cf, "Staff feel supported", meeting_id=meeting, mode="seen")
    window.show_page("observations")
    page = window.page_widget("observations")
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "carer")
    assert page.model.rowCount() == 1
    page.mode.setCurrentIndex(page.mode.findData("seen"))
    assert page.model.rowCount() == 0
    page.clear_filters()
    page.select_observation(keep)
    editor = page.editor
    assert editor.text.toPlainText() == "Carers wait for assessments"
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    editor.timer.setInterval(10_000)
    for word in (" for", " months"):
        qtbot.keyClicks(editor.text, word)
        editor.flush()  # what the timer does after a pause
    assert cf.get("observation", keep)["text"] == "Carers wait for assessments for months"
    window.undo_action.trigger()
    assert cf.get("observation", keep)["text"] == "Carers wait for assessments"
    assert editor.text.toPlainText() == "Carers wait for assessments"
    editor.polarity.set_value("strength")
    assert cf.get("observation", keep)["polarity"] == "strength"
    page.table.setFocus()
    page.delete_selected()
    assert cf.get("observation", keep) is None


def test_typed_text_is_saved_by_the_timer_after_a_pause(qtbot, window, monkeypatch):
    """Text typed into an observation reaches the file a moment after typing stops."""
    cf = window.session.cf
    note = observations.add_observation(cf, "Draft", meeting_id=_meeting(cf))
    window.show_page("observations")
    page = window.page_widget("observations")
    page.select_observation(note)
    page.editor.timer.setInterval(5)
    page.editor.text.moveCursor(page.editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor.text, " note")
    qtbot.waitUntil(lambda: cf.get("observation", note)["text"] == "Draft note")
    assert window.saved_label.text() == "✓ Saved"


def test_observations_list_shows_a_large_merge_at_once(qtbot, window, tmp_path):
    """A peer's file with hundreds of tagged notes merged in: the open Observations list
    shows every one of them, and an edit the peer made to an existing note."""
    from peernotes.core import merge
    from peernotes.core.distribution import copy_for_peer
    from peernotes.core.store import ChallengeFile

    cf = window.session.cf
    existing = observations.add_observation(cf, "Waiting lists are long", mode="heard")
    window.show_page("observations")
    model = window.page_widget("observations").model
    qtbot.waitUntil(lambda: not model.pending and model.rowCount() == 1)

    peer = next(p["id"] for p in people_records.team(cf) if p["id"] != cf.peer_id)
    path = tmp_path / "peer.peernotes"
    copy_for_peer(cf, peer, path, include_observations=True)
    heading = challenge.headings(cf)[1]["id"]
    with ChallengeFile.open(path) as copy:
        with copy.transaction():
            for n in range(600):
                observations.add_observation(
                    copy, f"Peer note {n}", mode="seen", heading_ids=[heading]
                )
        observations.update_observation(copy, existing, text="Waiting lists are long, says a peer")

    merge.merge(cf, path, backup=False)
    qtbot.waitUntil(lambda: not model.pending and model.rowCount() == 601)
    texts = {model.row_for(model.ids()[r]).text for r in range(model.rowCount())}
    assert "Waiting lists are long, says a peer" in texts and "Peer note 599" in texts


def test_closing_the_file_asks_each_built_page_to_save_then_stop(qtbot, window, monkeypatch):
    """Before the file closes the window asks every built page to save what is pending and
    then to stop its background work; a page left out would lose typed text or keep a thread
    reading a closed file. (The pages answer through ui/workspace.py's protocols.)"""
    from peernotes.ui.recording.capture import CapturePane
    from peernotes.ui.recording.observations import ObservationsPage

    calls = []
    monkeypatch.setattr(ObservationsPage, "flush", lambda self: calls.append("notes: flush"))
    monkeypatch.setattr(ObservationsPage, "shutdown", lambda self: calls.append("notes: stop"))
    monkeypatch.setattr(CapturePane, "flush", lambda self: calls.append("capture: flush"))
    window.show_page("observations")
    window.close_challenge()
    assert sorted(calls[:2]) == ["capture: flush", "notes: flush"]
    assert calls[2:] == ["notes: stop"]


def test_each_list_filter_names_its_records_in_plain_english(window):
    """The filter boxes read "Filter people…", "Filter meetings…", "Filter documents…":
    not "Filter persons…"."""
    from PySide6.QtWidgets import QLineEdit

    found = set()
    for key in ("people", "programme", "documents"):
        window.show_page(key)
        for box in window.page_widget(key).findChildren(QLineEdit):
            if box.placeholderText().startswith("Filter"):
                found.add(box.placeholderText())
    assert {"Filter people…", "Filter team members…", "Filter meetings…"} <= found
    assert "Filter documents…" in found and "Filter persons…" not in found


def test_delete_key_deletes_and_ctrl_f_finds_on_a_list_page(qtbot, window, monkeypatch):
    """Keyboard first: Delete in the documents table deletes the selected document (after
    the usual question), and Ctrl+F from the table puts the cursor in the filter box with
    its text selected, ready to retype."""
    from PySide6.QtTest import QTest

    cf = window.session.cf
    document = people_records.add_document(cf, "Self-assessment")
    window.show_page("documents")
    page = window.page_widget("documents")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.select_id(document)
    page.filter.setText("self")
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter.hasFocus() and page.filter.selectedText() == "self"
    page.filter.clear()
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    page.select_id(document)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert cf.get("document", document) is None  # gone from the list (a tombstone)
