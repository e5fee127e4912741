"""`peernotes export FILE --letter OUT.docx [--evidence OUT.docx] [--allow NAME ...] [--strict]`

Headless export of the summary letter and the internal evidence report. The non-attribution
guard runs first: if the letter would name anyone the team met (or a single-person group or
role), nothing is written, each item is listed with where it is, and the exit code is 2.
`--allow NAME` lets through an item the user has checked (repeatable; the allow-list saved in
the file applies too). Findings that are "Single source — to test" or have no evidence are
printed as warnings; with `--strict` they refuse the letter too (nothing written, exit 2). Missing, foreign and too-new files also exit 2 with a clear message.
A protected file is opened with `args.passphrase` (read by peernotes.commands.export from
--passphrase-stdin or a prompt); the Word files written are not protected, and a note says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peernotes.core import attribution, bad_text
from peernotes.core.errors import PeerNotesError
from peernotes.core.letter import build_letter
from peernotes.core.store import ChallengeFile
from peernotes.core.weak_findings import summary, weak_findings

EXIT_REFUSED = 2


def export_letter(args: argparse.Namespace) -> int:
    """Run the export the arguments ask for; returns the process exit code."""
    letter_out = getattr(args, "docx", None)
    report_out = getattr(args, "evidence_report", None)
    allowed = list(getattr(args, "allow", None) or [])
    path = Path(args.file)
    if not letter_out and not report_out:
        return _fail("nothing to export: give --letter OUT.docx and/or --evidence OUT.docx.")
    if not path.exists():
        return _fail(f"{path} does not exist.")
    if path.is_dir():
        return _fail(f"{path} is a folder, not a challenge file.")
    for out in (letter_out, report_out):
        if out and Path(out).resolve() == path.resolve():
            return _fail(f"{out} is the challenge file itself; choose another name.")
    try:
        cf = ChallengeFile.open(path, readonly=True, passphrase=getattr(args, "passphrase", None))
    except PeerNotesError as error:
        return _fail(str(error))
    repairs = bad_text.tolerate(cf.conn)
    try:
        if letter_out:
            from peernotes.export.docx_letter import export_letter as write_letter

            letter = build_letter(cf)
            hits = attribution.scan(cf, letter, allowed)
            if hits:
                return _fail(
                    f"the letter was NOT written: it would name or identify {len(hits)} "
                    f"{'item' if len(hits) == 1 else 'items'} the team must not attribute:\n"
                    f"{attribution.report(hits)}\n"
                    "Edit the text in PeerNotes, or, if an item is not about anyone the team met, "
                    'allow it with --allow "TEXT" (repeatable).'
                )
            for warning in letter.warnings:
                print(f"note: {warning}", file=sys.stderr)
            if not warn_weak_findings(cf, "letter", strict=getattr(args, "strict", False)):
                return EXIT_REFUSED
            written = write_letter(letter, letter_out)
            print(f"Letter written to {written}")
            _note_unprotected(args, Path(written))
        if report_out:
            from peernotes.export.evidence_report import export_evidence_report

            written = export_evidence_report(cf, report_out)
            print(f"Evidence report (internal, not for publication) written to {written}")
            _note_unprotected(args, Path(written))
    except PeerNotesError as error:
        return _fail(str(error))
    finally:
        cf.close()
    if repairs.count:
        print(repairs.note(), file=sys.stderr)
    return 0


def warn_weak_findings(cf: ChallengeFile, what: str, *, strict: bool) -> bool:
    """Print each weak finding as a warning; False (write nothing) when `strict` and any."""
    weak = weak_findings(cf)
    if not weak:
        return True
    prefix = "error" if strict else "warning"
    print(f"{prefix}: {summary(weak)}", file=sys.stderr)
    for item in weak:
        print(f"{prefix}: {item.line()}", file=sys.stderr)
    if strict:
        print(
            f"peernotes export: the {what} was NOT written (--strict): add evidence to these "
            "findings, or export without --strict.",
            file=sys.stderr,
        )
        return False
    return True


def _note_unprotected(args: argparse.Namespace, out: Path) -> None:
    if getattr(args, "passphrase", None):
        from peernotes.commands.export import unprotected_note

        print(unprotected_note(out), file=sys.stderr)


def _fail(message: str) -> int:
    print(f"peernotes export: {message}", file=sys.stderr)
    return EXIT_REFUSED
