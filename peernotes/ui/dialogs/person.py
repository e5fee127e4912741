"""A person met (name, stakeholder group, job title, organisation), and the choice offered
when a typed name matches someone already recorded."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.records.values import Person, StakeholderGroup
from peernotes.ui.dialogs.form import FormDialog, named_line, spell_line
from peernotes.ui.operations.inputs import PersonData


class PersonDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        groups: list[StakeholderGroup],
        initial: PersonData | None = None,
        save: Callable[[PersonData], object] | None = None,
        title: str = "Person met",
    ) -> None:
        super().__init__(parent, title, save)
        initial = initial or PersonData("")
        self.name = named_line(initial.name, "Name")
        self.group = QComboBox()
        self.group.setAccessibleName("Stakeholder group")
        self.group.setToolTip(
            "Used to count who the team heard from; never printed next to a quote"
        )
        self.group.addItem("(not known)", None)
        for group in groups:
            self.group.addItem(group.name, group.id)
        index = self.group.findData(initial.group_id)
        self.group.setCurrentIndex(max(index, 0))
        self.job_title = spell_line(initial.job_title, "Job title")
        self.organisation = spell_line(initial.organisation, "Organisation")
        self.form.addRow("&Name", self.name)
        self.form.addRow("Stakeholder &group", self.group)
        self.form.addRow("&Job title", self.job_title)
        self.form.addRow("&Organisation", self.organisation)
        self.resize(440, self.sizeHint().height())

    def data(self) -> PersonData:
        return PersonData(
            self.name.text().strip(),
            self.group.currentData(),
            self.job_title.text().strip(),
            self.organisation.text().strip(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        groups: list[StakeholderGroup],
        initial: PersonData | None = None,
        save: Callable[[PersonData], object] | None = None,
        title: str = "Person met",
    ) -> PersonData | None:
        dialog = cls(parent, groups, initial, save, title)
        if initial is not None and initial.name:
            dialog.group.setFocus()
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None


class DuplicatePersonDialog(QDialog):
    """'Someone called X is already recorded': pick them, or create a new person anyway."""

    NEW = "new"

    def __init__(self, parent: QWidget | None, name: str, matches: list[Person]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Already recorded?")
        layout = QVBoxLayout(self)
        label = QLabel(
            f"Someone called <b>{_escape(name)}</b> is already recorded. Is this the same person?"
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setAccessibleName("People with this name")
        for person in matches:
            details = ", ".join(
                part for part in (person.group_name, person.job_title, person.organisation) if part
            )
            item = QListWidgetItem(person.name + (f" — {details}" if details else ""))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        self.same = buttons.addButton("&Same person", QDialogButtonBox.ButtonRole.AcceptRole)
        self.new = buttons.addButton("&New person", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.same.setDefault(True)
        self.choice: str | None = None
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.new.clicked.connect(self._new)
        layout.addWidget(buttons)

    def accept(self) -> None:
        item = self.list.currentItem()
        self.choice = item.data(Qt.ItemDataRole.UserRole) if item else None
        super().accept()

    def _new(self) -> None:
        self.choice = self.NEW
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, matches: list[Person]) -> str | None:
        """The id of the person picked, NEW for a new person, or None (cancelled)."""
        dialog = cls(parent, name, matches)
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
