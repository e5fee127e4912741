"""The Coverage page: where are we thin, and whom have we not heard? Drives tomorrow's questions.

A summary in words (thin headings, groups not heard from at all), the threshold for "thin",
and the heat map of evidence per heading by mode and stakeholder group.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import coverage as core_coverage
from peernotes.core.coverage import Coverage
from peernotes.core.errors import PeerNotesError
from peernotes.ui.operations import thresholds
from peernotes.ui.palette import colours
from peernotes.ui.session import Session
from peernotes.ui.synthesis.coverage_chart import CoverageHeatMap
from peernotes.ui.synthesis.coverage_table import CoverageTableModel
from peernotes.ui.widgets.stale import StaleRefresher
from peernotes.ui.workspace import Ref

if TYPE_CHECKING:
    from peernotes.ui.workspace import Workspace


def summary_html(data: Coverage) -> str:
    """Two or three sentences a team can act on tonight."""
    thin = [h for h in data.thin_headings if h.depth == 1] or list(data.thin_headings)
    unheard = [name for _, name in data.unheard_groups]
    c = colours()  # the light or dark set: the warnings stay readable on the window
    parts = [
        f"<b>{data.observations:,}</b> observations: "
        + " · ".join(f"{mode} {data.by_mode.get(mode, 0):,}" for mode in ("read", "heard", "seen"))
        + f". <b>{data.untagged:,}</b> not yet under any heading."
    ]
    if unheard:
        parts.append(
            f"<span style='color:{c.problem}'><b>Not heard from yet:</b> "
            + html.escape(", ".join(unheard))
            + ".</span>"
        )
    else:
        parts.append("Every stakeholder group has been heard from at least once.")
    if thin:
        names = ", ".join(h.label for h in thin[:8]) + (
            f" and {len(thin) - 8} more" if len(thin) > 8 else ""
        )
        parts.append(
            f"<span style='color:{c.warning}'><b>Thin ({len(thin)}):</b> {html.escape(names)}.</span>"
        )
    else:
        parts.append("No heading is thin.")
    people = [
        f"{name} {data.people_by_group.get(g, 0)}"
        for g, name in data.groups
        if data.people_by_group.get(g, 0)
    ]
    if people:
        parts.append("People met by group: " + html.escape(", ".join(people)) + ".")
    return "<br>".join(parts)


class CoveragePage(QWidget):
    def __init__(self, session: Session, window: Workspace | None = None):
        super().__init__()
        self.session = session
        self.window_ = window
        self.data: Coverage | None = None
        self._loading = False
        self.staleness = StaleRefresher(self, self.refresh)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.thin = QSpinBox()
        self.thin.setRange(0, 10_000)
        self.thin.setToolTip("A heading with fewer observations than this is marked thin")
        self.thin.valueChanged.connect(self._save_thin)
        self.chart = CoverageHeatMap()
        self.chart.headingActivated.connect(self._open_heading)
        scroll = QScrollArea()
        scroll.setWidget(self.chart)
        scroll.setWidgetResizable(False)
        scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll.setStyleSheet("QScrollArea { background: white; border: none; }")
        scroll.setAccessibleName("Coverage heat map (Ctrl+Shift+T shows it as a table)")
        self.table_model = CoverageTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAccessibleName("Coverage by heading, mode and stakeholder group")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.views = QStackedWidget()
        self.views.addWidget(scroll)
        self.views.addWidget(self.table)
        self.as_table = QCheckBox("Show as a &table")
        self.as_table.setToolTip(
            "The same figures as a table a screen reader can read (Ctrl+Shift+T)"
        )
        self.as_table.toggled.connect(lambda on: self.views.setCurrentIndex(1 if on else 0))
        QShortcut(QKeySequence("Ctrl+Shift+T"), self, self.as_table.toggle)

        controls = QHBoxLayout()
        thin_label = QLabel("Mark a heading <b>thin</b> &below")
        thin_label.setBuddy(self.thin)
        self.thin.setAccessibleName("Mark a heading thin below this many observations")
        controls.addWidget(thin_label)
        controls.addWidget(self.thin)
        controls.addWidget(QLabel("observations"))
        hint = QLabel(
            "Hover a cell for what it counts; double-click a heading to list its observations."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        controls.addWidget(hint, 1)
        controls.addWidget(self.as_table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addLayout(controls)
        layout.addWidget(self.views, 1)
        session.changed.connect(self.staleness.mark_stale)

    def refresh(self) -> None:
        self.staleness.refreshed()
        self.data = core_coverage.coverage(self.session.cf)
        self._loading = True
        try:
            self.thin.setValue(self.data.thin_below)
        finally:
            self._loading = False
        self.summary.setText(summary_html(self.data))
        self.chart.set_coverage(self.data)
        self.table_model.set_coverage(self.data)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.data is not None:
            self.summary.setText(summary_html(self.data))  # its colours follow the palette

    def _save_thin(self, value: int) -> None:
        if self._loading:
            return
        try:
            thresholds.set_thin_threshold(self.session, value)
        except PeerNotesError as error:
            self.session.error.emit(str(error))

    def _open_heading(self, heading_id: str) -> None:
        if self.window_ is None:
            return
        self.window_.go_to(Ref("heading", heading_id))
