"""The main window: a navigation list that follows the workflow, and a stack of pages.

Pages and menu actions come from feature modules (peernotes.ui.features), so each screen
is one module and the window itself stays small.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from peernotes.paths import APP_NAME
from peernotes.ui.features import Page, feature_modules
from peernotes.ui.opening import open_file
from peernotes.ui.session import Session


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.session: Session | None = None
        self.pages: dict[str, Page] = {}
        self._menus: dict[str, QMenu] = {}
        self.nav = QListWidget()
        self.nav.setAccessibleName("Navigation")
        self.nav.setFixedWidth(180)
        self.stack = QStackedWidget()
        self.welcome = QLabel("Open a challenge file, or start the demo.")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.welcome)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.nav.currentRowChanged.connect(self._show_row)
        for name in ("&File", "&Edit", "&View", "&Tools", "&Help"):
            self.menu(name)
        for module in feature_modules():
            install = getattr(module, "install_actions", None)
            if install:
                install(self)
        self.resize(1200, 800)
        self._update_title()

    def menu(self, name: str) -> QMenu:
        if name not in self._menus:
            self._menus[name] = self.menuBar().addMenu(name)
        return self._menus[name]

    # ------------------------------------------------------------- files
    def open_path(self, path: Path) -> bool:
        cf = open_file(self, path)
        if cf is None:
            return False
        self.set_session(Session(cf, self))
        return True

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.close()
        for page in self.pages.values():
            self.stack.removeWidget(page.widget)
            page.widget.deleteLater()
        self.pages.clear()
        self.nav.clear()
        self.session = session
        if session is not None:
            pages: list[Page] = []
            for module in feature_modules():
                create = getattr(module, "create_pages", None)
                if create:
                    pages.extend(create(session, self))
            for page in sorted(pages, key=lambda p: p.order):
                self.pages[page.key] = page
                self.stack.addWidget(page.widget)
                item = QListWidgetItem(page.title)
                item.setData(Qt.ItemDataRole.UserRole, page.key)
                item.setToolTip(page.tooltip)
                self.nav.addItem(item)
            if pages:
                self.nav.setCurrentRow(0)
        self._update_title()

    def show_page(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)

    def _show_row(self, row: int) -> None:
        if row < 0:
            self.stack.setCurrentWidget(self.welcome)
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        self.stack.setCurrentWidget(self.pages[key].widget)

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            return
        challenge = self.session.cf.challenge()
        name = self.session.cf.path.name if self.session.cf.path else "unsaved"
        self.setWindowTitle(f"{challenge['council']} — {challenge['programme_title']} — {name} — {APP_NAME}")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)
