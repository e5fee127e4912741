"""Before the letter or the deck is written: the findings that rest on one source or none.

Asked once per export. The person can export anyway, stop, or go to one finding to
strengthen it; `review` returns plain data so tests replace it instead of driving a modal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.store import ChallengeFile
from peernotes.core.weak_findings import WeakFinding, summary, weak_findings
from peernotes.ui.workspace import Ref, Workspace


@dataclass(frozen=True)
class WeakDecision:
    action: str = "stop"  # 'stop' | 'export' | 'goto'
    finding_id: str | None = None


class WeakFindingsDialog(QDialog):
    """The weak findings, each on a line, with Go to, Export anyway and Cancel."""

    def __init__(self, parent: QWidget | None, weak: Sequence[WeakFinding], what: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Before exporting the {what}")
        self.decision = WeakDecision()
        intro = QLabel(
            f"{summary(list(weak))} They will be in the {what} as they stand. "
            "Go to one to add evidence, or export anyway."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Weakly evidenced findings")
        self.list.setWordWrap(True)
        for item in weak:
            row = QListWidgetItem(item.line())
            row.setData(256, item.id)
            self.list.addItem(row)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self._go_to())
        buttons = QDialogButtonBox()
        go = QPushButton("&Go to finding")
        go.clicked.connect(self._go_to)
        export = QPushButton("&Export anyway")
        export.clicked.connect(self._export)
        buttons.addButton(go, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _go_to(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.decision = WeakDecision("goto", item.data(256))
            self.accept()

    def _export(self) -> None:
        self.decision = WeakDecision("export")
        self.accept()

    @classmethod
    def review(
        cls, parent: QWidget | None, weak: Sequence[WeakFinding], what: str = "letter"
    ) -> WeakDecision:
        """Export (nothing weak, or the person said so), stop, or go to a finding."""
        if not weak:
            return WeakDecision("export")
        dialog = cls(parent, weak, what)
        dialog.exec()
        return dialog.decision


def go_to_finding(window: Workspace | None, finding_id: str) -> None:
    """Show the finding on the Findings page of `window` (the main window), if there is one."""
    if window is not None:
        window.go_to(Ref("finding", finding_id))


def confirm_export(
    parent: QWidget | None, cf: ChallengeFile, what: str, window: Workspace | None
) -> bool:
    """Ask once about weak findings before `what` is written; True to go on exporting."""
    decision = WeakFindingsDialog.review(parent, weak_findings(cf), what)
    if decision.action == "goto" and decision.finding_id:
        go_to_finding(window, decision.finding_id)
    return decision.action == "export"
