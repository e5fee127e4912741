"""Automatic backups: consistent copies of a challenge file in the per-user data folder.

Copies are made with SQLite's online backup API from an open connection, which sees exactly
the committed state -- main file plus -wal -- at one instant. (Copying a live WAL database
with a file copy can capture the main file and its -wal at different moments: a corrupt copy.)
Each backup is a self-contained single file (rollback journal mode, no -wal), owner-only, and
a protected file's backups are protected with the same passphrase.

Layout: backups/<file stem> <hash of its full path>/<UTC time>_<reason>.peernotes, each with a
small <backup>.json beside it (when, why, counts of records) so the restore list can show
dates and counts without the passphrase. Rotation keeps the last KEEP_RECENT backups, the
newest of each day for KEEP_DAYS days, and the last KEEP_SAFETY taken before risky
operations (merge, migration, restore).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from peernotes import paths
from peernotes.core import encryption, failures, locking
from peernotes.core.errors import FileRefused, PeerNotesError
from peernotes.core.files import all_companions, replace_closed_database
from peernotes.core.privacy import create_private_file, make_private
from peernotes.core.store import DB_ERRORS, ChallengeFile

KEEP_RECENT = 10
KEEP_DAYS = 30
KEEP_SAFETY = 5
SAFETY_REASONS = ("before-merge", "before-migration", "before-restore", "before-recovery")
COUNTED = ("observation", "meeting", "person", "document", "finding")
SUFFIX = ".peernotes"


class BackupFailed(PeerNotesError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime  # UTC
    reason: str
    source: str  # the challenge file it was taken from
    counts: dict[str, int] = field(default_factory=dict)
    encrypted: bool = False
    size: int = 0

    @property
    def observations(self) -> int | None:
        return self.counts.get("observation")

    def describe(self) -> str:
        """'Tue 10 Nov 2026 14:05 · 312 observations · on open' in local time."""
        local = self.created.astimezone()
        parts = [local.strftime("%a %d %b %Y %H:%M")]
        if self.observations is not None:
            parts.append(f"{self.observations} observation{'s' if self.observations != 1 else ''}")
        parts.append(REASON_LABELS.get(self.reason, self.reason))
        return " · ".join(parts)


REASON_LABELS = {
    "open": "when opened",
    "interval": "while editing",
    "manual": "made by hand",
    "before-merge": "before a merge",
    "before-migration": "before an upgrade",
    "before-restore": "before restoring a backup",
    "before-recovery": "before a recovery",
    "before-protect": "before protecting with a passphrase",
}


# ------------------------------------------------------------------ where
def folder_for(source: Path, *, create: bool = True) -> Path:
    """The backup folder of one challenge file (by its full path: two files never mix)."""
    source = Path(source).resolve()
    digest = hashlib.sha256(os.path.normcase(str(source)).encode("utf-8")).hexdigest()[:10]
    stem = (
        "".join(c if c.isalnum() or c in " -_." else "_" for c in source.stem)[:60] or "challenge"
    )
    root = paths.backups_dir()
    _private_folder(root)
    folder = root / f"{stem} {digest}"
    if not create:
        return folder
    folder.mkdir(exist_ok=True)
    _private_folder(folder)
    return folder


def _private_folder(folder: Path) -> None:
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass


# ------------------------------------------------------------------ taking
def backup(cf: ChallengeFile, reason: str = "manual") -> Path:
    """A consistent copy of an open challenge file; returns the backup's path."""
    if cf.path is None:
        raise BackupFailed("An unsaved (in-memory) challenge has no file to back up.")
    passphrase = encryption.passphrase_of(cf.conn)
    target = _new_backup_path(cf.path, reason)
    _copy_into(cf.conn, target, passphrase)
    _write_manifest(target, cf.path, reason, passphrase, _hlc(cf.conn), _counts(cf.conn))
    rotate(cf.path)
    return target


def save_copy(cf: ChallengeFile, target: Path) -> Path:
    """A complete copy of an open (e.g. read-only) challenge at `target`, protected with the
    same passphrase: how a user keeps working on a file from a write-protected drive."""
    target = Path(target)
    if target.exists():
        raise BackupFailed(f"{target} already exists; PeerNotes will not overwrite it.")
    _copy_into(cf.conn, target, encryption.passphrase_of(cf.conn))
    return target


def backup_file(source: Path, reason: str, passphrase: str | None = None) -> Path:
    """Back up a file that is not open (e.g. before a migration), read-only."""
    source = Path(source)
    conn = _open_readonly(source, passphrase)
    try:
        target = _new_backup_path(source, reason)
        _copy_into(conn, target, passphrase)
        _write_manifest(target, source, reason, passphrase, _hlc(conn), _counts(conn))
    finally:
        conn.close()
    rotate(source)
    return target


def before_migration(passphrase: str | None = None) -> Callable[[Path], None]:
    """A hook for ChallengeFile.open(before_migration=...): always a backup before an upgrade."""

    def hook(path: Path) -> None:
        backup_file(path, "before-migration", passphrase)

    return hook


def backup_if_changed(cf: ChallengeFile, reason: str = "interval") -> Path | None:
    """A backup unless nothing was saved since the newest one (the interval timer's call)."""
    if cf.path is None:
        return None
    newest = list_backups(cf.path)
    hlc = _hlc(cf.conn)
    if newest and newest[0].path.with_suffix(".json").exists():
        try:
            if json.loads(newest[0].path.with_suffix(".json").read_text("utf-8")).get("hlc") == hlc:
                return None
        except (OSError, ValueError):
            pass
    return backup(cf, reason)


def _new_backup_path(source: Path, reason: str) -> Path:
    folder = folder_for(source)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    safe_reason = "".join(c for c in reason if c.isalnum() or c == "-") or "manual"
    return folder / f"{stamp}_{safe_reason}{SUFFIX}"


def _copy_into(source_conn: Any, target: Path, passphrase: str | None) -> None:
    """A consistent copy of `source_conn` in a new owner-only file at `target`.

    Plain files: SQLite's online backup API. Protected files: SQLCipher's export into an
    attached file inside one read transaction -- the attached file inherits the open key, so
    the backup is protected without a second (deliberately slow) key derivation.
    """
    create_private_file(target)
    try:
        if passphrase is not None:
            encryption.export_protected(source_conn, target)
        else:
            dest = sqlite3.connect(str(target), isolation_level=None)
            try:
                source_conn.backup(dest)
                # A backup is one self-contained file: no -wal to lose when it is copied.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
    except DB_ERRORS + (OSError,) as error:
        _remove(target)
        why = failures.explain(error) or f"{error}."
        raise BackupFailed(f"Could not write a backup to {target.parent}: {why}") from error
    except BaseException:
        _remove(target)
        raise


def _open_readonly(path: Path, passphrase: str | None) -> Any:
    if passphrase is not None or encryption.is_encrypted(path):
        if passphrase is None:
            raise FileRefused(f"{path} is protected: a passphrase is needed to read it.")
        return encryption.connect(path, passphrase, readonly=True)
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def _hlc(conn: Any) -> str | None:
    try:
        row = conn.execute("SELECT value FROM local WHERE key = 'hlc_high'").fetchone()
    except DB_ERRORS:
        return None
    return row[0] if row else None


def _counts(conn: Any) -> dict[str, int]:
    counts = {}
    for table in COUNTED:
        try:
            counts[table] = conn.execute(
                f'SELECT count(*) FROM "{table}" WHERE deleted = 0'
            ).fetchone()[0]
        except DB_ERRORS:
            continue
    return counts


def _write_manifest(
    target: Path,
    source: Path,
    reason: str,
    passphrase: str | None,
    hlc: str | None,
    counts: dict[str, int],
) -> None:
    manifest = {
        "source": str(Path(source).resolve()),
        "reason": reason,
        "created": datetime.now(UTC).isoformat(timespec="microseconds"),
        "counts": counts,
        "encrypted": passphrase is not None,
        "hlc": hlc,
    }
    sidecar = target.with_suffix(".json")
    partial = sidecar.with_suffix(".json.part")
    partial.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    make_private(partial)
    os.replace(partial, sidecar)


# ------------------------------------------------------------------ listing
def list_backups(for_path: Path) -> list[BackupInfo]:
    """The backups of one challenge file, newest first."""
    folder = folder_for(for_path, create=False)
    if not folder.is_dir():
        return []
    infos = [_info(p) for p in folder.glob(f"*{SUFFIX}")]
    return sorted((i for i in infos if i is not None), key=_newest_first, reverse=True)


def list_all_backups() -> list[BackupInfo]:
    """Every backup in the data folder, newest first (for a file that no longer opens)."""
    infos = [_info(p) for p in paths.backups_dir().glob(f"*/*{SUFFIX}")]
    return sorted((i for i in infos if i is not None), key=_newest_first, reverse=True)


def _newest_first(info: BackupInfo) -> tuple[float, str]:
    return (info.created.timestamp(), info.path.name)


def _info(path: Path) -> BackupInfo | None:
    try:
        size = path.stat().st_size
    except OSError:
        return None
    data: dict[str, Any] = {}
    try:
        data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    created = _parse_created(data.get("created"), path)
    encrypted = bool(data.get("encrypted", encryption.is_encrypted(path)))
    counts = data.get("counts")
    if counts is None and not encrypted:
        try:
            conn = _open_readonly(path, None)
            try:
                counts = _counts(conn)
            finally:
                conn.close()
        except DB_ERRORS + (PeerNotesError,):
            counts = {}
    reason = data.get("reason") or path.stem.partition("_")[2] or "manual"
    return BackupInfo(
        path, created, reason, data.get("source", ""), dict(counts or {}), encrypted, size
    )


def _parse_created(value: Any, path: Path) -> datetime:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    try:
        return datetime.strptime(path.stem.partition("_")[0], "%Y%m%dT%H%M%S.%fZ").replace(
            tzinfo=UTC
        )
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


# ------------------------------------------------------------------ rotating
def rotate(for_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete backups beyond the retention rules; returns those deleted."""
    backups = list_backups(for_path)  # newest first
    now = now or datetime.now(UTC)
    keep: set[Path] = {b.path for b in backups[:KEEP_RECENT]}
    safety = [b for b in backups if b.reason in SAFETY_REASONS]
    keep.update(b.path for b in safety[:KEEP_SAFETY])
    seen_days: set[str] = set()
    for b in backups:
        day = b.created.astimezone().strftime("%Y-%m-%d")
        if day not in seen_days and now - b.created <= timedelta(days=KEEP_DAYS):
            seen_days.add(day)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            _remove(b.path)
            removed.append(b.path)
    return removed


def _remove(path: Path) -> None:
    for item in (path, path.with_suffix(".json"), *all_companions(path)):
        try:
            item.unlink()
        except OSError:
            pass


def delete_unprotected(for_path: Path) -> int:
    """Remove plain backups of a file that is now protected, so no readable copy lingers."""
    removed = 0
    for b in list_backups(for_path):
        if not b.encrypted and not encryption.is_encrypted(b.path):
            _remove(b.path)
            removed += 1
    return removed


def rekey_backups(for_path: Path, old: str, new: str) -> int:
    """After a passphrase change, move the file's protected backups to the new passphrase."""
    done = 0
    for b in list_backups(for_path):
        if encryption.is_encrypted(b.path):
            try:
                encryption.rekey_file(b.path, old, new)
                done += 1
            except PeerNotesError:
                continue  # a backup made under an even older passphrase keeps it
    return done


# ------------------------------------------------------------------ restoring
def restore(backup_path: Path, to_path: Path, passphrase: str | None = None) -> Path:
    """Put a backup's content at `to_path` (a new file, or replacing a closed one).

    An existing file at `to_path` is first backed up itself ("before-restore"), so a restore
    can be undone by restoring that. The new content is written beside the target, checked,
    and renamed over it in one step: a crash leaves either the old file or the new one.
    """
    backup_path, to_path = Path(backup_path), Path(to_path)
    lock = None
    if to_path.exists():
        lock = locking.acquire(to_path)
        if lock is None:
            raise encryption.FileInUse(
                f"{to_path.name} is open in another PeerNotes window; close it there first."
            )
    try:
        if to_path.exists():
            backup_file(
                to_path, "before-restore", passphrase if encryption.is_encrypted(to_path) else None
            )
        fresh = to_path.with_name(to_path.name + ".restoring")
        _remove(fresh)
        source = _open_readonly(backup_path, passphrase)
        try:
            _copy_into(source, fresh, encryption.passphrase_of(source) if passphrase else None)
        finally:
            source.close()
        check = _open_readonly(fresh, passphrase if encryption.is_encrypted(fresh) else None)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            check.close()
        if not ok:
            _remove(fresh)
            raise BackupFailed(f"The backup {backup_path.name} is damaged; nothing was restored.")
        replace_closed_database(fresh, to_path)
    finally:
        if lock is not None:
            lock.release()
    return to_path
