"""Encryption at rest: a challenge file protected with a passphrase, through SQLCipher.

Every page of a protected file (its header included) is AES-encrypted by SQLCipher, so without
the passphrase the file is indistinguishable from random bytes. The passphrase lives only in
memory, on the open connection (`KeyedConnection.passphrase`), so that backups of a protected
file can be written protected with the same key. It is never written to disk, a log or
settings.

Turning protection on or off rewrites the whole file (`sqlcipher_export` into a new file next
to it, checked, then an atomic rename), so a crash midway leaves the original untouched.
Changing the passphrase re-keys the file in place in one transaction (`PRAGMA rekey`).

sqlcipher3 raises its own exception classes, unrelated to sqlite3's: code that must catch
database errors from both kinds of connection uses peernotes.core.store's *_ERRORS tuples.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from peernotes.core import fileformat
from peernotes.core.errors import FileRefused, PeerNotesError, ValidationError, WrongPassphrase
from peernotes.core.files import replace_closed_database, sidecars

try:  # an optional dependency in principle; PeerNotes installs it by default
    import sqlcipher3.dbapi2 as driver
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    driver = None  # type: ignore[assignment]


class EncryptionUnavailable(PeerNotesError):
    """SQLCipher is not installed, so protected files cannot be opened or made."""


class FileInUse(PeerNotesError):
    """The file is open elsewhere, so it cannot be rewritten now."""


if driver is not None:

    class KeyedConnection(driver.Connection):  # type: ignore[misc, name-defined]
        """A SQLCipher connection that remembers its passphrase -- in memory only."""

        passphrase: str | None = None

    DRIVER_ERRORS: tuple[type[Exception], ...] = (driver.Error,)
else:  # pragma: no cover
    KeyedConnection = None  # type: ignore[assignment, misc]
    DRIVER_ERRORS = ()


def available() -> bool:
    return driver is not None


def _require() -> Any:
    if driver is None:
        raise EncryptionUnavailable(
            "Passphrase protection needs the 'sqlcipher3' package, which is not installed. "
            "Install it with: pip install sqlcipher3"
        )
    return driver


def check_passphrase(passphrase: str) -> str:
    """A passphrase must be non-empty text (SQLCipher treats '' as 'no encryption')."""
    if not isinstance(passphrase, str) or not passphrase:
        raise ValidationError("passphrase", "A passphrase cannot be empty.")
    if problem := passphrase_problem(passphrase):
        raise ValidationError("passphrase", problem)
    return passphrase


def passphrase_problem(passphrase: str) -> str | None:
    """Why `passphrase` cannot be used, or None. Control characters (NUL, escape...) are
    refused: nobody can type them into the unlock dialog, and NUL ends the key in C."""
    bad = [c for c in passphrase if unicodedata.category(c) in ("Cc", "Cs")]
    if bad:
        return (
            f"A passphrase cannot contain control characters (found U+{ord(bad[0]):04X}); "
            "use letters, digits, spaces and punctuation."
        )
    return None


def _literal(text: str | os.PathLike[str]) -> str:
    """A SQL string literal (PRAGMA key and ATTACH ... KEY take no bound parameters)."""
    return "'" + str(text).replace("'", "''") + "'"


def is_encrypted(path: Path) -> bool:
    """True when `path` looks like a protected file (its header is not plain SQLite)."""
    try:
        return (
            path.stat().st_size >= 1024
            and fileformat.read_header(path) is None
            and fileformat.other_format(path) is None
        )
    except OSError:
        return False


def connect(path: Path | None, passphrase: str | None, *, readonly: bool = False) -> Any:
    """A SQLCipher connection unlocked with `passphrase`, or WrongPassphrase.

    A plain (unprotected) file opened with a passphrase is simply opened plain: the
    passphrase is not needed, and the connection reports `passphrase = None`.
    """
    sqlcipher = _require()
    if path is None:
        target, uri = ":memory:", False
    elif readonly:
        from peernotes.core.readonly import uri_query

        target, uri = f"{Path(path).resolve().as_uri()}?{uri_query(Path(path))}", True
    else:
        target, uri = str(path), False
    conn = sqlcipher.connect(
        target, uri=uri, isolation_level=None, factory=KeyedConnection, check_same_thread=True
    )
    try:
        _quiet(conn)
        plain = (
            path is not None
            and Path(path).exists()
            and fileformat.read_header(Path(path)) is not None
        )
        if passphrase and not plain:
            conn.execute(f"PRAGMA key = {_literal(check_passphrase(passphrase))}")
            conn.passphrase = passphrase
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as error:
        conn.close()
        from peernotes.core.readonly import refusal

        refused = refusal(error, Path(path)) if path is not None else None
        if refused is not None:
            raise refused from error
        raise WrongPassphrase(
            f"The passphrase is not right for {path}. Passphrases are case-sensitive; "
            "check Caps Lock and try again. Nothing was changed."
        ) from error
    except BaseException:
        conn.close()
        raise
    return conn


def _quiet(conn: Any) -> None:
    """SQLCipher logs a failed decryption to stderr; a wrong passphrase is not a log event."""
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    except DRIVER_ERRORS:  # older SQLCipher without the pragma
        pass


def passphrase_of(conn: Any) -> str | None:
    """The passphrase an open connection was unlocked with (None for a plain file)."""
    return getattr(conn, "passphrase", None)


def snapshot(path: Path, passphrase: str, *, immutable: bool = False) -> Any:
    """A private in-memory copy of a protected file, for reading it without touching it.

    Merge reads a peer's file through a snapshot so that the file itself is never written
    (and can be upgraded in memory if it is older). SQLCipher's backup API refuses to copy
    between a keyed database and an unkeyed one, so the file is ATTACHed read-only under its
    key and `sqlcipher_export`ed into the in-memory main database. The copy is decrypted but
    lives only in this process's memory; it disappears when the connection is closed.
    `immutable` reads the file without creating a -shm beside it (only safe with no -wal).
    """
    sqlcipher = _require()
    check_passphrase(passphrase)
    uri = f"{Path(path).resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlcipher.connect(
        ":memory:", uri=True, isolation_level=None, factory=KeyedConnection, check_same_thread=True
    )
    try:
        _quiet(conn)
        try:
            conn.execute(f"ATTACH DATABASE {_literal(uri)} AS protected KEY {_literal(passphrase)}")
            conn.execute("SELECT count(*) FROM protected.sqlite_master").fetchone()
        except sqlcipher.DatabaseError as error:
            raise WrongPassphrase(
                f"The passphrase is not right for {path}. Passphrases are case-sensitive; "
                "check Caps Lock and try again. Nothing was changed."
            ) from error
        conn.execute("BEGIN")  # one read transaction: a consistent copy
        conn.execute("SELECT sqlcipher_export('main', 'protected')")
        for pragma in ("user_version", "application_id"):
            value = int(conn.execute(f"PRAGMA protected.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA main.{pragma} = {value}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE protected")
    except BaseException:
        conn.close()
        raise
    return conn


# ------------------------------------------------------------ rewriting a file
def encrypt_file(path: Path, passphrase: str) -> None:
    """Protect a closed, plain challenge file with `passphrase` (rewrites it atomically)."""
    path = Path(path)
    check_passphrase(passphrase)
    if is_encrypted(path):
        raise FileRefused(f"{path} is already protected with a passphrase.")
    _rewrite(path, source_key=None, target_key=passphrase)


def decrypt_file(path: Path, passphrase: str) -> None:
    """Remove protection from a closed challenge file (rewrites it atomically)."""
    path = Path(path)
    if not is_encrypted(path):
        raise FileRefused(f"{path} is not protected with a passphrase.")
    _rewrite(path, source_key=passphrase, target_key=None)


def change_passphrase(cf: Any, old: str, new: str) -> None:
    """Re-key an open protected file in place (one transaction: the old key or the new one)."""
    check_passphrase(new)
    current = passphrase_of(cf.conn)
    if current is None:
        raise FileRefused(f"{cf.path} is not protected with a passphrase; protect it first.")
    if old != current:
        raise WrongPassphrase("The current passphrase is not right. Nothing was changed.")
    if cf.readonly:
        raise FileRefused(f"{cf.path} is open read-only; its passphrase cannot be changed now.")
    cf.conn.execute(f"PRAGMA rekey = {_literal(new)}")
    cf.conn.passphrase = new


def export_protected(conn: Any, target: Path) -> None:
    """Copy an open protected database into a new file `target` under the same key.

    ATTACH without a KEY reuses the open connection's derived key, so no second key
    derivation is paid; the copy is made inside one read transaction (a consistent snapshot).
    """
    conn.execute(f"ATTACH DATABASE {_literal(target)} AS peernotes_copy")
    try:
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT sqlcipher_export('peernotes_copy')")
            version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            app_id = int(conn.execute("PRAGMA main.application_id").fetchone()[0])
            conn.execute(f"PRAGMA peernotes_copy.user_version = {version}")
            conn.execute(f"PRAGMA peernotes_copy.application_id = {app_id}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE peernotes_copy")


def rekey_file(path: Path, old: str, new: str) -> None:
    """Re-key a closed protected file (e.g. a backup) from `old` to `new`."""
    conn = connect(Path(path), old)
    try:
        conn.execute(f"PRAGMA rekey = {_literal(check_passphrase(new))}")
    finally:
        conn.close()


def _rewrite(path: Path, *, source_key: str | None, target_key: str | None) -> None:
    """Copy every page of `path` into a new file with another key, verify it, swap it in."""
    from peernotes.core import locking
    from peernotes.core.privacy import create_private_file

    sqlcipher = _require()
    lock = locking.acquire(path)
    if lock is None:
        raise FileInUse(f"{path.name} is open in another PeerNotes window; close it there first.")
    fresh = path.with_name(path.name + ".rewriting")
    try:
        for stale in (fresh, *sidecars(fresh)):
            stale.unlink(missing_ok=True)
        create_private_file(fresh)
        source = connect(path, source_key)
        try:
            key = _literal(target_key or "")
            source.execute(f"ATTACH DATABASE {_literal(fresh)} AS fresh KEY {key}")
            source.execute("SELECT sqlcipher_export('fresh')")
            for pragma in ("user_version", "application_id"):
                value = int(source.execute(f"PRAGMA main.{pragma}").fetchone()[0])
                source.execute(f"PRAGMA fresh.{pragma} = {value}")
            ok = source.execute("PRAGMA fresh.integrity_check").fetchone()[0] == "ok"
            same = _table_counts(source, "fresh") == _table_counts(source, "main")
            source.execute("DETACH DATABASE fresh")
            if not (ok and same):
                raise PeerNotesError(
                    f"The rewritten copy of {path} did not verify. Nothing was changed."
                )
            if source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
                raise FileInUse(f"{path} is open in another program; close it first.")
        except sqlcipher.Error as error:
            raise PeerNotesError(
                f"Could not rewrite {path}: {error}. Nothing was changed."
            ) from error
        finally:
            source.close()
        replace_closed_database(fresh, path)  # its -wal is empty after the checkpoint above
    except BaseException:
        for stale in (fresh, *sidecars(fresh)):
            stale.unlink(missing_ok=True)
        raise
    finally:
        lock.release()


def _table_counts(conn: Any, schema: str) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


__all__ = [
    "DRIVER_ERRORS",
    "EncryptionUnavailable",
    "FileInUse",
    "KeyedConnection",
    "available",
    "change_passphrase",
    "connect",
    "decrypt_file",
    "encrypt_file",
    "is_encrypted",
    "passphrase_of",
    "rekey_file",
    "snapshot",
]
