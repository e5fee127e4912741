"""The main window: the welcome screen when no file is open; otherwise a navigation list that
follows the workflow and a stack of pages, with Edit › Undo/Redo for every edit.

Pages and menu actions come from feature packages (peernotes.ui.features), so each screen is
one module and the window itself stays small. Files are opened through peernotes.ui.opening.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from peernotes.core.changes import Table
from peernotes.core.errors import PeerNotesError
from peernotes.paths import APP_NAME, FILE_SUFFIX
from peernotes.ui import window_menus
from peernotes.ui.dialogs import messages
from peernotes.ui.features import Page, features
from peernotes.ui.menus import fill_recent_menu
from peernotes.ui.page_header import ensure_header
from peernotes.ui.status_line import StatusLine
from peernotes.ui.welcome import WelcomeScreen
from peernotes.ui.window_settings import (
    fit_to_screen,
    forget_recent_files,
    recent_files,
    remember_file,
    restore_geometry,
    save_geometry,
    settings,
)
from peernotes.ui.workspace import Ref, SavesPending, StopsWork, TakesFocus, go_to

if TYPE_CHECKING:  # the store loads after the window's first paint (ui/startup.py)
    from peernotes.core.store import Change
    from peernotes.ui.about_dialog import AboutDialog
    from peernotes.ui.letter.presenter import Presentation
    from peernotes.ui.safety.actions import SafetyActions
    from peernotes.ui.session import Session
    from peernotes.ui.single_instance import InstanceServer


class MainWindow(QMainWindow):
    """`defer_features=True` builds only the shell (welcome screen, navigation, the menu bar's
    titles) so it can paint at once; `install_features()` must then follow (ui/app.py)."""

    # Set by the modules that own them (ui/app.py, the feature packages, Help › About).
    instance_server: InstanceServer
    safety: SafetyActions
    print_action: QAction
    deck_export_action: QAction
    present_action: QAction
    presentation: Presentation | None
    about_dialog: AboutDialog
    written_twice: QWidget  # Tools › Meetings written up twice… (ui/synthesis)
    # The window's own menu items (ui/window_menus.py builds them).
    recent_menu: QMenu
    demo_action: QAction
    details_action: QAction
    who_action: QAction
    close_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction

    def __init__(self, *, defer_features: bool = False) -> None:
        super().__init__()
        self.session: Session | None = None
        self.pages: dict[str, Page] = {}
        self._placeholders: dict[str, QWidget] = {}  # pages not built yet
        self._menus: dict[str, QMenu] = {}
        self.undo_group = QUndoGroup(self)

        self.welcome = WelcomeScreen()
        self.welcome.setObjectName("welcomePage")
        self.welcome.new_requested.connect(self.new_challenge)
        self.welcome.open_requested.connect(self.open_dialog)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_chosen.connect(lambda path: self.open_path(Path(path)))
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Navigation")
        self.nav.setToolTip("Screens, in the order of the work (Alt+1, Alt+2 …)")
        self.nav.setFixedWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        self.stack = QStackedWidget()
        self.workspace = QWidget()
        self.workspace.setObjectName("workspace")
        self.workspace.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.workspace)
        self.setCentralWidget(self.central)
        self.nav.currentRowChanged.connect(self._show_row)

        self.status_line = StatusLine(self.statusBar())
        self.peer_label = self.status_line.peer_label
        self.saved_label = self.status_line.saved_label
        self.file_label = self.status_line.file_label
        for name in ("&File", "&Edit", "&View", "&Tools", "&Help"):
            self.menu(name)
        self.page_actions: list[QAction] = []
        self.needs_no_file: set[QAction] = set()
        self._features_installed = False
        if not defer_features:
            self.install_features()
        fit_to_screen(self)
        restore_geometry(self)
        self.set_session(None)

    def install_features(self) -> None:
        """The menus' items: the window's own and the features'. run_app calls it right
        after the first paint (importing the feature packages would delay that paint); it
        runs once, and before any file opens."""
        if self._features_installed:
            return
        self._features_installed = True
        window_menus.build_file_menu(self)
        window_menus.build_edit_menu(self)
        for feature in features():
            feature.install_actions(self)
        window_menus.finish_file_menu(self)
        window_menus.build_help_menu(self)
        self.needs_no_file = window_menus.file_free_actions(self)
        window_menus.enable_file_actions(self, self.session is not None)

    def menu(self, name: str) -> QMenu:
        if name not in self._menus:
            self._menus[name] = self.menuBar().addMenu(name)
        return self._menus[name]

    def menus(self) -> dict[str, QMenu]:
        """The menu bar's menus by title, in the order they were made."""
        return dict(self._menus)

    # ---------------------------------------------------------------- files
    def new_challenge(self) -> None:
        from peernotes.ui.new_challenge import create_challenge_file
        from peernotes.ui.session import Session
        from peernotes.ui.wizard import NewChallengeWizard

        data = NewChallengeWizard.get_challenge(self)
        if data is None:
            return
        try:
            cf = create_challenge_file(data)
        except PeerNotesError as error:
            messages.error(self, "Challenge not created", str(error))
            return
        self.set_session(Session(cf, self))

    def open_dialog(self) -> None:
        from peernotes.ui import folders

        start = str(folders.start_folder("open"))
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a challenge", start, f"PeerNotes challenges (*{FILE_SUFFIX});;All files (*)"
        )
        if path:
            folders.remember("open", path)
            self.open_path(Path(path))

    def open_demo(self) -> bool:
        from peernotes.ui.app import ensure_demo

        try:
            path = ensure_demo()
        except PeerNotesError as error:
            messages.error(self, "Demo not available", str(error))
            return False
        return self.open_path(path)

    def open_path(self, path: Path) -> bool:
        if self._is_open_here(path):  # File › Open recent on the file already open here
            self.central.setCurrentWidget(self.workspace)
            self.say(f"{Path(path).name} is already open in this window.", 5)
            return True
        from peernotes.ui.opening import open_file
        from peernotes.ui.session import Session

        cf = open_file(self, path)
        if cf is None:
            return False
        self.set_session(Session(cf, self))
        return True

    def show_handed_over(self, path: Path) -> None:
        """A file double-clicked while PeerNotes runs: shown here, the window brought forward
        (the challenge already open here is only brought forward, see open_path)."""
        self.open_path(path)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def _is_open_here(self, path: Path) -> bool:
        if self.session is None or self.session.cf.path is None:
            return False
        try:
            return Path(path).resolve() == Path(self.session.cf.path).resolve()
        except OSError:
            return False

    def close_challenge(self) -> None:
        settings().remove("last_file")  # closed on purpose: the next launch starts at Welcome
        self.set_session(None)

    def set_session(self, session: Session | None) -> None:
        self._flush_pages()
        old = self.session
        # Hide the workspace first: removing the current page makes the stack show the next
        # one, and each would rebuild itself from a file that is about to close.
        self.central.setCurrentWidget(self.welcome)
        self._remove_pages()
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.close()
            old.deleteLater()
        self.session = session
        if session is not None:
            self._attach(session)
        else:
            self.welcome.set_recent(self.recent_files())
            self.welcome.focus_default()
            self._set_saved_text("", False)
        window_menus.rebuild_view_menu(self)
        window_menus.enable_file_actions(self, session is not None)
        self._update_title()
        self._update_peer()

    def _remove_pages(self) -> None:
        """The closing file's pages (built or not) leave the stack and the navigation."""
        for page in self.pages.values():
            if page.built:
                self.stack.removeWidget(page.widget)
                page.widget.deleteLater()
        for placeholder in self._placeholders.values():
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self._placeholders.clear()
        self.pages.clear()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)

    def _attach(self, session: Session) -> None:
        """An opened file: its undo stack, its save state, its pages, the first one showing."""
        self.install_features()
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.changed.connect(self._saved)
        session.error.connect(self._save_failed)
        self._add_pages(session)
        self.central.setCurrentWidget(self.workspace)
        if self.nav.count():
            self.nav.setCurrentRow(0)
        if session.cf.path is not None:
            self._remember(session.cf.path)
        if session.cf.peer_id is None and not session.cf.readonly:
            self.choose_peer()
        self._set_saved_text("All changes saved" if not session.cf.readonly else "Read-only", False)
        self._announce_draft()

    def _add_pages(self, session: Session) -> None:
        """Every feature's pages, in workflow order; a page built on first use waits behind a
        placeholder (see _put_in_place)."""
        pages: list[Page] = []
        for feature in features():
            pages.extend(feature.create_pages(session, self))
        for page in sorted(pages, key=lambda p: p.order):
            self.pages[page.key] = page
            if page.built:
                ensure_header(page.widget, page.title, page.tooltip)
                self.stack.addWidget(page.widget)
            else:
                self._placeholders[page.key] = placeholder = QWidget()
                self.stack.addWidget(placeholder)
                page.on_built = self._put_in_place
            item = QListWidgetItem(page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setToolTip(page.tooltip)
            self.nav.addItem(item)

    def _announce_draft(self) -> None:
        """A note restored after a crash is said in the status bar and marked on Capture's
        entry, whichever page is showing (it used to be found only by going to Capture)."""
        from peernotes.ui.recording.capture import DRAFT_RESTORED, CapturePane

        page = self.pages.get("capture")
        widget = page.widget if page is not None and page.built else None
        if page is None or not isinstance(widget, CapturePane) or not widget.restored_draft:
            return
        self.say(f"{DRAFT_RESTORED} It is in Capture (Alt+2).", 0)
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == "capture":
                item.setText(f"{page.title} ✎")
                item.setToolTip(f"{page.tooltip}\n{DRAFT_RESTORED}")

    def reopen_last(self) -> bool:
        """At launch: the file open when PeerNotes last closed, on the page that was showing.
        A file no longer there is left to the welcome screen's recent list, without a word."""
        store = settings()
        last = store.value("last_file")
        if not last or not Path(str(last)).is_file():
            return False
        page = store.value("last_page")
        if not self.open_path(Path(str(last))):
            return False
        if isinstance(page, str) and page in self.pages:
            self.show_page(page)
        return True

    def _put_in_place(self, page: Page) -> None:
        """A page built on first use takes its placeholder's place in the stack."""
        placeholder = self._placeholders.pop(page.key)
        ensure_header(page.widget, page.title, page.tooltip)
        current = self.stack.currentWidget() is placeholder
        self.stack.insertWidget(self.stack.indexOf(placeholder), page.widget)
        if current:
            self.stack.setCurrentWidget(page.widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()

    def _flush_pages(self) -> None:
        """Pages save what is pending (typed text), then stop any background work."""
        built = [page.widget for page in self.pages.values() if page.built]
        for widget in built:
            if isinstance(widget, SavesPending):
                widget.flush()
        for widget in built:
            if isinstance(widget, StopsWork):
                widget.shutdown()

    def show_page(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)

    def page_widget(self, key: str) -> QWidget | None:
        page = self.pages.get(key)
        return page.widget if page else None

    def current_finding_id(self) -> str | None:
        """The finding selected on the Findings page, if that page has been opened."""
        from peernotes.ui.synthesis.findings_page import FindingsPage  # built on first use

        page = self.pages.get("findings")
        if page is None or not page.built or not isinstance(page.widget, FindingsPage):
            return None
        return page.widget.current_id

    def go_to(self, ref: Ref) -> bool:
        """Show a record where it is listed (Go to from the letter, roll-up, coverage…)."""
        return go_to(self, ref)

    def capture_in(self, meeting_id: str) -> None:
        """Go to the capture pane, writing in this meeting."""
        from peernotes.ui.recording.capture import CapturePane  # built when the file opened

        pane = self.page_widget("capture")
        if not isinstance(pane, CapturePane):
            return
        self.show_page("capture")
        pane.set_meeting(meeting_id)
        pane.focus_editor()

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        if key not in self.pages:
            return
        self.stack.setCurrentWidget(self.pages[key].widget)
        settings().setValue("last_page", key)  # relaunch comes back here
        if isinstance(widget := self.pages[key].widget, TakesFocus):
            widget.focus_editor()

    def edit_challenge(self) -> None:
        from peernotes.ui.dialogs.challenge import edit_challenge_details

        if self.session is not None:
            edit_challenge_details(self, self.session)
            self._update_title()

    # ---------------------------------------------------------- who is editing
    def choose_peer(self) -> None:
        from peernotes.ui.dialogs.who_are_you import WhoAreYouDialog

        if self.session is None:
            return
        cf = self.session.cf
        from peernotes.core.records import read_models

        peer_id = WhoAreYouDialog.ask(self, read_models.team_members(cf), cf.peer_id)
        if peer_id:
            try:
                cf.set_current_peer(peer_id)
            except PeerNotesError as error:
                self._save_failed(str(error))
        self._update_peer()

    def _update_peer(self) -> None:
        if self.session is None:
            self.peer_label.setText("")
            return
        from peernotes.core.records import read_models

        peer = read_models.peer(self.session.cf, self.session.cf.peer_id)
        self.peer_label.setText(
            f"Recording as {peer.name}" if peer else "Recording as: not chosen (File › Who am I…)"
        )

    # ------------------------------------------------------------ save state
    def _saved(self, change: Change | None = None) -> None:
        self._set_saved_text("✓ Saved", False)
        if change is not None and change.touches(Table.PEER):
            self._update_peer()  # the current peer's name may have been edited

    def set_saving(self, pending: bool) -> None:
        """Typed text waiting for its debounced save."""
        self.status_line.set_saving(pending)

    def _save_failed(self, message: str) -> None:
        self._set_saved_text(f"Not saved: {message}", True)
        self.say(message, 15)

    def say(self, text: str, seconds: float = 8) -> None:
        """A passing note in the status bar (Workspace.say): pages report through this."""
        self.status_line.say(text, seconds)

    def _set_saved_text(self, text: str, problem: bool) -> None:
        self.status_line.set_saved_text(text, problem)

    def _update_title(self) -> None:
        """Short enough for a laptop's taskbar: council — programme — PeerNotes; the file's
        name is in the status bar, its full path in that label's tooltip."""
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            self.status_line.show_file("", "")
            return
        from peernotes.core.records.read_models import current_challenge

        cf = self.session.cf
        about = current_challenge(cf)
        readonly = " (read-only)" if cf.readonly else ""
        self.setWindowTitle(f"{about.council} — {about.programme_title}{readonly} — {APP_NAME}")
        path = str(cf.path) if cf.path else "not saved to a file"
        self.status_line.show_file(cf.path.name if cf.path else "unsaved", path)

    # ---------------------------------------------------------- recent files
    def recent_files(self) -> list[str]:
        return recent_files()

    def _remember(self, path: Path) -> None:
        remember_file(path)
        self.update_recent_menu()

    def update_recent_menu(self) -> None:
        fill_recent_menu(self.recent_menu, self.recent_files(), self.open_path, self._clear_recent)

    def _clear_recent(self) -> None:
        forget_recent_files()
        self.update_recent_menu()
        if self.session is None:
            self.welcome.set_recent([])

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        save_geometry(self)
        self.set_session(None)
        super().closeEvent(event)

    # ------------------------------------------------------------------ help
    def show_shortcuts(self) -> None:
        from peernotes.ui.widgets.note_keys import shortcuts_html

        messages.inform(self, "Keyboard shortcuts", shortcuts_html())

    def show_about(self) -> None:
        """Non-blocking (open, not exec), so a test or a screenshot can look at it."""
        from peernotes.ui.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self)
        self.about_dialog.open()
