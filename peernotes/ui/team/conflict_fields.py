"""The review's detail panes: one box per field in conflict, and the orphan pane.

A field box shows mine (the current value) and theirs side by side and offers the three
decisions for that field alone -- keep mine, take theirs, combine the texts -- so a clash in
a finding's statement is settled without touching the narrative another peer wrote. The
orphan pane offers the ways out for a record whose parent was deleted elsewhere. Widgets
only: the dialog turns each choice into one undoable core operation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import conflicts
from peernotes.core.conflicts import Conflict
from peernotes.core.orphans import Orphan
from peernotes.core.store import ChallengeFile

# (field name, how, combined text or None)
Decide = Callable[[str, str, str | None], None]


class FieldDecision(QGroupBox):
    """One field in conflict: mine and theirs, and Keep mine / Take theirs / Combine text."""

    def __init__(self, cf: ChallengeFile, conflict: Conflict, name: str, decide: Decide):
        label = conflicts.field_label(name)
        super().__init__(label)
        self.name = name
        self.setAccessibleName(f"{label}: in conflict")
        self.mine = _shown(conflicts.shown_value(cf, name, conflict.current.get(name)))
        self.mine.setAccessibleName(f"{label}, mine (current)")
        self.theirs = _shown(conflicts.shown_value(cf, name, conflict.other.get(name)))
        self.theirs.setAccessibleName(f"{label}, theirs ({conflict.other_by})")
        self.keep_button = QPushButton("Keep mine")
        self.keep_button.setToolTip(f"Keep the current {label.lower()}; theirs stays in history")
        self.take_button = QPushButton("Take theirs")
        self.take_button.setToolTip(f"Use {conflict.other_by}'s {label.lower()} instead")
        self.keep_button.clicked.connect(lambda: decide(name, conflicts.KEEP, None))
        self.take_button.clicked.connect(lambda: decide(name, conflicts.SWAP, None))
        grid = QGridLayout(self)
        grid.addWidget(QLabel(f"Mine (current, by {conflict.current_by})"), 0, 0)
        grid.addWidget(QLabel(f"Theirs (by {conflict.other_by})"), 0, 1)
        grid.addWidget(self.mine, 1, 0)
        grid.addWidget(self.theirs, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        self.combined: QPlainTextEdit | None = None
        self.combine_button: QPushButton | None = None
        if name in conflict.text_fields():
            self.combined = QPlainTextEdit(conflicts.suggested_combination(conflict, name))
            self.combined.setAccessibleName(f"{label}, combined text")
            self.combined.setMaximumHeight(90)
            grid.addWidget(QLabel("Both, to edit into one:"), 2, 0, 1, 2)
            grid.addWidget(self.combined, 3, 0, 1, 2)
            self.combine_button = QPushButton("Combine text")
            self.combine_button.setToolTip("Save the combined text above as the current value")
            editor = self.combined
            self.combine_button.clicked.connect(
                lambda: decide(name, conflicts.COMBINE, editor.toPlainText())
            )
            buttons.addWidget(self.combine_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 4, 0, 1, 2)


def _shown(text: str) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setMaximumHeight(90)
    return view


class OrphanPane(QWidget):
    """A record whose parent was deleted elsewhere: restore the parent, delete the record,
    or move it (a note out of the meeting or document, a finding under another heading)."""

    def __init__(
        self,
        orphan: Orphan,
        targets: list[tuple[str | None, str]],
        act: Callable[[str, str | None], None],
    ):
        super().__init__()
        child, parent = orphan.child_noun, orphan.parent_noun
        self.explain = QLabel(
            f"This {child} belongs to a {parent} that {orphan.other_by} deleted: "
            f"{orphan.parent_title}. Bring the {parent} back, delete the {child} too, or "
            f"move the {child}."
        )
        self.explain.setWordWrap(True)
        self.restore_button = QPushButton(f"Restore the {parent}")
        self.delete_button = QPushButton(f"Delete the {child}")
        self.move_to = QComboBox()
        self.move_to.setAccessibleName(f"Move the {child} to")
        for parent_id, label in targets:
            self.move_to.addItem(label, parent_id)
        self.move_button = QPushButton(f"Move the {child}")
        self.restore_button.clicked.connect(lambda: act("restore", None))
        self.delete_button.clicked.connect(lambda: act("delete", None))
        self.move_button.clicked.connect(lambda: act("move", self.move_to.currentData()))
        row = QHBoxLayout()
        for widget in (self.restore_button, self.delete_button, self.move_button, self.move_to):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(row)
        layout.addStretch(1)
