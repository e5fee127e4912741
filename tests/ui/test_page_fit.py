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
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QHeaderView, QLabel, QWidget
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


# Capture still needs ~1150x467 px at 150 % (the window has ~750x420 beside the navigation):
# its tag row and form do not wrap yet. Listed, not hidden -- remove it when it fits.
TOO_WIDE_AT_150 = {"capture"}


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(
            key,
            marks=pytest.mark.xfail(reason="larger than the window at 150 %", strict=False)
            if SCALE > 1.25 and key in TOO_WIDE_AT_150
            else (),
        )
        for key in WORKFLOW_PAGES
    ],
)
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
    problems = clipped_headers(page)
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
