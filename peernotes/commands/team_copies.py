"""`peernotes team-copies FILE OUTDIR`: the merged team file, one copy per peer, for the morning.

Each copy is what File › Copy for a peer… writes with everyone's notes included: stamped for
that peer (what they record is theirs) and protected with FILE's passphrase if FILE has one.
FILE is only read. If OUTDIR already holds a copy of that name, nothing is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from peernotes.commands import passphrases
from peernotes.core.handin import team_copies
from peernotes.core.store import ChallengeFile


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write one copy of the (merged) team file per peer into OUTDIR, for each peer to pick "
        "up in the morning. FILE is only read."
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the team file (read only)")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="the folder to write into")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the copies that would be written"
    )
    passphrases.add_argument(
        parser, "read FILE's passphrase (if it is protected) from the first line of stdin"
    )


def run(args: argparse.Namespace) -> int:
    keys = passphrases.Passphrases(args.passphrase_stdin, command="team-copies")
    cf = ChallengeFile.open(args.file, readonly=True, passphrase=keys.for_file(args.file))
    try:
        if args.dry_run:
            from peernotes.core.distribution import default_file_name
            from peernotes.core.records import people

            for peer in people.team(cf):
                if peer["id"] != cf.peer_id:
                    print(f"would write {args.outdir / default_file_name(cf, peer['name'])}")
            return 0
        written = team_copies(cf, args.outdir)
    finally:
        cf.close()
    for summary in written:
        print(f"{summary.path}: for {summary.peer_name} ({summary.observations} notes)")
    print(
        f"{len(written)} cop{'ies' if len(written) != 1 else 'y'} written. Each peer merges "
        "theirs into their own file in the morning (File › Merge from…)."
    )
    return 0
