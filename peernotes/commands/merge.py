"""`peernotes merge INTO FROM...`: bring peers' copies of a challenge into one file, headless.

Prints what came in, by peer; exits 2 (with the reason) when a file is refused, in which
case nothing has been changed. Files protected with a passphrase need it: on standard input
with --passphrase-stdin (see peernotes.commands.passphrases), or typed at a prompt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peernotes.commands import passphrases
from peernotes.core import bad_text, merge
from peernotes.core.errors import FileRefused, PeerNotesError
from peernotes.core.merge_sources import unlocked_sources
from peernotes.core.store import DB_ERRORS, ChallengeFile


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Merge peers' copies of a challenge into INTO, in one transaction, after backing "
        "INTO up. The FROM files are only read. If a file is refused, nothing is changed."
    )
    parser.add_argument(
        "into", type=Path, metavar="INTO", help="the challenge file to merge into (changed)"
    )
    parser.add_argument(
        "sources", type=Path, nargs="+", metavar="FROM", help="peers' files (read, never changed)"
    )
    parser.add_argument(
        "--no-backup", action="store_true", help="do not back up INTO first (not recommended)"
    )
    passphrases.add_argument(
        parser,
        "read passphrases of protected files from standard input, one line per protected "
        "file in argument order (INTO first, then each protected FROM); when the lines run "
        "out the last one is used again, so one line serves files sharing a passphrase",
    )


def run(args: argparse.Namespace) -> int:
    keys = passphrases.Passphrases(args.passphrase_stdin, command="merge")
    cf = ChallengeFile.open(args.into, passphrase=keys.for_file(args.into))
    try:
        if cf.readonly:
            reason = cf.readonly_reason or f"{args.into} is read-only."
            print(f"peernotes merge: {reason} Nothing was changed.", file=sys.stderr)
            return 2
        # The CLI does not ask twice: a wrong passphrase ends the run, nothing merged.
        ask = lambda path, wrong: None if wrong else keys.ask(path)  # noqa: E731
        with unlocked_sources(cf, list(args.sources), ask) as sources:
            try:
                report = merge.merge(cf, sources, backup=not args.no_backup)
            except DB_ERRORS as error:  # rolled back: nothing was merged
                raise _damaged_text([cf, *sources]) or error from error
    finally:
        cf.close()
    for line in report.lines():
        print(line)
    return 0


def _damaged_text(files: list[Path | ChallengeFile]) -> FileRefused | None:
    """After a failed merge: is it text that cannot be decoded in one of the files? Looked
    for only on failure (a full scan costs a quarter of a second per 5,000 notes)."""
    for source in files:
        opened = None
        try:
            if isinstance(source, ChallengeFile):
                conn, path = source.conn, source.path
            else:
                opened = merge.open_source(source)
                conn, path = opened.conn, source
            found = bad_text.find(conn, limit=5)
        except PeerNotesError:
            continue
        finally:
            if opened is not None:
                opened.close()
        if found:
            where = ", ".join(str(item) for item in found)
            return FileRefused(
                f"{path} holds text that cannot be decoded (damaged bytes in {where}), so "
                f"nothing was merged. Save what can be read with: peernotes check {path} "
                "--recover NEW.peernotes, then merge NEW."
            )
    return None
