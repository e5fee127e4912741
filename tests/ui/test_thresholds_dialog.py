"""The triangulation rule dialog: the house's form dialog, opening on the file's figures."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from peernotes.core.triangulation import Thresholds
from peernotes.ui.dialogs.form import FormDialog
from peernotes.ui.synthesis.dialogs import ThresholdsDialog


def test_the_rule_dialog_shows_the_figures_says_the_rule_and_returns_what_was_set(qtbot):
    """A lead changing the rule sees it in words as they change it, and OK keeps what they
    set; if this failed the findings would be judged by a rule nobody chose."""
    dialog = ThresholdsDialog(None, Thresholds(min_modes=2, min_sources=3))
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FormDialog)
    assert (dialog.modes.value(), dialog.sources.value()) == (2, 3)
    before = dialog.rule.text()
    dialog.sources.setValue(4)
    assert dialog.rule.text() != before and "4" in dialog.rule.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.data() == Thresholds(min_modes=2, min_sources=4)


def test_cancel_leaves_the_rule_as_it_was(qtbot):
    """Cancel is not a change: the page keeps the file's rule."""
    dialog = ThresholdsDialog(None, Thresholds(min_modes=2, min_sources=3))
    qtbot.addWidget(dialog)
    dialog.modes.setValue(1)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
