"""File › Merge from…: choose peers' files, merge them in, and see what came in, by peer.

The merge itself is core (peernotes.core.merge): one transaction, a backup first, source
files only read. It is not an undoable edit -- the backup is its undo -- so after it the undo
history is kept only if the merge changed none of the records it would restore.

A peer's file protected with a passphrase is unlocked with the same dialog that opens one
(asked again after a wrong passphrase); cancelling merges nothing. The open file may itself
be protected: its backup before the merge is protected too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import merge
from peernotes.core.errors import PeerNotesError
from peernotes.core.merge import MergeReport
from peernotes.core.merge_sources import MergeCancelled, unlocked_sources
from peernotes.core.store import Change
from peernotes.paths import FILE_SUFFIX
from peernotes.ui.conflicts_dialog import ConflictsDialog
from peernotes.ui.dialogs import messages
from peernotes.ui.passphrase_dialog import PassphraseDialog
from peernotes.ui.session import Session
from peernotes.ui.team_models import report_model


def choose_files(parent: QWidget | None) -> list[Path]:
    """Ask for peers' files (tests replace this)."""
    from peernotes.ui import folders

    names, _ = QFileDialog.getOpenFileNames(
        parent,
        "Merge from peers' files",
        str(folders.start_folder("merge")),
        f"PeerNotes files (*{FILE_SUFFIX});;All files (*)",
    )
    if names:
        folders.remember("merge", names[0])
    return [Path(n) for n in names]


class MergeDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.report: MergeReport | None = None
        self.setWindowTitle("Merge from peers' files")
        self.resize(720, 520)
        intro = QLabel(
            "Choose the files your team handed in (copies of this same challenge). Their "
            "changes are brought into the open file; the files themselves are only read. "
            "A backup of this file is taken first, and merging the same file again adds nothing."
        )
        intro.setWordWrap(True)
        self.files = QListWidget()
        self.files.setAccessibleName("Files to merge")
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton("&Add files…")
        add.clicked.connect(self.add_files)
        remove = QPushButton("&Remove")
        remove.clicked.connect(self.remove_selected)
        self.merge_button = QPushButton("&Merge")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.run_merge)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(add)
        file_buttons.addWidget(remove)
        file_buttons.addStretch(1)
        file_buttons.addWidget(self.merge_button)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_view = QTableView()
        self.report_view.setAccessibleName("What came in, by peer")
        self.report_view.verticalHeader().hide()
        self.report_view.hide()
        self.conflicts_button = QPushButton("Review &conflicts…")
        self.conflicts_button.clicked.connect(self.review_conflicts)
        self.conflicts_button.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.conflicts_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.files, 1)
        layout.addLayout(file_buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.report_view, 2)
        layout.addWidget(buttons)
        self._update_buttons()

    @classmethod
    def merge_into(cls, parent: QWidget | None, session: Session) -> MergeReport | None:
        dialog = cls(session, parent)
        dialog.add_files()
        if dialog.files.count() == 0:
            return None
        dialog.exec()
        return dialog.report

    # ----------------------------------------------------------------- files
    def add_files(self) -> None:
        present = set(self.paths())
        for path in choose_files(self):
            if path not in present:
                item = QListWidgetItem(path.name)
                item.setToolTip(str(path))
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.files.addItem(item)
        self._update_buttons()

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.files.addItem(item)
        self._update_buttons()

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()

    def paths(self) -> list[Path]:
        return [
            Path(self.files.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.files.count())
        ]

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(self.files.count() > 0)

    # ----------------------------------------------------------------- merge
    def run_merge(self) -> None:
        paths = self.paths()
        if not paths:
            return
        changed: list[Change] = []
        self.session.changed.connect(changed.append)
        try:
            with unlocked_sources(self.session.cf, paths, self._ask_passphrase) as sources:
                report = merge.merge(self.session.cf, sources)
        except MergeCancelled:
            self.result.setText("Nothing was merged: no passphrase was given.")
            return
        except PeerNotesError as error:
            messages.error(self, "Nothing was merged", str(error))
            return
        finally:
            self.session.changed.disconnect(changed.append)
        self.report = report
        kept_undo = keep_undo_history(self.session, changed)
        self._show_report(report, kept_undo)
        self.files.clear()
        self._update_buttons()

    def _ask_passphrase(self, path: Path, wrong: bool) -> str | None:
        return PassphraseDialog.unlock(
            self, path, wrong=wrong, purpose="merge its notes into this challenge"
        )

    def _show_report(self, report: MergeReport, kept_undo: bool) -> None:
        lines = []
        if not report.changed:
            lines.append("<b>Nothing new</b>: these files were already merged.")
        else:
            lines.append(
                f"<b>Merged {len(report.parts)} file{'s' if len(report.parts) != 1 else ''}.</b>"
            )
        if report.conflicts:
            lines.append(
                f"{report.conflicts} conflict{'s' if report.conflicts != 1 else ''} to review: "
                "the newest change is current and the other is kept."
            )
        if report.backup:
            lines.append(f"A backup was taken first: {report.backup.name}")
        if not kept_undo:
            lines.append("Undo history was cleared: the merge changed records it would restore.")
        self.result.setText("<br>".join(lines))
        self.report_view.setModel(report_model(report, self))
        self.report_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.report_view.setVisible(bool(report.by_peer()))
        self.conflicts_button.setVisible(
            report.conflicts > 0 or merge.open_conflict_count(self.session.cf) > 0
        )

    def review_conflicts(self) -> None:
        ConflictsDialog.review(self, self.session)


def keep_undo_history(session: Session, changes: list[Change]) -> bool:
    """Undo restores earlier versions of the rows an edit touched. If a merge changed one of
    those rows, undoing would silently overwrite a peer's newer edit, so clear the history
    (returns False); otherwise local edits stay undoable after the merge (True)."""
    touched = {(t, i) for change in changes for t, ids in change.tables.items() for i in ids}
    stack = session.undo_stack
    for index in range(stack.count()):
        command = stack.command(index)
        rows = set(getattr(command, "before", {}) or {})
        if rows & touched:
            stack.clear()
            return False
    return True
