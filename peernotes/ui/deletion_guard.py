"""The deletion guard's figures, edited in the window (Merge page › Deletion guard…).

The guard holds an incoming copy that deletes many records of one kind (core/merge_preview:
`DeletionGuard`, a per-challenge setting that merges like any other). The dialog returns
plain data (`ask`) so tests replace it; the change is one undoable edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.errors import PeerNotesError
from peernotes.core.merge_preview import DeletionGuard, deletion_guard, set_deletion_guard
from peernotes.ui.dialogs import messages
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable


def describe(guard: DeletionGuard) -> str:
    """'Held: 10 or more records of one kind, or 25 % of a kind of 8 or more.'"""
    return (
        f"A copy is held when it deletes {guard.count} or more records of one kind, or "
        f"{round(guard.share * 100)} % or more of a kind that has {guard.min_kind} or more here."
    )


class DeletionGuardDialog(QDialog):
    def __init__(self, parent: QWidget | None, current: DeletionGuard) -> None:
        super().__init__(parent)
        self.setWindowTitle("Deletion guard")
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
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Hold a copy deleting at least this many &records of one kind:", self.count)
        form.addRow("…or at least this &share of a kind:", self.share)
        form.addRow("…of a kind that has at least this &many records here:", self.min_kind)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rule)
        layout.addWidget(buttons)
        for box in (self.count, self.share, self.min_kind):
            box.valueChanged.connect(lambda _value: self.rule.setText(describe(self.value())))
        self.rule.setText(describe(self.value()))

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
        run_undoable(session, "Change the deletion guard", lambda cf: set_deletion_guard(cf, value))
    except PeerNotesError as error:
        messages.error(parent, "The deletion guard was not changed", str(error))
        return False
    return True
