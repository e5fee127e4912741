"""What a committed transaction changed, told to the store's listeners (screens, the session).

Kept apart from the store so readers of changes (UI models, the undo spine) need not know how
rows are written. `Change` itself, and the `Table` enum screens name tables by, live in
`core/changes.py`; the store re-exports `Change`. `Row` is the generic row the store hands out: a dict of column values.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from peernotes.core.changes import Change

Row = dict[str, Any]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


Listener = Callable[[Change], None]
