"""Unlocking peers' protected files before a merge, for the window and the command line.

`peernotes.core.merge.merge` takes paths or open files. A plain path it opens itself, but a
file protected with a passphrase needs the passphrase first, and only the caller can get it
(a dialog in the window, standard input on the command line). `unlocked_sources` turns the
chosen paths into what `merge` takes: plain files stay paths, protected ones become private
in-memory snapshots (`open_source(path, passphrase=...)`), closed again afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from peernotes.core import bad_text, fileformat
from peernotes.core.errors import FileRefused, PeerNotesError, WrongPassphrase
from peernotes.core.merge import open_source
from peernotes.core.store import DB_ERRORS, ChallengeFile

# ask(path, wrong) -> the passphrase of `path`, or None to give up. `wrong` is True when the
# previous answer for this file was not right (the window asks again; the CLI gives up).
Ask = Callable[[Path, bool], str | None]


class MergeCancelled(PeerNotesError):
    """No passphrase was given for a protected file, so nothing was merged."""


def needs_passphrase(path: Path) -> bool:
    """True when `path` looks protected. Files that are refused for another reason say
    False, so that the merge itself refuses them with its own, exact message."""
    try:
        return fileformat.check_openable(Path(path), encrypted_ok=True) is None
    except FileRefused:
        return False


def _same_file(a: Path, b: Path | None) -> bool:
    if b is None:
        return False
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


@contextmanager
def unlocked_sources(
    target: ChallengeFile, paths: Sequence[Path], ask: Ask, *, try_first: str | None = None
) -> Iterator[list[Path | ChallengeFile]]:
    """The sources for `merge(target, ...)`, asking (in order) for each protected file's
    passphrase. A wrong passphrase is asked again until `ask` gives up: then the
    WrongPassphrase is raised; giving up at once raises MergeCancelled. Either way nothing
    has been merged, and every snapshot already opened is closed.

    `try_first` (the team file's own passphrase) is tried on each protected copy before
    asking: copies made with Copy for a peer share it, so the manager types nothing more."""
    sources: list[Path | ChallengeFile] = []
    try:
        for path in map(Path, paths):
            if _same_file(path, target.path) or not needs_passphrase(path):
                sources.append(path)  # merge() refuses it or opens it itself
                continue
            sources.append(_unlock(path, ask, try_first))
        yield sources
    finally:
        for source in sources:
            if isinstance(source, ChallengeFile):
                source.close()


def _unlock(path: Path, ask: Ask, try_first: str | None = None) -> ChallengeFile:
    return _unlock_with(path, ask, try_first)[0]


def _unlock_with(path: Path, ask: Ask, try_first: str | None) -> tuple[ChallengeFile, str]:
    """The file opened, and the passphrase that opened it."""
    if try_first:
        try:
            return open_source(path, passphrase=try_first), try_first
        except WrongPassphrase:
            pass
    wrong: WrongPassphrase | None = None
    while True:
        passphrase = ask(path, wrong is not None)
        if passphrase is None:
            if wrong is not None:
                raise wrong
            raise MergeCancelled(
                f"{path.name} is protected with a passphrase and none was given. "
                "Nothing was merged."
            )
        if not passphrase:
            raise MergeCancelled(f"The passphrase for {path.name} was empty. Nothing was merged.")
        try:
            return open_source(path, passphrase=passphrase), passphrase
        except WrongPassphrase as error:
            wrong = error


def verified_passphrases(
    target: ChallengeFile, paths: Sequence[Path], ask: Ask, *, try_first: str | None = None
) -> dict[Path, str]:
    """The passphrase of each protected file among `paths`, checked by opening it (asked
    as `unlocked_sources` asks). For work done on another thread: an open file cannot cross
    threads, a passphrase can, so the window asks here and the merge opens the files there."""
    found: dict[Path, str] = {}
    for path in map(Path, paths):
        if _same_file(path, target.path) or not needs_passphrase(path):
            continue
        snapshot, found[path] = _unlock_with(path, ask, try_first)
        snapshot.close()
    return found


def writer_twin(cf: ChallengeFile) -> ChallengeFile:
    """A second connection to the open file `cf`, for writing on another thread (a merge
    in the background). Same file, same passphrase, no second lock (this process holds it).
    Close it on the thread that opened it; then tell `cf`'s listeners what changed."""
    from peernotes.core import encryption
    from peernotes.core.store import connect

    if cf.path is None:
        raise MergeCancelled("An unsaved file cannot be merged into in the background.")
    conn = connect(cf.path, encryption.passphrase_of(cf.conn), readonly=False)
    return ChallengeFile(conn, cf.path, device=cf.clock.device)


def damaged_text_refusal(files: Sequence[Path | ChallengeFile]) -> FileRefused | None:
    """After a failed merge: is it text that cannot be decoded in one of the files? Looked
    for only on failure (a full scan costs a quarter of a second per 5,000 notes)."""
    for source in files:
        opened = None
        try:
            if isinstance(source, ChallengeFile):
                conn, path = source.conn, source.path
            else:
                opened = open_source(source)
                conn, path = opened.conn, source
            found = bad_text.find(conn, limit=5)
        except DB_ERRORS + (PeerNotesError,):
            continue
        finally:
            if opened is not None:
                opened.close()
        if found:
            where = ", ".join(str(item) for item in found)
            return FileRefused(
                f"{path} holds text that cannot be decoded (damaged bytes in {where}), so "
                "nothing was merged. Open it in PeerNotes and retype the damaged words "
                f"(shown as {bad_text.REPLACEMENT}), or save what can be read with: "
                f"peernotes check {path} --recover NEW.peernotes, then merge NEW."
            )
    return None


@contextmanager
def damage_explained(
    target: ChallengeFile, sources: Sequence[Path | ChallengeFile]
) -> Iterator[None]:
    """Turn a merge or preview that failed on undecodable text into a FileRefused naming the
    file and its damaged records (the window showed a generic error for it)."""
    try:
        yield
    except DB_ERRORS as error:
        refusal = damaged_text_refusal([target, *sources])
        if refusal is None:
            raise
        raise refusal from error
