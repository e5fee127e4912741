"""Safety features of the main window: restore from backup, passphrase protection, and
backups taken at intervals while editing.

    File › Restore from backup…      the open file's backups, with dates and counts
    File › Protect with passphrase…  (or Change passphrase… when it is protected)
A QTimer backs the open file up every BACKUP_INTERVAL_MS when something was saved since
the last backup (peernotes.core.backups.backup_if_changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction

from peernotes.core import backups, encryption
from peernotes.core.errors import PeerNotesError
from peernotes.ui import opening
from peernotes.ui.dialogs import messages

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow
    from peernotes.ui.session import Session

BACKUP_INTERVAL_MS = 10 * 60 * 1000


class SafetyActions:
    """The menu actions and the backup timer, attached to one main window."""

    def __init__(self, window: MainWindow):
        self.window = window
        file_menu = window.menu("&File")
        file_menu.addSeparator()
        self.restore_action = QAction("Restore from &backup…", window)
        self.restore_action.setStatusTip("Go back to one of the automatic backups of this file")
        self.restore_action.triggered.connect(self.restore)
        self.protect_action = QAction("Protect with &passphrase…", window)
        self.protect_action.setStatusTip(
            "Encrypt this file so it cannot be read without a passphrase"
        )
        self.protect_action.triggered.connect(self.protect_or_change)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self.protect_action)
        file_menu.aboutToShow.connect(self.update_actions)
        self.timer = QTimer(window)
        self.timer.setInterval(BACKUP_INTERVAL_MS)
        self.timer.timeout.connect(self.backup_now)
        self.timer.start()
        self.update_actions()

    # ------------------------------------------------------------------ state
    def _session(self) -> Session | None:
        return self.window.session

    def update_actions(self) -> None:
        session = self._session()
        cf = session.cf if session is not None and session.cf.path is not None else None
        self.restore_action.setEnabled(cf is not None)
        protected = cf is not None and encryption.passphrase_of(cf.conn) is not None
        self.protect_action.setText(
            "Change &passphrase…" if protected else "Protect with &passphrase…"
        )
        self.protect_action.setEnabled(
            cf is not None and not cf.readonly and encryption.available()
        )

    def backup_now(self) -> None:
        session = self._session()
        if session is None or session.cf.readonly or session.cf.path is None:
            return
        try:
            backups.backup_if_changed(session.cf, "interval")
        except PeerNotesError as error:
            self.window.say(f"Backup failed: {error}", 15)

    # ---------------------------------------------------------------- restore
    def restore(self) -> None:
        session = self._session()
        if session is None or session.cf.path is None:
            return
        path = session.cf.path
        from peernotes.ui.safety.backup_dialog import BackupDialog

        chosen = BackupDialog.choose(self.window, path)
        if chosen is None:
            return
        if session.cf.readonly:
            opening.restore_into_new_file(
                self.window, path, encryption.passphrase_of(session.cf.conn)
            )
            return
        passphrase = encryption.passphrase_of(session.cf.conn)
        self.window.set_session(None)  # close it: the lock and the connection are released
        try:
            backups.restore(chosen.path, path, passphrase if chosen.encrypted else None)
        except PeerNotesError as error:
            messages.error(self.window, "Restore failed", str(error))
        self._reopen(path, passphrase if chosen.encrypted else None)
        messages.inform(
            self.window,
            "Backup restored",
            f"{path.name} now holds the backup of {chosen.describe()}. What it held before "
            "was backed up first: File › Restore from backup… lists it as 'before restoring'.",
        )

    def _reopen(self, path: Path, passphrase: str | None) -> None:
        from peernotes.ui.session import Session

        cf = opening.open_file(self.window, path, passphrase=passphrase)
        if cf is not None:
            self.window.set_session(Session(cf, self.window))

    # ------------------------------------------------------------- passphrase
    def protect_or_change(self) -> None:
        session = self._session()
        if session is None or session.cf.path is None:
            return
        if encryption.passphrase_of(session.cf.conn) is None:
            self.protect(session)
        else:
            self.change(session)

    def protect(self, session: Session) -> None:
        path = session.cf.path
        assert path is not None
        from peernotes.ui.safety.passphrase_dialog import PassphraseDialog

        passphrase = PassphraseDialog.protect(self.window, path)
        if passphrase is None:
            return
        self.window.set_session(None)
        try:
            encryption.encrypt_file(path, passphrase)
        except PeerNotesError as error:
            messages.error(self.window, "Not protected", f"{error}")
            self._reopen(path, None)
            return
        removed = backups.delete_unprotected(path)
        self._reopen(path, passphrase)
        current = self._session()
        if current is not None:
            backups.backup(current.cf, "manual")  # a protected backup to replace the plain ones
        messages.inform(
            self.window,
            "Protected",
            f"{path.name} is now protected: it cannot be read without the passphrase. "
            + (f"Its {removed} unprotected backups were deleted. " if removed else "")
            + "PeerNotes does not keep the passphrase anywhere.",
        )

    def change(self, session: Session) -> None:
        path = session.cf.path
        assert path is not None
        from peernotes.ui.safety.passphrase_dialog import PassphraseDialog

        answer = PassphraseDialog.change(self.window, path)
        if answer is None:
            return
        old, new = answer
        try:
            encryption.change_passphrase(session.cf, old, new)
        except PeerNotesError as error:
            messages.error(self.window, "Passphrase not changed", str(error))
            return
        moved = backups.rekey_backups(path, old, new)
        messages.inform(
            self.window,
            "Passphrase changed",
            f"{path.name} now opens with the new passphrase"
            + (f", and so do its {moved} backups." if moved else "."),
        )


__all__ = ["BACKUP_INTERVAL_MS", "SafetyActions"]
