"""The challenge's own details (council, programme title, on-site days, scope), editable
after the wizard -- and, with a session, its stakeholder groups and its own headings and
scoping questions (tabs from challenge_setup.py, saved and undoable edit by edit)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peernotes.ui.dialogs.form import FormDialog, named_line
from peernotes.ui.operations.inputs import ChallengeData
from peernotes.ui.session import Session


class ChallengeDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        initial: ChallengeData,
        save: Callable[[ChallengeData], object] | None = None,
        session: Session | None = None,
    ) -> None:
        super().__init__(parent, "Challenge details", save)
        self.tabs: QTabWidget | None = None
        if session is not None:
            self._add_tabs(session)
        self.council = named_line(initial.council, "Council")
        self.title = named_line(initial.programme_title, "Programme title")
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, value, name in (
            (self.start, initial.onsite_start, "First on-site day"),
            (self.end, initial.onsite_end, "Last on-site day"),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
            if value:
                edit.setDate(QDate.fromString(value, Qt.DateFormat.ISODate))
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end)
        dates.addStretch(1)
        dates_label = QLabel("&On-site days")
        dates_label.setBuddy(self.start)
        self.scope = QPlainTextEdit(initial.scope)
        self.scope.setAccessibleName("Scope")
        self.scope.setTabChangesFocus(True)
        self.form.addRow("&Council", self.council)
        self.form.addRow("&Programme title", self.title)
        self.form.addRow(dates_label, dates)
        self.form.addRow("&Scope", self.scope)
        if self.tabs is None:
            self.resize(560, 360)
        else:
            self.resize(780, 620)

    def _add_tabs(self, session: Session) -> None:
        """Details / Stakeholder groups / Headings & scoping questions. The details form
        moves into the first tab; Save/Cancel apply to it, the lists save at once."""
        from peernotes.ui.dialogs.challenge_setup import GroupsPage, HeadingsPage, SetupReloader

        details = QWidget()
        self.form = QFormLayout(details)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.groups_page = GroupsPage(session, self.report)
        self.headings_page = HeadingsPage(session, self.report)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Challenge set-up")
        self.tabs.addTab(details, "De&tails")
        self.tabs.addTab(self.groups_page, "Stakeholder &groups")
        self.tabs.addTab(self.headings_page, "&Headings && scoping questions")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.tabs, 1)
        self.reloader = SetupReloader(session, [self.groups_page, self.headings_page], self)
        self.reloader.reload()
        self.finished.connect(self.reloader.stop)
        # Undo/redo of the list edits while this (modal) dialog is open.
        self.undo_action = session.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = session.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(
            "Save the Details tab (the lists are saved as you edit them)"
        )

    def report(self, message: str) -> None:
        """A refused list edit (or '' to clear the last one)."""
        if message:
            self.show_error(message)
        else:
            self.error_label.hide()

    def data(self) -> ChallengeData:
        return ChallengeData(
            self.council.text().strip(),
            self.title.text().strip(),
            self.start.date().toString(Qt.DateFormat.ISODate),
            self.end.date().toString(Qt.DateFormat.ISODate),
            self.scope.toPlainText().strip(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        initial: ChallengeData,
        save: Callable[[ChallengeData], object] | None = None,
        session: Session | None = None,
    ) -> ChallengeData | None:
        dialog = cls(parent, initial, save, session)
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_challenge_details(parent: QWidget, session: Session) -> None:
    """File › Challenge details…: edit the council, dates and scope, as one undoable step."""
    from peernotes.core.records.read_models import current_challenge
    from peernotes.ui.operations import challenge

    current = current_challenge(session.cf)
    initial = ChallengeData(
        current.council,
        current.programme_title,
        current.onsite_start,
        current.onsite_end,
        current.scope,
    )

    def save(data: ChallengeData) -> bool:
        return challenge.edit_details(session, data)

    ChallengeDialog.ask(parent, initial, save, session)
