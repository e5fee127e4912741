"""The evening hand-in: tonight's copies in a folder (a USB stick, a shared folder).

`folder_copies` picks the files of a folder that can be merged into the team file, and says
why each other one is left out, so "Merge all from folder…" and `peernotes merge INTO
FOLDER` merge every peer's copy in one step without tripping over the team file itself, a
second copy of the same file, or a copy of another challenge (which would make the merge
refuse them all). Reads only: a plain file's challenge is read through an immutable
read-only connection; a protected file cannot be read without its passphrase, so it is
kept, and the merge checks it once unlocked.

`team_copies` is the other half of the loop: the merged team file handed back, one clean
copy per peer (as Copy for a peer… writes it, with everyone's notes), for the morning
pick-up (each peer merges their copy into their own file, with the same preview).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from peernotes.core import fileformat
from peernotes.core import readonly as readonly_state
from peernotes.core.distribution import CopySummary, copy_for_peer, default_file_name
from peernotes.core.errors import FileRefused
from peernotes.core.files import WAL, companion
from peernotes.core.merge import Counts
from peernotes.core.store import DB_ERRORS, ChallengeFile
from peernotes.paths import FILE_SUFFIX


@dataclass(frozen=True)
class FolderCopies:
    """The copies to merge from a folder, and the files left out with the reason."""

    paths: tuple[Path, ...]
    skipped: tuple[tuple[str, str], ...] = field(default=())  # (file name, why)

    def skipped_lines(self) -> list[str]:
        return [f"{name}: skipped ({why})." for name, why in self.skipped]


def folder_copies(target: ChallengeFile, folder: Path) -> FolderCopies:
    """Every *.peernotes file in `folder` (not its sub-folders) worth merging into `target`."""
    chosen: list[Path] = []
    skipped: list[tuple[str, str]] = []
    digests: dict[str, str] = {}
    candidates = sorted(p for p in Path(folder).iterdir() if p.suffix == FILE_SUFFIX)
    for path in candidates:
        if not path.is_file():
            continue
        why = _why_not(target, path)
        if why is None:
            digest = _digest(path)
            if digest in digests:
                why = f"the same file as {digests[digest]}"
            else:
                digests[digest] = path.name
        if why is None:
            chosen.append(path)
        else:
            skipped.append((path.name, why))
    return FolderCopies(tuple(chosen), tuple(skipped))


def _why_not(target: ChallengeFile, path: Path) -> str | None:
    if target.path is not None and _same_file(path, target.path):
        return "it is the team file being merged into"
    try:
        header = fileformat.check_openable(path, encrypted_ok=True)
    except FileRefused:
        return "it is not a PeerNotes file that can be read"
    if header is None:
        return None  # protected: checked once unlocked
    challenge = _challenge_id(path)
    if challenge is None:
        return "it cannot be read as a PeerNotes file"
    if challenge != target.challenge_id:
        return "it belongs to a different challenge"
    return None


def _challenge_id(path: Path) -> str | None:
    query = "mode=ro" if companion(path, WAL).exists() else "mode=ro&immutable=1"
    try:
        conn = readonly_state.reading_connection(path, query)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'challenge_id'").fetchone()
        finally:
            conn.close()
    except DB_ERRORS:
        return None
    return row[0] if row else ""


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


def team_copies(cf: ChallengeFile, folder: Path) -> list[CopySummary]:
    """Send the team copy: one clean copy of the merged file per peer (except the one this
    laptop records as), each stamped for that peer and protected like `cf`, written to
    `folder`. Every copy's name is checked first: if one exists, nothing is written."""
    from peernotes.core.records import people

    folder = Path(folder)
    me = cf.peer_id
    peers = [p for p in people.team(cf) if p["id"] != me]
    plan = [(p, folder / default_file_name(cf, p["name"])) for p in peers]
    there = [path.name for _, path in plan if path.exists()]
    if there:
        raise FileRefused(
            f"{folder} already holds {', '.join(there)}: move or delete yesterday's copies "
            "first (PeerNotes will not overwrite them). Nothing was written."
        )
    written = []
    for peer, path in plan:
        written.append(copy_for_peer(cf, peer["id"], path, include_observations=True))
    return written


@dataclass(frozen=True)
class PeerHandIn:
    """One peer in the hand-in panel: their last copy merged here, when, and what it brought."""

    peer_id: str
    name: str
    last_copy: str | None  # the file name of their last copy merged
    last_merged: str | None  # ISO time (UTC) of that merge
    brought: Counts | None  # what that copy brought, as the merge counted it

    def handed_in_on(self, day: date) -> bool:
        return bool(self.last_merged) and str(self.last_merged)[:10] == day.isoformat()


def hand_in_status(cf: ChallengeFile) -> list[PeerHandIn]:
    """Every peer but the one this laptop records as, with their last merged copy.

    A merge report names the copy's peer (`source_peer`, recorded since the preview came);
    older reports are credited to the peer who brought most of their records."""
    from peernotes.core.merge import merge_history
    from peernotes.core.records import people

    latest: dict[str, tuple[str, str, Counts]] = {}
    for row, report in merge_history(cf):  # newest first
        peer = report.source_peer or _main_peer(report.by_peer)
        if peer and peer not in latest:
            total = Counts()
            for counts in report.by_peer.values():
                total.add(counts)
            latest[peer] = (report.source_name, row["modified_at"], total)
    me = cf.peer_id
    out = []
    for member in people.team(cf):
        if member["id"] == me:
            continue
        found = latest.get(member["name"])
        source, when, brought = found if found else (None, None, None)
        out.append(PeerHandIn(member["id"], member["name"], source, when, brought))
    return out


def _main_peer(by_peer: dict[str, Counts]) -> str | None:
    if not by_peer:
        return None
    return max(by_peer.items(), key=lambda item: (item[1].total, item[0]))[0]
