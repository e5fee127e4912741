"""`peernotes check FILE [--recover NEW]`: is this challenge file sound? Salvage it if not.

Checking never changes the file: it is read through a private copy. `--recover` writes every
record that can still be read into a new file (peernotes.core.recovery).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peernotes import paths
from peernotes.commands import passphrases
from peernotes.core import bad_text, encryption, recovery
from peernotes.core.errors import EncryptedFile, NoAccess, TooNewFile, WrongPassphrase
from peernotes.core.store import ChallengeFile


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check a challenge file: can PeerNotes open it, and does SQLite's integrity check pass? "
        "The file is never changed. With --recover, copy every readable record of a damaged "
        "file into a new file."
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the challenge file (.peernotes)")
    parser.add_argument(
        "--recover", type=Path, metavar="NEW.peernotes", help="salvage what can be read into NEW"
    )
    passphrases.add_argument(
        parser, "read the passphrase of a protected file from the first line of standard input"
    )


def run(args: argparse.Namespace) -> int:
    # Any non-SQLite file may be a protected one: a damaged one still needs its passphrase.
    passphrase = passphrases.Passphrases(args.passphrase_stdin, command="check").for_file(
        args.file, encryption.is_encrypted
    )
    if args.recover:
        report = recovery.salvage(args.file, args.recover, passphrase, device=paths.device_id())
        print(report.summary())
        return 0
    problems: list[str] = []
    try:
        with ChallengeFile.open(args.file, readonly=True, passphrase=passphrase) as cf:
            counts = {t: cf.count(t) for t in ("observation", "meeting", "person", "document")}
            version = cf.conn.execute("PRAGMA user_version").fetchone()[0]
            undecodable = bad_text.find(cf.conn)
    except (EncryptedFile, WrongPassphrase, TooNewFile, NoAccess):
        raise  # protected, a newer version, permissions: each has its own message, not damage
    except Exception:
        if not recovery.looks_like_ours(args.file):
            raise
        problems = recovery.problems(args.file, passphrase) or ["the file cannot be read"]
    else:
        problems = recovery.problems(args.file, passphrase)
        if undecodable and not problems:
            problems = [_undecodable(undecodable)]
    if problems:
        print(
            f"peernotes check: {args.file} is damaged ({problems[0]}). Nothing was changed. "
            f"Save what can be read with: peernotes check {args.file} --recover NEW.peernotes",
            file=sys.stderr,
        )
        return 1
    print(
        f"{args.file}: sound. PeerNotes file format {version}; {counts['observation']} "
        f"observations, {counts['meeting']} meetings, {counts['person']} people, "
        f"{counts['document']} documents."
    )
    return 0


def _undecodable(found: list[bad_text.BadText]) -> str:
    where = ", ".join(str(item) for item in found[:5])
    more = " and more" if len(found) > 5 else ""
    return (
        f"text that cannot be decoded (damaged bytes) in {where}{more}; exports show it "
        f"as {bad_text.REPLACEMENT}"
    )
