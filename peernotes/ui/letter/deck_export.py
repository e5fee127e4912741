"""File › Export feedback presentation…: choose the slides, pass the guard, write the .pptx.

The flow mirrors the letter's export (peernotes.ui.letter.page): save the slide choice (undoable),
build the deck from the roll-up, run the non-attribution guard over every slide and speaker
note with the same allow-by-item dialog, ask where, write with a progress indicator, offer
"Open". Tests answer the dialogs through the module functions `ask_options`,
`ask_save_path`, `show_done` and `review_hits`, which return plain data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import attribution, deck_settings
from peernotes.core.attribution import NameHit
from peernotes.core.deck import Deck, build_deck
from peernotes.core.deck_settings import DeckOptions
from peernotes.core.errors import PeerNotesError
from peernotes.core.records import read_models
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.busy import write_with_progress
from peernotes.ui.operations import deck as deck_ops
from peernotes.ui.session import Session
from peernotes.ui.widgets.reorder import move_current_item

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow


class DeckOptionsDialog(QDialog):
    """The slides, each with a tick to include it, in an order changed by drag or buttons."""

    def __init__(self, options: DeckOptions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Feedback presentation")
        intro = QLabel(
            "Tick the slides to include and put them in the order you will present them "
            "(drag, or Move up / Move down). The choice is saved with the challenge."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Slides")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        chosen = list(options.slides)
        for key in chosen + [k for k in deck_settings.SLIDE_KEYS if k not in chosen]:
            item = QListWidgetItem(deck_settings.SLIDE_LABELS[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.recommendations = QCheckBox("&Recommendations also on each heading's slide")
        self.recommendations.setChecked(options.recommendations_on_headings)
        up = QPushButton("Move &up")
        down = QPushButton("Move &down")
        up.clicked.connect(lambda: self.move_selected(-1))
        down.clicked.connect(lambda: self.move_selected(1))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Continue")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.recommendations)
        layout.addWidget(buttons)

    def move_selected(self, step: int) -> None:
        move_current_item(self.list, step)

    def options(self) -> DeckOptions:
        keys = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                keys.append(item.data(Qt.ItemDataRole.UserRole))
        return DeckOptions(tuple(keys), self.recommendations.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, options: DeckOptions) -> DeckOptions | None:
        dialog = cls(options, parent)
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


# ----------------------------------------------------------------- dialogs (patchable)
def ask_options(parent: QWidget | None, options: DeckOptions) -> DeckOptions | None:
    return DeckOptionsDialog.ask(parent, options)


def ask_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save the .pptx; None when the user cancels."""
    from peernotes.ui import folders

    start = folders.start_path("export", suggested)
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export the feedback presentation", start, "PowerPoint (*.pptx)"
    )
    if not name:
        return None
    folders.remember("export", name)
    path = Path(name)
    return path if path.suffix.lower() == ".pptx" else path.with_name(path.name + ".pptx")


def show_done(parent: QWidget | None, path: Path) -> bool:
    from peernotes.ui.letter.page import show_done as letter_done

    return letter_done(parent, "Feedback presentation exported", path)


def review_hits(parent: QWidget | None, hits: list[NameHit]):
    from peernotes.ui.letter.guard import GuardDialog

    return GuardDialog.review(parent, hits, document="presentation")


# ----------------------------------------------------------------------- the flow
def suggested_path(session: Session) -> Path:
    challenge = read_models.current_challenge(session.cf)
    stem = f"{challenge.council} {challenge.programme_title} Feedback"
    stem = " ".join(re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", stem).split())[:120] or "feedback"
    folder = session.cf.path.parent if session.cf.path else Path.home()
    return folder / f"{stem}.pptx"


def guarded_deck(
    parent: MainWindow, session: Session, stopped: str = "Presentation not exported"
) -> Deck | None:
    """The deck, once the guard has nothing left to stop (None if the user stopped).
    `stopped` titles the message when it cannot be built (template) or a name slipped in."""
    from peernotes.export.pptx_deck import load_template

    try:
        template = load_template()
    except PeerNotesError as error:
        messages.error(parent, stopped, str(error))
        return None
    cf = session.cf
    deck = build_deck(cf, template.capacity)
    hits = attribution.scan(cf, deck)
    if not hits:
        return deck
    decision = review_hits(parent, hits)
    if decision.allowed:
        deck_ops.allow_names(session, [hit.matched for hit in decision.allowed])
    if decision.action == "goto" and decision.goto is not None:
        from peernotes.ui.letter.page import LetterPage

        page = parent.page_widget("letter")  # the letter page knows where each name was written
        if isinstance(page, LetterPage):
            page.go_to(decision.goto)
        return None
    if decision.action != "export":
        return None
    deck = build_deck(cf, template.capacity)
    remaining = attribution.scan(cf, deck)
    if remaining:  # something changed meanwhile: never write past the guard
        messages.error(parent, stopped, attribution.report(remaining))
        return None
    return deck


def export_feedback(parent: MainWindow, session: Session) -> Path | None:
    """The whole export from the window. Returns where the file went, or None."""
    current = deck_settings.load(session.cf)
    options = ask_options(parent, current)
    if options is None:
        return None
    if options != current and not session.cf.readonly:
        deck_ops.choose_slides(session, options)
    deck = guarded_deck(parent, session)
    if deck is None:
        return None
    from peernotes.ui.synthesis.weak_findings_dialog import confirm_export

    if not confirm_export(parent, session.cf, "presentation", parent):
        return None
    for warning in deck.warnings[:1]:
        parent.say(warning, 15)
    target = ask_save_path(parent, suggested_path(session))
    if target is None:
        return None

    def write() -> Path:
        from peernotes.export.pptx_deck import export_deck

        return export_deck(deck, target)

    written = write_with_progress(parent, "Writing the feedback presentation…", write)
    if written is not None:
        from peernotes.ui.letter.feedback_changes import offer_record

        show_done(parent, written)
        offer_record(parent, session, deck.finding_ids(), len(deck.slides), "exported")
    return written
