"""`peernotes merge INTO FROM...`: bring peers' copies of a challenge into one file, headless.

Prints what came in, by peer; exits 2 (with the reason) when a file is refused, in which
case nothing has been changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peernotes.core import merge
from peernotes.core.store import ChallengeFile


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("into", type=Path, help="the challenge file to merge into (changed)")
    parser.add_argument(
        "sources", type=Path, nargs="+", metavar="FROM", help="peers' files (read, never changed)"
    )
    parser.add_argument(
        "--no-backup", action="store_true", help="do not back up INTO first (not recommended)"
    )


def run(args: argparse.Namespace) -> int:
    cf = ChallengeFile.open(args.into)
    try:
        if cf.readonly:
            reason = cf.readonly_reason or f"{args.into} is read-only."
            print(f"peernotes merge: {reason} Nothing was changed.", file=sys.stderr)
            return 2
        report = merge.merge(cf, list(args.sources), backup=not args.no_backup)
    finally:
        cf.close()
    for line in report.lines():
        print(line)
    return 0
