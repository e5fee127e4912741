"""The deletion guard's figures, edited in the window (Merge page › Deletion guard…).

The guard holds an incoming copy that deletes many records of one kind (core/merge_preview:
`DeletionGuard`, a per-challenge setting that merges like any other). The dialog returns
plain data (`ask`) so tests replace it; the change is one undoable edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QSpinBox, QWidget

from peernotes.core.errors import PeerNotesError
from peernotes.core.merge_preview import DeletionGuard, deletion_guard
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.form import FormDialog
from peernotes.ui.operations import thresholds
from peernotes.ui.session import Session


def describe(guard: DeletionGuard) -> str:
    """'Held: 10 or more records of one kind, or 25 % of a kind of 8 or more.'"""
    return (
        f"A copy is held when it deletes {guard.count} or more records of one kind, or "
        f"{round(guard.share * 100)} % or more of a kind that has {guard.min_kind} or more here."
    )


class DeletionGuardDialog(FormDialog):
    """The three figures of the guard, with the rule they make said in words as they change."""

    def __init__(self, parent: QWidget | None, current: DeletionGuard) -> None:
        super().__init__(parent, "Deletion guard", ok_label="OK")
        self.count = QSpinBox()
        self.count.setRange(1, 100_000)
        self.count.setValue(current.count)
        self.share = QSpinBox()
        self.share.setRange(1, 100)
        self.share.setSuffix(" %")
        self.share.setValue(round(current.share * 100))
        self.min_kind = QSpinBox()
        self.min_kind.setRange(1, 100_000)
        self.min_kind.setValue(current.min_kind)
        self.form.addRow(
            "Hold a copy deleting at least this many &records of one kind:", self.count
        )
        self.form.addRow("…or at least this &share of a kind:", self.share)
        self.form.addRow("…of a kind that has at least this &many records here:", self.min_kind)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.form.addRow(self.rule)  # the rule in words, under the figures
        for box in (self.count, self.share, self.min_kind):
            box.valueChanged.connect(lambda _value: self.rule.setText(describe(self.value())))
        self.rule.setText(describe(self.value()))

    def data(self) -> DeletionGuard:
        return self.value()

    def value(self) -> DeletionGuard:
        return DeletionGuard(self.count.value(), self.share.value() / 100, self.min_kind.value())

    @classmethod
    def ask(cls, parent: QWidget | None, current: DeletionGuard) -> DeletionGuard | None:
        dialog = cls(parent, current)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_deletion_guard(parent: QWidget | None, session: Session) -> bool:
    """Ask for new figures and store them (undoable). True when they changed."""
    current = deletion_guard(session.cf)
    value = DeletionGuardDialog.ask(parent, current)
    if value is None or value == current:
        return False
    try:
        thresholds.set_guard(session, value)
    except PeerNotesError as error:
        messages.error(parent, "The deletion guard was not changed", str(error))
        return False
    return True
