"""Passphrases of protected files on the command line: one convention for every command.

`--passphrase-stdin` reads them from standard input, one line per protected file in the
order the files are named on the command line; when the lines run out, the last one is used
again, so a single line serves every file protected with the same passphrase. Without the
flag, a terminal is prompted (the typing is not shown); anything else (a script, a pipe)
gets a clear refusal rather than a hang. Passphrases are never taken as arguments, where
they would be visible to other users in the process list and kept in shell history.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from peernotes.core.encryption import passphrase_problem
from peernotes.core.errors import EncryptedFile
from peernotes.core.merge_sources import needs_passphrase

HELP = (
    "read passphrases of protected files from standard input: one line per protected file, "
    "in the order the files are named; a single line is used for them all"
)


def add_argument(parser: argparse.ArgumentParser, help_: str = HELP) -> None:
    parser.add_argument("--passphrase-stdin", action="store_true", help=help_)


class Passphrases:
    """Hands out passphrases in command-line order (see the module docstring)."""

    def __init__(self, from_stdin: bool, *, command: str) -> None:
        self.from_stdin = from_stdin
        self.command = command
        self._last: str | None = None

    def for_file(
        self, path: Path, protected: Callable[[Path], bool] = needs_passphrase
    ) -> str | None:
        """The passphrase for `path`, or None when it is not `protected`."""
        if not protected(path):
            return None
        return self.ask(path)

    def ask(self, path: Path) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if line:
                self._last = line.rstrip("\r\n")
            if self._last is None:
                raise EncryptedFile(
                    f"{path} is protected with a passphrase, but standard input was empty. "
                    "Nothing was changed."
                )
            passphrase = self._last
        elif sys.stdin.isatty():
            passphrase = getpass.getpass(f"Passphrase for {path.name}: ")
        else:
            raise EncryptedFile(
                f"{path} is protected with a passphrase: give it on standard input with "
                f"--passphrase-stdin (e.g. peernotes {self.command} --passphrase-stdin ... "
                "< file-holding-the-passphrase). Nothing was changed."
            )
        if not passphrase:
            raise EncryptedFile(f"The passphrase given for {path} is empty. Nothing was changed.")
        problem = passphrase_problem(passphrase)
        if problem:
            raise EncryptedFile(f"The passphrase given for {path}: {problem} Nothing was changed.")
        return passphrase
