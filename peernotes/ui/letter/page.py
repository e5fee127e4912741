"""The Letter page: the letter's settings, the composer (outline beside a preview), the
findings with their evidence, and the exports.

File › Export letter… builds the letter, runs the non-attribution guard, and -- only when
nothing is found or the user has allowed each item -- writes the .docx, with a progress
indicator and "Open" when done. File › Export evidence report… writes the internal report.
Every settings edit goes through run_undoable, so Edit › Undo takes it back.

Tests answer the dialogs through the module functions `ask_save_path`, `show_done` and
`GuardDialog.review`, which return plain data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import attribution, letter_settings
from peernotes.core.attribution import NameHit
from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError
from peernotes.core.letter import Letter, build_letter
from peernotes.core.records import read_models
from peernotes.core.store import DB_ERRORS, Change
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.busy import write_with_progress
from peernotes.ui.letter.composer import LetterComposer
from peernotes.ui.letter.findings_tab import FindingsTab
from peernotes.ui.letter.guard import GuardDialog
from peernotes.ui.operations import letter as letter_ops
from peernotes.ui.session import Session
from peernotes.ui.workspace import Ref, Workspace

Index = QModelIndex | QPersistentModelIndex
_SETTINGS_TABLES = (
    Table.SETTING,
    Table.CHALLENGE,
    Table.PEER,
    Table.HEADING,
    Table.FRAMEWORK,
    Table.LETTER_SECTION,
    Table.LETTER_BLOCK,
)
_LETTER_TABLES = (
    *_SETTINGS_TABLES,
    Table.FINDING,
    Table.FINDING_EVIDENCE,
    Table.RECOMMENDATION_GROUP,
    Table.OBSERVATION,
    Table.DOCUMENT,
    Table.MEETING,
    Table.MEETING_PERSON,
    Table.PERSON,
    Table.STAKEHOLDER_GROUP,
    Table.FEEDBACK_SNAPSHOT,
)


# ----------------------------------------------------------------- dialogs (patchable)
def ask_save_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    """Ask where to save a .docx; None when the user cancels."""
    from peernotes.ui import folders

    start = folders.start_path("export", suggested)
    name, _ = QFileDialog.getSaveFileName(parent, title, start, "Word document (*.docx)")
    if not name:
        return None
    folders.remember("export", name)
    path = Path(name)
    return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")


def show_done(parent: QWidget | None, title: str, path: Path) -> bool:
    """Say where the file went and offer to open it. Returns True if the user chose Open."""
    box = QMessageBox(QMessageBox.Icon.Information, title, f"Saved to {path}", parent=parent)
    open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(open_button)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return True
    return False


# ---------------------------------------------------------------------- the page
class LetterPage(QWidget):
    """Settings form (left), outline with evidence badges and notes (right), export buttons."""

    def __init__(self, session: Session, window: Workspace | None = None):
        super().__init__()
        self.session = session
        self.window_ = window
        self.editors: dict[str, QWidget] = {}
        self.reset_buttons: dict[str, QToolButton] = {}
        self._loading = False
        self._dirty = False
        self._pending: set[str] = set()
        self._save_timer = QTimer(self, singleShot=True, interval=700)
        self._save_timer.timeout.connect(self.flush)
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self.refresh)

        top, form = self._top_row(), self._settings_form()  # first: the tab order follows
        self.tabs = QTabWidget()
        self.composer = LetterComposer(session, self)
        self.findings_tab = FindingsTab(
            session, lambda finding_id: self._go_to_record("finding", finding_id, None)
        )
        self.outline_model, self.outline = self.findings_tab.model, self.findings_tab.view
        self.notes, self.feedback_changes = (
            self.findings_tab.notes,
            self.findings_tab.feedback_changes,
        )
        self.tabs.setAccessibleName("Letter outline and preview, or findings and evidence")
        self.tabs.addTab(self.composer, "Outline and preview")
        self.tabs.addTab(self.findings_tab, "Findings and evidence")
        splitter = QSplitter()
        splitter.addWidget(form)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        session.changed.connect(self._on_change)
        self.refresh()

    def _top_row(self) -> QHBoxLayout:
        """The page's title and its two export buttons."""
        self.export_button = QPushButton("Export letter…")
        self.export_button.setToolTip(
            "Check for names, then write the summary letter as a Word document"
        )
        self.report_button = QPushButton("Evidence report…")
        self.report_button.setToolTip(
            "Write the internal evidence report (names allowed; not for publication)"
        )
        self.export_button.clicked.connect(self.export_letter)
        self.report_button.clicked.connect(self.export_evidence_report)
        top = QHBoxLayout()
        heading = QLabel("<b>Summary letter</b> – settings and export")
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.report_button)
        top.addWidget(self.export_button)
        return top

    def _settings_form(self) -> QScrollArea:
        """The letter settings, one group box per group, in a scroll area."""
        form_host = QWidget()
        form_layout = QVBoxLayout(form_host)
        hint = QLabel(
            "Edits are saved as you type (Edit › Undo takes them back). In the paragraphs, "
            "{council}, {programme}, {document}, {feedback_date} and {framework} are filled in "
            'when the letter is exported; **bold**, *italic*, ""a quote"", lines starting '
            "'- ' (a nested list) and 'a) ' (a lettered list) print as such. ↺ goes back to "
            "PeerNotes' wording or the default."
        )
        hint.setWordWrap(True)
        form_layout.addWidget(hint)
        groups: dict[str, QFormLayout] = {}
        for spec in letter_settings.FIELDS:
            if spec.group not in groups:
                box = QGroupBox(spec.group)
                groups[spec.group] = QFormLayout(box)
                groups[spec.group].setFieldGrowthPolicy(
                    QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
                )
                # On a laptop the settings get a third of the width: a field too narrow
                # beside its label goes under it, rather than off the edge of the pane.
                groups[spec.group].setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
                form_layout.addWidget(box)
            label = QLabel(spec.label)
            label.setWordWrap(True)  # "Number the recommendations (1, 2, 3 … through the
            editor = self._editor(spec)  # letter)" would otherwise set the pane's width
            label.setBuddy(editor)
            groups[spec.group].addRow(label, editor)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Letter settings")
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        return scroll

    # ------------------------------------------------------------------ editors
    def _editor(self, spec: letter_settings.Field) -> QWidget:
        name = spec.name
        if spec.kind == "choice":
            combo = QComboBox()
            combo.addItems(list(spec.choices))
            combo.setEditable(spec.free)
            combo.currentTextChanged.connect(lambda _t, n=name: self._edited(n, now=True))
            editor: QWidget = combo
        elif spec.kind == "date":
            editor = QDateEdit()
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("d MMMM yyyy")
            editor.dateChanged.connect(lambda _d, n=name: self._edited(n, now=True))
        elif spec.kind == "flag":
            editor = QCheckBox()
            editor.toggled.connect(lambda _c, n=name: self._edited(n, now=True))
        elif spec.kind == "line":
            editor = QLineEdit()
            editor.textEdited.connect(lambda _t, n=name: self._edited(n))
            editor.editingFinished.connect(self.flush)
        elif spec.kind == "list":
            editor = QListWidget()
            editor.setMaximumHeight(90)
            editor.setToolTip("Select an item and press Delete to stop allowing it")
            remove = QAction("Stop allowing", editor)
            remove.setShortcut(QKeySequence.StandardKey.Delete)
            remove.triggered.connect(self._disallow_selected)
            editor.addAction(remove)
            editor.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        else:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            from peernotes.ui.spelling import attach as spell_check

            spell_check(editor)  # the letter's own words: British spelling, as typed
            editor.setMinimumHeight(64 if spec.kind == "lines" else 84)
            editor.setMaximumHeight(140)
            editor.textChanged.connect(lambda n=name: self._edited(n))
        editor.setObjectName(f"letter_{name}")
        editor.setAccessibleName(spec.label)
        if spec.help:
            editor.setToolTip(spec.help)
        self.editors[name] = editor
        if spec.kind in ("line", "text", "lines"):
            host = QWidget()
            row = QHBoxLayout(host)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(editor, 1)
            reset = QToolButton()
            reset.setText("↺")
            reset.setToolTip(
                "Go back to the default (PeerNotes' wording, or what the file suggests)"
            )
            reset.setAccessibleName(f"Reset {spec.label} to the default")
            reset.clicked.connect(lambda _c=False, n=name: self.reset(n))
            self.reset_buttons[name] = reset
            row.addWidget(reset, 0, Qt.AlignmentFlag.AlignTop)
            return host
        return editor

    def _value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QDateEdit):
            return editor.date().toString("yyyy-MM-dd")
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return None

    def _show(self, name: str, value: Any, is_default: bool, default: Any) -> None:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(value))
        elif isinstance(editor, QDateEdit):
            date = QDate.fromString(str(value or ""), "yyyy-MM-dd")
            editor.setDate(date if date.isValid() else QDate.currentDate())
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QListWidget):
            editor.clear()
            editor.addItems([str(v) for v in value or []])
        elif isinstance(editor, QLineEdit):
            if editor.text() != str(value or ""):
                editor.setText(str(value or ""))
            editor.setPlaceholderText(str(default or ""))
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != str(value or ""):
                editor.setPlainText(str(value or ""))
        if name in self.reset_buttons:
            self.reset_buttons[name].setEnabled(not is_default)

    def _edited(self, name: str, *, now: bool = False) -> None:
        if self._loading:
            return
        self._pending.add(name)
        if now:
            self.flush()
        else:
            self._save_timer.start()

    def flush(self) -> bool:
        """Save every edited field now (one undoable step). False if a save failed."""
        self._save_timer.stop()
        names, self._pending = sorted(self._pending), set()
        if not names:
            return True
        try:
            letter_ops.save_settings(self.session, {n: self._value(n) for n in names})
        except PeerNotesError as error:
            messages.error(self, "Letter settings not saved", str(error))
            return False
        for name in names:
            if name in self.reset_buttons:
                self.reset_buttons[name].setEnabled(True)
        return True

    def reset(self, name: str) -> None:
        self._pending.discard(name)
        try:
            letter_ops.reset_setting(self.session, name)
        except PeerNotesError as error:
            messages.error(self, "Letter settings not saved", str(error))
        self.load_settings(force=True)

    def _disallow_selected(self) -> None:
        editor = self.editors["allowed_names"]
        assert isinstance(editor, QListWidget)
        items = [i.text() for i in editor.selectedItems()]
        if items:
            letter_ops.disallow_names(self.session, items)

    def focus_field(self, name: str) -> None:
        editor = self.editors.get(name)
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----------------------------------------------------------------- refresh
    def _on_change(self, change: Change) -> None:
        if change.touches(*_LETTER_TABLES):
            self._dirty = True
            if self.isVisible():
                self._refresh_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._dirty:
            self._refresh_timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._refresh_timer.stop()  # refreshed when shown again; never after the file closes
        try:
            self.flush()
        except DB_ERRORS:  # the window is closing and the file already closed
            self._pending.clear()
        super().hideEvent(event)

    def load_settings(self, *, force: bool = False) -> None:
        """Show the stored settings; a field being typed in keeps the user's text."""
        settings = letter_settings.load(self.session.cf)
        defaults = letter_settings.defaults(self.session.cf)
        focused = QApplication.focusWidget()
        self._loading = True
        try:
            for spec in letter_settings.FIELDS:
                editor = self.editors[spec.name]
                if not force and (spec.name in self._pending or editor is focused):
                    continue
                self._show(
                    spec.name,
                    settings.values[spec.name],
                    settings.is_default(spec.name),
                    defaults.get(spec.name),
                )
        finally:
            self._loading = False

    def refresh(self) -> None:
        self._dirty = False
        self.load_settings()
        cf = self.session.cf
        letter = build_letter(cf)
        from peernotes.core.triangulation import assess_all

        badges = assess_all(cf)
        self.findings_tab.refresh(letter, badges)
        self.composer.refresh(letter)

    # ----------------------------------------------------------------- exports
    def _suggested(self, what: str) -> Path:
        challenge = read_models.current_challenge(self.session.cf)
        settings = letter_settings.load(self.session.cf)
        stem = f"{challenge.council} {challenge.programme_title} {what or settings.document_type}"
        stem = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", stem)
        stem = " ".join(stem.split())[:120] or "letter"
        folder = self.session.cf.path.parent if self.session.cf.path else Path.home()
        return folder / f"{stem}.docx"

    def export_letter(self) -> Path | None:
        """The whole export: save pending edits, build, guard, ask where, write, offer Open."""
        if not self.flush():
            return None
        cf = self.session.cf
        letter = build_letter(cf)
        hits = attribution.scan(cf, letter)
        if hits:
            decision = GuardDialog.review(self, hits)
            if decision.allowed:
                letter_ops.allow_names(self.session, [hit.matched for hit in decision.allowed])
            if decision.action == "goto" and decision.goto is not None:
                self.go_to(decision.goto)
                return None
            if decision.action != "export":
                return None
            letter = build_letter(cf)
            remaining = attribution.scan(cf, letter)
            if remaining:  # something changed meanwhile: never write past the guard
                messages.error(self, "Letter not exported", attribution.report(remaining))
                return None
        if not self._weak_findings_checked():
            return None
        target = ask_save_path(self, "Export the summary letter", self._suggested(""))
        if target is None:
            return None
        written = write_with_progress(
            self, "Writing the letter…", lambda: _write_letter(letter, target)
        )
        if written is not None:
            show_done(self, "Letter exported", written)
        return written

    def _weak_findings_checked(self) -> bool:
        """Ask once about single-source and unevidenced findings; True to go on exporting."""
        from peernotes.core.weak_findings import weak_findings
        from peernotes.ui.synthesis.weak_findings_dialog import WeakFindingsDialog

        decision = WeakFindingsDialog.review(self, weak_findings(self.session.cf), "letter")
        if decision.action == "goto" and decision.finding_id:
            self._go_to_record("finding", decision.finding_id, None)
        return decision.action == "export"

    def export_evidence_report(self) -> Path | None:
        if not self.flush():
            return None
        target = ask_save_path(
            self, "Export the evidence report (internal)", self._suggested("Evidence report")
        )
        if target is None:
            return None
        cf = self.session.cf
        written = write_with_progress(
            self, "Writing the evidence report…", lambda: _write_report(cf, target)
        )
        if written is not None:
            show_done(self, "Evidence report exported (internal – not for publication)", written)
        return written

    # ---------------------------------------------------------------- navigation
    def go_to(self, hit: NameHit) -> None:
        source = hit.source
        if source is None:
            return
        self._go_to_record(source.table, source.row_id, source.field)

    def _go_to_record(self, table: str | None, row_id: str | None, field_name: str | None) -> None:
        window = self.window_
        if table == "setting" and row_id:
            if window is not None:
                window.show_page("letter")
            self.focus_field(row_id)
            return
        if window is not None and table and row_id:
            window.go_to(Ref(table, row_id))


def _write_letter(letter: Letter, target: Path) -> Path:
    from peernotes.export.docx_letter import export_letter

    return export_letter(letter, target)


def _write_report(cf, target: Path) -> Path:
    from peernotes.export.evidence_report import export_evidence_report

    return export_evidence_report(cf, target)


# --------------------------------------------------------------------- plug-in
