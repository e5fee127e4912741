"""Opening a challenge file from the window: every refusal becomes a clear message, never a crash.

The main window, the welcome screen and the recent-files menu all open files through
`open_file`, so everything that can stand between a user and their notes is handled here:
the passphrase of a protected file (with retries), a file another window is editing (opened
read-only, with a message), a file copied without its -wal, a damaged file (offer to save
what can be read into a new file, or restore a backup), a sync-client folder (a warning),
the backup before an upgrade and the backup taken on every open.

Questions and messages go through `messages` (a small service) so tests can answer them.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from peernotes import paths
from peernotes.core import backups, bad_text, encryption, locking, privacy, recovery
from peernotes.core.errors import (
    EncryptedFile,
    FileRefused,
    PeerNotesError,
    TooNewFile,
    WrongPassphrase,
)
from peernotes.core.store import ChallengeFile, ReadOnlyCause
from peernotes.ui.dialogs import messages
from peernotes.ui.safety.passphrase_dialog import PassphraseDialog

REFUSED_TITLE = "PeerNotes cannot open this file"


RECOVER = "Save what can be read…"
RESTORE = "Restore a backup…"
EDIT_ANYWAY = "Open for editing anyway"
SAVE_COPY = "Save a copy…"


def open_file(
    parent: QWidget | None, path: Path, *, passphrase: str | None = None
) -> ChallengeFile | None:
    """Open `path` or explain (in a message box) why not. Returns None when not opened."""
    path = Path(path)
    cf = _open_with_passphrase(parent, path, passphrase)
    if cf is None:
        return None
    # Damaged bytes in a value (bit rot, another tool) show as U+FFFD instead of breaking a
    # screen: reading every note costs 1.6x, the screens' own reads (pages, roll-up) no more.
    bad_text.tolerate(cf.conn, on_first=lambda: _tell_damaged_text(parent, path))
    try:
        return _after_open(parent, cf)
    except BaseException:
        cf.close()
        raise


DAMAGED_TEXT_TITLE = "Some text in this file is damaged"


def damaged_text_message(path: Path) -> str:
    return (
        f"Some text in {path.name} could not be read: damaged bytes (a failing disk or "
        f"another program) are shown as {bad_text.REPLACEMENT}. Everything else is intact. "
        "Retype the damaged words to repair them; 'peernotes check' on the file lists "
        "where they are."
    )


def _tell_damaged_text(parent: QWidget | None, path: Path) -> None:
    """Said once per open file, when a screen first reads a damaged value. Queued: this
    runs inside SQLite's read, where a message box must not open."""

    def tell() -> None:
        alive = parent if parent is None or shiboken6.isValid(parent) else None
        messages.error(alive, DAMAGED_TEXT_TITLE, damaged_text_message(path))

    QTimer.singleShot(0, tell)


def _open_with_passphrase(
    parent: QWidget | None, path: Path, passphrase: str | None
) -> ChallengeFile | None:
    wrong = False
    readonly = locking.held_here(path)  # another window of this PeerNotes has it
    accept_missing_wal = False
    while True:
        try:
            cf = ChallengeFile.open(
                path,
                readonly=readonly,
                passphrase=passphrase,
                before_migration=backups.before_migration(passphrase),
                accept_missing_wal=accept_missing_wal,
                check_integrity=True,
                device=paths.device_id(),
            )
        except (EncryptedFile, WrongPassphrase) as error:
            if not encryption.is_encrypted(path) or not encryption.available():
                _refused(parent, path, error)
                return None
            passphrase = PassphraseDialog.unlock(
                parent, path, wrong=wrong or passphrase is not None
            )
            if passphrase is None:
                return None
            wrong = False
            continue
        except FileRefused as error:
            _refused(parent, path, error, passphrase)
            return None
        except PeerNotesError as error:
            messages.error(parent, REFUSED_TITLE, str(error))
            return None
        if readonly and cf.readonly_reason is None:
            cf.readonly_reason = locking.busy_message(path).replace(
                "another PeerNotes window", "another window of this PeerNotes"
            )
        missing_wal = cf.readonly_cause is ReadOnlyCause.MISSING_WAL
        if missing_wal and not accept_missing_wal:
            answer = messages.choose(
                parent,
                "Part of this file may be missing",
                cf.readonly_reason or "",
                [EDIT_ANYWAY],
                "",
            )
            if answer == EDIT_ANYWAY:
                cf.close()
                accept_missing_wal = True
                continue
        elif cf.readonly_cause is ReadOnlyCause.PERMISSIONS:
            return _offer_copy(parent, cf, passphrase)
        elif cf.readonly_reason:
            messages.inform(parent, "Opened read-only", cf.readonly_reason)
        return cf


def _offer_copy(
    parent: QWidget | None, cf: ChallengeFile, passphrase: str | None
) -> ChallengeFile | None:
    """A file that cannot be written (a locked USB stick, a read-only folder): say why and
    offer to keep working on a copy in a writable place."""
    assert cf.path is not None
    reason = cf.readonly_reason or f"{cf.path.name} is read-only."
    answer = messages.choose(parent, "Opened read-only", reason, [SAVE_COPY], "")
    if answer != SAVE_COPY:
        return cf
    target = messages.save_path(parent, "Save a copy as", Path.home() / cf.path.name)
    if target is None:
        return cf
    try:
        backups.save_copy(cf, target)
    except PeerNotesError as error:
        messages.error(parent, "The copy was not saved", str(error))
        return cf
    cf.close()
    return _open_with_passphrase(parent, target, passphrase)


def _after_open(parent: QWidget | None, cf: ChallengeFile) -> ChallengeFile | None:
    assert cf.path is not None
    warning = privacy.sync_warning(cf.path)
    if warning:
        messages.error(parent, "This folder is synced to the cloud", warning)
    if not cf.readonly:
        try:
            backups.backup_if_changed(cf, "open")
        except PeerNotesError as error:
            messages.error(parent, "No backup was made", f"{error} Your work is still saved.")
    return cf


def _refused(
    parent: QWidget | None, path: Path, error: PeerNotesError, passphrase: str | None = None
) -> None:
    """Explain a refusal; offer recovery for a damaged PeerNotes file, and any backups."""
    damaged = (
        path.is_file()
        and recovery.looks_like_ours(path)
        and not isinstance(error, (EncryptedFile, WrongPassphrase))
        and not isinstance(error, TooNewFile)
    )
    if damaged:
        offer_recovery(parent, path, passphrase, str(error))
        return
    has_backups = bool(backups.list_backups(path)) if path.suffix else False
    if has_backups:
        answer = messages.choose(parent, REFUSED_TITLE, str(error), [RESTORE], RESTORE)
        if answer == RESTORE:
            restore_into_new_file(parent, path, passphrase)
        return
    messages.error(parent, REFUSED_TITLE, str(error))


def offer_recovery(parent: QWidget | None, path: Path, passphrase: str | None, why: str) -> None:
    """A damaged file: save what can be read into a new file, or restore a backup."""
    text = (
        f"{path.name} is damaged: {why}\n\nNothing has been changed in it. PeerNotes can copy "
        "every record it can still read into a new file"
        + (", or you can restore one of its backups." if backups.list_backups(path) else ".")
    )
    choices = [RECOVER] + ([RESTORE] if backups.list_backups(path) else [])
    answer = messages.choose(parent, "This challenge file is damaged", text, choices, RECOVER)
    if answer == RESTORE:
        restore_into_new_file(parent, path, passphrase)
    elif answer == RECOVER:
        target = messages.save_path(
            parent, "Save what can be read as", path.with_name(f"{path.stem} (recovered).peernotes")
        )
        if target is None:
            return
        try:
            report = recovery.salvage(path, target, passphrase, device=paths.device_id())
        except PeerNotesError as error:
            messages.error(parent, "Recovery failed", str(error))
            return
        messages.inform(parent, "Recovered", report.summary() + " Open it from File › Open.")


def restore_into_new_file(
    parent: QWidget | None, path: Path, passphrase: str | None
) -> Path | None:
    """Restore a backup of a file that does not open, into a new file beside it."""
    from peernotes.ui.safety.backup_dialog import BackupDialog

    chosen = BackupDialog.choose(parent, path)
    if chosen is None:
        return None
    target = messages.save_path(
        parent, "Restore the backup as", path.with_name(f"{path.stem} (restored).peernotes")
    )
    if target is None:
        return None
    if chosen.encrypted and passphrase is None:
        passphrase = PassphraseDialog.unlock(parent, chosen.path)
        if passphrase is None:
            return None
    try:
        backups.restore(chosen.path, target, passphrase)
    except PeerNotesError as error:
        messages.error(parent, "Restore failed", str(error))
        return None
    messages.inform(
        parent, "Restored", f"The backup was restored as {target.name}. Open it from File › Open."
    )
    return target
