"""The Findings page's left side: every observation, to pick evidence from.

Search, a scope (all, inbox, not yet in a finding, a heading) and filters by polarity, mode and
peer narrow a lazy table; the notes selected are shown in full in a reading pane under it, so
a laptop screen that fits 40 characters of a row still shows every word. The browser only
reads: it says `selectionChanged` and `searchChanged`, and the page decides what to do.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import evidence, search, vocab
from peernotes.core.evidence import BrowserFilter, ObservationInfo
from peernotes.core.records import read_models
from peernotes.ui.session import Session
from peernotes.ui.synthesis.models import SNIPPET_ROLE, ObservationBrowserModel


class SnippetDelegate(QStyledItemDelegate):
    """Draws a search hit's snippet with the matched words in bold."""

    def paint(self, painter, option, index) -> None:
        snippet = index.data(SNIPPET_ROLE)
        if not snippet:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(2)
        doc.setHtml(snippet.replace("\n", " "))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(0, 0, opt.rect.width(), opt.rect.height())
        doc.drawContents(painter)
        painter.restore()


def action_bar() -> QToolBar:
    """A row of text buttons that folds what does not fit into a » menu (at 150 %)."""
    bar = QToolBar()
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.setMovable(False)
    return bar


def fit_column(view: QTableView | QTreeView, column: int, width: int) -> int:
    """At least `width`, and wide enough for the column's title in the view's font."""
    title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    font = header.font()
    font.setBold(True)  # the style sheet makes header titles bold
    return max(width, QFontMetrics(font).horizontalAdvance(title) + 24)


def reading_html(notes: Sequence[ObservationInfo]) -> str:
    """The selected notes in full, each with where it came from: what the reading pane shows."""
    parts = []
    for info in notes:
        facts = [
            vocab.POLARITIES.get(info.polarity, info.polarity),
            vocab.MODES.get(info.mode, info.mode),
            info.source or "no source",
            f"recorded by {info.recorded_by}" if info.recorded_by else "",
            "; ".join(info.heading_labels) or "no heading",
        ]
        text = html.escape(info.text).replace("\n", "<br>")
        parts.append(
            f"<p style='margin:0 0 2px 0'>{text}</p>"
            f"<p style='margin:0 0 8px 0'><i>{html.escape(' · '.join(f for f in facts if f))}"
            "</i></p>"
        )
    return "".join(parts)


class ObservationBrowser(QGroupBox):
    """Observations to select as evidence, narrowed by search, scope and filters."""

    selectionChanged = Signal()  # noqa: N815
    searchChanged = Signal()  # noqa: N815 -- after the typing pauses
    READING_LIMIT = 30  # notes shown in full at once; more say how many are left out

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Observations", parent)
        self.session = session
        self._loading = True  # the combos are filled before the table exists
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.searchChanged.emit)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search notes and findings…  (Ctrl+F)")
        self.search_edit.setAccessibleName("Search observations and findings")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.scope = self._combo("Which observations to list")
        self.polarity = self._combo("Polarity")
        self.mode = self._combo("Mode")
        self.peer = self._combo("Recorded by")
        self.polarity.addItem("Any polarity", None)
        for key, label in vocab.POLARITIES.items():
            self.polarity.addItem(label, key)
        self.mode.addItem("Any mode", None)
        for key, label in vocab.MODES.items():
            self.mode.addItem(label, key)

        self.model = ObservationBrowserModel(lambda ids: evidence.describe(session.cf, ids), self)
        self.view = self._build_view()
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.reading = QTextBrowser()
        self.reading.setAccessibleName("Selected observations in full")
        self.reading.setPlaceholderText("Select observations to read them in full here.")
        self.buttons = action_bar()

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 3)
        top.addWidget(self.scope, 2)
        filters = QHBoxLayout()
        for combo in (self.polarity, self.mode, self.peer):
            filters.addWidget(combo, 1)
        top.addWidget(self.count)
        self.count.setToolTip("Observations listed, of all in the file")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        # self.reading (the selected notes in full) is placed by the page, under the browser
        self._loading = False

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(5)
        combo.currentIndexChanged.connect(lambda _i: self.load() if not self._loading else None)
        return combo

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setAccessibleName("Observations")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setItemDelegateForColumn(0, SnippetDelegate(view))
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() + 8)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        m = ObservationBrowserModel
        widths = {m.POLARITY: 60, m.HEADING: 52, m.MODE: 48, m.RECORDER: 84, m.FINDINGS: 40}
        for column in range(1, len(m.HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, fit_column(view, column, widths.get(column, 120)))
        # Mode, source and groups are in the reading pane (and mode in the filters): the
        # note's own words keep the room.
        view.setColumnHidden(m.MODE, True)
        view.setColumnHidden(m.SOURCE, True)
        view.setColumnHidden(m.GROUPS, True)
        view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        return view

    # ------------------------------------------------------------ reading
    def text(self) -> str:
        return self.search_edit.text()

    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.id_at(r) for r in rows]

    def selected_notes(self) -> list[ObservationInfo]:
        ids = self.selected_ids()
        found = evidence.describe(self.session.cf, ids)
        return [found[i] for i in ids if i in found]

    def _selection_changed(self) -> None:
        self.show_selected()
        self.selectionChanged.emit()

    def show_selected(self) -> None:
        ids = self.selected_ids()
        shown = ids[: self.READING_LIMIT]
        found = evidence.describe(self.session.cf, shown)
        text = reading_html([found[i] for i in shown if i in found])
        if len(ids) > len(shown):
            text += f"<p><i>… and {len(ids) - len(shown)} more selected.</i></p>"
        self.reading.setHtml(text)

    # ------------------------------------------------------------ loading
    def fill_choices(self) -> None:
        """The scope's headings and the peers, from the file (keeping what is chosen)."""
        self._loading = True
        try:
            current = self.scope.currentData()
            self.scope.clear()
            for key in ("all", "inbox", "unused"):
                self.scope.addItem(evidence.SCOPES[key], key)
            for heading in read_models.framework_headings(self.session.cf):
                self.scope.addItem(
                    ("    " if heading.depth else "Tagged: ") + heading.label,
                    f"heading:{heading.id}",
                )
            self.scope.setCurrentIndex(max(0, self.scope.findData(current)))
            current = self.peer.currentData()
            self.peer.clear()
            self.peer.addItem("Anyone", None)
            for peer in read_models.team_members(self.session.cf):
                self.peer.addItem(f"By {peer.name}", peer.id)
            self.peer.setCurrentIndex(max(0, self.peer.findData(current)))
        finally:
            self._loading = False

    def narrowing(self) -> BrowserFilter:
        return BrowserFilter(
            polarity=self.polarity.currentData(),
            mode=self.mode.currentData(),
            recorded_by=self.peer.currentData(),
        )

    def load(self) -> None:
        """List the observations in scope that match the search, keeping the selection."""
        cf = self.session.cf
        keep = set(self.selected_ids())
        scope: str = self.scope.currentData() or "all"
        narrow = self.narrowing()
        if scope.startswith("heading:"):
            heading_id = scope.split(":", 1)[1]
            ids = evidence.observation_ids(cf, "heading", heading_id=heading_id, narrow=narrow)
        else:
            ids = evidence.observation_ids(cf, scope, narrow=narrow)
        text = self.text()
        matches = search.matching_observation_ids(cf, text)
        snippets: dict[str, str] = {}
        if matches is not None:
            in_scope = set(ids)
            ids = [i for i in matches if i in in_scope]
            snippets = {h.id: h.html() for h in search.search_observations(cf, text, limit=200)}
        self.model.set_ids(ids, snippets)
        self.count.setText(f"{len(ids):,} of {cf.count('observation'):,}")
        if keep:
            selection = self.view.selectionModel()
            flags = QItemSelectionModel.SelectionFlag
            for observation_id in keep:
                row = self.model.row_of(observation_id)
                if row >= 0:
                    selection.select(self.model.index(row, 0), flags.Select | flags.Rows)
        self.show_selected()

    def show_heading(self, heading_id: str) -> None:
        position = self.scope.findData(f"heading:{heading_id}")
        if position >= 0:
            self.scope.setCurrentIndex(position)

    def stop_timers(self) -> bool:
        """Stop a pending search; True when one was pending (the page then re-reads later)."""
        pending = self._search_timer.isActive()
        self._search_timer.stop()
        return pending

    def wanted_width(self) -> int:
        """Room for the fixed columns plus about 40 characters of the note itself."""
        fixed = sum(
            self.view.columnWidth(c)
            for c in range(1, self.model.columnCount())
            if not self.view.isColumnHidden(c)
        )
        return fixed + self.view.fontMetrics().averageCharWidth() * 40 + 40

    def add_action(self, action: QAction) -> None:
        self.buttons.addAction(action)
