""" "History…" for one record: every version (who, when, what changed), and restoring one.

Pages open it with `HistoryDialog.show_for(parent, session, table, row_id)`. It is also where a
version that lost a merge can always be found again: history keeps every version.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import conflicts
from peernotes.core.changes import Table
from peernotes.core.conflicts import HistoryEntry
from peernotes.core.errors import PeerNotesError
from peernotes.core.store import Change
from peernotes.ui.dialogs import messages
from peernotes.ui.operations import conflicts as conflict_ops
from peernotes.ui.session import Session
from peernotes.ui.team.models import history_model

_HIDDEN = {"id", "created_at", "created_by", "modified_at", "modified_by", "hlc", "base_hlc"}


class HistoryDialog(QDialog):
    def __init__(self, session: Session, table: str, row_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.table, self.row_id = session, table, row_id
        self.setWindowTitle("History")
        self.resize(820, 520)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.model = history_model(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName("Versions of this record")
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("What this version says")
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 400])
        self.restore_button = QPushButton("&Restore this version")
        self.restore_button.setToolTip("Make this version current again (as a new, undoable edit)")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.view.selectionModel().selectionChanged.connect(self._show_selected)
        session.changed.connect(self._on_change)
        self.reload()

    @classmethod
    def show_for(cls, parent: QWidget | None, session: Session, table: str, row_id: str) -> None:
        dialog = cls(session, table, row_id, parent)
        dialog.exec()

    def reload(self) -> None:
        entries = conflicts.record_history(self.session.cf, self.table, self.row_id)
        current = next((e for e in entries if e.current), entries[-1])
        self.title.setText(
            f"<b>{html.escape(conflicts.describe_record(self.table, current.data))}</b><br>"
            f"{len(entries)} version{'s' if len(entries) != 1 else ''}, oldest first. "
            "Every version is kept, including any that lost a merge."
        )
        self.model.set_items(entries)
        self.view.selectRow(len(entries) - 1)

    def selected(self) -> HistoryEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _show_selected(self, *_: Any) -> None:
        entry = self.selected()
        self.restore_button.setEnabled(entry is not None and not entry.current)
        if entry is None:
            self.detail.clear()
            return
        parts = [f"<p><b>{html.escape(entry.what)}</b> — {html.escape(entry.who)}</p>"]
        if entry.changes:
            parts.append(
                "<table cellpadding=4><tr><th>Field</th><th>Before</th><th>After</th></tr>"
            )
            for name, before, after in entry.changes:
                parts.append(
                    f"<tr><td>{html.escape(name.replace('_', ' '))}</td>"
                    f"<td>{_show(before)}</td><td>{_show(after)}</td></tr>"
                )
            parts.append("</table>")
        parts.append("<p><b>This version</b></p><table cellpadding=3>")
        for name, value in entry.data.items():
            if name not in _HIDDEN and not name.startswith("_"):
                parts.append(
                    f"<tr><td>{html.escape(name.replace('_', ' '))}</td><td>{_show(value)}</td></tr>"
                )
        parts.append("</table>")
        self.detail.setHtml("".join(parts))

    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.current:
            return
        try:
            conflict_ops.restore_version(self.session, self.table, self.row_id, entry.hlc)
        except PeerNotesError as error:
            messages.error(self, "Could not restore", str(error))

    def _on_change(self, change: Change) -> None:
        if self.row_id in change.ids(Table(self.table)):
            self.reload()


def _show(value: Any) -> str:
    if value is None or value == "":
        return "<i>(empty)</i>"
    return html.escape(str(value)).replace("\n", "<br>")
