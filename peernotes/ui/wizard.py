"""New challenge: council and programme, framework and on-site days, scope, team, then
"who are you?" and where to keep the file (the per-user data folder by default).

The last page can protect the file with a passphrase. The file is then created encrypted
from its first byte (SQLCipher keys the empty file before the schema is written), so no
readable copy of it ever reaches the disk. The passphrase is kept only in memory."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from peernotes.core import encryption, vocab
from peernotes.core.frameworks import (
    DEFAULT_FRAMEWORK,
    FrameworkTemplate,
    builtin_frameworks,
    default_groups,
)
from peernotes.paths import FILE_SUFFIX, challenges_folder
from peernotes.ui.new_challenge import (
    CUSTOM,
    NewChallengeData,
    custom_framework,
    default_path,
)
from peernotes.ui.safety.passphrase_dialog import MIN_LENGTH, new_passphrase_problem


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def _monday_after(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


class ChallengePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("The challenge")
        self.setSubTitle(
            "Which council, what the challenge is called, the framework its feedback follows and the on-site days."
        )
        self.council = QLineEdit()
        self.council.setAccessibleName("Council")
        self.council.setPlaceholderText("e.g. Fernhill Borough Council")
        self.programme_title = QLineEdit()
        self.programme_title.setAccessibleName("Programme title")
        self.programme_title.setPlaceholderText("e.g. Adult Social Care Peer Challenge")
        self.framework = self._framework_box()
        self.framework_info = QLabel()
        self.framework_info.setObjectName("hint")
        self.framework_info.setWordWrap(True)
        self.custom = QPlainTextEdit()
        self.custom.setAccessibleName("Own headings, one per line")
        self.custom.setPlaceholderText("One heading per line")
        self.custom.setTabChangesFocus(True)
        self.custom.setFixedHeight(90)
        self.problem = QLabel()
        self.problem.setObjectName("problemText")  # red in the light or dark set
        self._lay_out(self._date_range())
        self._connect()
        default = self.framework.findData("cfbo-previous")
        self.framework.setCurrentIndex(max(default, 0))
        self._framework_changed()

    @staticmethod
    def _framework_box() -> QComboBox:
        """The built-in frameworks (each with its size as a tooltip), then the team's own."""
        box = QComboBox()
        box.setAccessibleName("Framework")
        for template in builtin_frameworks().values():
            box.addItem(template.name, template.id)
            box.setItemData(
                box.count() - 1,
                f"{len(template.domains)} {template.domain_label.lower()}s, {template.heading_count} headings in all",
                Qt.ItemDataRole.ToolTipRole,
            )
        box.addItem("Our own headings…", CUSTOM)
        return box

    def _date_range(self) -> QHBoxLayout:
        """First and last on-site day, a Monday to Thursday from next week to start with."""
        start = _monday_after(date.today())
        self.start = QDateEdit(QDate(start.year, start.month, start.day))
        self.end = QDateEdit(QDate(start.year, start.month, start.day).addDays(3))
        for edit, name in ((self.start, "First on-site day"), (self.end, "Last on-site day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end)
        dates.addStretch(1)
        return dates

    def _lay_out(self, dates: QHBoxLayout) -> None:
        form = QFormLayout(self)
        form.addRow("&Council", self.council)
        form.addRow("&Programme title", self.programme_title)
        form.addRow("&Framework", self.framework)
        form.addRow("", self.framework_info)
        form.addRow("Own &headings", self.custom)
        dates_label = QLabel("&On-site days")
        dates_label.setBuddy(self.start)
        form.addRow(dates_label, dates)
        form.addRow("", self.problem)
        self._custom_label = form.labelForField(self.custom)

    def _connect(self) -> None:
        self.registerField("council*", self.council)
        self.registerField("programme_title*", self.programme_title)
        for widget in (self.council, self.programme_title):
            widget.textChanged.connect(self.completeChanged)
        self.custom.textChanged.connect(self.completeChanged)
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)
        self.framework.currentIndexChanged.connect(self._framework_changed)
        # Signal to signal, never completeChanged.emit() from Python: PySide6 6.12's
        # SignalInstance.emit() drops a reference to True on every call, and enough of them
        # abort the interpreter ("bool_dealloc").
        for signal in (
            self.start.dateChanged,
            self.end.dateChanged,
            self.framework.currentIndexChanged,
        ):
            signal.connect(self.completeChanged)

    def _dates_changed(self) -> None:
        self.problem.setText(
            "The last on-site day is before the first."
            if self.end.date() < self.start.date()
            else ""
        )

    def _framework_changed(self, *_: Any) -> None:
        key = self.framework.currentData()
        custom = key == CUSTOM
        self.custom.setVisible(custom)
        if self._custom_label:
            self._custom_label.setVisible(custom)
        if custom:
            self.framework_info.setText(
                "Type the headings your feedback will follow, one per line."
            )
        else:
            template = builtin_frameworks()[key]
            names = ", ".join(d.name for d in template.domains[:4])
            more = "…" if len(template.domains) > 4 else ""
            self.framework_info.setText(
                f"{len(template.domains)} {template.domain_label.lower()}s: {names}{more}"
            )

    def isComplete(self) -> bool:  # noqa: N802
        if not self.council.text().strip() or not self.programme_title.text().strip():
            return False
        if self.framework.currentData() == CUSTOM and not _lines(self.custom.toPlainText()):
            return False
        return self.end.date() >= self.start.date()

    def framework_choice(self) -> str | FrameworkTemplate:
        key = self.framework.currentData()
        return custom_framework(_lines(self.custom.toPlainText())) if key == CUSTOM else key


class ScopePage(QWizardPage):
    def __init__(self, challenge: ChallengePage | None = None) -> None:
        super().__init__()
        self.challenge = challenge
        self.setTitle("Scope and stakeholder groups")
        self.setSubTitle(
            "What the council asked the team to look at, the scoping questions, and the groups "
            "of people the team will meet. All can be changed later."
        )
        self.scope = QPlainTextEdit()
        self.scope.setAccessibleName("Scope")
        self.scope.setPlaceholderText("e.g. How well does the council commission care at home?")
        self.scope.setTabChangesFocus(True)
        self.questions = QPlainTextEdit()
        self.questions.setAccessibleName("Scoping questions, one per line")
        self.questions.setPlaceholderText(
            "One question per line, e.g.\nIs the home care market sustainable?"
        )
        self.questions.setTabChangesFocus(True)
        self.groups = QPlainTextEdit()
        self.groups.setAccessibleName("Stakeholder groups, one per line")
        self.groups.setToolTip(
            "The groups of people the team will meet: coverage shows who the team has not yet "
            "heard from. They start as the framework's usual groups; edit them to fit."
        )
        self.groups.setTabChangesFocus(True)
        self._filled_for: tuple[object, str] | None = None  # (framework, text) last filled in
        form = QFormLayout(self)
        form.addRow("&Scope", self.scope)
        form.addRow("Scoping &questions\n(one per line)", self.questions)
        form.addRow("Stakeholder &groups\n(one per line)", self.groups)

    def initializePage(self) -> None:  # noqa: N802
        """The framework's usual groups, unless the team has edited them already."""
        choice = self.challenge.framework_choice() if self.challenge else DEFAULT_FRAMEWORK
        template = builtin_frameworks()[choice] if isinstance(choice, str) else choice
        key = template.id
        if self._filled_for is not None and (
            self._filled_for[0] == key or self.groups.toPlainText() != self._filled_for[1]
        ):
            return
        text = "\n".join(name for name, _ in default_groups(template))
        self.groups.setPlainText(text)
        self._filled_for = (key, text)

    def group_names(self) -> list[str]:
        return list(dict.fromkeys(_lines(self.groups.toPlainText())))


class TeamPage(QWizardPage):
    COLUMNS = ("Name", "Role", "Job title", "Organisation")

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("The team")
        self.setSubTitle(
            "Everyone on the peer team, as the letter will list them. Add the challenge manager too."
        )
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setAccessibleName("Team members")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton("&Add member")
        self.add_button.setToolTip("Add a row for another team member")
        self.remove_button = QPushButton("&Remove member")
        self.remove_button.setToolTip("Remove the selected team member")
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button.clicked.connect(self.remove_member)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(self.completeChanged)
        self.table.model().rowsInserted.connect(self.completeChanged)
        self.table.model().rowsRemoved.connect(self.completeChanged)
        self.add_member(role="lead_peer")
        self.add_member(role="challenge_manager")

    def add_member(
        self,
        name: str = "",
        role: str = "officer_peer",
        job_title: str = "",
        organisation: str = "",
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        combo = QComboBox()
        combo.setAccessibleName("Role")
        for key, label in vocab.PEER_ROLES.items():
            combo.addItem(label, key)
        combo.setCurrentIndex(max(combo.findData(role), 0))
        self.table.setCellWidget(row, 1, combo)
        self.table.setItem(row, 2, QTableWidgetItem(job_title))
        self.table.setItem(row, 3, QTableWidgetItem(organisation))
        self.table.setCurrentCell(row, 0)
        return row

    def remove_member(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_member(
        self, row: int, name: str, role: str, job_title: str = "", organisation: str = ""
    ) -> None:
        while self.table.rowCount() <= row:
            self.add_member()
        for column, text in ((0, name), (2, job_title), (3, organisation)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        combo = self._role_box(row)
        if combo is not None:
            combo.setCurrentIndex(max(combo.findData(role), 0))

    def _role_box(self, row: int) -> QComboBox | None:
        """The row's role chooser (None while add_member builds the row)."""
        combo = self.table.cellWidget(row, 1)
        return combo if isinstance(combo, QComboBox) else None

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def members(self) -> list[dict[str, str]]:
        found = []
        for row in range(self.table.rowCount()):
            name = self._text(row, 0)
            if not name:
                continue
            combo = self._role_box(row)
            found.append(
                {
                    "name": name,
                    "role": combo.currentData() if combo else "officer_peer",
                    "job_title": self._text(row, 2),
                    "organisation": self._text(row, 3),
                }
            )
        return found

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.members())


class YouPage(QWizardPage):
    def __init__(self, team: TeamPage) -> None:
        super().__init__()
        self.team = team
        self.setTitle("Who are you?")
        self.setSubTitle(
            "Everything recorded on this laptop is marked as yours, so notes can be merged later."
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Which team member are you?")
        self.list.currentRowChanged.connect(self.completeChanged)
        self.path = QLineEdit()
        self.path.setAccessibleName("Where to save the challenge file")
        self.path.setToolTip(
            "The challenge is one file; keep it in the PeerNotes folder unless you need it elsewhere"
        )
        browse = QPushButton("Change…")
        browse.setToolTip("Choose another folder or file name")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        reason = challenges_folder().reason  # e.g. Documents is synced to the cloud
        note = QLabel(
            (reason + " " if reason else "")
            + "Every change is saved at once: there is no Save button."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        label = QLabel("&Save the challenge as")
        label.setBuddy(self.path)
        layout.addWidget(label)
        layout.addLayout(where)
        layout.addWidget(note)
        layout.addLayout(self._protection())
        self._path_edited = False
        self.path.textEdited.connect(lambda _t: setattr(self, "_path_edited", True))

    def _protection(self) -> QVBoxLayout:
        """The optional passphrase: a check box, the passphrase twice, and what is wrong."""
        self.protect = QCheckBox("&Protect this file with a passphrase")
        self.protect.setToolTip(
            "Encrypt the file so that no one can read it without the passphrase, "
            "even with the laptop in their hands"
        )
        self.passphrase = self._secret("Passphrase")
        self.repeat = self._secret("Repeat the passphrase")
        self.show_text = QCheckBox("S&how")
        self.show_text.setToolTip("Show what is typed in the passphrase fields")
        self.show_text.toggled.connect(self._show_text)
        fields = QHBoxLayout()
        fields.setContentsMargins(24, 0, 0, 0)
        for caption, widget in (("P&assphrase", self.passphrase), ("&Repeat it", self.repeat)):
            label = QLabel(caption)
            label.setBuddy(widget)
            fields.addWidget(label)
            fields.addWidget(widget, 1)
        fields.addWidget(self.show_text)
        self.protect_hint = QLabel(
            f"At least {MIN_LENGTH} characters. PeerNotes never stores the passphrase: if it "
            "is forgotten, no one can recover the notes, so keep it in your team's password "
            "manager. Backups of the file are protected too."
        )
        self.protect_hint.setObjectName("hint")
        self.protect_hint.setWordWrap(True)
        self.protect_hint.setContentsMargins(24, 0, 0, 0)
        self.protect_problem = QLabel()
        self.protect_problem.setObjectName("formError")
        self.protect_problem.setObjectName("problemText")  # red in the light or dark set
        self.protect_problem.setContentsMargins(24, 0, 0, 0)
        self.protect_problem.setAccessibleName("Passphrase problem")
        if not encryption.available():
            self.protect.setEnabled(False)
            self.protect.setToolTip("Needs the 'sqlcipher3' package, which is not installed")
        for signal in (self.protect.toggled, self.passphrase.textChanged, self.repeat.textChanged):
            signal.connect(self._protection_changed)
            signal.connect(self.completeChanged)  # signal to signal: see ChallengePage
        self.protect.toggled.connect(self._focus_passphrase)
        box = QVBoxLayout()
        box.addWidget(self.protect)
        box.addLayout(fields)
        box.addWidget(self.protect_hint)
        box.addWidget(self.protect_problem)
        self._protection_changed()
        return box

    def _focus_passphrase(self, on: bool) -> None:
        if on:
            self.passphrase.setFocus()

    @staticmethod
    def _secret(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def _show_text(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    def passphrase_problem(self) -> str | None:
        """Why the passphrase cannot be used yet (None when it can, or when not protecting)."""
        if not self.protect.isChecked():
            return None
        if len(self.passphrase.text()) >= MIN_LENGTH and not self.repeat.text():
            return "Type the passphrase again under Repeat it."
        return new_passphrase_problem(self.passphrase.text(), self.repeat.text())

    def _protection_changed(self, *_: Any) -> None:
        on = self.protect.isChecked()
        for widget in (self.passphrase, self.repeat, self.show_text, self.protect_hint):
            widget.setEnabled(on)
        problem = self.passphrase_problem()
        # Nothing typed yet is not a mistake: say nothing until there is something to fix.
        shown = problem if on and (self.passphrase.text() or self.repeat.text()) else ""
        self.protect_problem.setText(shown or "")

    def chosen_passphrase(self) -> str | None:
        return self.passphrase.text() if self.protect.isChecked() else None

    def initializePage(self) -> None:  # noqa: N802
        current = self.list.currentRow()
        self.list.clear()
        for member in self.team.members():
            role = vocab.PEER_ROLES.get(member["role"], member["role"])
            self.list.addItem(QListWidgetItem(f"{member['name']} — {role}"))
        self.list.setCurrentRow(current if 0 <= current < self.list.count() else -1)
        if not self._path_edited:
            self.path.setText(
                str(default_path(self.field("council"), self.field("programme_title")))
            )

    def _browse(self) -> None:
        from peernotes.ui import folders

        start = folders.start_path("new", self.path.text()) if not self._path_edited else ""
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Save the challenge as",
            start or self.path.text(),
            f"PeerNotes challenge (*{FILE_SUFFIX})",
        )
        folders.remember("new", chosen)
        if chosen:
            if not chosen.endswith(FILE_SUFFIX):
                chosen += FILE_SUFFIX
            self.path.setText(chosen)
            self._path_edited = True

    def isComplete(self) -> bool:  # noqa: N802
        return (
            self.list.currentRow() >= 0
            and bool(self.path.text().strip())
            and self.passphrase_problem() is None
        )

    def validatePage(self) -> bool:  # noqa: N802
        path = Path(self.path.text().strip())
        if path.exists():
            self.setSubTitle(f"{path.name} already exists: choose another name.")
            return False
        return True


class NewChallengeWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New challenge")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.challenge = ChallengePage()
        self.scope = ScopePage(self.challenge)
        self.team = TeamPage()
        self.you = YouPage(self.team)
        for page in (self.challenge, self.scope, self.team, self.you):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Create challenge")
        self.resize(780, 460)

    def data(self) -> NewChallengeData:
        start = self.challenge.start.date().toString(Qt.DateFormat.ISODate)
        end = self.challenge.end.date().toString(Qt.DateFormat.ISODate)
        return NewChallengeData(
            council=self.challenge.council.text().strip(),
            programme_title=self.challenge.programme_title.text().strip(),
            framework=self.challenge.framework_choice(),
            onsite_start=start,
            onsite_end=end,
            scope=self.scope.scope.toPlainText().strip(),
            scope_questions=_lines(self.scope.questions.toPlainText()),
            stakeholder_groups=self.scope.group_names() or None,
            peers=self.team.members(),
            me=max(self.you.list.currentRow(), 0),
            path=Path(self.you.path.text().strip()) if self.you.path.text().strip() else None,
            passphrase=self.you.chosen_passphrase(),
        )

    @classmethod
    def get_challenge(cls, parent: QWidget | None = None) -> NewChallengeData | None:
        wizard = cls(parent)
        return wizard.data() if wizard.exec() == QWizard.DialogCode.Accepted else None
