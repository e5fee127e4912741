"""`peernotes export FILE --feedback OUT.pptx [--allow NAME ...]`: the feedback presentation.

The same guard as the letter, with the same exit code: if any slide or speaker note would
name someone the team met (or a single-person group or role), nothing is written, each item
is listed with where it is, and the exit code is 2. `--allow NAME` lets an item through
(repeatable; the allow-list saved in the file applies too). The challenge file is opened
read-only and never changed -- unless `--record-as-presented` is given: then, once the deck is
written, its findings are stored in the file as the feedback as presented
(peernotes.core.feedback_snapshot), which the Letter page compares the letter against.
A missing or broken slide template is named in the message.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peernotes import paths
from peernotes.core import attribution
from peernotes.core.deck import Deck, build_deck
from peernotes.core.errors import PeerNotesError
from peernotes.core.store import ChallengeFile

EXIT_REFUSED = 2


def export_feedback(args: argparse.Namespace) -> int:
    """Build, guard and write the deck the arguments ask for; returns the exit code."""
    from peernotes.export.pptx_deck import export_deck, load_template

    out = Path(args.feedback)
    path = Path(args.file)
    if not path.exists():
        return _fail(f"{path} does not exist.")
    if path.is_dir():
        return _fail(f"{path} is a folder, not a challenge file.")
    if out.resolve() == path.resolve():
        return _fail(f"{out} is the challenge file itself; choose another name.")
    try:
        template = load_template(getattr(args, "template", None))
        cf = ChallengeFile.open(path, readonly=True, passphrase=getattr(args, "passphrase", None))
    except PeerNotesError as error:
        return _fail(str(error))
    try:
        deck = build_deck(cf, template.capacity)
        hits = attribution.scan(cf, deck, list(getattr(args, "allow", None) or []))
        if hits:
            return _fail(
                f"the presentation was NOT written: it would name or identify {len(hits)} "
                f"{'item' if len(hits) == 1 else 'items'} the team must not attribute:\n"
                f"{attribution.report(hits)}\n"
                "Edit the text in PeerNotes, or, if an item is not about anyone the team met, "
                'allow it with --allow "TEXT" (repeatable).'
            )
        for warning in deck.warnings:
            print(f"note: {warning}", file=sys.stderr)
        from peernotes.commands.letter_export import warn_weak_findings

        if not warn_weak_findings(cf, "presentation", strict=getattr(args, "strict", False)):
            return EXIT_REFUSED
        written = export_deck(deck, out, template)
    except PeerNotesError as error:
        return _fail(str(error))
    finally:
        cf.close()
    print(f"Feedback presentation ({len(deck.slides)} slides) written to {written}")
    if getattr(args, "record_as_presented", False):
        status = _record(path, args, deck)
        if status:
            return status
    if getattr(args, "passphrase", None):
        from peernotes.commands.export import unprotected_note

        print(unprotected_note(Path(written)), file=sys.stderr)
    return 0


def _record(path: Path, args: argparse.Namespace, deck: Deck) -> int:
    """Store the snapshot in FILE (opened for writing only now, after the deck is out)."""
    from peernotes.core import feedback_snapshot

    try:
        with ChallengeFile.open(
            path, passphrase=getattr(args, "passphrase", None), device=paths.device_id()
        ) as cf:
            feedback_snapshot.record(
                cf, deck.finding_ids(), occasion="exported", slides=len(deck.slides)
            )
    except PeerNotesError as error:
        return _fail(f"the deck was written but not recorded as presented: {error}")
    print(f"The deck's findings are recorded as the feedback as presented in {path}")
    return 0


def _fail(message: str) -> int:
    print(f"peernotes export: {message}", file=sys.stderr)
    return EXIT_REFUSED
