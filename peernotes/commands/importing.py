"""`peernotes import IN.json --out NEW.peernotes`: a new challenge file from the JSON interchange.

All or nothing (see peernotes.core.interchange): a bad document names its first bad field and
leaves no file behind; an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peernotes import paths
from peernotes.core import interchange
from peernotes.core.errors import FileRefused


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Create a new challenge file from a JSON interchange document (docs/interchange.md). "
        "The whole document is checked first; nothing is written unless all of it is valid."
    )
    parser.add_argument(
        "source", metavar="IN.json", type=Path, help="the JSON document ('-' reads stdin)"
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="NEW.peernotes",
        help="the challenge file to create (must not exist)",
    )


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists():
        raise FileRefused(f"{out} already exists; PeerNotes will not overwrite it.")
    if str(args.source) == "-":
        data = interchange.loads(sys.stdin.buffer.read(), source="standard input")
    else:
        data = interchange.read(args.source)
    cf = interchange.import_json(data, out, device=paths.device_id())
    try:
        counts = ", ".join(
            f"{cf.count(table):,} {label}"
            for table, label in (
                ("meeting", "meetings"),
                ("person", "people"),
                ("document", "documents"),
                ("observation", "observations"),
                ("finding", "findings"),
            )
        )
    finally:
        cf.close()
    print(f"Created {out} ({counts}).")
    return 0
