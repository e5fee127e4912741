"""Programme › Import programme…: the column mapping, the row-by-row preview, one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from recording_helpers import open_window

from peernotes.core import programme_columns, sheets
from peernotes.ui.dialogs.import_programme import ImportProgrammeDialog, PreviewModel
from peernotes.ui.recording import programme

TIMETABLE = (
    "Date,Time,Who we meet,Venue,Attendees\n"
    "10/11/2026,9.30-10.30,Chief Executive,Room 1,Sam Okafor (Chief Executive)\n"
    "10/11/2026,2pm,Carers,Library,12 carers\n"
    "10/11/2026,25.00,Typo,,\n"
)


@pytest.fixture
def window(qtbot, challenge_path):
    w = open_window(qtbot, challenge_path)
    yield w
    w.close()


@pytest.fixture
def timetable(tmp_path: Path) -> Path:
    path = tmp_path / "programme.csv"
    path.write_text(TIMETABLE, encoding="utf-8")
    return path


def _dialog(qtbot, window, path: Path) -> ImportProgrammeDialog:
    table = sheets.read_table(path)
    page = window.page_widget("programme")
    dialog = ImportProgrammeDialog(
        page, table, path.name, programme_columns.recognise(table), page.plan_for(table, path)
    )
    qtbot.addWidget(dialog)
    return dialog


def test_unrecognised_column_is_mapped_and_the_preview_follows(qtbot, window, timetable):
    """'Who we meet' is not a known heading: until it is mapped to the title nothing can be
    imported (the dialog says why); once mapped, each row shows what will happen to it and
    the bad row names its column."""
    dialog = _dialog(qtbot, window, timetable)
    assert not dialog.import_button.isEnabled()
    assert "no column of meeting titles" in dialog.problem.text()
    chooser = dialog.choosers[2]
    chooser.setCurrentIndex(chooser.findData("title"))
    assert dialog.import_button.isEnabled()
    model = dialog.model
    results = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert results == ["New meeting", "New meeting", "Left out"]
    assert model.index(2, 3).data().startswith("B (Time): not a time: '25.00'")
    assert "1 row(s) will be left out (see the last column)" in dialog.problem.text()
    assert "Would add 2 meeting(s)" in dialog.summary.text()


def test_preview_model_passes_the_model_tester(qtbot, window, timetable):
    dialog = _dialog(qtbot, window, timetable)
    dialog.choosers[2].setCurrentIndex(dialog.choosers[2].findData("title"))
    from pytestqt.modeltest import ModelTester

    ModelTester(None).check(dialog.model)
    assert isinstance(dialog.model, PreviewModel)


def test_import_from_the_programme_page_is_one_undo_step(qtbot, window, timetable, monkeypatch):
    """Import lands the valid meetings, people and headcount; one Undo takes them all away."""
    cf = window.session.cf
    page = window.page_widget("programme")
    monkeypatch.setattr(programme, "choose_timetable", lambda parent: timetable)

    def ask(parent, table, source, layout, plan):
        dialog = ImportProgrammeDialog(parent, table, source, layout, plan)
        qtbot.addWidget(dialog)
        dialog.choosers[2].setCurrentIndex(dialog.choosers[2].findData("title"))
        return dialog.layout_chosen()

    monkeypatch.setattr(ImportProgrammeDialog, "ask", staticmethod(ask))
    before = (cf.count("meeting"), cf.count("person"), cf.count("headcount"))
    page.import_programme()
    assert sorted(m["title"] for m in cf.rows("meeting")) == ["Carers", "Chief Executive"]
    assert cf.count("headcount") == 1
    assert "Added 2 meeting(s)" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert (cf.count("meeting"), cf.count("person"), cf.count("headcount")) == before


def test_a_file_that_is_not_a_spreadsheet_is_one_sentence(qtbot, window, tmp_path, monkeypatch):
    """An old .xls: told to save it as .xlsx or CSV; no dialog, nothing changes."""
    path = tmp_path / "programme.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
    shown = []
    monkeypatch.setattr(programme, "choose_timetable", lambda parent: path)
    monkeypatch.setattr(
        programme.messages, "error", lambda parent, title, text, *a, **k: shown.append(text)
    )
    window.page_widget("programme").import_programme()
    assert shown and "Save it from the spreadsheet program" in shown[0]


def test_a_workbook_offers_its_sheets_with_the_timetable_chosen(
    qtbot, window, tmp_path, monkeypatch
):
    """A workbook opening on a cover page: the user is offered its sheets, the timetable
    already chosen, and the sheet they pick is the one imported (not the cover page)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active.append(["Corporate peer challenge (fictional council)"])
    book.active.append(["Prepared by the policy team"])
    for name, title in (("Week 1", "Chief Executive"), ("Week 2", "Leader")):
        sheet = book.create_sheet(name)
        sheet.append(["Date", "Time", "Meeting"])
        sheet.append(["10/11/2026", "9.30", title])
    path = tmp_path / "programme.xlsx"
    book.save(path)
    offered = []

    def get_item(parent, title, label, items, current, editable):
        offered.append((list(items), current))
        return "Week 2", True

    monkeypatch.setattr(programme, "choose_timetable", lambda parent: path)
    monkeypatch.setattr(programme.QInputDialog, "getItem", staticmethod(get_item))
    monkeypatch.setattr(
        ImportProgrammeDialog, "ask", staticmethod(lambda p, t, s, layout, plan: layout)
    )
    window.page_widget("programme").import_programme()
    assert offered == [(["Cover", "Week 1", "Week 2"], 1)]
    assert [m["title"] for m in window.session.cf.rows("meeting")] == ["Leader"]
