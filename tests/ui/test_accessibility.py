"""A screen reader on every page: each control it can reach has a name made of words.

The name is the one a screen reader gets -- QAccessible's Name, which includes a label's
buddy -- so a spin box next to an unbuddied label, or a button drawn as "↺", fails.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget
from recording_helpers import WORKFLOW_PAGES, open_window


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def is_words(name: str) -> bool:
    return any(ch.isalnum() for ch in name)


def unnamed(page: QWidget) -> list[str]:
    problems = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the line edit inside a combo or spin box: the box itself is named
        name = spoken_name(widget).strip()
        if not is_words(name):
            hint = widget.toolTip() or widget.objectName() or ""
            problems.append(f"{type(widget).__name__} named {name!r} ({hint[:40]})")
    return problems


def test_every_focusable_control_has_a_name(qtbot, challenge_path):
    """Tabbing through any page, a screen reader names every control in words."""
    window = open_window(qtbot, challenge_path)
    window.resize(1366, 768)
    found = {}
    for key in WORKFLOW_PAGES:
        if key not in window.pages:
            continue
        window.show_page(key)
        qtbot.wait(10)
        problems = unnamed(window.page_widget(key))
        if problems:
            found[key] = problems
    window.close()
    assert found == {}


def test_coverage_heat_map_has_a_table_with_the_same_figures(qtbot, challenge_path):
    """Ctrl+Shift+T turns the painted heat map into a table a screen reader can walk: every
    heading a row, every figure the heat map paints a named cell."""
    from PySide6.QtTest import QTest

    from peernotes.ui.synthesis.coverage_chart import CoverageHeatMap

    window = open_window(qtbot, challenge_path)
    window.show_page("coverage")
    page = window.page_widget("coverage")
    assert not page.table.isVisible()
    page.setFocus()
    QTest.keyClick(
        page, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    if not page.table.isVisible():  # offscreen: the window may not be active for shortcuts
        page.as_table.setChecked(True)
    assert page.table.isVisible()
    model, data = page.table_model, page.data
    assert model.rowCount() == len(data.headings)
    first = data.headings[0]
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles[0] == "Total" and titles[-1] == "Findings"
    assert model.data(model.index(0, 0)) == str(CoverageHeatMap.value(first, "total"))
    spoken = model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == f"{first.label}, Total: {first.total}"
    window.close()


def test_symbol_buttons_are_named_in_words(qtbot, challenge_path):
    """The letter's ↺ buttons say what they reset."""
    window = open_window(qtbot, challenge_path)
    window.show_page("letter")
    page = window.page_widget("letter")
    for name, button in page.reset_buttons.items():
        assert button.text() == "↺"
        assert spoken_name(button).startswith("Reset "), name
    window.close()


def test_every_page_is_walked(qtbot, challenge_path):
    """A new page missing from WORKFLOW_PAGES would escape the accessibility, contrast and fit
    checks: a screen reader user or a 150 % laptop would meet it untested."""
    window = open_window(qtbot, challenge_path)
    assert tuple(window.pages) == WORKFLOW_PAGES
    window.close()
