"""Tools › Conflicts…: records edited on two laptops since they last met, for a person to decide.

For each conflict the current version and the other one are shown side by side, field by
field. The choices: keep the current version, use the other one instead (swap), or combine
the two texts. Whatever is chosen, neither version is lost: both stay in the record's history.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import conflict_undo, conflicts
from peernotes.core.conflicts import Conflict
from peernotes.core.errors import PeerNotesError
from peernotes.core.snapshots import Snapshot
from peernotes.core.store import ChallengeFile, Change
from peernotes.core.versions import conflict_id
from peernotes.ui.dialogs import messages
from peernotes.ui.history_dialog import HistoryDialog
from peernotes.ui.session import Session
from peernotes.ui.team_models import conflicts_model


class ConflictsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Conflicts to review")
        self.resize(980, 600)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = conflicts_model(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Open conflicts")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.compare = QTextBrowser()
        self.compare.setAccessibleName("The two versions")
        self.combine_field = QComboBox()
        self.combine_field.setAccessibleName("Field to combine")
        self.combine_field.currentTextChanged.connect(self._suggest)
        self.combined = QPlainTextEdit()
        self.combined.setAccessibleName("Combined text")
        self.combined.setPlaceholderText("Both texts, to edit into one")
        self.keep_button = QPushButton("&Keep current")
        self.keep_button.setToolTip("The current version stays; the other is kept in history")
        self.swap_button = QPushButton("&Use other version")
        self.swap_button.setToolTip("The other version becomes current; this one goes to history")
        self.combine_button = QPushButton("&Combine text")
        self.combine_button.setToolTip("Save the combined text below as the current version")
        self.history_button = QPushButton("&History…")
        self.keep_button.clicked.connect(self.keep_current)
        self.swap_button.clicked.connect(self.use_other)
        self.combine_button.clicked.connect(self.combine)
        self.history_button.clicked.connect(self.show_history)
        # The window's undo stack, reachable while this (modal) dialog is open.
        self.undo_action = session.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = session.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.undo_button.setToolTip("Undo the last change (Ctrl+Z)")

        detail = QWidget()
        right = QVBoxLayout(detail)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.compare, 3)
        combine_row = QHBoxLayout()
        combine_row.addWidget(QLabel("Combine:"))
        combine_row.addWidget(self.combine_field, 1)
        right.addLayout(combine_row)
        right.addWidget(self.combined, 2)
        actions = QHBoxLayout()
        for button in (self.keep_button, self.swap_button, self.combine_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.history_button)
        right.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(detail)
        splitter.setSizes([380, 600])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.view.selectionModel().selectionChanged.connect(self._show_selected)
        session.changed.connect(self._on_change)
        self.reload()

    @classmethod
    def review(cls, parent: QWidget | None, session: Session) -> None:
        cls(session, parent).exec()

    # ----------------------------------------------------------------- state
    def reload(self) -> None:
        chosen = self.selected()
        items = conflicts.open_conflicts(self.session.cf)
        self.model.set_items(items)
        if items:
            self.summary.setText(
                f"<b>{len(items)} conflict{'s' if len(items) != 1 else ''} to review.</b> "
                "The same record was changed on two laptops before they were merged. The newest "
                "change is current; choose what to keep. Nothing is lost either way: both "
                "versions stay in the record's history."
            )
        else:
            self.summary.setText("<b>No conflicts.</b> Every merged change fitted together.")
        row = next((i for i, c in enumerate(items) if chosen and c.id == chosen.id), 0)
        if items:
            self.view.selectRow(min(row, len(items) - 1))
        self._show_selected()

    def selected(self) -> Conflict | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.item(rows[0].row()) if rows else None

    def _show_selected(self, *_: Any) -> None:
        conflict = self.selected()
        for widget in (self.keep_button, self.swap_button, self.history_button, self.compare):
            widget.setEnabled(conflict is not None)
        self.combine_field.clear()
        self.combined.clear()
        if conflict is None:
            self.compare.clear()
            self.combine_button.setEnabled(False)
            self.combined.setEnabled(False)
            return
        self.compare.setHtml(_comparison(conflict))
        fields = conflict.text_fields()
        self.combine_field.addItems(fields)
        self.combine_button.setEnabled(bool(fields))
        self.combined.setEnabled(bool(fields))
        if fields:
            self._suggest(fields[0])

    def _suggest(self, field_name: str) -> None:
        conflict = self.selected()
        if conflict is not None and field_name:
            self.combined.setPlainText(conflicts.suggested_combination(conflict, field_name))

    def _on_change(self, change: Change) -> None:
        if change.tables:
            self.reload()

    # --------------------------------------------------------------- actions
    def _resolve(self, text: str, operation: Callable[[ChallengeFile, str], None]) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        command = ResolveCommand(self.session, text, conflict, operation)
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

    def combine(self) -> None:
        name = self.combine_field.currentText()
        text = self.combined.toPlainText()
        if not name:
            return
        self._resolve(
            "Combine two versions",
            lambda cf, conflict_id: conflicts.combine_text(cf, conflict_id, {name: text}),
        )

    def show_history(self) -> None:
        conflict = self.selected()
        if conflict is not None:
            HistoryDialog.show_for(self, self.session, conflict.table, conflict.row_id)


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
    ) -> None:
        super().__init__(text)
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
                self.session.cf, self.table, self.row_id, self.other_hlc, self.before.states
            )
        except PeerNotesError as error:
            self.session.error.emit(str(error))


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
