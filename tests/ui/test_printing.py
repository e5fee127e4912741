"""File › Print… (Ctrl+P): each printable builds in Qt's print preview with its page count,
"Save as PDF" goes through the same painting, and printouts naming people say they are
internal on every page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from letter_data import add_finding, build_letter_scene, domain_id
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget

from peernotes.core.records import people
from peernotes.core.records import programme as programme_records
from peernotes.ui.letter import printing
from peernotes.ui.letter.printables import INTERNAL
from peernotes.ui.letter.printing import PrintChoice
from peernotes.ui.main_window import MainWindow
from peernotes.ui.session import Session


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


def _preview_pages(qtbot, printable) -> int:
    dialog = printing.preview_dialog(None, printable)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    return widget.pageCount()


@pytest.mark.parametrize("what", ["programme", "rollup", "finding", "letter"])
def test_each_printable_builds_in_the_preview(scene, qtbot, what):
    """The preview of each printable shows as many pages as are printed, at least one."""
    printable = printing.build(scene.cf, PrintChoice(what, finding_id=scene.findings["s1"]))
    pages = _preview_pages(qtbot, printable)
    printer = printing.new_printer()
    document, _header = printing.layout_document(printer, printable)
    assert pages == document.pageCount() >= 1
    if what == "finding":
        assert pages == 1  # three observations fit on one page


def test_page_counts_follow_the_content(scene, qtbot):
    """A roll-up with many more findings runs to more pages; one peer's programme is no
    longer than the whole team's."""
    before = _preview_pages(qtbot, printing.build(scene.cf, PrintChoice("rollup")))
    for n in range(60):
        add_finding(
            scene.cf, f"Finding {n} about the council's approach", heading=domain_id(scene.cf, "4")
        )
    after = _preview_pages(qtbot, printing.build(scene.cf, PrintChoice("rollup")))
    assert after > before
    team = _preview_pages(qtbot, printing.build(scene.cf, PrintChoice("programme")))
    peer = people.team(scene.cf)[0]["id"]
    one = printing.build(scene.cf, PrintChoice("programme", peer_id=peer))
    assert one.title.startswith("Programme – Alex Morgan")
    assert _preview_pages(qtbot, one) <= team


def test_the_programme_of_one_day(scene, qtbot):
    """The chooser offers each day with meetings; one day's programme holds only its meetings."""
    programme_records.add_meeting(
        scene.cf, date="2026-11-12", title="Visit to the hub", type="site_visit"
    )
    dialog = printing.PrintDialog(scene.cf, None, None)
    qtbot.addWidget(dialog)
    assert [dialog.day.itemData(i) for i in range(dialog.day.count())] == [
        None,
        "2026-11-11",
        "2026-11-12",
    ]
    dialog.buttons["programme"].setChecked(True)
    dialog.day.setCurrentIndex(2)
    printable = printing.build(scene.cf, dialog.choice())
    assert printable.title == "Programme – the whole team – 2026-11-12"
    assert "Visit to the hub" in printable.html and "Frontline staff drop-in" not in printable.html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_pdf_pages_naming_people_say_internal(scene, tmp_path):
    """Saved as PDF, every page of the programme says "Internal — not for publication";
    the letter preview (meant for publication) does not."""
    programme = printing.build(scene.cf, PrintChoice("programme"))
    assert "Dana Reddaway" in programme.html
    pages = printing.save_pdf(programme, tmp_path / "programme.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "programme.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert text.count(INTERNAL) == pages >= 1
    letter = printing.build(scene.cf, PrintChoice("letter"))
    printing.save_pdf(letter, tmp_path / "letter.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "letter.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert INTERNAL not in text and "Political leadership is engaged" in text


def test_ctrl_p_prints_and_the_menu_offers_it(scene, qtbot, monkeypatch):
    """Ctrl+P opens the print chooser; the chosen printout goes to the preview."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_session(Session(scene.cf, window))
    window.show()
    qtbot.waitExposed(window)
    shown = []
    monkeypatch.setattr(printing, "ask_what", lambda parent, cf, current: PrintChoice("letter"))
    monkeypatch.setattr(printing, "show_preview", lambda parent, p: shown.append(p.title))
    action = next(a for a in window.menu("&File").actions() if a.text() == "Pr&int…")
    assert action.shortcut().toString() == "Ctrl+P"
    window.activateWindow()
    window.show_page("rollup")
    page = window.page_widget("rollup")
    qtbot.waitUntil(page.isVisible)
    qtbot.wait(100)
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert shown == ["Letter preview"]


def test_save_as_pdf_from_the_chooser(scene, qtbot, monkeypatch, tmp_path):
    """Choosing "Save as PDF…" writes the PDF where the user said."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_session(Session(scene.cf, window))
    monkeypatch.setattr(
        printing, "ask_what", lambda parent, cf, current: PrintChoice("rollup", pdf=True)
    )
    monkeypatch.setattr(printing, "ask_pdf_path", lambda parent, suggested: tmp_path / "r.pdf")
    printing.print_from(window)
    assert Path(tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
