"""The Findings page's editor: the selected finding's words, kind, heading and evidence.

The statement and narrative wrap and Tab moves on (a tab would go into the letter). Each
change is announced once by `fieldEdited(field, value)`; the page runs it as one undoable
edit. Its supporting and contradicting evidence lists are placed by the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import vocab
from peernotes.core.evidence import ObservationInfo
from peernotes.core.records.values import Heading, RecommendationGroup
from peernotes.core.rollup import FindingEntry
from peernotes.ui.palette import colours
from peernotes.ui.synthesis.dialogs import heading_choices
from peernotes.ui.synthesis.findings_browser import fit_column
from peernotes.ui.synthesis.models import EvidenceTableModel
from peernotes.ui.widgets.text_field import TextField

EMPTY_TITLE = "Selected finding"
EMPTY_HINT = "Select a finding above, or make one from selected observations"


def badge_html(level: str, label: str) -> str:
    """The level as a coloured word, in the set that matches the palette now in use."""
    c = colours()
    return (
        f"<span style='background:{c.level_tint[level]}; color:{c.level_text[level]};"
        f" font-weight:600'>&nbsp;● {label}&nbsp;</span>"
    )


def _lines(widget: QWidget, count: int) -> int:
    return widget.fontMetrics().lineSpacing() * count + 12


class EvidencePane(QWidget):
    """One list of evidence (supporting or contradicting) with its two buttons."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.model = EvidenceTableModel(self)
        self.view = QTableView()
        self.view.setAccessibleName(title)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 56), (2, 170), (3, 150), (4, 100)):
            self.view.setColumnWidth(column, fit_column(self.view, column, width))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.first = QToolButton()
        self.second = QToolButton()
        bar = QHBoxLayout()
        bar.addWidget(self.label, 1)
        bar.addWidget(self.first)
        bar.addWidget(self.second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def selected_ids(self) -> list[str]:
        return [self.model.info(i.row()).id for i in self.view.selectionModel().selectedRows()]


class FindingEditor(QGroupBox):
    """Edits one finding; says what changed, never writes."""

    fieldEdited = Signal(str, object)  # noqa: N815 -- field name, new value
    evidenceSelectionChanged = Signal()  # noqa: N815
    evidenceCounted = Signal(int, int)  # noqa: N815 -- supporting, contradicting

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(EMPTY_TITLE, parent)
        self._loading = False
        self.statement = TextField(single_line=True)
        self.statement.setPlaceholderText("The bullet as it will read in the letter")
        self.statement.setFixedHeight(_lines(self.statement, 2))
        self.statement.editingFinished.connect(
            lambda: self._edited("statement", self.statement.text())
        )
        self.narrative = TextField()
        self.narrative.setPlaceholderText("Optional: the paragraph that expands it in the letter")
        self.narrative.setFixedHeight(_lines(self.narrative, 2))
        self.narrative.editingFinished.connect(
            lambda: self._edited("narrative", self.narrative.toPlainText())
        )
        self.kind = QComboBox()
        for key, label in vocab.FINDING_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(
            lambda _i: self._edited("kind", self.kind.currentData())
        )
        self.heading = QComboBox()
        self.heading.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.heading.setMinimumContentsLength(10)
        self.heading.currentIndexChanged.connect(
            lambda _i: self._edited("heading_id", self.heading.currentData())
        )
        self.group = QComboBox()
        self.group.setAccessibleName("Recommendation group")
        for combo in (self.kind, self.group):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.group.currentIndexChanged.connect(
            lambda _i: self._edited("group_id", self.group.currentData())
        )
        self._build_flags()
        self.badge = QLabel()
        self.badge.setTextFormat(Qt.TextFormat.RichText)
        self.explanation = QLabel()  # the level's reasons: shown over the evidence, by the page
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("hint")
        # The evidence lists are the finding's, but the page shows them beside the notes (as
        # observations among observations), so the tree above keeps its room.
        self.supporting = EvidencePane("Supporting evidence")
        self.contradicting = EvidencePane("Contradicting evidence")
        for pane in (self.supporting, self.contradicting):
            pane.view.selectionModel().selectionChanged.connect(
                lambda *_: self.evidenceSelectionChanged.emit()
            )
        self._build_layout()

    def _build_flags(self) -> None:
        self.key_message = QCheckBox("Key message")
        self.key_message.setToolTip("Key messages go into the letter's summary")
        self.key_message.toggled.connect(lambda on: self._edited("key_message", on))
        self.notable = QCheckBox("Notable practice")
        self.notable.setMinimumWidth(0)
        self.notable.toggled.connect(lambda on: self._edited("notable", on))
        self.prose_only = QCheckBox("Prose only")
        self.prose_only.setMinimumWidth(0)
        self.prose_only.setToolTip(
            "The letter prints the narrative as a paragraph, with no bullet for the statement"
        )
        self.prose_only.toggled.connect(lambda on: self._edited("prose_only", on))

    def _build_layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        group_label = QLabel("&Group")
        group_label.setBuddy(self.group)
        row.addWidget(group_label)
        row.addWidget(self.group, 1)
        flags = QHBoxLayout()
        flags.addWidget(self.key_message)
        flags.addWidget(self.notable)
        flags.addWidget(self.prose_only)
        flags.addStretch(1)
        flags.addWidget(self.badge)
        form = QFormLayout()
        # Alt+S, Alt+A and Alt+N are the note keys (polarity) wherever a note is edited, so
        # no label here may take them: Statement is Alt+T, Narrative Alt+R.
        form.addRow("S&tatement", self.statement)
        form.addRow("Na&rrative", self.narrative)
        form.addRow("&Kind", row)
        form.addRow("&Heading", self.heading)
        for field in (self.kind, self.heading):  # a row that is a layout gets no buddy
            label = form.labelForField(row if field is self.kind else field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(flags)
        layout.addStretch(1)

    def _edited(self, field: str, value: Any) -> None:
        if not self._loading:
            self.fieldEdited.emit(field, value)

    def fill_choices(
        self, headings: Sequence[Heading], groups: Sequence[RecommendationGroup]
    ) -> None:
        self._loading = True
        try:
            heading_choices(self.heading, headings, none_label="(no heading yet)")
            self.group.clear()
            self.group.addItem("(no group)", None)
            for group in groups:
                self.group.addItem(group.name, group.id)
        finally:
            self._loading = False

    def show_finding(
        self,
        entry: FindingEntry | None,
        supporting: Sequence[ObservationInfo] = (),
        against: Sequence[ObservationInfo] = (),
        rule: str = "",
    ) -> None:
        """Show `entry` (or an empty, disabled editor for None) without announcing edits."""
        self.setEnabled(entry is not None)
        self._loading = True
        try:
            if entry is None:
                self._clear()
                return
            self.setTitle(f"Selected finding: {entry.kind_label}")
            self.statement.setPlaceholderText("The bullet as it will read in the letter")
            if self.statement.text() != entry.statement:
                self.statement.setPlainText(entry.statement)
            if self.narrative.toPlainText() != entry.narrative:
                self.narrative.setPlainText(entry.narrative)
            self.kind.setCurrentIndex(self.kind.findData(entry.kind))
            self.heading.setCurrentIndex(max(0, self.heading.findData(entry.heading_id)))
            self.group.setCurrentIndex(max(0, self.group.findData(entry.group_id)))
            self.group.setEnabled(entry.kind == "recommendation")
            self.key_message.setChecked(entry.key_message)
            self.notable.setChecked(entry.notable)
            self.prose_only.setChecked(entry.prose_only)
            t = entry.triangulation
            self.badge.setText(badge_html(t.level, t.label))
            self.badge.setToolTip(t.explanation + "\n\nRule: " + rule)
            self.explanation.setText(t.explanation)
            self._show_evidence(supporting, against)
            self.supporting.label.setText(
                f"<b>Supporting evidence</b> ({len(supporting)}): {t.explanation}"
            )
        finally:
            self._loading = False

    def _show_evidence(
        self, supporting: Sequence[ObservationInfo], against: Sequence[ObservationInfo]
    ) -> None:
        self.supporting.model.set_rows(supporting)
        self.contradicting.model.set_rows(against)
        self.supporting.label.setText(
            f"<b>Supporting evidence</b> ({len(supporting)}): counted towards the level"
        )
        self.contradicting.label.setText(
            f"<b>Contradicting evidence</b> ({len(against)}): shown apart, not counted"
        )
        self.evidenceCounted.emit(len(supporting), len(against))

    def _clear(self) -> None:
        self.setTitle(EMPTY_TITLE)
        self.statement.setPlaceholderText(EMPTY_HINT)
        self.statement.clear()
        self.narrative.clear()
        self.badge.clear()
        self.explanation.clear()
        self._show_evidence([], [])
