"""`peernotes export FILE --json OUT.json` (the interchange format), the Word outputs, the deck.

`--letter` (alias `--docx`: the summary letter) and `--evidence` (alias `--evidence-report`) are rendered by
peernotes.commands.letter_export, which this command hands over to when either is asked for;
`--feedback OUT.pptx` (the final-day presentation) by peernotes.commands.deck_export.
A file protected with a passphrase needs it (--passphrase-stdin, or a prompt on a terminal);
it is asked for once, before anything is written. The outputs are not protected: a note on
standard error says so.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from peernotes.commands import passphrases
from peernotes.core import bad_text, interchange
from peernotes.core.store import ChallengeFile


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Export a challenge: the whole challenge as JSON (docs/interchange.md), the summary "
        "letter as Word, the evidence report, or the feedback presentation. Give at least one "
        "of --json, --letter, --evidence, --feedback. The challenge file is opened read-only and never changed."
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the challenge file (.peernotes)")
    parser.add_argument(
        "--json", type=Path, metavar="OUT.json", help="write the JSON interchange ('-' = stdout)"
    )
    parser.add_argument(
        "--letter",
        "--docx",
        dest="docx",
        type=Path,
        metavar="OUT.docx",
        help="write the summary letter (Word)",
    )
    parser.add_argument(
        "--evidence",
        "--evidence-report",
        dest="evidence_report",
        type=Path,
        metavar="OUT.docx",
        help="write the evidence report: each finding with its observations (Word)",
    )
    parser.add_argument(
        "--feedback",
        type=Path,
        metavar="OUT.pptx",
        help="write the final-day feedback presentation (PowerPoint), with speaker notes",
    )
    parser.add_argument(
        "--record-as-presented",
        action="store_true",
        help="with --feedback: also store the deck's findings in FILE as the feedback as "
        "presented (the only export option that changes FILE)",
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="TEMPLATE.pptx",
        help="the slide template for --feedback (default: resources/feedback-template.pptx)",
    )
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="NAME",
        help="a name the letter or deck may contain despite the non-attribution check (repeatable)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse the letter or the deck (write nothing, exit 2) when a finding is single-source or "
        "has no evidence; without it they are printed as warnings",
    )
    passphrases.add_argument(
        parser, "read the passphrase of a protected FILE from the first line of standard input"
    )


def run(args: argparse.Namespace) -> int:
    if not (args.json or args.docx or args.evidence_report or args.feedback):
        print(
            "peernotes export: give at least one of --json, --letter, --evidence, --feedback",
            file=sys.stderr,
        )
        return 2
    args.passphrase = passphrases.Passphrases(args.passphrase_stdin, command="export").for_file(
        args.file
    )
    status = 0
    if args.json:
        status = max(status, _export_json(args.file, args.json, args.passphrase))
    if args.docx or args.evidence_report:
        status = max(status, _export_letter(args))
    if args.feedback:
        from peernotes.commands.deck_export import export_feedback

        status = max(status, export_feedback(args))
    return status


def _export_json(source: Path, out: Path, passphrase: str | None = None) -> int:
    if str(out) != "-" and out.resolve() == source.resolve():
        print(
            f"peernotes export: {out} is the challenge file itself; choose another name",
            file=sys.stderr,
        )
        return 2
    with ChallengeFile.open(source, readonly=True, passphrase=passphrase) as cf:
        repairs = bad_text.tolerate(cf.conn)
        if str(out) == "-":
            sys.stdout.writelines(interchange.iter_export(cf))
            sys.stdout.flush()
        else:
            _write_atomically(out, interchange.iter_export(cf))
    if repairs.count:
        print(repairs.note(), file=sys.stderr)
    if str(out) == "-":
        return 0
    print(f"Wrote {out}", file=sys.stderr)
    if passphrase:
        print(unprotected_note(out), file=sys.stderr)
    return 0


def unprotected_note(out: Path) -> str:
    return (
        f"note: {out.name} is NOT protected by the challenge's passphrase; "
        "keep it as safe as the notes themselves."
    )


def _write_atomically(out: Path, pieces: Iterable[str]) -> None:
    """Write beside the target and rename, so a failed export never leaves half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(pieces)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _export_letter(args: argparse.Namespace) -> int:
    from peernotes.commands.letter_export import export_letter

    return export_letter(args)
