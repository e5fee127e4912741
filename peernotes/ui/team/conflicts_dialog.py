"""Tools › Conflicts…: what a merge could not settle alone, for a person to decide.

Three kinds are listed. A field both laptops changed (fields changed on one side only are
merged already): each such field is shown mine / theirs and decided on its own -- keep mine,
take theirs, combine the texts (ui/team/conflict_fields.py). An edit against a deletion: decided
for the whole record (keep current / use the other version). A record whose meeting,
document or heading was deleted elsewhere (core/orphans.py): restore the parent, delete the
record, or move it. Every decision is undoable; nothing is lost: every version stays in the
record's history.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import conflict_undo, conflicts, orphans
from peernotes.core.conflicts import Conflict
from peernotes.core.errors import PeerNotesError
from peernotes.core.orphans import Orphan
from peernotes.core.snapshots import Snapshot
from peernotes.core.store import ChallengeFile, Change
from peernotes.core.versions import conflict_id
from peernotes.ui.dialogs import messages
from peernotes.ui.operations import conflicts as conflict_ops
from peernotes.ui.session import Session
from peernotes.ui.team.conflict_fields import FieldDecision, OrphanPane
from peernotes.ui.team.history_dialog import HistoryDialog
from peernotes.ui.team.models import ListTableModel, conflicts_model

Item = Conflict | Orphan


class ConflictsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Conflicts to review")
        self.resize(1000, 660)
        self.field_boxes: dict[str, FieldDecision] = {}
        self.orphan_pane: OrphanPane | None = None
        self._build_list()
        self._build_detail()
        self._build_undo(session)
        self._lay_out()
        self.view.selectionModel().selectionChanged.connect(self._show_selected)
        session.changed.connect(self._on_change)
        self.reload()

    def _build_list(self) -> None:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model: ListTableModel[Item] = conflicts_model(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Open conflicts")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()

    def _build_detail(self) -> None:
        """The right-hand side: a heading, then per-field boxes (an edit against an edit),
        the whole comparison (a deletion against an edit) or the orphan pane."""
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.fields_host = QWidget()
        self.fields_layout = QVBoxLayout(self.fields_host)
        self.fields_layout.addStretch(1)
        self.fields_area = QScrollArea()
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setWidget(self.fields_host)
        self.fields_area.setAccessibleName("Fields in conflict")
        self.compare = QTextBrowser()
        self.compare.setAccessibleName("The two versions")
        self.orphan_host = QWidget()
        QVBoxLayout(self.orphan_host).setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        for page in (self.fields_area, self.compare, self.orphan_host):
            self.stack.addWidget(page)
        self.keep_button = QPushButton("&Keep current")
        self.keep_button.setToolTip("Keep every current value; the other version stays in history")
        self.swap_button = QPushButton("&Use other version")
        self.swap_button.setToolTip("Take the other version's value for every field in conflict")
        self.history_button = QPushButton("&History…")
        self.keep_button.clicked.connect(self.keep_current)
        self.swap_button.clicked.connect(self.use_other)
        self.history_button.clicked.connect(self.show_history)

    def _build_undo(self, session: Session) -> None:
        """The window's undo stack, reachable while this (modal) dialog is open."""
        self.undo_action = session.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = session.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.undo_button.setToolTip("Undo the last change (Ctrl+Z)")

    def _lay_out(self) -> None:
        detail = QWidget()
        right = QVBoxLayout(detail)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.heading)
        right.addWidget(self.stack, 1)
        actions = QHBoxLayout()
        for button in (self.keep_button, self.swap_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.history_button)
        right.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(detail)
        splitter.setSizes([400, 600])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    @classmethod
    def review(cls, parent: QWidget | None, session: Session) -> None:
        cls(session, parent).exec()

    # ----------------------------------------------------------------- state
    def reload(self) -> None:
        chosen = self.selected()
        cf = self.session.cf
        items: list[Item] = [*conflicts.open_conflicts(cf), *orphans.listing(cf)]
        self.model.set_items(items)
        self.summary.setText(_summary(items))
        row = next((i for i, c in enumerate(items) if chosen and c.id == chosen.id), 0)
        if items:
            self.view.selectRow(min(row, len(items) - 1))
        self._show_selected()

    def selected(self) -> Item | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.item(rows[0].row()) if rows else None

    def _show_selected(self, *_: Any) -> None:
        item = self.selected()
        self._clear_detail()
        is_conflict = isinstance(item, Conflict)
        for widget in (self.keep_button, self.swap_button):
            widget.setEnabled(is_conflict)
        self.history_button.setEnabled(item is not None)
        if item is None:
            self.heading.clear()
            return
        self.heading.setText(
            f"<b>{html.escape(item.title)}</b><br>{html.escape(item.kind.capitalize())}."
        )
        if isinstance(item, Orphan):
            self._show_orphan(item)
        elif item.whole_record:
            self.compare.setHtml(_comparison(item))
            self.stack.setCurrentWidget(self.compare)
        else:
            for name in item.fields:
                box = FieldDecision(self.session.cf, item, name, self.decide)
                self.field_boxes[name] = box
                self.fields_layout.insertWidget(self.fields_layout.count() - 1, box)
            self.stack.setCurrentWidget(self.fields_area)

    def _clear_detail(self) -> None:
        for box in self.field_boxes.values():
            box.setParent(None)
            box.deleteLater()
        self.field_boxes = {}
        if self.orphan_pane is not None:
            self.orphan_pane.setParent(None)
            self.orphan_pane.deleteLater()
            self.orphan_pane = None
        self.compare.clear()

    def _show_orphan(self, orphan: Orphan) -> None:
        targets = orphans.move_targets(self.session.cf, orphan)
        self.orphan_pane = OrphanPane(orphan, targets, self.act_on_orphan)
        layout = self.orphan_host.layout()
        assert layout is not None
        layout.addWidget(self.orphan_pane)
        self.stack.setCurrentWidget(self.orphan_host)

    def _on_change(self, change: Change) -> None:
        if change:
            self.reload()

    # --------------------------------------------------------------- actions
    def _resolve(
        self,
        text: str,
        operation: Callable[[ChallengeFile, str], None],
        fields: list[str] | None = None,
    ) -> None:
        conflict = self.selected()
        if not isinstance(conflict, Conflict):
            return
        command = ResolveCommand(self.session, text, conflict, operation, fields)
        try:
            command.run()
        except PeerNotesError as error:
            messages.error(self, "Could not resolve the conflict", str(error))
        else:
            self.session.undo_stack.push(command)
        self.reload()

    def keep_current(self) -> None:
        self._resolve("Keep current version", conflicts.keep_current)

    def use_other(self) -> None:
        self._resolve("Use the other version", conflicts.use_other)

    def decide(self, name: str, how: str, text: str | None) -> None:
        """One field decided (keep mine / take theirs / combine): the others stay open."""
        verb = {conflicts.KEEP: "Keep mine", conflicts.SWAP: "Take theirs"}.get(how, "Combine")
        self._resolve(
            f"{verb}: {conflicts.field_label(name).lower()}",
            lambda cf, conflict_id: conflicts.decide_field(cf, conflict_id, name, how, text),
            [name],
        )

    def act_on_orphan(self, action: str, parent_id: str | None) -> None:
        """Restore the parent, delete the child or move it: an ordinary, undoable edit."""
        orphan = self.selected()
        if not isinstance(orphan, Orphan):
            return
        try:
            if action == "restore":
                conflict_ops.restore_parent(self.session, orphan)
            elif action == "delete":
                conflict_ops.delete_child(self.session, orphan)
            else:
                conflict_ops.move_child(self.session, orphan, parent_id)
        except PeerNotesError as error:
            messages.error(self, "Could not resolve the conflict", str(error))
        self.reload()

    def show_history(self) -> None:
        item = self.selected()
        if item is not None:
            HistoryDialog.show_for(self, self.session, item.table, item.row_id)


class ResolveCommand(QUndoCommand):
    """One conflict resolution on the window's undo stack. Undo reopens the conflict (the
    other version competes again, see core/conflict_undo.py) and puts back what the
    resolution changed; redo resolves the reopened conflict the same way."""

    def __init__(
        self,
        session: Session,
        text: str,
        conflict: Conflict,
        resolve: Callable[[ChallengeFile, str], None],
        fields: list[str] | None = None,
    ) -> None:
        super().__init__(text)
        self.fields = fields  # a per-field decision: undo reopens these fields only
        self.session = session
        self.table = conflict.table
        self.row_id = conflict.row_id
        self.other_hlc = conflict.other["hlc"]  # the conflicting version now under review
        self.resolve = resolve
        self.before = Snapshot({})
        self._done_once = False

    def run(self) -> None:
        """Resolve the conflict now (errors propagate: nothing is changed then)."""
        cf = self.session.cf
        with cf.capture() as touched, cf.transaction():
            self.resolve(cf, conflict_id(self.table, self.row_id, self.other_hlc))
        self.before = Snapshot(dict(touched))

    def redo(self) -> None:
        if not self._done_once:  # push() calls redo: the resolution already ran
            self._done_once = True
            return
        try:
            self.run()
        except PeerNotesError as error:
            self.session.error.emit(str(error))

    def undo(self) -> None:
        try:
            self.other_hlc = conflict_undo.reopen(
                self.session.cf,
                self.table,
                self.row_id,
                self.other_hlc,
                self.before.states,
                fields=self.fields,
            )
        except PeerNotesError as error:
            self.session.error.emit(str(error))


def _summary(items: list[Item]) -> str:
    if not items:
        return "<b>No conflicts.</b> Every merged change fitted together."
    count = len(items)
    return (
        f"<b>{count} conflict{'s' if count != 1 else ''} to review.</b> A field changed on two "
        "laptops before they were merged (decide it field by field: fields changed on one "
        "laptop only are merged already), an edit against a deletion, or a record whose "
        "meeting, document or heading was deleted elsewhere. Nothing is lost either way: "
        "every version stays in the record's history."
    )


def _comparison(conflict: Conflict) -> str:
    """The differing fields, current and other side by side."""
    head = (
        f"<p><b>{html.escape(conflict.title)}</b><br>{html.escape(conflict.kind.capitalize())}.</p>"
        "<table cellpadding=4 width='100%'><tr><th></th>"
        f"<th>Current (by {html.escape(conflict.current_by)})</th>"
        f"<th>Other version (by {html.escape(conflict.other_by)})</th></tr>"
    )
    rows = []
    for name in conflict.fields:
        rows.append(
            f"<tr><td><b>{html.escape(name.replace('_', ' '))}</b></td>"
            f"<td>{_cell(conflict.current.get(name), name)}</td>"
            f"<td>{_cell(conflict.other.get(name), name)}</td></tr>"
        )
    return head + "".join(rows) + "</table>"


def _cell(value: Any, name: str) -> str:
    if name == "deleted":
        return "deleted" if value else "kept"
    if value is None or value == "":
        return "<i>(empty)</i>"
    return html.escape(str(value)).replace("\n", "<br>")
