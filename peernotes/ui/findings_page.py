"""The Findings page: pool the notes into findings and see how well each is evidenced.

Left: every observation (search, inbox, by heading), to select and turn into a finding, add
to one, or add as contradicting. Right: the findings by heading with their triangulation
badges (reorder with Alt+Up/Down or drag), and the selected finding with its evidence --
supporting and contradicting shown apart. Every edit goes through run_undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import evidence, findings, records, search, triangulation, vocab
from peernotes.core.errors import PeerNotesError
from peernotes.core.rollup import Rollup, rollup
from peernotes.core.store import Change
from peernotes.ui.commands import run_undoable
from peernotes.ui.session import Session
from peernotes.ui.synthesis_dialogs import (
    NewFindingDialog,
    RecommendationGroupsDialog,
    ThresholdsDialog,
    heading_choices,
)
from peernotes.ui.synthesis_models import (
    LEVEL_COLOURS,
    LEVEL_TINTS,
    SNIPPET_ROLE,
    EvidenceTableModel,
    FindingsTreeModel,
    ObservationBrowserModel,
)

WATCHED = (
    "finding",
    "finding_evidence",
    "observation",
    "observation_heading",
    "heading",
    "recommendation_group",
    "setting",
    "meeting",
    "meeting_person",
    "person",
    "document",
    "peer",
    "stakeholder_group",
)


def badge_html(level: str, label: str) -> str:
    return (
        f"<span style='background:{LEVEL_TINTS[level]}; color:{LEVEL_COLOURS[level]};"
        f" font-weight:600'>&nbsp;● {label}&nbsp;</span>"
    )


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


class FocusOutPlainTextEdit(QPlainTextEdit):
    """A text box that reports when the user leaves it, so its text is saved once, not per key."""

    def __init__(self, on_leave: Callable[[], None], parent=None):
        super().__init__(parent)
        self._on_leave = on_leave

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._on_leave()


class FindingsPage(QWidget):
    def __init__(self, session: Session, window: Any = None):
        super().__init__()
        self.session = session
        self.window_ = window
        self.current_id: str | None = None
        self.rollup: Rollup | None = None
        self._loading = False
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._apply_search)
        self._timer.timeout.disconnect(self.refresh)
        self._timer.timeout.connect(self._refresh_if_visible)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_browser())
        splitter.addWidget(self._build_findings())
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([560, 840])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self._build_actions()
        session.changed.connect(self._on_change)
        # No refresh here: the page reads the file when first shown (showEvent), so opening a
        # challenge does not pay for a page nobody has looked at yet.

    # ------------------------------------------------------------ building
    def _build_browser(self) -> QWidget:
        box = QGroupBox("Observations")
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search observations and findings…  (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.scope = QComboBox()
        self.scope.setToolTip("Which observations to list")
        self.scope.currentIndexChanged.connect(
            lambda _i: self._load_browser() if not self._loading else None
        )
        self.browser_model = ObservationBrowserModel(
            lambda ids: evidence.describe(self.session.cf, ids), self
        )
        self.browser = QTableView()
        self.browser.setModel(self.browser_model)
        self.browser.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.browser.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.browser.setDragEnabled(True)
        self.browser.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.browser.setItemDelegateForColumn(0, SnippetDelegate(self.browser))
        self.browser.verticalHeader().setVisible(False)
        self.browser.verticalHeader().setDefaultSectionSize(24)
        self.browser.setWordWrap(False)
        self.browser.setAlternatingRowColors(True)
        header = self.browser.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 52), (2, 130), (3, 120), (4, 90), (5, 70)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.browser.setColumnWidth(column, _fit(self.browser, column, width))
        # Groups present and who recorded it are in the evidence table and the tooltip; hidden
        # here so the observation's own text keeps room on a laptop screen.
        self.browser.setColumnHidden(3, True)
        self.browser.setColumnHidden(4, True)
        self.browser.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.browser_count = QLabel()
        self.browser_count.setStyleSheet("color:#555")

        self.new_from_button = QToolButton()
        self.add_to_button = QToolButton()
        self.contradict_button = QToolButton()
        buttons = QHBoxLayout()
        for button in (self.new_from_button, self.add_to_button, self.contradict_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 3)
        top.addWidget(self.scope, 2)
        top.addWidget(self.browser_count)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        return box

    def _build_findings(self) -> QWidget:
        right = QSplitter(Qt.Orientation.Vertical)

        tree_box = QGroupBox("Findings by heading")
        self.tree_model = FindingsTreeModel(self)
        self.tree_model.moveRequested.connect(self._drop_move)
        self.tree_model.evidenceDropped.connect(self._drop_evidence)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setIconSize(QSize(12, 12))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed, compact widths (not sized to contents): the statement keeps the room.
        for column, width in ((1, 70), (2, 165), (3, 105), (4, 55)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(column, _fit(self.tree, column, width))
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.toolbar = QHBoxLayout()
        self.show_empty = QCheckBox("Show headings with no findings")
        self.show_empty.toggled.connect(self._toggle_empty)
        self.summary = QLabel()
        self.summary.setStyleSheet("color:#555")
        self.summary.setWordWrap(True)
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.addLayout(self.toolbar)
        tree_layout.addWidget(self.tree, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_empty)
        bottom.addStretch(1)
        tree_layout.addLayout(bottom)
        tree_layout.addWidget(self.summary)  # own line: a wrapped label needs its full width
        right.addWidget(tree_box)

        self.editor = QGroupBox("Selected finding")
        self.statement = QLineEdit()
        self.statement.setPlaceholderText("The bullet as it will read in the letter")
        self.statement.editingFinished.connect(self._save_statement)
        self.narrative = FocusOutPlainTextEdit(self._save_narrative)
        self.narrative.setPlaceholderText("Optional: the paragraph that expands it in the letter")
        self.narrative.setMaximumHeight(58)
        self.kind = QComboBox()
        for key, label in vocab.FINDING_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(
            lambda _i: self._save_field("kind", self.kind.currentData())
        )
        self.heading = QComboBox()
        for combo in (self.heading, self.scope):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
        self.heading.currentIndexChanged.connect(
            lambda _i: self._save_field("heading_id", self.heading.currentData())
        )
        self.group = QComboBox()
        self.group.currentIndexChanged.connect(
            lambda _i: self._save_field("group_id", self.group.currentData())
        )
        self.key_message = QCheckBox("Key message (goes into the summary)")
        self.key_message.toggled.connect(lambda on: self._save_field("key_message", on))
        self.notable = QCheckBox("Notable practice")
        self.notable.toggled.connect(lambda on: self._save_field("notable", on))
        self.badge = QLabel()
        self.badge.setTextFormat(Qt.TextFormat.RichText)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color:#444")

        row1 = QHBoxLayout()  # the heading has a row of its own: the page must fit a laptop
        row1.addWidget(self.kind)
        row1.addWidget(QLabel("Group"))
        row1.addWidget(self.group, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.key_message)
        row2.addWidget(self.notable)
        row2.addStretch(1)
        row2.addWidget(self.badge)
        form = QFormLayout()
        form.addRow("Statement", self.statement)
        form.addRow("Narrative", self.narrative)
        form.addRow("Kind", row1)
        form.addRow("Heading", self.heading)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addLayout(form)
        editor_layout.addLayout(row2)
        editor_layout.addWidget(self.explanation)

        self.supporting_model = EvidenceTableModel(self)
        self.contradicting_model = EvidenceTableModel(self)
        self.supporting_view = self._evidence_view(self.supporting_model)
        self.contradicting_view = self._evidence_view(self.contradicting_model)
        self.supporting_label = QLabel()
        self.contradicting_label = QLabel()
        self.contradicting_label.setStyleSheet("color:#a4262c")
        for label in (self.supporting_label, self.contradicting_label):
            label.setWordWrap(True)
        self.remove_support_button = QToolButton()
        self.to_contradicting_button = QToolButton()
        self.remove_contra_button = QToolButton()
        self.to_supporting_button = QToolButton()
        support_bar = QHBoxLayout()
        support_bar.addWidget(self.supporting_label, 1)
        support_bar.addWidget(self.remove_support_button)
        support_bar.addWidget(self.to_contradicting_button)
        contra_bar = QHBoxLayout()
        contra_bar.addWidget(self.contradicting_label, 1)
        contra_bar.addWidget(self.remove_contra_button)
        contra_bar.addWidget(self.to_supporting_button)
        editor_layout.addLayout(support_bar)
        editor_layout.addWidget(self.supporting_view, 3)
        editor_layout.addLayout(contra_bar)
        editor_layout.addWidget(self.contradicting_view, 1)
        right.addWidget(self.editor)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setSizes([360, 480])
        return right

    def _evidence_view(self, model: EvidenceTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(22)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 56), (2, 170), (3, 150), (4, 100)):
            view.setColumnWidth(column, _fit(view, column, width))
        view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        return view

    def _action(
        self, text: str, slot, shortcut: str | QKeySequence | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip = f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})".strip()
        action.setToolTip(tip or text)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_from_action = self._action(
            "New finding from selected",
            self.new_finding_from_selection,
            "Ctrl+Shift+N",
            "Make a finding backed by the selected observations",
        )
        self.add_to_action = self._action(
            "Add to finding",
            lambda: self.add_selection_to_finding("supports"),
            "Ctrl+Shift+A",
            "Add the selected observations as evidence for the finding selected on the right",
        )
        self.contradict_action = self._action(
            "Add as contradicting",
            lambda: self.add_selection_to_finding("contradicts"),
            "Ctrl+Shift+C",
            "Add the selected observations as evidence that contradicts the selected finding",
        )
        self.new_blank_action = self._action(
            "New finding…", self.new_blank_finding, "Ctrl+N", "A finding with no evidence yet"
        )
        self.delete_action = self._action(
            "Delete",
            self.delete_current,
            None,
            "Delete the selected finding (its observations stay)",
        )
        self.move_up_action = self._action(
            "Move up",
            lambda: self.move_current(-1),
            "Alt+Up",
            "Move the finding up within its heading",
        )
        self.move_down_action = self._action(
            "Move down",
            lambda: self.move_current(+1),
            "Alt+Down",
            "Move the finding down within its heading",
        )
        self.groups_action = self._action(
            "Groups…",
            lambda: RecommendationGroupsDialog.manage(self, self.session),
            None,
            "Add, rename and order the recommendation groups",
        )
        self.rule_action = self._action(
            "Rule…",
            self.edit_thresholds,
            None,
            "How many modes and sources a finding needs",
        )
        self.search_action = self._action(
            "Search", lambda: (self.search_edit.setFocus(), self.search_edit.selectAll()), "Ctrl+F"
        )
        self.remove_support_action = self._action(
            "Remove from finding",
            lambda: self.remove_evidence(self.supporting_view),
            None,
            "Unlink the selected supporting observations",
        )
        self.to_contradicting_action = self._action(
            "Mark as contradicting",
            lambda: self.switch_relation(self.supporting_view, "contradicts"),
        )
        self.remove_contra_action = self._action(
            "Remove from finding",
            lambda: self.remove_evidence(self.contradicting_view),
            None,
            "Unlink the selected contradicting observations",
        )
        self.to_supporting_action = self._action(
            "Mark as supporting", lambda: self.switch_relation(self.contradicting_view, "supports")
        )

        self.new_from_button.setDefaultAction(self.new_from_action)
        self.add_to_button.setDefaultAction(self.add_to_action)
        self.contradict_button.setDefaultAction(self.contradict_action)
        self.remove_support_button.setDefaultAction(self.remove_support_action)
        self.to_contradicting_button.setDefaultAction(self.to_contradicting_action)
        self.remove_contra_button.setDefaultAction(self.remove_contra_action)
        self.to_supporting_button.setDefaultAction(self.to_supporting_action)
        for action in (
            self.new_blank_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
            self.groups_action,
            self.rule_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            self.toolbar.addWidget(button)
        self.toolbar.addStretch(1)

    # ------------------------------------------------------------ refreshing
    def _on_change(self, change: Change) -> None:
        if change.touches(*WATCHED):
            self._dirty = True
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def hideEvent(self, event) -> None:  # noqa: N802
        # nothing runs against the file while the page is hidden (or its file is closing)
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._dirty = True
        self._timer.stop()
        super().hideEvent(event)

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Re-read everything shown from the file, keeping the selection."""
        self._dirty = False
        cf = self.session.cf
        self.rollup = rollup(cf, inbox_limit=0, observation_stats=False)
        self._loading = True
        try:
            self._fill_scope()
            heading_choices(self.heading, records.headings(cf), none_label="(no heading yet)")
            self.group.clear()
            self.group.addItem("(no group)", None)
            for row in findings.recommendation_groups(cf):
                self.group.addItem(row["name"], row["id"])
        finally:
            self._loading = False
        self._load_tree()
        self._load_browser()
        self._load_editor()

    def _fill_scope(self) -> None:
        current = self.scope.currentData()
        self.scope.clear()
        for key in ("all", "inbox", "unused"):
            self.scope.addItem(evidence.SCOPES[key], key)
        for row in records.headings(self.session.cf):
            label = f"{row['number']} {row['name']}".strip()
            self.scope.addItem(
                ("    " if row["depth"] else "Tagged: ") + label, f"heading:{row['id']}"
            )
        self.scope.setCurrentIndex(max(0, self.scope.findData(current)))

    def _load_tree(self) -> None:
        assert self.rollup is not None
        matches = search.matching_finding_ids(self.session.cf, self.search_edit.text())
        shown = self.rollup
        if matches is not None:
            shown = _filtered(self.rollup, matches)
        self.tree_model.set_rollup(shown)
        self.tree.expandAll()
        levels = self.rollup.levels
        total = sum(levels.values())
        parts = [
            f"{levels.get(k, 0)} {label.split(' —')[0].lower()}"
            for k, label in triangulation.LEVELS.items()
            if levels.get(k)
        ]
        self.summary.setText(f"{total} findings" + (": " + ", ".join(parts) if parts else ""))
        if self.current_id is None and self.rollup.finding_entries():
            self.current_id = self.rollup.finding_entries()[0].id
        if self.current_id:
            index = self.tree_model.index_of_finding(self.current_id)
            if index.isValid():
                self.tree.setCurrentIndex(index)
            elif self.rollup.finding(self.current_id) is None:
                self.current_id = None

    def _load_browser(self) -> None:
        cf = self.session.cf
        keep = set(self.selected_observation_ids())
        scope = self.scope.currentData() or "all"
        if scope.startswith("heading:"):
            ids = evidence.observation_ids(cf, "heading", heading_id=scope.split(":", 1)[1])
        else:
            ids = evidence.observation_ids(cf, scope)
        text = self.search_edit.text()
        matches = search.matching_observation_ids(cf, text)
        snippets: dict[str, str] = {}
        if matches is not None:
            in_scope = set(ids)
            ids = [i for i in matches if i in in_scope]
            snippets = {h.id: h.html() for h in search.search_observations(cf, text, limit=200)}
        self.browser_model.set_ids(ids, snippets)
        total = cf.count("observation")
        self.browser_count.setText(f"{len(ids):,} of {total:,} shown")
        if keep:
            selection = self.browser.selectionModel()
            for observation_id in keep:
                row = self.browser_model.row_of(observation_id)
                if row >= 0:
                    selection.select(
                        self.browser_model.index(row, 0),
                        selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                    )
        self._update_buttons()

    def _apply_search(self) -> None:
        self._load_tree()
        self._load_browser()

    def _toggle_empty(self, on: bool) -> None:
        self.tree_model.set_show_empty(on)
        self.tree.expandAll()
        self._load_tree()

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.tree_model.finding_at(current)
        new_id = entry.id if entry else None
        if new_id != self.current_id:
            self.current_id = new_id
            self._load_editor()

    def _load_editor(self) -> None:
        entry = self.rollup.finding(self.current_id) if (self.rollup and self.current_id) else None
        self.editor.setEnabled(entry is not None)
        self._loading = True
        try:
            if entry is None:
                self.editor.setTitle(
                    "Selected finding — select one in the list above, or make one from observations"
                )
                self.statement.clear()
                self.narrative.clear()
                self.badge.clear()
                self.explanation.clear()
                self.supporting_model.set_rows([])
                self.contradicting_model.set_rows([])
                self.supporting_label.setText("Supporting evidence")
                self.contradicting_label.setText("Contradicting evidence")
                return
            self.editor.setTitle(f"Selected finding — {entry.kind_label}")
            if self.statement.text() != entry.statement:
                self.statement.setText(entry.statement)
                self.statement.setCursorPosition(0)
            if self.narrative.toPlainText() != entry.narrative:
                self.narrative.setPlainText(entry.narrative)
            self.kind.setCurrentIndex(self.kind.findData(entry.kind))
            self.heading.setCurrentIndex(max(0, self.heading.findData(entry.heading_id)))
            self.group.setCurrentIndex(max(0, self.group.findData(entry.group_id)))
            self.group.setEnabled(entry.kind == "recommendation")
            self.key_message.setChecked(entry.key_message)
            self.notable.setChecked(entry.notable)
            t = entry.triangulation
            self.badge.setText(badge_html(t.level, t.label))
            self.badge.setToolTip(t.explanation + "\n\nRule: " + self.rollup.thresholds.rule())
            self.explanation.setText(t.explanation)
            links = findings.evidence_links(self.session.cf, entry.id)
            info = evidence.describe(self.session.cf, [link.observation_id for link in links])
            supporting = [
                info[x.observation_id]
                for x in links
                if x.relation == "supports" and x.observation_id in info
            ]
            against = [
                info[x.observation_id]
                for x in links
                if x.relation == "contradicts" and x.observation_id in info
            ]
            self.supporting_model.set_rows(supporting)
            self.contradicting_model.set_rows(against)
            self.supporting_label.setText(f"<b>Supporting evidence</b> ({len(supporting)})")
            self.contradicting_label.setText(
                f"<b>Contradicting evidence</b> ({len(against)}) — shown apart, not counted towards the level"
            )
        finally:
            self._loading = False
            self._update_buttons()

    def _update_buttons(self) -> None:
        selected = bool(self.selected_observation_ids())
        has_finding = self.current_id is not None
        self.new_from_action.setEnabled(selected)
        self.add_to_action.setEnabled(selected and has_finding)
        self.contradict_action.setEnabled(selected and has_finding)
        for action in (self.delete_action, self.move_up_action, self.move_down_action):
            action.setEnabled(has_finding)
        has_support = bool(self.supporting_view.selectionModel().selectedRows())
        has_contra = bool(self.contradicting_view.selectionModel().selectedRows())
        self.remove_support_action.setEnabled(has_support)
        self.to_contradicting_action.setEnabled(has_support)
        self.remove_contra_action.setEnabled(has_contra)
        self.to_supporting_action.setEnabled(has_contra)

    # ------------------------------------------------------------ selection
    def selected_observation_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.browser.selectionModel().selectedRows())
        return [self.browser_model.id_at(r) for r in rows]

    def select_finding(self, finding_id: str) -> None:
        if self._dirty:
            self.refresh()
        index = self.tree_model.index_of_finding(finding_id)
        if not index.isValid() and self.search_edit.text():
            self.search_edit.clear()
            self._apply_search()
            index = self.tree_model.index_of_finding(finding_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def show_heading(self, heading_id: str) -> None:
        """List the observations of one heading (from the coverage map)."""
        if self._dirty:
            self.refresh()
        position = self.scope.findData(f"heading:{heading_id}")
        if position >= 0:
            self.scope.setCurrentIndex(position)

    # ------------------------------------------------------------ editing
    def _run(
        self, text: str, operation: Callable[[Any], Any], *, merge_key: str | None = None
    ) -> Any:
        try:
            return run_undoable(self.session, text, operation, merge_key=merge_key)
        except PeerNotesError as error:
            QMessageBox.warning(self, "PeerNotes", str(error))
            return None

    def _common_heading(self, ids: list[str]) -> str | None:
        tags = [set(records.observation_heading_ids(self.session.cf, i)) for i in ids]
        common = set.intersection(*tags) if tags else set()
        for row in records.headings(self.session.cf):
            if row["id"] in common:
                return row["id"]
        if self.current_id and self.rollup:
            entry = self.rollup.finding(self.current_id)
            return entry.heading_id if entry else None
        return None

    def new_finding_from_selection(self) -> str | None:
        ids = self.selected_observation_ids()
        if not ids:
            return None
        return self._new_finding(ids)

    def new_blank_finding(self) -> str | None:
        return self._new_finding([])

    def _new_finding(self, ids: list[str]) -> str | None:
        cf = self.session.cf
        first = evidence.describe(cf, ids[:1]).get(ids[0]) if ids else None
        values = NewFindingDialog.ask(
            self,
            headings=records.headings(cf),
            groups=findings.recommendation_groups(cf),
            heading_id=self._common_heading(ids),
            statement=first.text if first and len(ids) == 1 else "",
            evidence_count=len(ids),
        )
        if not values:
            return None
        title = (
            f"New finding from {len(ids)} observation{'s' if len(ids) != 1 else ''}"
            if ids
            else "New finding"
        )
        finding_id = self._run(
            title, lambda c: findings.create_finding(c, observation_ids=ids, **values)
        )
        if finding_id:
            self.current_id = finding_id
            self.refresh()
            self.select_finding(finding_id)
        return finding_id

    def add_selection_to_finding(self, relation: str = "supports") -> int:
        ids = self.selected_observation_ids()
        if not ids or not self.current_id:
            return 0
        finding_id = self.current_id
        text = "Add contradicting evidence" if relation == "contradicts" else "Add evidence"
        return self._run(text, lambda c: findings.add_evidence(c, finding_id, ids, relation)) or 0

    def remove_evidence(self, view: QTableView) -> int:
        if not self.current_id:
            return 0
        model = view.model()
        ids = [model.info(i.row()).id for i in view.selectionModel().selectedRows()]
        finding_id = self.current_id
        return (
            self._run("Remove evidence", lambda c: findings.remove_evidence(c, finding_id, ids))
            or 0
        )

    def switch_relation(self, view: QTableView, relation: str) -> None:
        if not self.current_id:
            return
        model = view.model()
        ids = [model.info(i.row()).id for i in view.selectionModel().selectedRows()]
        finding_id = self.current_id
        text = "Mark as contradicting" if relation == "contradicts" else "Mark as supporting"
        self._run(text, lambda c: findings.add_evidence(c, finding_id, ids, relation))

    def delete_current(self) -> None:
        if self.current_id:
            finding_id = self.current_id
            self._run("Delete finding", lambda c: findings.delete_finding(c, finding_id))

    def move_current(self, steps: int) -> bool:
        if not self.current_id:
            return False
        finding_id = self.current_id
        return bool(self._run("Move finding", lambda c: findings.move(c, finding_id, steps)))

    def _drop_move(self, finding_id: str, heading_id: str | None, kind: str, index: int) -> None:
        self.current_id = finding_id
        self._run(
            "Move finding",
            lambda c: findings.move_to(
                c, finding_id, heading_id=heading_id, kind=kind, index=index
            ),
        )

    def _drop_evidence(self, finding_id: str, ids: list[str]) -> None:
        self._run("Add evidence", lambda c: findings.add_evidence(c, finding_id, ids))

    def _save_statement(self) -> None:
        if not self._loading and self.current_id:
            self._save_field("statement", self.statement.text())

    def _save_narrative(self) -> None:
        if not self._loading and self.current_id:
            self._save_field("narrative", self.narrative.toPlainText())

    def _save_field(self, field: str, value: Any) -> None:
        if self._loading or not self.current_id:
            return
        finding_id = self.current_id
        labels = {
            "statement": "Edit finding",
            "narrative": "Edit narrative",
            "kind": "Change kind",
            "heading_id": "Change heading",
            "group_id": "Change recommendation group",
            "key_message": "Key message",
            "notable": "Notable practice",
        }
        self._run(
            labels.get(field, "Edit finding"),
            lambda c: findings.update_finding(c, finding_id, **{field: value}),
            merge_key=f"finding-{field}-{finding_id}"
            if field in ("statement", "narrative")
            else None,
        )

    def edit_thresholds(self) -> None:
        current = triangulation.thresholds(self.session.cf)
        value = ThresholdsDialog.ask(self, current)
        if value is not None and value != current:
            self._run("Change triangulation rule", lambda c: triangulation.set_thresholds(c, value))


def _fit(view: QAbstractItemView, column: int, width: int) -> int:
    """At least `width`, and wide enough for the column's title in the view's font."""
    title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
    return max(width, view.fontMetrics().horizontalAdvance(title) + 28)


def _filtered(result: Rollup, keep: set[str]) -> Rollup:
    from dataclasses import replace

    headings = tuple(
        replace(
            h,
            strengths=tuple(f for f in h.strengths if f.id in keep),
            areas=tuple(f for f in h.areas if f.id in keep),
            recommendations=tuple(f for f in h.recommendations if f.id in keep),
        )
        for h in result.headings
    )
    return replace(result, headings=headings)
