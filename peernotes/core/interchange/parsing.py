"""Reading an interchange document: JSON text to Python, and the errors an import can raise.

A syntax error names its line and column; numbers JSON cannot hold and nesting too deep are
refused (peernotes.core.interchange_limits) before anything else looks at the document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from peernotes.core import interchange_limits as limits
from peernotes.core.errors import FileRefused, PeerNotesError, ValidationError


class InterchangeError(ValidationError):
    """A document that cannot be imported. `field` is the path of the first problem;
    `problems` lists every problem found, as (path, message)."""

    def __init__(self, problems: list[tuple[str, str]], *, truncated: bool = False):
        self.problems = problems
        path, message = problems[0]
        more = len(problems) - 1
        if more:
            message += (
                f" (and {more}{'+' if truncated else ''} more problem{'s' if more > 1 else ''})"
            )
        super().__init__(path, message)


class NotInterchange(PeerNotesError):
    """Not a PeerNotes interchange document at all (bad JSON, or some other JSON)."""


class TooNewInterchange(PeerNotesError):
    pass


def loads(text: str | bytes, *, source: str = "the JSON") -> Any:
    """Parse JSON text; a syntax error names the line and column."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise NotInterchange(f"{source} is not UTF-8 text (byte {error.start}).") from error
    try:
        return limits.parse(text, _refuse_constant)
    except limits.DeepNesting as error:
        raise NotInterchange(f"{source} is not a PeerNotes export: {error}.") from error
    except json.JSONDecodeError as error:
        raise NotInterchange(
            f"{source} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error
    except ValueError as error:
        raise NotInterchange(f"{source} is not valid JSON: {error}.") from error


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read(path: str | Path) -> Any:
    """Read and parse an interchange file."""
    path = Path(path)
    if not path.exists():
        raise FileRefused(f"{path} does not exist.")
    if path.is_dir():
        raise FileRefused(f"{path} is a folder, not a JSON file.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileRefused(f"{path} cannot be read: {error.strerror or error}.") from error
    return loads(data, source=str(path))
