"""`peernotes import-programme FILE TIMETABLE.csv|.xlsx`: the council's programme into a challenge.

Headers are recognised (Date, Time, Meeting, Venue, Attendees...); `--map COLUMN=FIELD` names
the rest. Every valid row lands in one transaction; each bad row is printed with its row and
column and left out (exit code 1); a sheet that is not a timetable is refused (exit code 2) and
nothing changes. `--dry-run` prints what would change and leaves FILE byte-identical (it is
opened read-only). Re-importing an updated timetable updates the meetings it created; meetings
no longer in it are listed, never deleted. See peernotes.core.programme_import.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peernotes import paths
from peernotes.commands import passphrases
from peernotes.core import programme_columns, programme_import, sheets
from peernotes.core.programme_import import ImportPlan
from peernotes.core.store import ChallengeFile

MAX_LISTED = 50  # problems printed; a broken 5,000-row sheet does not print 5,000 lines


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Import the on-site programme (meetings, peers, people met, unnamed headcounts such "
        "as '12 carers') from a CSV or .xlsx timetable into a challenge file. Valid rows are "
        "imported in one transaction; bad rows are listed by row and column. Exit code 0: all "
        "rows imported; 1: some rows left out; 2: nothing imported."
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the challenge file (.peernotes)")
    parser.add_argument(
        "timetable", type=Path, metavar="TIMETABLE", help="the programme (.csv or .xlsx)"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would change; FILE is left byte-identical",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the workbook's sheet to read (default: the first whose headings look like a "
        "timetable, so a cover page is skipped)",
    )
    fields = ", ".join(programme_columns.FIELDS)
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=f"read COLUMN (its header, letter or number) as FIELD, one of: {fields}. "
        "Repeat for more columns; 'ignore' leaves a column out",
    )
    passphrases.add_argument(parser, "read FILE's passphrase (if protected) from standard input")


def run(args: argparse.Namespace) -> int:
    tables = sheets.read_tables(args.timetable)
    table = programme_columns.timetable_table(tables, args.sheet, args.timetable.name)
    layout = programme_columns.recognise(table)
    overrides = programme_columns.parse_overrides(args.map)
    if overrides:
        layout = programme_columns.with_overrides(table, layout, overrides)
    keys = passphrases.Passphrases(args.passphrase_stdin, command="import-programme")
    passphrase = keys.for_file(args.file)
    source = args.timetable.name
    # Planned on a read-only look first: a refused sheet leaves FILE byte-identical.
    with ChallengeFile.open(args.file, readonly=True, passphrase=passphrase) as cf:
        plan = programme_import.plan_import(cf, table, layout, source)
    if not args.dry_run and plan.changes_anything:
        cf = ChallengeFile.open(args.file, passphrase=passphrase, device=paths.device_id())
        try:
            if cf.readonly:
                reason = cf.readonly_reason or f"{args.file} is read-only."
                print(f"peernotes import-programme: {reason} Nothing was changed.", file=sys.stderr)
                return 2
            plan = programme_import.run_import(cf, table, layout, source)
        finally:
            cf.close()
    for line in report(plan, done=not args.dry_run):
        print(line)
    return 1 if plan.problems else 0


def report(plan: ImportPlan, *, done: bool) -> list[str]:
    """What the import did (or would do), in the order a person checks it."""
    header = plan.layout.header
    lines = [
        f"{plan.source}: "
        + ("headings" if header is not None else "no heading row")
        + (f" on row {header + 1}" if header is not None else ""),
        "Columns: " + "; ".join(f"{column} = {label}" for column, label in plan.columns),
        plan.summary(done=done),
    ]
    for row in plan.rows:
        if row.outcome in ("new", "update"):
            lines.append(f"  {'+' if row.outcome == 'new' else '~'} row {row.row}: {row.label}")
    problems = plan.problems
    if problems:
        lines.append("Left out (fix these rows and import again):")
        lines += [f"  {p}." for p in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(f"  … and {len(problems) - MAX_LISTED} more.")
    if plan.warnings:
        lines.append("Imported, but note:")
        lines += [f"  {p}." for p in plan.warnings[:MAX_LISTED]]
    if plan.missing:
        lines.append("Imported before but not in this timetable (kept, not deleted):")
        lines += [
            f"  {m.date} {m.start_time or ''} {m.title}".replace("  ", " ") for m in plan.missing
        ]
    return lines
