"""Long work off the UI thread: its result, its error, and Cancel, as the caller sees them."""

from __future__ import annotations

import threading

import pytest

from peernotes.ui.background import Cancelled, run_in_background


def test_the_work_result_comes_back_even_when_it_is_none(qtbot):
    """A merge preview's answer reaches the dialog; a work that returns None is still done."""
    assert run_in_background(None, "Reading", lambda report: 42) == 42
    assert run_in_background(None, "Reading", lambda report: None) is None


def test_an_error_in_the_work_is_raised_in_the_caller(qtbot):
    """A merge that fails says why in the window, not silently in a thread."""

    def work(report):
        raise ValueError("the other file is damaged")

    with pytest.raises(ValueError, match="damaged"):
        run_in_background(None, "Merging", work)


def test_cancel_stops_the_work_at_its_next_report(qtbot):
    """Pressing Cancel stops a long merge at its next step ("nothing was changed")."""
    started, steps = threading.Event(), []

    def work(report):
        started.set()
        for step in range(500):
            report(f"Step {step}")
            steps.append(step)
            threading.Event().wait(0.01)
        return "finished"

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    def press_cancel():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and started.is_set():
                widget.findChild(QPushButton).click()  # the dialog's Cancel button
                return
        QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(20, press_cancel)
    with pytest.raises(Cancelled):
        run_in_background(None, "Merging", work)
    assert len(steps) < 500
