"""A member of the peer team (name, role, job title, organisation)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from peernotes.core import vocab
from peernotes.ui.dialogs.form import FormDialog, named_line, spell_line
from peernotes.ui.operations.inputs import PeerData


class PeerDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        initial: PeerData | None = None,
        save: Callable[[PeerData], object] | None = None,
    ) -> None:
        super().__init__(parent, "Team member", save)
        initial = initial or PeerData("")
        self.name = named_line(initial.name, "Name")
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for key, label in vocab.PEER_ROLES.items():
            self.role.addItem(label, key)
        self.role.setCurrentIndex(max(self.role.findData(initial.role), 0))
        self.job_title = spell_line(initial.job_title, "Job title")
        self.organisation = spell_line(initial.organisation, "Organisation")
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Role", self.role)
        self.form.addRow("&Job title", self.job_title)
        self.form.addRow("&Organisation", self.organisation)
        self.resize(460, self.sizeHint().height())

    def data(self) -> PeerData:
        return PeerData(
            self.name.text().strip(),
            self.role.currentData(),
            self.job_title.text().strip(),
            self.organisation.text().strip(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        initial: PeerData | None = None,
        save: Callable[[PeerData], object] | None = None,
    ) -> PeerData | None:
        dialog = cls(parent, initial, save)
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None
