"""The letter composer: the outline (sections and blocks) beside a preview of the letter.

The outline is a tree of sections and their blocks; buttons and shortcuts add, edit, move
(Ctrl+Up / Ctrl+Down) and remove them, and apply a preset (asking first when the outline was
edited). Every step is one core operation through run_undoable, so Edit › Undo takes it
back. The preview (ui/letter/preview.py) is the letter as built for Word, each paragraph with the
number Word will show (Letter.numbers()), in the template's styles and text width. Dialogs are module functions returning plain data, so tests can
answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import letter_outline as ops
from peernotes.core.errors import PeerNotesError
from peernotes.core.letter import Letter
from peernotes.core.letter_outline import BLOCK_KINDS, FIELDS, OutlineBlock, OutlineSection
from peernotes.core.letter_presets import PRESETS, is_edited
from peernotes.core.letter_settings import FIELD_BY_NAME
from peernotes.core.letter_title import title_options
from peernotes.core.records import read_models
from peernotes.ui.dialogs import messages
from peernotes.ui.letter.options import ask_options, ask_title_options
from peernotes.ui.letter.preview import PagePreview
from peernotes.ui.operations import findings as finding_ops
from peernotes.ui.operations import letter_outline as outline_ops
from peernotes.ui.session import Session
from peernotes.ui.widgets.chips import FlowLayout

_ID = Qt.ItemDataRole.UserRole
_IS_SECTION = Qt.ItemDataRole.UserRole + 1


# ----------------------------------------------------------------- dialogs (patchable)
def ask_text(parent: QWidget | None, title: str, label: str, text: str) -> str | None:
    """Edit a block's text (or a generated block's wording); None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    editor = QPlainTextEdit(text)
    editor.setAccessibleName(label)
    fields = ", ".join("{" + f + "}" for f in FIELDS)
    hint = QLabel(
        f'{label}\n**bold**, *italic*, ""a quote"" inside a sentence; a line starting '
        "'- ' is a bullet of a nested list, 'a) ' an item of a lettered list.\n"
        f"Fields: {fields}"
    )
    hint.setWordWrap(True)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(hint)
    layout.addWidget(editor, 1)
    layout.addWidget(buttons)
    dialog.resize(560, 360)
    return editor.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_title(parent: QWidget | None, title: str, current: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent, title, "Section title:", QLineEdit.EchoMode.Normal, current
    )
    return text if ok else None


def confirm_preset(parent: QWidget | None, name: str) -> bool:
    """Applying a preset over the author's own outline: ask first."""
    answer = QMessageBox.question(
        parent,
        "Replace the outline?",
        f"The outline has your own sections or wording. Replace it with “{name}”?\n"
        "Edit › Undo brings it back.",
    )
    return answer == QMessageBox.StandardButton.Yes


def show_problem(parent: QWidget | None, message: str) -> None:
    messages.error(parent, "Letter outline", message)


# ----------------------------------------------------------------------- model
def block_label(block: OutlineBlock, headings: dict[str, str]) -> str:
    """What a block is, as the tree shows it: its kind, and what it prints from."""
    if block.kind == "standard":
        field = FIELD_BY_NAME.get(str(block.options.get("setting")))
        return f"Standard paragraph: {field.label if field else '?'}"
    if block.kind == "findings":
        if block.heading_id is None:
            return "Findings: every heading, each under its own title"
        return f"Findings: {headings.get(block.heading_id, 'a deleted heading')}"
    excerpt = " ".join(block.text.split())[:60]
    return block.label + (f": {excerpt}" if excerpt else "")


def outline_model(
    model: QStandardItemModel,
    sections: tuple[OutlineSection, ...],
    headings: dict[str, str] | None = None,
) -> None:
    """Fill the tree: one row per section, its blocks as children."""
    model.clear()
    model.setHorizontalHeaderLabels(["Outline"])
    for section in sections:
        prefix = "    " if section.level == 2 else ""
        item = QStandardItem(prefix + (section.title or "(no heading)"))
        item.setData(section.id, _ID)
        item.setData(True, _IS_SECTION)
        item.setEditable(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        for block in section.blocks:
            child = QStandardItem(block_label(block, headings or {}))
            child.setData(block.id, _ID)
            child.setData(False, _IS_SECTION)
            child.setEditable(False)
            child.setToolTip(block.text or "Standard wording")
            item.appendRow(child)
        model.appendRow(item)


# ---------------------------------------------------------------------- tree
class OutlineTree(QTreeView):
    """The outline's tree; a drop asks the composer to move the row in the file (the tree
    itself never moves anything: it is re-read from the file afterwards)."""

    def __init__(self, on_drop: Any) -> None:
        super().__init__()
        self._on_drop = on_drop
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)

    def dropEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        target = self.indexAt(event.position().toPoint())
        moved = self.currentIndex()
        below = self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.BelowItem
        on_item = self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.OnItem
        event.ignore()
        if moved.isValid() and target.isValid() and moved != target:
            self._on_drop(moved.data(_ID), target.data(_ID), below, on_item)


# ---------------------------------------------------------------------- panel
class LetterComposer(QWidget):
    """Outline (left) beside the preview (right), with the editing actions."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = QStandardItemModel(self)
        self.tree = OutlineTree(self.drop)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Letter outline: sections and blocks")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.doubleClicked.connect(lambda _i: self.edit_selected())
        self.preview = PagePreview()
        self.preview.setAccessibleName("Letter preview with Word's paragraph numbers")
        self.preview.setOpenLinks(False)
        self.preview.setToolTip("Click a finding's text or your own paragraph to edit it")
        self.preview.anchorClicked.connect(lambda url: self.edit_from_preview(url.toString()))
        # The buttons flow onto as many lines as the pane's width needs: at 150 % on a
        # laptop a fixed row cut "Options…" and "Remove" to "ptions" and "emove".
        buttons = QWidget()
        flow = FlowLayout(buttons, spacing=6)
        for button in self._editing_buttons() + self._adding_buttons():
            flow.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        for pane in (left, self.preview):  # split by the stretch factors, not the texts' width
            pane.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _adding_buttons(self) -> list[QWidget]:
        """Add section, Add block (every kind), and Start from a preset."""
        self.add_section_button = QPushButton("Add section")
        self.add_section_button.clicked.connect(self.add_section)
        self.add_block_button = QToolButton()
        self.add_block_button.setText("Add block")
        self.add_block_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_block_button)
        for kind, label in BLOCK_KINDS.items():
            action = menu.addAction(label)
            action.triggered.connect(lambda _c=False, k=kind: self.add_block(k))
        self.add_block_button.setMenu(menu)
        self.preset_button = QToolButton()
        self.preset_button.setText("Start from…")
        self.preset_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        presets = QMenu(self.preset_button)
        for key, preset in PRESETS.items():
            action = presets.addAction(preset.name)
            action.setToolTip(preset.description)
            action.triggered.connect(lambda _c=False, k=key: self.apply_preset(k))
        self.preset_button.setMenu(presets)
        return [self.add_section_button, self.add_block_button, self.preset_button]

    def _editing_buttons(self) -> list[QWidget]:
        """Edit, Options, Up, Down, Remove: buttons, and the same as shortcuts on the tree."""
        row: list[QWidget] = []
        for label, slot, keys in (
            ("Edit…", self.edit_selected, QKeySequence(Qt.Key.Key_F2)),
            ("Options…", self.edit_options, QKeySequence("Alt+Return")),
            ("Up", lambda: self.move_selected(-1), QKeySequence("Ctrl+Up")),
            ("Down", lambda: self.move_selected(1), QKeySequence("Ctrl+Down")),
            ("Remove", self.remove_selected, QKeySequence(QKeySequence.StandardKey.Delete)),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            action = QAction(label, self.tree)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.tree.addAction(action)
            row.append(button)
        return row

    # ------------------------------------------------------------------ reading
    def refresh(self, letter: Letter) -> None:
        """Re-read the outline (keeping the selection) and show the letter."""
        selected = self.selected()
        headings = read_models.heading_names(self.session.cf)
        outline_model(self.model, ops.outline(self.session.cf), headings)
        self.tree.expandAll()
        if selected is not None:
            self.select(selected[0])
        self.preview.show_letter(letter)

    def selected(self) -> tuple[str, bool] | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.data(_ID), bool(index.data(_IS_SECTION))

    def select(self, row_id: str) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(_ID) == row_id:
                self.tree.setCurrentIndex(item.index())
                return
            for child_row in range(item.rowCount()):
                child = item.child(child_row)
                if child.data(_ID) == row_id:
                    self.tree.setCurrentIndex(child.index())
                    return

    def _section_for_new_block(self) -> tuple[str, int | None] | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            last = self.model.rowCount() - 1
            return (self.model.item(last).data(_ID), None) if last >= 0 else None
        if index.data(_IS_SECTION):
            return index.data(_ID), None
        parent: QModelIndex = index.parent()
        return parent.data(_ID), index.row() + 1

    # ------------------------------------------------------------------ editing
    def _run(self, action: Callable[[], Any]) -> Any:
        """One action from `operations.letter_outline`; a refusal is shown, nothing changes."""
        try:
            return action()
        except PeerNotesError as error:
            show_problem(self, str(error))
            return None

    def add_section(self) -> None:
        title = ask_title(self, "Add section", "")
        if title is None:
            return
        index = self.tree.currentIndex()
        at = None
        if index.isValid():
            top = index if index.data(_IS_SECTION) else index.parent()
            at = top.row() + 1
        new = self._run(lambda: outline_ops.add_section(self.session, title, at))
        if new:
            self.select(new)

    def add_block(self, kind: str) -> None:
        where = self._section_for_new_block()
        if where is None:
            show_problem(self, "Add a section first: blocks sit in a section.")
            return
        section_id, at = where
        text = ""
        if kind in ops.AUTHORED:
            answer = ask_text(self, f"Add {BLOCK_KINDS[kind].lower()}", BLOCK_KINDS[kind], "")
            if answer is None:
                return
            text = answer
        options = {"setting": "next_steps"} if kind == "standard" else {}
        new = self._run(
            lambda: outline_ops.add_block(
                self.session, section_id, kind, text=text, options=options, index=at
            )
        )
        if new:
            self.select(new)

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        row_id, is_section = chosen
        sections = ops.outline(self.session.cf)
        if is_section:
            section = next((s for s in sections if s.id == row_id), None)
            title = ask_title(self, "Rename section", section.title if section else "")
            if title is not None:
                self._run(lambda: outline_ops.rename_section(self.session, row_id, title))
            return
        block = next((b for s in sections for b in s.blocks if b.id == row_id), None)
        if block is None:
            return
        label = block.label
        if block.kind not in ops.AUTHORED:
            label += " – its wording (empty: PeerNotes' standard wording)"
        text = ask_text(self, "Edit block", label, block.text)
        if text is not None:
            self._run(lambda: outline_ops.edit_block(self.session, row_id, text))

    def edit_options(self) -> None:
        """A block's options: its paragraph number, and a findings block's heading, order,
        bullets and sub-headings."""
        chosen = self.selected()
        if chosen is None or chosen[1]:
            return
        row_id = chosen[0]
        block = next(
            (b for s in ops.outline(self.session.cf) for b in s.blocks if b.id == row_id), None
        )
        if block is None:
            return
        if block.kind == "title":
            self._edit_title_options(row_id)
            return
        headings = [
            (h.id, h.name) for h in read_models.framework_headings(self.session.cf) if not h.depth
        ]
        answer = ask_options(self, block.kind, dict(block.options), block.heading_id, headings)
        if answer is None:
            return
        options, heading_id = answer
        self._run(lambda: outline_ops.set_block_options(self.session, row_id, options, heading_id))

    def _edit_title_options(self, block_id: str) -> None:
        """Title lines and order, date style and document type: one undoable step."""
        try:
            current = title_options(self.session.cf, block_id)
        except PeerNotesError as error:
            show_problem(self, str(error))
            return
        wanted = ask_title_options(self, current)
        if wanted is not None and wanted != current:
            self._run(lambda: outline_ops.set_title_block_options(self.session, block_id, wanted))

    def edit_from_preview(self, target: str) -> None:
        """Edit, where it appears in the preview, a finding's statement or narrative, or the
        author's own block."""
        parts = target.split(":")
        if len(parts) != 4 or parts[0] != "edit":
            return
        _, table, row_id, field = parts
        if table == "letter_block":
            self.select(row_id)
            if (self.selected() or ("", True))[0] == row_id:  # not a block deleted meanwhile
                self.edit_selected()
            return
        finding = read_models.finding_text(self.session.cf, row_id) if table == "finding" else None
        if finding is None:
            return
        field = field if field in ("statement", "narrative") else "narrative"
        label = "The finding's statement" if field == "statement" else "The finding's narrative"
        current = finding.statement if field == "statement" else finding.narrative
        text = ask_text(self, "Edit finding", label, current)
        if text is not None:
            self._run(lambda: finding_ops.edit_from_letter(self.session, row_id, field, text))

    def move_selected(self, steps: int) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        row_id, is_section = chosen
        self._run(lambda: outline_ops.move_up_or_down(self.session, row_id, is_section, steps))
        self.select(row_id)

    def drop(self, moved_id: str, target_id: str, below: bool, on_item: bool) -> None:
        """A row dragged onto another: a section goes before (or after) the target's
        section; a block goes before or after the target block, or at the end of a section
        dropped on."""
        sections = ops.outline(self.session.cf)
        section_ids = [s.id for s in sections]
        owner = {b.id: s.id for s in sections for b in s.blocks}
        if moved_id in section_ids:
            target = target_id if target_id in section_ids else owner.get(target_id)
            if target is None:
                return
            steps = section_ids.index(target) - section_ids.index(moved_id)
            if steps < 0 and below:
                steps += 1
            if steps > 0 and not below and not on_item:
                steps -= 1
            if steps:
                self._run(lambda: outline_ops.drag_section(self.session, moved_id, steps))
            self.select(moved_id)
            return
        if target_id in section_ids:
            section = next(s for s in sections if s.id == target_id)
            index = len(section.blocks)
            target_section = target_id
        else:
            target_section = owner[target_id]
            blocks = [b.id for b in next(s for s in sections if s.id == target_section).blocks]
            blocks = [b for b in blocks if b != moved_id]
            index = blocks.index(target_id) + (1 if below else 0)
        self._run(lambda: outline_ops.drag_block(self.session, moved_id, target_section, index))
        self.select(moved_id)

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        row_id, is_section = chosen
        if is_section:
            self._run(lambda: outline_ops.remove_section(self.session, row_id))
        else:
            self._run(lambda: outline_ops.remove_block(self.session, row_id))

    def apply_preset(self, key: str) -> None:
        name = PRESETS[key].name
        if is_edited(self.session.cf) and not confirm_preset(self, name):
            return
        self._run(lambda: outline_ops.start_from_preset(self.session, key))
