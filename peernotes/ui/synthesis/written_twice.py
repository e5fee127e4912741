"""Meetings written up twice: two peers' notes of one meeting side by side, to mark.

Opened from Tools › Meetings written up twice… (and the Findings page's tree). The team picks
a meeting that two or more peers noted and the two peers to compare; the notes are lined up
by the words they share (peernotes.core.note_pairs) and each pair can be marked as the same
point, keep both, or a disagreement. Every mark is one undoable edit (run_undoable), so the
window's Undo takes it back; the dialog's own Undo button does the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import note_pairs
from peernotes.core.changes import Change, Table
from peernotes.core.errors import PeerNotesError
from peernotes.core.note_pairs import AlignedRow, MeetingWrittenTwice, Note
from peernotes.ui.models.base import FixedColumnsModel
from peernotes.ui.operations import observations
from peernotes.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
NOTHING_YET = "No meeting has notes from two peers yet: there is nothing to compare."


class AlignedNotesModel(FixedColumnsModel):
    """The rows of the side-by-side view: a note of each peer, how alike, and the mark."""

    HEADERS = ("", "Alike", "", "Marked")
    LEFT, SCORE, RIGHT, MARK = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AlignedRow] = []
        self._names = ("", "")

    def set_rows(self, rows: Sequence[AlignedRow], names: tuple[str, str]) -> None:
        self.beginResetModel()
        self._rows, self._names = list(rows), names
        self.endResetModel()

    def row_at(self, row: int) -> AlignedRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_total(self) -> int:
        return len(self._rows)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section in (self.LEFT, self.RIGHT):
                return self._names[0 if section == self.LEFT else 1] or "(unknown)"
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column in (self.LEFT, self.RIGHT):
                note = row.left if column == self.LEFT else row.right
                return _text(note, role == Qt.ItemDataRole.ToolTipRole)
            if column == self.SCORE:
                return f"{round(row.score * 100)} %" if row.paired else ""
            return note_pairs.MARKS.get(row.mark or "", "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SCORE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _text(note: Note | None, full: bool) -> str:
    if note is None:
        return "" if not full else "Nothing lined up with this note"
    return note.text if full else " ".join(note.text.split())


class WrittenTwiceDialog(QDialog):
    """Pick a meeting and two peers; mark their lined-up notes."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, meeting_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Meetings written up twice")
        self.resize(980, 560)
        self.meetings: list[MeetingWrittenTwice] = []
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Meeting")
        self.left_peer, self.right_peer = QComboBox(), QComboBox()
        self.left_peer.setAccessibleName("First peer")
        self.right_peer.setAccessibleName("Second peer")
        self.model = AlignedNotesModel(self)
        self.view = self._build_view()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._buttons: dict[str, QPushButton] = {}
        self._build_layout()
        self.meeting.currentIndexChanged.connect(self._meeting_chosen)
        self.left_peer.currentIndexChanged.connect(self._reload_rows)
        self.right_peer.currentIndexChanged.connect(self._reload_rows)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.session.changed.connect(self._on_change)
        self.reload(meeting_id)

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setAccessibleName("Notes side by side")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setWordWrap(True)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        for column in (AlignedNotesModel.LEFT, AlignedNotesModel.RIGHT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            AlignedNotesModel.SCORE, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(AlignedNotesModel.MARK, QHeaderView.ResizeMode.ResizeToContents)
        return view

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Meeting:", self.meeting)
        peers = QHBoxLayout()
        peers.addWidget(self.left_peer, 1)
        peers.addWidget(QLabel("beside"))
        peers.addWidget(self.right_peer, 1)
        compare = QLabel("&Compare:")
        compare.setBuddy(self.left_peer)
        form.addRow(compare, peers)
        bar = QHBoxLayout()
        for verdict, text in (
            ("same", "&Same point"),
            ("both", "&Keep both"),
            ("disagree", "&Disagreement"),
            ("", "C&lear mark"),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, v=verdict: self.mark_selected(v))
            bar.addWidget(button)
            self._buttons[verdict] = button
        bar.addStretch(1)
        undo = QPushButton("&Undo")
        undo.clicked.connect(self.session.undo_stack.undo)
        bar.addWidget(undo)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(bar)
        layout.addWidget(close)

    # ------------------------------------------------------------- content
    def reload(self, meeting_id: str | None = None) -> None:
        """Re-read the meetings (keeping the one shown, or showing `meeting_id`)."""
        keep = meeting_id or self.current_meeting_id()
        self.meetings = note_pairs.meetings_written_twice(self.session.cf)
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for m in self.meetings:
            text = f"{m.label} — {m.recorder_names} ({m.notes} notes, {m.marked} marked)"
            self.meeting.addItem(text, m.meeting_id)
        found = self.meeting.findData(keep) if keep else -1
        self.meeting.setCurrentIndex(max(0, found) if self.meetings else -1)
        self.meeting.blockSignals(False)
        self._meeting_chosen()
        if meeting_id and found < 0:
            self.status.setText(
                "That meeting has notes from fewer than two peers: nothing to line up there. "
                + (self.status.text() if self.meetings else NOTHING_YET)
            )

    def current_meeting_id(self) -> str | None:
        data = self.meeting.currentData()
        return data if isinstance(data, str) else None

    def _current(self) -> MeetingWrittenTwice | None:
        wanted = self.current_meeting_id()
        return next((m for m in self.meetings if m.meeting_id == wanted), None)

    def _meeting_chosen(self) -> None:
        meeting = self._current()
        chosen = (self.left_peer.currentData(), self.right_peer.currentData())
        for box, index in ((self.left_peer, 0), (self.right_peer, 1)):
            box.blockSignals(True)
            box.clear()
            for recorder in meeting.recorders if meeting else ():
                box.addItem(f"{recorder.name or '(unknown)'} ({recorder.notes})", recorder.id)
            found = box.findData(chosen[index]) if chosen[index] else -1
            box.setCurrentIndex(found if found >= 0 else min(index, box.count() - 1))
            box.blockSignals(False)
        if self.left_peer.currentIndex() == self.right_peer.currentIndex() and meeting:
            self.right_peer.setCurrentIndex(1 if self.left_peer.currentIndex() == 0 else 0)
        self._reload_rows()

    def _reload_rows(self) -> None:
        meeting = self._current()
        cf = self.session.cf
        if meeting is None:
            self.model.set_rows([], ("", ""))
            self.status.setText(NOTHING_YET)
            self._update_buttons()
            return
        left_id, right_id = self.left_peer.currentData(), self.right_peer.currentData()
        left = note_pairs.notes_at(cf, meeting.meeting_id, left_id)
        right = note_pairs.notes_at(cf, meeting.meeting_id, right_id)
        marks = note_pairs.marks_among(cf, [n.id for n in (*left, *right)])
        rows = note_pairs.align(left, right, marks)
        names = (left[0].recorded_by if left else "", right[0].recorded_by if right else "")
        self.model.set_rows(rows, names)
        self.view.resizeRowsToContents()
        paired = sum(1 for r in rows if r.paired)
        alone = len(rows) - paired
        self.status.setText(
            f"{_count(paired, 'pair')} lined up by the words they share, "
            f"{_count(alone, 'note')} alone. Select a pair (or one note of each peer) and mark it; same-point pairs "
            "are shown together in a finding's evidence, disagreements as contradicting it."
        )
        self._update_buttons()

    def _on_change(self, change: Change) -> None:
        if change.touches(Table.NOTE_PAIR, Table.OBSERVATION, Table.MEETING, Table.PEER):
            self.reload()

    # ------------------------------------------------------------- marking
    def selected_pair(self) -> tuple[AlignedRow, str, str] | None:
        """The pair to mark: one selected row holding two notes, or two selected rows
        holding one note of each peer."""
        rows = [self.model.row_at(i.row()) for i in self.view.selectionModel().selectedRows()]
        found = [r for r in rows if r is not None]
        if len(found) == 1 and found[0].left and found[0].right:
            return found[0], found[0].left.id, found[0].right.id
        if len(found) == 2:
            lefts = [r.left for r in found if r.left and not r.right]
            rights = [r.right for r in found if r.right and not r.left]
            if len(lefts) == 1 and len(rights) == 1:
                return found[0], lefts[0].id, rights[0].id
        return None

    def mark_selected(self, verdict: str) -> None:
        """Mark (or, for "", clear) the selected pair: one undoable edit."""
        pair = self.selected_pair()
        if pair is None:
            return
        _row, first, second = pair
        try:
            if verdict:
                observations.mark_pair(self.session, first, second, verdict)
            else:
                observations.clear_pair_mark(self.session, first, second)
        except PeerNotesError as error:
            self.status.setText(str(error))

    def _update_buttons(self) -> None:
        pair = self.selected_pair()
        for verdict, button in self._buttons.items():
            button.setEnabled(pair is not None and (bool(verdict) or bool(pair[0].mark)))

    @classmethod
    def open_for(
        cls, session: Session, parent: QWidget | None = None, meeting_id: str | None = None
    ) -> WrittenTwiceDialog:
        dialog = cls(session, parent, meeting_id)
        dialog.show()
        return dialog


def _count(n: int, noun: str) -> str:
    """'1 pair', '3 pairs', 'no notes': a sentence a person would write."""
    return f"{n if n else 'no'} {noun}{'' if n == 1 else 's'}"
