"""The states of some rows at one moment: what undo writes back, kept opaque to the UI.

`ChallengeFile.capture()` records the state before the first touch of every row an operation
writes; undo restores those states and redo the ones read just after. The rows themselves are
the store's generic dicts (any table, every column, so one command serves every screen), and
that genericity stays here: the UI holds a `Snapshot` and never reads a row of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from peernotes.core.store import ChallengeFile, Row

Key = tuple[str, str]  # (table, row id)


@dataclass(frozen=True)
class Snapshot:
    """{(table, id): row as it was, or None for a row that did not exist yet}."""

    states: Mapping[Key, Row | None]

    @classmethod
    def of(cls, cf: ChallengeFile, keys: Iterable[Key]) -> Snapshot:
        """The rows' current states (tombstoned rows included, as deleted)."""
        return cls({(t, i): cf.get(t, i, include_deleted=True) for (t, i) in keys})

    def keys(self) -> list[Key]:
        return list(self.states)

    def restore(self, cf: ChallengeFile) -> None:
        """Write every row back to its state, in one transaction, as new edits (so they merge
        like any other)."""
        with cf.transaction():
            for (table, row_id), state in self.states.items():
                cf.restore_version(table, row_id, state)

    def before(self, later: Snapshot) -> Snapshot:
        """This snapshot, plus the rows only `later` holds (two edits merged into one undo
        step: the earlier state of each row wins)."""
        return Snapshot({**later.states, **self.states})
