"""The `peernotes` command: open the app, or run a headless subcommand.

    peernotes [FILE]                  open the app (on FILE, or the welcome screen)
    peernotes --demo                  open the app on the demo challenge
    peernotes demo --out FILE         write a demo challenge without opening a window
    peernotes export FILE --json OUT  write the whole challenge as JSON
    peernotes import IN.json --out NEW.peernotes
    peernotes import-programme FILE TIMETABLE.csv|.xlsx [--dry-run] [--sheet NAME]
                                      [--map COLUMN=FIELD]
Each subcommand lives in peernotes/commands/<name>.py and registers itself in COMMANDS.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from peernotes import __version__
from peernotes.core.errors import PeerNotesError

# name -> (help line, module path). Modules define `configure(parser)` and `run(args) -> int`.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("write a demo challenge file (no window)", "peernotes.commands.demo"),
    "export": (
        "export a challenge (JSON interchange, the letter, or the feedback deck)",
        "peernotes.commands.export",
    ),
    "import": (
        "create a challenge file from a JSON interchange file",
        "peernotes.commands.importing",
    ),
    "import-programme": (
        "import the on-site programme (timetable, attendees) from CSV or .xlsx",
        "peernotes.commands.import_programme",
    ),
    "merge": ("merge peers' copies of a challenge into one file", "peernotes.commands.merge"),
    "team-copies": (
        "write the merged team file as one copy per peer (the morning pick-up)",
        "peernotes.commands.team_copies",
    ),
    "check": ("check a challenge file is sound; salvage a damaged one", "peernotes.commands.check"),
}


def _gui_parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  {name:<10} {help_}" for name, (help_, _) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="peernotes",
        description="PeerNotes: record a peer challenge, triangulate findings, draft the letter.",
        epilog=f"commands (run 'peernotes COMMAND --help' for details):\n{commands}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", help="a challenge file (.peernotes) to open")
    parser.add_argument("--demo", action="store_true", help="open the demo challenge")
    parser.add_argument("--version", action="version", version=f"PeerNotes {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return run_command(argv[0], argv[1:])
    args = _gui_parser().parse_args(argv)
    from peernotes.ui.app import run_app  # Qt is imported only when a window is wanted

    return run_app(file=args.file, demo=args.demo)


def run_command(name: str, argv: Sequence[str]) -> int:
    import importlib

    help_, module_path = COMMANDS[name]
    module = importlib.import_module(module_path)
    parser = argparse.ArgumentParser(prog=f"peernotes {name}", description=help_)
    module.configure(parser)
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = module.run
    try:
        return run(args)
    except PeerNotesError as error:
        print(f"peernotes {name}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `peernotes export ... --json - | head`: the reader left
        return 1
    except Exception as error:  # the last net: one line, never a traceback
        return _unexpected(name, error)


def _unexpected(name: str, error: Exception) -> int:
    """A failure no command foresaw: a known cause (full disk, read-only drive) in one
    sentence; anything else in one line naming the log that holds the detail."""
    from peernotes.core import failures, logbook

    known = failures.explain(error)
    if known is not None:
        print(f"peernotes {name}: {known}", file=sys.stderr)
        return 2
    try:
        report = logbook.describe(type(error), error, error.__traceback__)
        log: str = str(logbook.write(report))
    except OSError:
        log = "nowhere (the log folder could not be written)"
    print(
        f"peernotes {name}: an unexpected error stopped the command "
        f"({type(error).__name__}); the details are in {log}",
        file=sys.stderr,
    )
    return 3
