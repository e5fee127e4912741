"""Small dialogs of the synthesis screens. Each exposes a classmethod returning plain data (or
None when cancelled), so tests replace it with a lambda instead of driving a modal window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import vocab
from peernotes.core.errors import PeerNotesError
from peernotes.core.evidence import ObservationInfo
from peernotes.core.records import read_models
from peernotes.core.records.values import Heading, RecommendationGroup
from peernotes.core.triangulation import Thresholds
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.form import FormDialog
from peernotes.ui.operations import findings as finding_ops
from peernotes.ui.operations.inputs import NewFindingValues
from peernotes.ui.session import Session
from peernotes.ui.widgets.text_field import TextField


def heading_choices(combo: QComboBox, headings: Sequence[Heading], *, none_label: str) -> None:
    """Fill a combo with the framework's headings (standards indented); data = heading id."""
    combo.clear()
    combo.addItem(none_label, None)
    for heading in headings:
        combo.addItem(("    " if heading.depth else "") + heading.label, heading.id)


class NewFindingDialog(QDialog):
    """Statement, kind and heading for a new finding (from selected observations or blank).

    The notes being summarised are shown in full beside the statement; the kind is proposed
    from their polarity (`kind`), and when they are mixed the person must choose one."""

    CHOOSE = "Choose: the evidence is mixed or neutral"

    def __init__(
        self,
        parent: QWidget | None,
        headings: Sequence[Heading],
        groups: Sequence[RecommendationGroup],
        heading_id: str | None,
        statement: str,
        evidence: Sequence[ObservationInfo] = (),
        kind: str | None = "strength",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New finding")
        self.statement = TextField(single_line=True)
        self.statement.setPlainText(statement)
        self.statement.setPlaceholderText("The bullet as it will read in the letter")
        self.statement.setMaximumHeight(self.statement.fontMetrics().lineSpacing() * 4 + 12)
        self.kind = QComboBox()
        self.kind.setPlaceholderText(self.CHOOSE)
        for key, label in vocab.FINDING_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(self.kind.findData(kind) if kind else -1)
        self.heading = QComboBox()
        heading_choices(self.heading, headings, none_label="(no heading yet)")
        self.heading.setCurrentIndex(max(0, self.heading.findData(heading_id)))
        self.group = QComboBox()
        self.group.addItem("(no group)", None)
        for group in groups:
            self.group.addItem(group.name, group.id)
        layout = QVBoxLayout(self)
        if evidence:
            layout.addWidget(self._evidence_box(evidence, kind))
        form = QFormLayout()
        form.addRow("S&tatement", self.statement)  # Alt+S/A/N are the note keys everywhere
        form.addRow("&Kind", self.kind)
        form.addRow("&Heading", self.heading)
        form.addRow("Recommendation &group", self.group)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setToolTip("Make the finding (Ctrl+Enter)")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._accept)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.statement.setFocus()
        self.resize(640, 460 if evidence else 260)

    def _evidence_box(self, evidence: Sequence[ObservationInfo], kind: str | None) -> QWidget:
        from peernotes.ui.synthesis.findings_browser import reading_html

        box = QWidget()
        label = QLabel(
            f"Backed by the {len(evidence)} selected observation(s)"
            + ("" if kind else ": their polarities are mixed, so choose the kind below")
            + "."
        )
        label.setWordWrap(True)
        self.evidence = QTextBrowser()
        self.evidence.setAccessibleName("The selected observations in full")
        self.evidence.setHtml(reading_html(evidence))
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.evidence, 1)
        return box

    def _kind_changed(self) -> None:
        self.group.setEnabled(self.kind.currentData() == "recommendation")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._accept()
            return
        super().keyPressEvent(event)

    def _accept(self) -> None:
        if self.result() == QDialog.DialogCode.Accepted:
            return
        if not self.statement.text().strip():
            messages.inform(self, "New finding", "Write the finding's statement first.")
            self.statement.setFocus()
            return
        if self.kind.currentIndex() < 0:
            messages.inform(
                self, "New finding", "Choose the finding's kind: the evidence does not say."
            )
            self.kind.setFocus()
            return
        self.accept()

    def values(self) -> NewFindingValues:
        """The new finding's fields, as `findings.create_finding` takes them."""
        kind = self.kind.currentData()
        return {
            "statement": self.statement.text().strip(),
            "kind": kind,
            "heading_id": self.heading.currentData(),
            "group_id": self.group.currentData() if kind == "recommendation" else None,
        }

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        headings: Sequence[Heading],
        groups: Sequence[RecommendationGroup],
        heading_id: str | None = None,
        statement: str = "",
        evidence_count: int = 0,
        evidence: Sequence[ObservationInfo] = (),
        kind: str | None = "strength",
    ) -> NewFindingValues | None:
        dialog = cls(parent, headings, groups, heading_id, statement, evidence, kind)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ThresholdsDialog(FormDialog):
    """The triangulation rule of this challenge: how many modes and sources count, with the
    rule they make said in words as they change (the house's form dialog, like the deletion
    guard's)."""

    def __init__(self, parent: QWidget | None, current: Thresholds) -> None:
        super().__init__(parent, "Triangulation rule", ok_label="OK")
        self.modes = QSpinBox()
        self.modes.setRange(1, len(vocab.MODES))
        self.modes.setValue(current.min_modes)
        self.sources = QSpinBox()
        self.sources.setRange(1, 99)
        self.sources.setValue(current.min_sources)
        self.form.addRow(
            "Triangulated needs at least this many &modes (read, heard, seen):", self.modes
        )
        self.form.addRow(
            "Corroborated and triangulated need at least this many independent &sources:",
            self.sources,
        )
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.form.addRow(self.rule)  # the rule in words, under the figures
        self.modes.valueChanged.connect(self._show_rule)
        self.sources.valueChanged.connect(self._show_rule)
        self._show_rule()
        self.resize(520, 220)

    def data(self) -> Thresholds:
        return self.value()

    def _show_rule(self) -> None:
        self.rule.setText(self.value().rule())

    def value(self) -> Thresholds:
        return Thresholds(self.modes.value(), self.sources.value())

    @classmethod
    def ask(cls, parent: QWidget | None, current: Thresholds) -> Thresholds | None:
        dialog = cls(parent, current)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class RecommendationGroupsDialog(QDialog):
    """Add, rename, delete and order the recommendation groups; every change is undoable."""

    def __init__(self, parent, session: Session):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Recommendation groups")
        self.list = QListWidget()
        buttons = QVBoxLayout()
        for text, slot in (
            ("&Add…", self._add),
            ("&Rename…", self._rename),
            ("&Delete", self._delete),
            ("Move &up", lambda: self._move(-1)),
            ("Move do&wn", lambda: self._move(+1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Recommendations are listed in the letter under these groups, in this order.")
        )
        layout.addLayout(row)
        layout.addWidget(close)
        self._load()
        self.resize(460, 320)

    def _load(self, select: str | None = None) -> None:
        self.list.clear()
        for group in read_models.recommendation_groups(self.session.cf):
            item = QListWidgetItem(group.name)
            item.setData(256, group.id)
            self.list.addItem(item)
            if group.id == select:
                self.list.setCurrentItem(item)

    def _current(self) -> str | None:
        item = self.list.currentItem()
        return item.data(256) if item else None

    def _run(self, action: Callable[[], Any]) -> Any:
        """One action from `operations.findings`; a refusal is shown and changes nothing."""
        try:
            return action()
        except PeerNotesError as error:
            messages.error(self, "Recommendation groups", str(error))
            return None

    def _add(self) -> None:
        name, ok = QInputDialog.getText(
            self, "New recommendation group", "Name:", QLineEdit.EchoMode.Normal, ""
        )
        if ok:
            self._load(self._run(lambda: finding_ops.add_group(self.session, name)))

    def _rename(self) -> None:
        group_id = self._current()
        if group_id is None:
            return
        name, ok = QInputDialog.getText(
            self, "Rename group", "Name:", QLineEdit.EchoMode.Normal, self.list.currentItem().text()
        )
        if ok:
            self._run(lambda: finding_ops.rename_group(self.session, group_id, name))
            self._load(group_id)

    def _delete(self) -> None:
        group_id = self._current()
        if group_id is not None:
            self._run(lambda: finding_ops.delete_group(self.session, group_id))
            self._load()

    def _move(self, steps: int) -> None:
        group_id = self._current()
        if group_id is not None:
            self._run(lambda: finding_ops.move_group(self.session, group_id, steps))
            self._load(group_id)

    @classmethod
    def manage(cls, parent: QWidget | None, session: Session) -> None:
        cls(parent, session).exec()
