"""File › Merge from…: choose peers' files, merge them in, and see what came in, by peer.

The merge itself is core (peernotes.core.merge): one transaction, a backup first, source
files only read. It is not an undoable edit -- the backup is its undo -- so after it the undo
history is kept only if the merge changed none of the records it would restore.

A peer's file protected with a passphrase is unlocked with the same dialog that opens one
(asked again after a wrong passphrase); cancelling merges nothing. The open file may itself
be protected: its backup before the merge is protected too.
"""

from __future__ import annotations

import html
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
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import encryption, merge, merge_preview
from peernotes.core.errors import PeerNotesError
from peernotes.core.merge import MergeReport
from peernotes.core.merge_preview import FilePreview
from peernotes.core.merge_sources import (
    MergeCancelled,
    damage_explained,
    unlocked_sources,
    verified_passphrases,
    writer_twin,
)
from peernotes.core.snapshots import Snapshot
from peernotes.core.store import ChallengeFile, Change
from peernotes.paths import FILE_SUFFIX
from peernotes.ui.background import Report, run_in_background
from peernotes.ui.dialogs import messages
from peernotes.ui.safety.passphrase_dialog import PassphraseDialog
from peernotes.ui.session import Session
from peernotes.ui.team.conflicts_dialog import ConflictsDialog
from peernotes.ui.team.models import ListTableModel, preview_model, report_model


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
        self.previews: list[FilePreview] = []
        self.skipped: list[str] = []  # files of a folder left out, and why (shown with results)
        self._keys: dict[Path, str] = {}
        self.preview_button = QPushButton("&Preview")
        self.preview_button.clicked.connect(self.run_preview)
        self.merge_button = QPushButton("&Merge")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.run_merge)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(add)
        file_buttons.addWidget(remove)
        file_buttons.addStretch(1)
        file_buttons.addWidget(self.preview_button)
        file_buttons.addWidget(self.merge_button)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_view, self.records_list = _preview_views()
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
        layout.addWidget(self.result_label)
        layout.addWidget(self.preview_view, 2)
        layout.addWidget(self.records_list, 1)
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
        self.preview_button.setEnabled(self.files.count() > 0)

    # ----------------------------------------------------------------- merge
    def run_preview(self) -> list[FilePreview] | None:
        """Show what each file would bring (worked out in the background); None if stopped."""
        paths = self.paths()
        if not paths:
            return None
        keys = self._passphrases(paths)
        if keys is None:
            return None
        try:
            found = run_in_background(
                self,
                "Previewing the merge…",
                lambda report: _preview(self.session.cf, paths, keys, report),
            )
        except MergeCancelled as error:
            self.result_label.setText(f"Nothing was merged: {error}")
            return None
        except PeerNotesError as error:
            messages.error(self, "Nothing was merged", str(error))
            return None
        self.previews = found
        self.preview_view.setModel(preview_model(found, self))
        self.preview_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_records(current.row())
        )
        self.records_list.hide()
        header = self.preview_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.preview_view.show()
        held = [p for p in found if p.held]
        lines = [
            f"<b>Preview</b> of {len(found)} file{'s' if len(found) != 1 else ''}: nothing changed yet."
        ]
        if held:
            lines.append(
                "<b>Held:</b> "
                + "; ".join(html.escape(_held_text(p)) for p in held)
                + ". Merge asks what to do with these deletions."
            )
        self.result_label.setText("<br>".join(lines))
        return found

    def run_merge(self) -> None:
        paths = self.paths()
        if not paths:
            return
        found = self.run_preview()
        if found is None:
            return
        keep: list[tuple[str, str]] = []
        held = [p for p in found if p.held]
        if held:
            choice = ask_deletions(self, held)
            if choice is None:
                self.result_label.setText("Nothing was merged: cancelled at the deletion check.")
                return
            if choice == "skip":
                keep = [r for p in held for r in p.deleted]
        keys = self._keys
        try:
            report, change = run_in_background(
                self, "Merging…", lambda r: _merge(self.session.cf, paths, keys, keep, r)
            )
        except MergeCancelled as error:
            self.result_label.setText(f"Nothing was merged: {error}")
            return
        except PeerNotesError as error:
            messages.error(self, "Nothing was merged", str(error))
            return
        if change:
            self.session.changed.emit(change)  # the merge wrote through its own connection
        self.report = report
        kept_undo = keep_undo_history(self.session, [change])
        self._show_report(report, kept_undo)
        self.files.clear()
        self.preview_view.hide()
        self.records_list.hide()
        self._update_buttons()

    def show_records(self, row: int) -> None:
        """Expand one line of the preview: the records it counts, by their first words."""
        model = self.preview_view.model()
        item = model.item(row) if isinstance(model, ListTableModel) and row >= 0 else None
        kind = item[1] if item else None
        self.records_list.clear()
        if kind is None:
            self.records_list.hide()
            return
        verbs = {"add": "Add", "change": "Change", "delete": "Delete"}
        for record in kind.records:
            self.records_list.addItem(f"{verbs[record.action]}: {record.label}")
        if kind.unlisted:
            self.records_list.addItem(f"… and {kind.unlisted} more {kind.label}")
        self.records_list.show()

    def _passphrases(self, paths: list[Path]) -> dict[Path, str] | None:
        """Ask (here, on the UI thread) for the passphrase of each protected file."""
        try:
            self._keys = verified_passphrases(
                self.session.cf,
                paths,
                self._ask_passphrase,
                try_first=encryption.passphrase_of(self.session.cf.conn),
            )
        except MergeCancelled:
            self.result_label.setText("Nothing was merged: no passphrase was given.")
            return None
        except PeerNotesError as error:
            messages.error(self, "Nothing was merged", str(error))
            return None
        return self._keys

    def _ask_passphrase(self, path: Path, wrong: bool) -> str | None:
        return PassphraseDialog.unlock(
            self, path, wrong=wrong, purpose="merge its notes into this challenge"
        )

    def _show_report(self, report: MergeReport, kept_undo: bool) -> None:
        lines = []
        lines += [html.escape(line) for line in self.skipped]
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
        lines += [
            f"Check: {html.escape(line)} (on another laptop): listed with the conflicts."
            for line in report.orphans
        ]
        if report.kept:
            lines.append(
                f"{report.kept} deletion{'s' if report.kept != 1 else ''} skipped: those "
                "records are kept, on every laptop this file reaches."
            )
        if report.backup:
            lines.append(f"A backup was taken first: {report.backup.name}")
        if not kept_undo:
            lines.append("Undo history was cleared: the merge changed records it would restore.")
        self.result_label.setText("<br>".join(lines))
        self.report_view.setModel(report_model(report, self))
        self.report_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.report_view.setVisible(bool(report.by_peer()))
        self.conflicts_button.setVisible(
            report.conflicts > 0
            or bool(report.orphans)
            or merge.open_conflict_count(self.session.cf) > 0
        )

    def review_conflicts(self) -> None:
        ConflictsDialog.review(self, self.session)


def _preview_views() -> tuple[QTableView, QListWidget]:
    """The preview (a line per file and kind) and, under it, the records of the line
    selected (hidden until a line is)."""
    view = QTableView()
    view.setAccessibleName("What each file would bring")
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setToolTip("Select a line to list its records below")
    view.hide()
    records = QListWidget()
    records.setAccessibleName("Records of the selected line")
    records.hide()
    return view, records


def ask_deletions(parent: QWidget | None, held: list[FilePreview]) -> str | None:
    """Apply the held deletions ("apply"), keep those records ("skip"), or cancel (None).
    Tests replace this."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Many records deleted")
    box.setText(
        "<br>".join(html.escape(_held_text(p)) for p in held)
        + "<br><br>Deletions spread to every laptop this file reaches. Check with the peer "
        "if you are not sure."
    )
    apply = box.addButton("&Apply the deletions", QMessageBox.ButtonRole.DestructiveRole)
    skip = box.addButton("&Keep those records", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(skip)
    box.exec()
    clicked = box.clickedButton()
    return "apply" if clicked is apply else "skip" if clicked is skip else None


def _held_text(preview: FilePreview) -> str:
    kinds = ", ".join(f"{k.deletes} of {k.existing} {k.label}" for k in preview.kinds if k.held)
    who = f" ({preview.peer_name})" if preview.peer_name else ""
    return f"{preview.source_name}{who} deletes {kinds}"


def _preview(
    cf: ChallengeFile, paths: list[Path], keys: dict[Path, str], report: Report
) -> list[FilePreview]:
    """On the worker thread: its own connection to the open file, and to each copy."""
    twin = writer_twin(cf)
    try:
        with (
            unlocked_sources(
                twin, paths, lambda path, wrong: None if wrong else keys.get(path)
            ) as sources,
            damage_explained(twin, sources),
        ):
            return merge_preview.previews(twin, sources, progress=report)
    finally:
        twin.close()


def _merge(
    cf: ChallengeFile,
    paths: list[Path],
    keys: dict[Path, str],
    keep: list[tuple[str, str]],
    report: Report,
) -> tuple[MergeReport, Change]:
    """On the worker thread: merge through a second connection; return what changed, for
    the window's listeners (told on the UI thread once the merge has committed)."""
    twin = writer_twin(cf)
    changed = Change()

    twin.subscribe(changed.absorb)
    try:
        ask = lambda path, wrong: None if wrong else keys.get(path)  # noqa: E731
        with unlocked_sources(twin, paths, ask) as sources, damage_explained(twin, sources):
            result = merge.merge(twin, sources, progress=report, keep=keep)
    finally:
        twin.close()
    return result, changed


def keep_undo_history(session: Session, changes: list[Change]) -> bool:
    """Undo restores earlier versions of the rows an edit touched. If a merge changed one of
    those rows, undoing would silently overwrite a peer's newer edit, so clear the history
    (returns False); otherwise local edits stay undoable after the merge (True)."""
    touched = {key for change in changes for key in change.rows()}
    stack = session.undo_stack
    for index in range(stack.count()):
        command = stack.command(index)
        before = getattr(command, "before", None)  # what undo would write back
        rows = set(before.keys()) if isinstance(before, Snapshot) else set()
        if rows & touched:
            stack.clear()
            return False
    return True
