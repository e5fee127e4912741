"""A realistic, fictional peer challenge: for trying the app, for screenshots and for benchmarks.

    python -m peernotes.core.demo --out demo.peernotes [--observations N]

Northmoor Borough Council's Adult Social Care Peer Challenge (framework `cfbo-previous` plus
two scoping questions), four on-site days in November 2026: a team, a programme of meetings
(several at once, as pairs of peers split up), the people met from every stakeholder group,
the documents read, observations composed from the phrase banks in `demo_content`, and a
first draft of findings and recommendations linked to their evidence.

The same generator makes the benchmark workloads (*standard*: 8 peers, 60 meetings, 150
people, 50 documents, 3,000 observations; *large*: 50,000 observations). It is seeded, so a
seed always gives the same content (ids and timestamps of writing differ: ids are UUIDs).
Speed: everything is written in one transaction, and observations (the bulk of a large
workload) go in through `ChallengeFile.insert_many`, peer by peer -- they are valid by
construction, so the per-call checks of `observations.add_observation` (a few queries each) are
skipped. Tests prove the result valid by running it through the JSON interchange validator.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from peernotes import paths
from peernotes.core import demo_content as text
from peernotes.core.demo_builder import DemoBuilder
from peernotes.core.errors import PeerNotesError, ValidationError
from peernotes.core.files import remove_with_companions
from peernotes.core.store import ChallengeFile

STANDARD_WORKLOAD = {
    "peers": 8,
    "meetings": 60,
    "people": 150,
    "documents": 50,
    "observations": 3_000,
}
LARGE_WORKLOAD = dict(STANDARD_WORKLOAD, observations=50_000)


def write_demo(
    path: str | Path,
    *,
    observations: int = 300,
    meetings: int = 40,
    people: int = 90,
    documents: int = 30,
    peers: int = 7,
    seed: int = 1,
    with_findings: bool = True,
    device: str | None = None,
) -> Path:
    """Write a new demo challenge file at `path` (refused if it exists). On any failure the
    half-made file is removed, so a path either holds a whole demo or nothing."""
    path = Path(path)
    _check_sizes(
        observations=observations,
        meetings=meetings,
        people=people,
        documents=documents,
        peers=peers,
    )
    cf = ChallengeFile.create(path, device=device)
    try:
        build_demo(
            cf,
            observations=observations,
            meetings=meetings,
            people=people,
            documents=documents,
            peers=peers,
            seed=seed,
            with_findings=with_findings,
        )
    except BaseException:
        cf.close()
        remove_with_companions(path)
        raise
    cf.close()
    return path


def build_demo(
    cf: ChallengeFile,
    *,
    observations: int = 300,
    meetings: int = 40,
    people: int = 90,
    documents: int = 30,
    peers: int = 7,
    seed: int = 1,
    with_findings: bool = True,
) -> None:
    """Fill an open, empty challenge file with the demo challenge, in one transaction."""
    _check_sizes(
        observations=observations,
        meetings=meetings,
        people=people,
        documents=documents,
        peers=peers,
    )
    builder = DemoBuilder(cf, random.Random(seed))
    cache = cf.conn.execute("PRAGMA cache_size").fetchone()[0]
    cf.conn.execute("PRAGMA cache_size = -65536")  # 64 MiB while writing: random-id b-trees
    try:
        with cf.transaction():
            builder.challenge(peers)
            builder.people(people)
            builder.documents(documents)
            builder.meetings(meetings)
            builder.observations(observations, with_findings=with_findings)
            if with_findings:
                builder.findings()
            builder.letter_settings()
            cf.set_current_peer(builder.challenge_manager)
    finally:
        cf.conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _check_sizes(**sizes: int) -> None:
    least = {"observations": 0, "meetings": 2, "people": 1, "documents": 0, "peers": 2}
    most = {"people": len(text.FIRST_NAMES) * len(text.SURNAMES) - len(text.PEERS)}
    for name, value in sizes.items():
        if not isinstance(value, int) or value < least[name]:
            raise ValidationError(
                name, f"must be a whole number of at least {least[name]}, not {value!r}"
            )
        if name in most and value > most[name]:
            raise ValidationError(
                name, f"the demo can invent at most {most[name]:,} distinct people"
            )


# -------------------------------------------------------------------------------- script
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `peernotes demo` and `python -m peernotes.core.demo`."""
    parser.add_argument("--out", required=True, type=Path, help="the new challenge file to write")
    parser.add_argument("--observations", type=int, default=300, metavar="N", help="default 300")
    parser.add_argument("--meetings", type=int, default=40, metavar="N", help="default 40")
    parser.add_argument("--people", type=int, default=90, metavar="N", help="default 90")
    parser.add_argument("--documents", type=int, default=30, metavar="N", help="default 30")
    parser.add_argument("--peers", type=int, default=7, metavar="N", help="team size, default 7")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same content (default 1)")
    parser.add_argument(
        "--no-findings", action="store_true", help="observations only, no draft findings"
    )


def run_from_args(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    path = write_demo(
        args.out,
        observations=args.observations,
        meetings=args.meetings,
        people=args.people,
        documents=args.documents,
        peers=args.peers,
        seed=args.seed,
        with_findings=not args.no_findings,
        device=paths.device_id(),  # the script is an edge of the app
    )
    seconds = time.perf_counter() - started
    findings = "no" if args.no_findings else "draft"
    print(
        f"Wrote {path}: {args.peers} peers, {args.meetings} meetings, {args.people} people, "
        f"{args.documents} documents, {args.observations:,} observations, {findings} findings "
        f"({seconds:.1f} s)"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m peernotes.core.demo",
        description="Write a fictional demo challenge file (Northmoor Borough Council).",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run_from_args(args)
    except (PeerNotesError, OSError) as error:
        print(f"demo: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
