"""The options dialogs of the letter composer: a block's options, and the title block's.

`ask_options` edits a block's options (paragraph number; a findings block's heading, order,
bullets and sub-headings; a team list's role labels and separator; which standard paragraph
a block prints). `TitleOptionsDialog` edits the title block: which lines print and in what
order, the date style and the document type's wording. Both return plain data (tests answer
them, or drive the dialog's own widgets with qtbot); the composer saves the answer with one
core operation through run_undoable.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import letter_outline as ops
from peernotes.core.letter_outline import BLOCK_KINDS, TITLE_LINES
from peernotes.core.letter_settings import DOCUMENT_TYPES, FIELD_BY_NAME
from peernotes.core.letter_title import DATE_STYLES, LINE_LABELS, TitleOptions
from peernotes.ui.widgets.reorder import move_current_item

SEPARATORS = (" – ", ": ", ", ", " - ")


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ask_options(
    parent: QWidget | None,
    kind: str,
    options: Mapping[str, object],
    heading_id: str | None,
    headings: list[tuple[str, str]],
) -> tuple[dict[str, object], str | None] | None:
    """A block's options (and a findings block's heading); None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(f"{BLOCK_KINDS.get(kind, kind)} – options")
    form = QFormLayout()
    numbered = QCheckBox("Takes a paragraph number (when the letter numbers paragraphs)")
    numbered.setChecked(bool(options.get("numbered", True)))
    form.addRow(numbered)
    heading = QComboBox()
    order = QComboBox()
    bullets = QCheckBox("Bullets (Strengths / Areas) before the paragraphs")
    labels = QCheckBox("Sub-headings (Strengths, Areas …)")
    if kind == "findings":
        _findings_controls(form, (heading, order, bullets, labels), options, heading_id, headings)
    elif kind == "key_messages":
        labels.setChecked(bool(options.get("labels", True)))
        form.addRow(labels)
    team = _team_controls(form, options) if kind == "team" else None
    setting = QComboBox()
    if kind == "standard":
        for name in ops.STANDARD_SETTINGS:
            setting.addItem(FIELD_BY_NAME[name].label, name)
        setting.setCurrentIndex(max(0, setting.findData(options.get("setting"))))
        form.addRow("Prints", setting)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    result = dict(options)
    result["numbered"] = numbered.isChecked()
    if result["numbered"]:
        del result["numbered"]
    if kind == "findings":
        result.update(order=order.currentData(), bullets=bullets.isChecked(),
                      labels=labels.isChecked())  # fmt: skip
        return result, heading.currentData()
    if kind == "key_messages":
        result["labels"] = labels.isChecked()
    if kind == "standard":
        result["setting"] = setting.currentData()
    if team is not None:
        result.update(roles=team[0].isChecked(), separator=team[1].currentText())
    return result, heading_id


def _findings_controls(
    form: QFormLayout,
    controls: tuple[QComboBox, QComboBox, QCheckBox, QCheckBox],
    options: Mapping[str, object],
    heading_id: str | None,
    headings: list[tuple[str, str]],
) -> None:
    heading, order, bullets, labels = controls
    heading.addItem("Every heading, each under its own title", None)
    for hid, name in headings:
        heading.addItem(name, hid)
    heading.setCurrentIndex(max(0, heading.findData(heading_id)))
    order.addItem("In the order the author set", "author")
    order.addItem("Strengths' paragraphs first, then areas'", "kind")
    order.setCurrentIndex(max(0, order.findData(options.get("order", "author"))))
    bullets.setChecked(bool(options.get("bullets", True)))
    labels.setChecked(bool(options.get("labels", True)))
    form.addRow("Heading", heading)
    form.addRow("Paragraph order", order)
    form.addRow(bullets)
    form.addRow(labels)


def _team_controls(form: QFormLayout, options: Mapping[str, object]) -> tuple[QCheckBox, QComboBox]:
    roles = QCheckBox("Role labels before the names (Lead peer – …)")
    roles.setChecked(bool(options.get("roles", True)))
    separator = QComboBox()
    separator.setEditable(True)
    separator.setAccessibleName("Separator between a role or name and the rest")
    separator.addItems(list(SEPARATORS))
    separator.setEditText(str(options.get("separator", SEPARATORS[0])))
    form.addRow(roles)
    form.addRow("Separator", separator)
    return roles, separator


# ------------------------------------------------------------------ title block
class TitleOptionsDialog(QDialog):
    """Which title lines print, in which order (tick, Move up / Move down), the date style
    and the document type (any wording)."""

    def __init__(self, current: TitleOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Title block – options")
        self.lines = QListWidget()
        self.lines.setAccessibleName("Title lines, in the order they print")
        shown = list(current.lines) + [n for n in TITLE_LINES if n not in current.lines]
        for name in shown:
            item = QListWidgetItem(LINE_LABELS[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = name in current.lines
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.lines.addItem(item)
        self.lines.setCurrentRow(0)
        self.up, self.down = QPushButton("Move &up"), QPushButton("Move &down")
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        self.date = QComboBox()
        for key, label in DATE_STYLES.items():
            self.date.addItem(label, key)
        self.date.setCurrentIndex(max(0, self.date.findData(current.date)))
        self.document_type = QComboBox()
        self.document_type.setEditable(True)
        self.document_type.addItems(list(DOCUMENT_TYPES))
        self.document_type.setEditText(current.document_type)
        self.document_type.setToolTip(FIELD_BY_NAME["document_type"].help)
        self._layout()

    def _layout(self) -> None:
        moves = QVBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        moves.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.lines, 1)
        row.addLayout(moves)
        form = QFormLayout()
        form.addRow("&Date", self.date)
        form.addRow("Document &type", self.document_type)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Lines (ticked ones print, top first; the first is the title):"))
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def move_selected(self, steps: int) -> None:
        """Move the selected line up or down (the selection follows it)."""
        move_current_item(self.lines, steps)

    def answer(self) -> TitleOptions:
        lines = []
        for index in range(self.lines.count()):
            item = self.lines.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                lines.append(str(item.data(Qt.ItemDataRole.UserRole)))
        wording = self.document_type.currentText().strip() or DOCUMENT_TYPES[0]
        return TitleOptions(tuple(lines), str(self.date.currentData()), wording)


def ask_title_options(parent: QWidget | None, current: TitleOptions) -> TitleOptions | None:
    """The title block's options; None when cancelled."""
    dialog = TitleOptionsDialog(current, parent)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
