"""The challenge's own details (council, programme title, on-site days, scope), editable
after the wizard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from peernotes.ui.dialogs.form import FormDialog


@dataclass
class ChallengeData:
    council: str
    programme_title: str
    onsite_start: str | None
    onsite_end: str | None
    scope: str = ""


class ChallengeDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        initial: ChallengeData,
        save: Callable[[ChallengeData], object] | None = None,
    ) -> None:
        super().__init__(parent, "Challenge details", save)
        self.council = QLineEdit(initial.council)
        self.council.setAccessibleName("Council")
        self.title = QLineEdit(initial.programme_title)
        self.title.setAccessibleName("Programme title")
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
        self.resize(560, 360)

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
    ) -> ChallengeData | None:
        dialog = cls(parent, initial, save)
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None
