"""Every page on a laptop: a title and hint, headers wide enough for their words, nothing
outside the window -- at 1366x768, and at 150 % scaling (its own process, QT_SCALE_FACTOR).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QLabel,
    QScrollArea,
    QWidget,
)
from recording_helpers import WORKFLOW_PAGES, open_window

from peernotes.ui.style import restyle

# The screen left for the window: 1366x768 less a taskbar, in logical pixels at this scale.
SCALE = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
SIZE = (int(1366 / SCALE), int((768 - 48) / SCALE))


@pytest.fixture(autouse=True)
def styled():
    """The window as people see it: with the application's style sheet."""
    app = QApplication.instance()
    sheet = app.styleSheet()
    restyle(app)
    yield
    app.setStyleSheet(sheet)


def in_scroll_area(widget: QWidget, page: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def clipped_headers(page: QWidget) -> list[str]:
    """Header sections narrower than their title (bold, as the style sheet draws them)."""
    problems = []
    for header in page.findChildren(QHeaderView):
        if not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal:
            continue
        model = header.model()
        font = header.font()
        font.setBold(True)
        metrics = QFontMetrics(font)
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
            if text and header.sectionSize(section) < longest + 12:
                problems.append(f"header {text!r}: {header.sectionSize(section)}px")
    return problems


def outside(window: QWidget, page: QWidget) -> list[str]:
    """Visible widgets that reach past the window's edges."""
    area = window.rect()
    problems = []
    for child in page.findChildren(QWidget):
        if not child.isVisible() or in_scroll_area(child, page) or child.width() <= 0:
            continue
        rect = QRect(child.mapTo(window, QPoint(0, 0)), child.size())
        if not area.contains(rect):
            name = child.accessibleName() or getattr(child, "text", lambda: "")() or ""
            problems.append(f"{type(child).__name__} {str(name)[:30]!r} at {rect.getRect()}")
    return problems[:5]


def clipped_buttons(page: QWidget) -> list[str]:
    """Buttons squeezed narrower than their words ("Options…" drawn as "ptions")."""
    return [
        f"button {button.text()!r}: {button.width()}px of {button.minimumSizeHint().width()}"
        for button in page.findChildren(QAbstractButton)
        if button.isVisible()
        and button.text()
        and button.width() < button.minimumSizeHint().width() - 1
    ]


def sideways_forms(page: QWidget) -> list[str]:
    """Form panes (a scroll area sized to its form) whose form is wider than the pane: the
    person scrolls sideways to reach the end of a field or its reset button."""
    problems = []
    for area in page.findChildren(QScrollArea):
        form = area.widget()
        if not area.isVisible() or not area.widgetResizable() or form is None:
            continue
        need, has = form.minimumSizeHint().width(), area.viewport().width()
        if need > has + 1:
            problems.append(f"form {area.accessibleName()!r} needs {need}px, has {has}px")
    return problems


def test_every_page_has_a_title_and_hint(qtbot, challenge_path):
    """Each page says what it is and what it is for, in the same place."""
    window = open_window(qtbot, challenge_path)
    missing = []
    for key in WORKFLOW_PAGES:
        if key not in window.pages:
            continue
        window.show_page(key)
        page = window.page_widget(key)
        title = page.findChild(QLabel, "pageTitle")
        hints = [h for h in page.findChildren(QLabel, "hint") if h.text().strip()]
        if title is None or not title.text() or not hints:
            missing.append(key)
    assert missing == []
    window.close()


@pytest.mark.parametrize("key", WORKFLOW_PAGES)
def test_page_fits_at_this_scale(qtbot, challenge_path, key):
    """At 1366x768 (and at 150 % when run with QT_SCALE_FACTOR=1.5) the page neither grows
    the window past the screen nor pushes a widget off it, and no column header cuts its
    title."""
    window = open_window(qtbot, challenge_path)
    window.resize(*SIZE)
    if key not in window.pages:
        pytest.skip(f"no {key} page in this build")
    window.show_page(key)
    qtbot.wait(20)
    page = window.page_widget(key)
    problems = clipped_headers(page) + sideways_forms(page) + clipped_buttons(page)
    room = QSize(SIZE[0] - window.nav.width() - 24, SIZE[1] - 60)  # less menus, status bar
    need = page.minimumSizeHint()
    if need.width() > room.width() or need.height() > room.height():
        problems.append(f"needs {need.width()}x{need.height()}, has {room.width()}x{room.height()}")
    if window.width() <= SIZE[0] and window.height() <= SIZE[1]:
        problems += outside(window, page)
    # (when another page grew the window, that page fails its own test; this one is judged
    # by what it needs itself)
    window.close()
    assert problems == []


@pytest.mark.skipif(SCALE != 1, reason="this is the 150 % run itself")
def test_pages_fit_at_150_percent():
    """The same checks in a process started at 150 % scaling, as a laptop set to 150 % is."""
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-x",
            "-k",
            "fits_at_this_scale",
            __file__,
        ],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def crowded_meeting(path: Path) -> None:
    """A meeting with thirteen people met, long names: the chips wrap over several lines."""
    from peernotes.core.records import people as people_records
    from peernotes.core.records import programme
    from peernotes.core.store import ChallengeFile

    cf = ChallengeFile.open(path)
    people = [
        people_records.add_person(cf, f"{first} {last}", job_title="Senior leader")
        for first, last in [
            ("Adam", "Yeadon"),
            ("Brian", "Sutcliffe-Hargreaves"),
            ("Patricia", "Duffy"),
            ("Kamal", "Zielinski"),
            ("Lucy", "Ainsworth"),
            ("Mark", "Gillingham"),
            ("Martin", "Kowalski"),
            ("Shabana", "Robshaw"),
            ("Yasmin", "Zielinski"),
            ("Grace", "Oyelaran-Whitfield"),
            ("Hamish", "MacLennan"),
            ("Ifeoma", "Chukwuemeka"),
            ("Joanna", "Przybylska"),
        ]
    ]
    programme.add_meeting(
        cf,
        date="2026-11-10",
        title="Feedback presentation to the council's leadership and partners",
        type="other",
        start_time="09:00",
        location="Town Hall, Council Chamber",
        person_ids=people,
    )
    cf.close()


def shown(widget: QWidget, within: QWidget, area: QAbstractScrollArea) -> QRect:
    """The part of `widget` on screen, in `within`'s coordinates (clipped by the scroll area
    when it is inside it)."""
    rect = QRect(widget.mapTo(within, QPoint(0, 0)), widget.size())
    port = area.viewport()
    if port.isAncestorOf(widget):
        rect = rect.intersected(QRect(port.mapTo(within, QPoint(0, 0)), port.size()))
    return rect


def overlaps(widgets: list[QWidget], within: QWidget, area: QAbstractScrollArea) -> list[str]:
    """Pairs of visible widgets drawn over each other."""
    rects = [(w, shown(w, within, area)) for w in widgets if w.isVisible()]
    rects = [(w, r) for w, r in rects if not r.isEmpty()]
    found = []
    for i, (first, a) in enumerate(rects):
        for second, b in rects[i + 1 :]:
            if a.intersects(b):
                found.append(f"{first.accessibleName()!r} over {second.accessibleName()!r}")
    return found


def cut_at_the_right(widgets: list[QWidget], form: QWidget, area: QAbstractScrollArea) -> list[str]:
    """Widgets reaching past the right edge of what holds them (the scroll area's viewport,
    or the form's card)."""
    port = area.viewport()
    cut = []
    for widget in widgets:
        holder = port if port.isAncestorOf(widget) else form
        edge = holder.mapTo(form, QPoint(holder.contentsRect().right(), 0)).x()
        if widget.isVisible() and widget.mapTo(form, QPoint(widget.width() - 1, 0)).x() > edge:
            cut.append(widget.accessibleName() or type(widget).__name__)
    return cut


def test_capture_fits_at_this_scale_with_a_crowded_meeting(qtbot, challenge_path):
    """In a meeting with thirteen people met, at 1366x768 (and at 150 % in its own process),
    Capture's rows wrap without being drawn over each other, nothing is cut at the right,
    the note box is on screen when it has the keyboard, and Enter still saves the note."""
    crowded_meeting(challenge_path)
    window = open_window(qtbot, challenge_path)
    window.resize(*SIZE)
    window.show_page("capture")
    pane = window.page_widget("capture")
    pane.set_meeting(pane.meeting.itemData(1))
    qtbot.waitUntil(lambda: len(pane.people.keys()) == 13)
    qtbot.wait(50)
    assert window.width() <= SIZE[0] and window.height() <= SIZE[1]
    form, area = pane.form, pane.form_area
    rows = [form.meeting, form.now_button, form.meeting_info, form.people, form.editor]
    rows += [form.tags, form.heading_picker, form.save_button, form.legend]
    chips = [c for c in form.people.findChildren(QWidget) if c.parentWidget() is form.people]
    chips += [form.mode, form.polarity, form.quote]

    def laid_out_cleanly() -> None:
        assert overlaps(rows, form, area) == [] and overlaps(chips, form, area) == []
        assert cut_at_the_right(rows + chips, form, area) == []

    qtbot.waitUntil(laid_out_cleanly)  # (once the layout has settled)
    pane.editor.setFocus()
    qtbot.waitUntil(pane.editor.hasFocus)

    def note_box_in_sight() -> bool:
        box = QRect(pane.editor.mapTo(area.viewport(), QPoint(0, 0)), pane.editor.size())
        return area.viewport().rect().contains(box)

    qtbot.waitUntil(note_box_in_sight)  # (once the layout has settled)
    before = pane.model.rowCount()
    qtbot.keyClicks(pane.editor, "The leader said partners trust the council")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.model.rowCount() == before + 1)
    window.close()


@pytest.mark.skipif(SCALE != 1, reason="at 150 % the form may scroll")
def test_capture_form_grows_for_people_added_rather_than_scrolling(qtbot, challenge_path):
    """At 1366x768, people added to the meeting while Capture is open push the list down: the
    form shows every row without a scroll bar (the list gives up the room)."""
    from peernotes.core.records import people as people_records
    from peernotes.core.records import programme

    window = open_window(qtbot, challenge_path)
    window.resize(*SIZE)
    cf = window.session.cf
    meeting = programme.add_meeting(
        cf, date="2026-11-10", title="Carers' forum", start_time="10:00"
    )
    window.show_page("capture")
    pane = window.page_widget("capture")
    pane.set_meeting(pane.meeting.itemData(1))
    qtbot.wait(20)
    before = pane.notes.height()
    for n in range(12):
        person = people_records.add_person(
            cf, f"Carer number {n} from the forum", job_title="Carer"
        )
        programme.add_person_to_meeting(cf, meeting.id, person)
    qtbot.waitUntil(lambda: len(pane.people.keys()) == 12)
    bar = pane.form_area.verticalScrollBar()
    qtbot.waitUntil(lambda: pane.notes.height() < before and not bar.isVisible())
    window.close()
