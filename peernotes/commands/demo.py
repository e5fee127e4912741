"""`peernotes demo --out FILE [--observations N]`: write the demo challenge without a window."""

from __future__ import annotations

import argparse

from peernotes.core import demo


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write a fictional demo challenge (Northmoor Borough Council's Adult Social Care Peer "
        "Challenge): a team, ~40 meetings over four days, ~90 people, ~30 documents, "
        "observations and draft findings. The sizes scale for benchmarks."
    )
    demo.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return demo.run_from_args(args)
