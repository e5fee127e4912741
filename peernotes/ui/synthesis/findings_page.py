"""The Findings page: pool the notes into findings and see how well each is evidenced.

Three widgets with one job each, joined by signals: the observation browser (left: search,
filters, a reading pane), the findings tree (right, top: every finding under its heading) and
the finding editor (right, bottom: words, kind, heading, evidence). The page holds the
actions and runs every edit through run_undoable; the widgets only show and announce.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import evidence, finding_evidence, findings, search, triangulation
from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError
from peernotes.core.records import observations, read_models
from peernotes.core.rollup import Rollup, rollup
from peernotes.core.spelling import challenge_names
from peernotes.core.store import Change
from peernotes.ui import spelling
from peernotes.ui.dialogs import messages
from peernotes.ui.menus import focus_and_select
from peernotes.ui.operations import findings as finding_ops
from peernotes.ui.operations import thresholds
from peernotes.ui.session import Session
from peernotes.ui.synthesis.dialogs import (
    NewFindingDialog,
    RecommendationGroupsDialog,
    ThresholdsDialog,
)
from peernotes.ui.synthesis.finding_editor import EvidencePane, FindingEditor
from peernotes.ui.synthesis.findings_browser import ObservationBrowser
from peernotes.ui.synthesis.findings_tree import FindingsTree
from peernotes.ui.widgets.remembered import remember_splitter
from peernotes.ui.workspace import Ref, Workspace

T = TypeVar("T")

WATCHED = (
    Table.FINDING,
    Table.FINDING_EVIDENCE,
    Table.OBSERVATION,
    Table.OBSERVATION_HEADING,
    Table.HEADING,
    Table.RECOMMENDATION_GROUP,
    Table.SETTING,
    Table.MEETING,
    Table.MEETING_PERSON,
    Table.PERSON,
    Table.DOCUMENT,
    Table.PEER,
    Table.STAKEHOLDER_GROUP,
    Table.NOTE_PAIR,
)
HINT = "Select notes on the left, then make a finding (Ctrl+Shift+N) or add them to one."


class FindingsPage(QWidget):
    def __init__(self, session: Session, window: Workspace | None = None):
        super().__init__()
        self.session = session
        self.window_ = window
        self.current_id: str | None = None
        self.rollup: Rollup | None = None
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_if_visible)

        self.observations = ObservationBrowser(session)
        self.findings_tree = FindingsTree()
        self.editor = FindingEditor()
        self._alias_parts()
        self.observations.selectionChanged.connect(self._update_buttons)
        self.observations.searchChanged.connect(self._apply_search)
        self.findings_tree.findingSelected.connect(self._finding_selected)
        self.tree_model.moveRequested.connect(self._drop_move)
        self.tree_model.evidenceDropped.connect(self._drop_evidence)
        self.editor.fieldEdited.connect(self._save_field)
        self.editor.evidenceSelectionChanged.connect(self._update_buttons)

        self._build_splitters()
        title = QLabel("Findings")
        title.setObjectName("pageTitle")
        hint = QLabel(HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        header = QHBoxLayout()  # one line: the page's height goes to the notes and findings
        header.addWidget(title)
        header.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self._build_actions()
        session.changed.connect(self._on_change)
        # No refresh here: the page reads the file when first shown (showEvent), so opening a
        # challenge does not pay for a page nobody has looked at yet.

    def _build_splitters(self) -> None:
        """Left: the notes over the selected notes in full (or the finding's evidence);
        right: the findings tree over the editor. Every handle remembers where it was left."""
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setAccessibleName("Selected notes and the finding's evidence")
        self.lower_tabs.addTab(self.observations.reading, "Selected notes in full")
        self.lower_tabs.addTab(self.editor.supporting, "Supporting evidence")
        self.lower_tabs.addTab(self.editor.contradicting, "Contradicting")
        self.editor.evidenceCounted.connect(self._count_evidence)
        self.observations.selectionChanged.connect(lambda: self.lower_tabs.setCurrentIndex(0))
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.observations)
        self.left.addWidget(self.lower_tabs)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(self.findings_tree)
        self.right.addWidget(self.editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.right)
        for splitter in (self.left, self.right, self.splitter):
            splitter.setChildrenCollapsible(False)
        for splitter, stretch in (
            (self.left, (3, 2)),
            (self.right, (3, 2)),
            (self.splitter, (4, 5)),
        ):
            splitter.setStretchFactor(0, stretch[0])
            splitter.setStretchFactor(1, stretch[1])
        remember_splitter(self.left, "findings/left", [420, 180])
        remember_splitter(self.right, "findings/right", [440, 170])
        remember_splitter(self.splitter, "findings/main", [500, 680])

    def _count_evidence(self, supporting: int, contradicting: int) -> None:
        self.lower_tabs.setTabText(1, f"Supporting evidence ({supporting})")
        self.lower_tabs.setTabText(2, f"Contradicting ({contradicting})")

    def _alias_parts(self) -> None:
        """Short names for the parts the page (and its tests) work with."""
        o, t, e = self.observations, self.findings_tree, self.editor
        self.browser, self.browser_model = o.view, o.model
        self.search_edit, self.scope = o.search_edit, o.scope
        self.tree, self.tree_model, self.summary = t.view, t.model, t.summary
        self.statement, self.narrative, self.kind = e.statement, e.narrative, e.kind
        self.heading, self.group = e.heading, e.group
        self.key_message, self.notable = e.key_message, e.notable
        self.prose_only = e.prose_only
        self.supporting_model, self.supporting_view = e.supporting.model, e.supporting.view
        self.contradicting_model = e.contradicting.model
        self.contradicting_view = e.contradicting.view

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
        """Every action of the page, each placed by the list or the pane it works on."""
        self._build_finding_actions()
        self._build_evidence_actions()
        self._place_actions()

    def _build_finding_actions(self) -> None:
        """Making, ordering and deleting findings; the groups and the triangulation rule."""
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
        self.search_action = self._action("Search", focus_and_select(self.search_edit), "Ctrl+F")

    def _build_evidence_actions(self) -> None:
        """The evidence panes' buttons: unlink, or move to the other relation."""
        self.remove_support_action = self._action(
            "Remove from finding",
            lambda: self.remove_evidence(self.editor.supporting),
            None,
            "Unlink the selected supporting observations",
        )
        self.to_contradicting_action = self._action(
            "Mark as contradicting",
            lambda: self.switch_relation(self.editor.supporting, "contradicts"),
        )
        self.remove_contra_action = self._action(
            "Remove from finding",
            lambda: self.remove_evidence(self.editor.contradicting),
            None,
            "Unlink the selected contradicting observations",
        )
        self.to_supporting_action = self._action(
            "Mark as supporting",
            lambda: self.switch_relation(self.editor.contradicting, "supports"),
        )

    def _place_actions(self) -> None:
        for action in (self.new_from_action, self.add_to_action, self.contradict_action):
            self.observations.add_action(action)
        supporting, contradicting = self.editor.supporting, self.editor.contradicting
        supporting.first.setDefaultAction(self.remove_support_action)
        supporting.second.setDefaultAction(self.to_contradicting_action)
        contradicting.first.setDefaultAction(self.remove_contra_action)
        contradicting.second.setDefaultAction(self.to_supporting_action)
        for action in (
            self.new_blank_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
            self.groups_action,
            self.rule_action,
        ):
            self.findings_tree.add_action(action)

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
        if self.observations.stop_timers():
            self._dirty = True
        self._timer.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.rollup is not None:
            self._load_editor()  # the badge's colours follow the light or dark set

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Re-read everything shown from the file, keeping the selection."""
        self._dirty = False
        cf = self.session.cf
        self.rollup = rollup(cf, inbox_limit=0, observation_stats=False)
        spelling.set_names(challenge_names(cf))  # the people met are never "misspelt"
        self.observations.fill_choices()
        self.editor.fill_choices(
            read_models.framework_headings(cf), read_models.recommendation_groups(cf)
        )
        self._load_tree()
        self.observations.load()
        self._load_editor()

    def _load_tree(self) -> None:
        assert self.rollup is not None
        matches = search.matching_finding_ids(self.session.cf, self.observations.text())
        shown = self.rollup if matches is None else _filtered(self.rollup, matches)
        self.current_id = self.findings_tree.load(self.rollup, shown, self.current_id)

    def _apply_search(self) -> None:
        self._load_tree()
        self.observations.load()
        self._update_buttons()

    def _finding_selected(self, finding_id: str | None) -> None:
        if finding_id != self.current_id:
            self.current_id = finding_id
            self._load_editor()
            if finding_id and self.tree.hasFocus():
                self.lower_tabs.setCurrentIndex(1)  # the finding's evidence, under the notes

    def _load_editor(self) -> None:
        entry = self.rollup.finding(self.current_id) if (self.rollup and self.current_id) else None
        if entry is None or self.rollup is None:
            self.editor.show_finding(None)
            self._update_buttons()
            return
        shown = finding_evidence.for_finding(self.session.cf, entry.id)
        self.editor.show_finding(
            entry, shown.supporting, shown.contradicting, self.rollup.thresholds.rule()
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = bool(self.selected_observation_ids())
        has_finding = self.current_id is not None
        self.new_from_action.setEnabled(selected)
        self.add_to_action.setEnabled(selected and has_finding)
        self.contradict_action.setEnabled(selected and has_finding)
        for action in (self.delete_action, self.move_up_action, self.move_down_action):
            action.setEnabled(has_finding)
        has_support = bool(self.editor.supporting.selected_ids())
        has_contra = bool(self.editor.contradicting.selected_ids())
        self.remove_support_action.setEnabled(has_support)
        self.to_contradicting_action.setEnabled(has_support)
        self.remove_contra_action.setEnabled(has_contra)
        self.to_supporting_action.setEnabled(has_contra)

    # ------------------------------------------------------------ selection
    def selected_observation_ids(self) -> list[str]:
        return self.observations.selected_ids()

    def select(self, ref: Ref) -> bool:
        """Go to a finding, or to the notes under a heading (workspace.SelectsRecords)."""
        if ref.table == "finding":
            self.select_finding(ref.row_id)
        elif ref.table == "heading":
            self.show_heading(ref.row_id)
        else:
            return False
        return True

    def select_finding(self, finding_id: str) -> None:
        if self._dirty:
            self.refresh()
        if not self.findings_tree.select(finding_id) and self.search_edit.text():
            self.search_edit.clear()
            self._apply_search()
            self.findings_tree.select(finding_id)

    def show_heading(self, heading_id: str) -> None:
        """List the observations of one heading (from the coverage map)."""
        if self._dirty:
            self.refresh()
        self.observations.show_heading(heading_id)

    # ------------------------------------------------------------ editing
    def _run(self, action: Callable[[], T]) -> T | None:
        """Do one action from `operations.findings`; a refusal is shown and changes nothing."""
        try:
            return action()
        except PeerNotesError as error:
            messages.error(self, "PeerNotes", str(error))
            return None

    def _common_heading(self, ids: list[str]) -> str | None:
        tags = [set(observations.observation_heading_ids(self.session.cf, i)) for i in ids]
        common = set.intersection(*tags) if tags else set()
        for heading in read_models.framework_headings(self.session.cf):
            if heading.id in common:
                return heading.id
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
        found = evidence.describe(cf, ids)
        notes = [found[i] for i in ids if i in found]
        values = NewFindingDialog.ask(
            self,
            headings=read_models.framework_headings(cf),
            groups=read_models.recommendation_groups(cf),
            heading_id=self._common_heading(ids),
            statement=notes[0].text if len(notes) == 1 else "",
            evidence_count=len(ids),
            evidence=notes,
            kind=findings.proposed_kind([n.polarity for n in notes]) if notes else "strength",
        )
        if not values:
            return None
        finding_id = self._run(lambda: finding_ops.create_finding(self.session, values, ids))
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
        return (
            self._run(lambda: finding_ops.add_evidence(self.session, finding_id, ids, relation))
            or 0
        )

    def remove_evidence(self, pane: EvidencePane) -> int:
        if not self.current_id:
            return 0
        ids = pane.selected_ids()
        finding_id = self.current_id
        return self._run(lambda: finding_ops.remove_evidence(self.session, finding_id, ids)) or 0

    def switch_relation(self, pane: EvidencePane, relation: str) -> None:
        if not self.current_id:
            return
        ids = pane.selected_ids()
        finding_id = self.current_id
        self._run(lambda: finding_ops.mark_evidence(self.session, finding_id, ids, relation))

    def delete_current(self) -> None:
        if self.current_id:
            finding_id = self.current_id
            self._run(lambda: finding_ops.delete_finding(self.session, finding_id))

    def move_current(self, steps: int) -> bool:
        if not self.current_id:
            return False
        finding_id = self.current_id
        return bool(self._run(lambda: finding_ops.move_finding(self.session, finding_id, steps)))

    def _drop_move(self, finding_id: str, heading_id: str | None, kind: str, index: int) -> None:
        self.current_id = finding_id
        self._run(
            lambda: finding_ops.move_finding_to(self.session, finding_id, heading_id, kind, index)
        )

    def _drop_evidence(self, finding_id: str, ids: list[str]) -> None:
        self._run(lambda: finding_ops.add_evidence(self.session, finding_id, ids))

    def _save_field(self, field: str, value: Any) -> None:
        finding_id = self.current_id
        if not finding_id:
            return
        try:
            if findings.holds(self.session.cf, finding_id, field, value):
                return  # leaving a box unchanged is not an edit
        except PeerNotesError:
            return  # deleted meanwhile (by a merge or an undo): the refresh will show it
        self._run(lambda: finding_ops.edit_finding(self.session, finding_id, field, value))

    def edit_thresholds(self) -> None:
        current = triangulation.thresholds(self.session.cf)
        value = ThresholdsDialog.ask(self, current)
        if value is not None and value != current:
            self._run(lambda: thresholds.set_triangulation_rule(self.session, value))


def _filtered(result: Rollup, keep: set[str]) -> Rollup:
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
