"""`peernotes merge INTO FROM...|FOLDER`: bring peers' copies of a challenge into one file.

Prints what came in, by peer; exits 2 (with the reason) when a file is refused, in which
case nothing has been changed. A FOLDER merges every copy in it (the team file itself,
duplicates and copies of other challenges are skipped with a message). Files protected with
a passphrase need it: on standard input with --passphrase-stdin (see
peernotes.commands.passphrases), or typed at a prompt; INTO's passphrase is tried on each
protected copy first.

--dry-run prints the preview (peernotes.core.merge_preview) and leaves INTO byte-identical:
INTO is read through a private in-memory snapshot. A copy whose deletions the deletion guard
holds stops the merge (exit 2, nothing changed) unless --accept-deletions or
--skip-deletions says what to do with them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peernotes.commands import passphrases
from peernotes.core import merge, merge_preview
from peernotes.core.handin import folder_copies
from peernotes.core.merge_preview import FilePreview
from peernotes.core.merge_sources import damaged_text_refusal, unlocked_sources
from peernotes.core.store import DB_ERRORS, ChallengeFile
from peernotes.paths import device_id


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Merge peers' copies of a challenge into INTO, in one transaction, after backing "
        "INTO up. The FROM files are only read. If a file is refused, nothing is changed. "
        "A FROM that is a folder stands for every copy in it."
    )
    parser.add_argument(
        "into", type=Path, metavar="INTO", help="the challenge file to merge into (changed)"
    )
    parser.add_argument(
        "sources",
        type=Path,
        nargs="+",
        metavar="FROM",
        help="peers' files, or a folder of them (read, never changed)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would change, per file and kind of record; leave INTO byte-identical",
    )
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="with --dry-run, list the records under each kind (their first words; "
        f"at most {merge_preview.MAX_LISTED} per kind and file)",
    )
    held = parser.add_mutually_exclusive_group()
    held.add_argument(
        "--accept-deletions",
        action="store_true",
        help="apply a copy's deletions even when the deletion guard holds them",
    )
    held.add_argument(
        "--skip-deletions",
        action="store_true",
        help="keep the records a held copy deletes (recorded as a new edit); merge the rest",
    )
    parser.add_argument(
        "--no-backup", action="store_true", help="do not back up INTO first (not recommended)"
    )
    passphrases.add_argument(
        parser,
        "read passphrases of protected files from standard input, one line per protected "
        "file in argument order (INTO first, then each protected FROM that INTO's passphrase "
        "does not open); when the lines run out the last one is used again, so one line "
        "serves files sharing a passphrase",
    )


def run(args: argparse.Namespace) -> int:
    keys = passphrases.Passphrases(args.passphrase_stdin, command="merge")
    key = keys.for_file(args.into)
    if args.dry_run:
        cf = merge.open_source(args.into, passphrase=key)  # a snapshot: INTO is never written
    else:
        cf = ChallengeFile.open(args.into, passphrase=key, device=device_id())
    try:
        if cf.readonly and not args.dry_run:
            reason = cf.readonly_reason or f"{args.into} is read-only."
            print(f"peernotes merge: {reason} Nothing was changed.", file=sys.stderr)
            return 2
        paths = _expand(cf, list(args.sources))
        if not paths:
            print("peernotes merge: no copies to merge. Nothing was changed.", file=sys.stderr)
            return 2
        # The CLI does not ask twice: a wrong passphrase ends the run, nothing merged.
        ask = lambda path, wrong: None if wrong else keys.ask(path)  # noqa: E731
        with unlocked_sources(cf, paths, ask, try_first=key) as sources:
            try:
                found = merge_preview.previews(cf, sources)
                if args.dry_run:
                    _print_preview(found, records=args.verbose)
                    return 0
                held = [p for p in found if p.held]
                if held and not (args.accept_deletions or args.skip_deletions):
                    _refuse_held(held)
                    return 2
                keep = [r for p in held for r in p.deleted] if args.skip_deletions else []
                report = merge.merge(cf, sources, backup=not args.no_backup, keep=keep)
            except DB_ERRORS as error:  # rolled back: nothing was merged
                raise damaged_text_refusal([cf, *sources]) or error from error
    finally:
        cf.close()
    for line in report.lines():
        print(line)
    return 0


def _expand(cf: ChallengeFile, sources: list[Path]) -> list[Path]:
    """FROM arguments with each folder replaced by the copies in it (skips are printed)."""
    paths: list[Path] = []
    for source in sources:
        if not source.is_dir():
            paths.append(source)
            continue
        found = folder_copies(cf, source)
        for line in found.skipped_lines():
            print(line)
        paths.extend(found.paths)
    return paths


def _print_preview(found: list[FilePreview], *, records: bool = False) -> None:
    for preview in found:
        for line in preview.lines(records=records):
            print(line)
    if any(p.held for p in found):
        print(
            "Deletions marked HELD would stop the merge: run it with --accept-deletions to "
            "apply them or --skip-deletions to keep those records."
        )
    print("Dry run: nothing was changed.")


def _refuse_held(held: list[FilePreview]) -> None:
    for preview in held:
        kinds = ", ".join(f"{k.deletes} of {k.existing} {k.label}" for k in preview.kinds if k.held)
        who = f" ({preview.peer_name})" if preview.peer_name else ""
        print(
            f"peernotes merge: {preview.source_name}{who} deletes {kinds}. Check with the peer, "
            "then run again with --accept-deletions to apply the deletions or --skip-deletions "
            "to keep those records. Nothing was changed.",
            file=sys.stderr,
        )
