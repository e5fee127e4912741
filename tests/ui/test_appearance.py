"""Light, dark and high-contrast appearance: every page stays readable.

Each page is rendered under three palettes and the window is grabbed; for every visible
label and button the words' colour (the one that stands out most) is compared with the
background it is actually drawn on (the commonest colour of its place in the grab). WCAG AA asks 4.5:1 for text; disabled controls are exempt, as WCAG exempts them.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QRadioButton,
    QWidget,
)
from recording_helpers import WORKFLOW_PAGES, open_window

from peernotes.ui.palette import DARK, LIGHT, colours, contrast, dark_palette
from peernotes.ui.style import restyle

# The Merge page is left out of this walk, as it was before the page list was shared.
PAGES = tuple(key for key in WORKFLOW_PAGES if key != "merge")


def high_contrast_palette() -> QPalette:
    """What a Windows high-contrast theme hands Qt: black, white and yellow."""
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, "#000000"),
        (role.WindowText, "#ffffff"),
        (role.Base, "#000000"),
        (role.AlternateBase, "#101010"),
        (role.Text, "#ffffff"),
        (role.Button, "#000000"),
        (role.ButtonText, "#ffffff"),
        (role.Highlight, "#1aebff"),
        (role.HighlightedText, "#000000"),
        (role.PlaceholderText, "#c0c0c0"),
        (role.ToolTipBase, "#000000"),
        (role.ToolTipText, "#ffffff"),
    ):
        p.setColor(r, QColor(value))
    return p


PALETTES = {
    "light": lambda: QApplication.style().standardPalette(),
    "dark": dark_palette,
    "high-contrast": high_contrast_palette,
}


@pytest.fixture
def appearance(request):
    """Switch the whole application to a palette (as the system would), then back."""
    app = QApplication.instance()
    before, sheet = app.palette(), app.styleSheet()
    app.setPalette(PALETTES[request.param]())
    restyle(app)
    yield request.param
    app.setPalette(before)
    app.setStyleSheet(sheet)


def colours_in(image: QImage, rect: QRect) -> tuple[QColor, QColor]:
    """(background, text) as drawn in `rect` of a window grab: the commonest colour, and the
    colour that stands out most from it (the text's own, at the heart of its strokes)."""
    counts: Counter[int] = Counter()
    top = rect.top() + rect.height() // 5
    bottom = rect.bottom() - rect.height() // 5
    for y in range(top, bottom + 1, 2):
        for x in range(rect.left(), min(rect.right(), rect.left() + 240) + 1):
            counts[image.pixel(x, y)] += 1
    if not counts:
        return QColor("white"), QColor("black")
    bg = QColor.fromRgb(counts.most_common(1)[0][0])
    fg = max((QColor.fromRgb(p) for p in counts), key=lambda c: contrast(c, bg))
    return bg, fg


def unreadable(window: QWidget, page: QWidget) -> list[str]:
    image = window.grab().toImage()
    scale = image.width() / max(1, window.width())
    problems = []
    for child in page.findChildren(QWidget):
        if not child.isVisible() or not child.isEnabled() or child.width() < 8:
            continue
        if child.visibleRegion().boundingRect() != child.rect():
            continue  # scrolled out of sight or covered: nothing of it is on the screen to read
        if isinstance(child, QLabel):
            if (
                not child.text().strip()
                or child.pixmap() is not None
                and not child.pixmap().isNull()
            ):
                continue
            inset = 0
        elif isinstance(child, QAbstractButton):
            if not child.text().strip() or isinstance(child, QCheckBox | QRadioButton):
                continue
            inset = 5  # inside the button's frame: only its face and its words
        else:
            continue
        shown = child.visibleRegion().boundingRect()  # a label scrolled out of view is not read
        if shown.isEmpty():
            continue
        origin = child.mapTo(window, shown.topLeft())
        rect = QRect(origin, shown.size()).adjusted(inset, inset, -inset, -inset)
        rect = QRect(
            int(rect.x() * scale),
            int(rect.y() * scale),
            int(rect.width() * scale),
            int(rect.height() * scale),
        ).intersected(image.rect())
        if rect.height() < 6 or rect.width() < 6:
            continue
        bg, fg = colours_in(image, rect)
        ratio = contrast(fg, bg)
        if ratio < 4.5:
            problems.append(f"{type(child).__name__} {child.text()[:40]!r}: {ratio:.1f}:1")
    return problems


@pytest.mark.parametrize("appearance", list(PALETTES), indirect=True)
def test_every_page_is_readable(qtbot, challenge_path, appearance):
    """Under a light, a dark and a high-contrast system palette no label or button goes
    white-on-white (or black-on-black): each reaches WCAG AA 4.5:1."""
    window = open_window(qtbot, challenge_path)
    window.resize(1366, 768)
    found = {}
    for key in PAGES:
        if key not in window.pages:
            continue
        window.show_page(key)
        qtbot.wait(10)
        problems = unreadable(window, window.page_widget(key))
        if problems:
            found[key] = problems
    assert found == {}
    window.close()


def test_the_colour_set_follows_the_palette(qtbot):
    """A dark or high-contrast palette picks the dark set of our own colours."""
    assert colours(dark_palette()) is DARK
    assert colours(high_contrast_palette()) is DARK
    assert colours(QApplication.style().standardPalette()) is LIGHT


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_badges_and_accents_reach_aa_in_both_sets(palette):
    """Triangulation badges keep their meaning and 4.5:1 on their tint; titles, hints,
    warnings and errors reach 4.5:1 on the window in their own set."""
    for level, text in palette.level_text.items():
        assert contrast(text, palette.level_tint[level]) >= 4.5, level
    window = "#f6f7f9" if not palette.dark else "#202225"
    for name in ("title", "hint", "label", "success", "problem", "warning", "against"):
        assert contrast(getattr(palette, name), window) >= 4.5, name
    assert contrast(palette.chip_text, palette.chip) >= 4.5
