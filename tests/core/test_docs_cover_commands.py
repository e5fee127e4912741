"""The README is where a challenge manager looks up a command: every one must be there.

Datasette's habit: a test that fails when a command or an option is added without its docs.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from peernotes.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[2]


def _documented_text() -> str:
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(path.read_text(encoding="utf-8") for path in docs)


def _options(name: str) -> list[str]:
    parser = argparse.ArgumentParser(prog=f"peernotes {name}")
    importlib.import_module(COMMANDS[name][1]).configure(parser)
    return [
        option
        for action in parser._actions  # argparse has no public list of its options
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]


def test_every_command_is_in_the_readme_table():
    """A command missing here is one a manager cannot find without reading --help."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"`peernotes {name}" not in readme]
    assert not missing, f"commands not in the README's command table: {missing}"


def test_every_option_is_documented():
    """An option only --help knows about is one nobody uses in front of a deadline."""
    text = _documented_text()
    missing = [
        f"{name} {option}" for name in COMMANDS for option in _options(name) if option not in text
    ]
    assert not missing, f"options not mentioned in README.md or docs/: {missing}"
