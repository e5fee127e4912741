"""The team feature: copies for peers, merging their files back, and reviewing conflicts.

Menu actions: File › Copy for a peer…, File › Merge from…, Tools › Conflicts…; and a Merge
page (order 90) with the file's merge history and what is waiting for review.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import distribution, handin, merge, merge_preview
from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError
from peernotes.core.records import read_models
from peernotes.core.store import Change
from peernotes.paths import FILE_SUFFIX
from peernotes.ui.dialogs import messages
from peernotes.ui.session import Session
from peernotes.ui.team.conflicts_dialog import ConflictsDialog
from peernotes.ui.team.merge_dialog import MergeDialog
from peernotes.ui.team.models import hand_in_model

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow


def _session(window: MainWindow) -> Session | None:
    session = window.session
    if session is None:
        messages.error(window, "No challenge open", "Open a challenge file first.")
    return session


def merge_from(window: MainWindow) -> None:
    session = _session(window)
    if session is not None:
        MergeDialog.merge_into(window, session)


def review_conflicts(window: MainWindow) -> None:
    session = _session(window)
    if session is not None:
        ConflictsDialog.review(window, session)


def copy_for_peer(window: MainWindow) -> None:
    session = _session(window)
    if session is None:
        return
    choice = CopyForPeerDialog.ask(window, session)
    if choice is None:
        return
    peer_id, path, include = choice
    try:
        summary = distribution.copy_for_peer(
            session.cf, peer_id, path, include_observations=include
        )
    except PeerNotesError as error:
        messages.error(window, "The copy was not written", str(error))
        return
    left_out = (
        f" {summary.left_out} observation{'s' if summary.left_out != 1 else ''} by other peers "
        "were left out."
        if summary.left_out
        else ""
    )
    messages.inform(
        window,
        "Copy written",
        f"{summary.path.name} is ready for {summary.peer_name}. When they open it, what they "
        f"record is saved as theirs.{left_out} Merge it back with File › Merge from…",
    )


def choose_copy_path(parent: QWidget | None, suggested: str) -> Path | None:
    """Ask where to write a peer's copy (tests replace this)."""
    from peernotes.ui import folders

    start = folders.start_path("copy", suggested)
    name, _ = QFileDialog.getSaveFileName(
        parent, "Copy for a peer", start, f"PeerNotes files (*{FILE_SUFFIX})"
    )
    if not name:
        return None
    folders.remember("copy", name)
    path = Path(name)
    return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)


class CopyForPeerDialog(QDialog):
    """Who the copy is for, and whether it carries everyone's observations."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Copy for a peer")
        self.peer = QComboBox()
        for peer in read_models.team_members(session.cf):
            self.peer.addItem(peer.name, peer.id)
        self.include = QCheckBox("Include everyone's observations and findings")
        self.include.setToolTip(
            "For the merged file handed back in the morning. Leave unticked for a first copy: "
            "the peer gets the set-up, programme, people and documents, and their own notes."
        )
        form = QFormLayout()
        form.addRow("For:", self.peer)
        form.addRow("", self.include)
        note = QLabel(
            "The copy opens as this peer: what they record is saved under their name. "
            "Merge it back with File › Merge from…"
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose where to save…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session) -> tuple[str, Path, bool] | None:
        dialog = cls(session, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        peer_id, peer_name = dialog.peer.currentData(), dialog.peer.currentText()
        suggested = distribution.default_file_name(session.cf, peer_name)
        if session.cf.path is not None:
            suggested = str(session.cf.path.parent / suggested)
        path = choose_copy_path(parent, suggested)
        if path is None:
            return None
        return peer_id, path, dialog.include.isChecked()


class MergePage(QWidget):
    """The evening hand-in: who has handed in, merging a folder of copies, sending the team
    copy back; then the file's merge history and open conflicts."""

    def __init__(self, session: Session, window: MainWindow):
        super().__init__()
        self.session, self.window_ = session, window
        self.conflicts = QLabel()
        self._listed = 0  # conflicts and orphans listed at the last count
        self.history = QLabel()
        self.history.setWordWrap(True)
        merge_button = QPushButton("&Merge from…")
        merge_button.setToolTip("Choose peers' copies (or, in the morning, the team copy)")
        merge_button.clicked.connect(lambda: merge_from(window))
        folder_button = QPushButton("Merge all from &folder…")
        folder_button.setToolTip("Every copy in a folder or on a USB stick, in one step")
        folder_button.clicked.connect(lambda: merge_folder(window))
        send_button = QPushButton("&Send the team copy…")
        send_button.setToolTip("Write a copy of this merged file for each peer, into a folder")
        send_button.clicked.connect(lambda: send_team_copy(window))
        copy_button = QPushButton("Cop&y for a peer…")
        copy_button.clicked.connect(lambda: copy_for_peer(window))
        self.review_button = QPushButton("Review &conflicts…")
        self.review_button.clicked.connect(lambda: review_conflicts(window))
        row = QHBoxLayout()
        for button in (merge_button, folder_button, send_button, copy_button, self.review_button):
            row.addWidget(button)
        row.addStretch(1)
        self.hand_in = QTableView()
        self.hand_in.setAccessibleName("Hand-in: each peer's last copy merged")
        self.hand_in.verticalHeader().hide()
        self.hand_in_model = hand_in_model(self)
        self.hand_in.setModel(self.hand_in_model)
        header = self.hand_in.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        guide = QLabel(
            "Evening: merge every peer's copy (a folder of them at once), then send the team "
            "copy back. Morning: each peer merges the team copy into their own file "
            "(Merge from…)."
        )
        guide.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(guide)
        layout.addWidget(QLabel("<b>Hand-in</b>"))
        layout.addWidget(self.hand_in, 1)
        layout.addWidget(self.conflicts)
        layout.addLayout(self._guard_row())
        layout.addWidget(QLabel("<b>Merges into this file</b>"))
        layout.addWidget(self.history, 1)
        session.changed.connect(self._on_change)
        self.reload()

    def _guard_row(self) -> QHBoxLayout:
        """The deletion guard's figures, and the button that changes them (undoable)."""
        from peernotes.ui.team.deletion_guard import edit_deletion_guard

        self.guard_label = QLabel()
        self.guard_label.setWordWrap(True)
        button = QPushButton("Deletion &guard…")
        button.setToolTip("How many deletions of one kind hold a copy until you decide")
        button.clicked.connect(lambda: edit_deletion_guard(self, self.session))
        row = QHBoxLayout()
        row.addWidget(self.guard_label, 1)
        row.addWidget(button)
        return row

    def _show_count(self) -> None:
        """Open conflicts and orphans: what Review conflicts… lists."""
        count = merge.open_conflict_count(self.session.cf)
        self._listed = count
        self.conflicts.setText(
            f"{count} conflict{'s' if count != 1 else ''} to review."
            if count
            else "No conflicts to review."
        )
        self.review_button.setEnabled(count > 0)

    def _on_change(self, change: Change) -> None:
        if change.touches(Table.MERGE_LOG, Table.CONFLICT, Table.PEER, Table.SETTING):
            self.reload()
        elif change.touches(Table.MEETING, Table.DOCUMENT, Table.HEADING, Table.FINDING) or (
            self._listed and change.touches(Table.OBSERVATION)
        ):
            self._show_count()  # an orphan made or resolved; note saves cost nothing else

    def reload(self) -> None:
        from peernotes.ui.team.deletion_guard import describe

        self.guard_label.setText(describe(merge_preview.deletion_guard(self.session.cf)))
        self._show_count()
        self.hand_in_model.set_items(handin.hand_in_status(self.session.cf))
        entries = merge.past_merges(self.session.cf)
        if not entries:
            self.history.setText(
                "No merges yet. Hand each peer a copy (Copy for a peer…), "
                "then merge their files back in here."
            )
            return
        lines = []
        for entry in entries[:50]:
            report = entry.report
            peers = "; ".join(
                f"{html.escape(p)}: {c.new} new, {c.updated} updated, {c.deleted} deleted, "
                f"{c.conflicts} conflicts"
                for p, c in report.by_peer.items()
            )
            lines.append(
                f"<b>{html.escape(report.source_name)}</b> ({entry.merged_at[:16].replace('T', ' ')})"
                f"<br>{peers or 'links only'}"
            )
        self.history.setText("<br><br>".join(lines))


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    """Ask for a folder (tests replace this)."""
    name = QFileDialog.getExistingDirectory(parent, title)
    return Path(name) if name else None


def merge_folder(window: MainWindow) -> None:
    """Merge all from folder…: tonight's copies, checked, previewed and merged in one step."""
    session = _session(window)
    if session is None:
        return
    folder = choose_folder(window, "Merge every copy in a folder")
    if folder is None:
        return
    found = handin.folder_copies(session.cf, folder)
    if not found.paths:
        messages.error(
            window,
            "Nothing to merge",
            "\n".join([f"{folder} holds no copies of this challenge.", *found.skipped_lines()]),
        )
        return
    dialog = MergeDialog(session, window)
    dialog.add_paths(list(found.paths))
    dialog.skipped = found.skipped_lines()
    dialog.run_merge()
    dialog.exec()


def send_team_copy(window: MainWindow) -> None:
    """Send the team copy…: one clean copy of this file per peer, written to a folder."""
    session = _session(window)
    if session is None:
        return
    folder = choose_folder(window, "Write the team copy for each peer into")
    if folder is None:
        return
    try:
        written = handin.team_copies(session.cf, folder)
    except PeerNotesError as error:
        messages.error(window, "The team copies were not written", str(error))
        return
    names = "\n".join(f"{s.path.name} ({s.peer_name})" for s in written)
    messages.inform(
        window,
        "Team copies written",
        f"{len(written)} copies in {folder}:\n{names}\n\nIn the morning each peer merges "
        "theirs into their own file (Merge from…), with the same preview.",
    )
