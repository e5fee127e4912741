"""Undo for every edit: run a core operation, remember the rows it touched, restore them on undo.

`run_undoable(session, "Add observation", lambda cf: observations.add_observation(cf, ...))` runs the
operation once, pushes a command onto the session's QUndoStack and returns the operation's
result. Undo writes the captured before-states back (as new edits, so they merge like any
other); redo writes the after-states. One generic command serves every screen, so no screen
needs its own undo logic, and a new core operation is undoable the day it is written.
Screens do not call `run_undoable` themselves: each action is a named function in
`peernotes.ui.operations`, which owns its undo label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QUndoCommand

from peernotes.core.errors import PeerNotesError
from peernotes.core.snapshots import Snapshot
from peernotes.core.store import ChallengeFile
from peernotes.ui.session import Session

T = TypeVar("T")

_MERGE_ID = 0x504E  # commands with the same merge_key merge (typing into one field)


class CoreCommand(QUndoCommand):
    def __init__(
        self,
        session: Session,
        text: str,
        before: Snapshot,
        merge_key: str | None = None,
    ):
        super().__init__(text)
        self.session = session
        self.before = before
        self.after = Snapshot.of(session.cf, before.keys())
        self.merge_key = merge_key
        self._done_once = False

    def _apply(self, states: Snapshot) -> None:
        try:
            states.restore(self.session.cf)
        except PeerNotesError as error:
            self.session.error.emit(str(error))

    def redo(self) -> None:
        if not self._done_once:  # the operation itself already ran
            self._done_once = True
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def id(self) -> int:  # noqa: A003 (Qt API)
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, CoreCommand) or other.merge_key != self.merge_key:
            return False
        self.before = self.before.before(other.before)
        self.after = Snapshot.of(self.session.cf, self.before.keys())
        return True


def run_undoable(
    session: Session,
    text: str,
    operation: Callable[[ChallengeFile], T],
    *,
    merge_key: str | None = None,
) -> T:
    """Run `operation` in one transaction and make it undoable. Errors propagate unchanged
    (ValidationError, SaveFailed) and push nothing."""
    cf = session.cf
    with cf.capture() as touched, cf.transaction():
        result = operation(cf)
    if touched:
        command = CoreCommand(session, text, Snapshot(dict(touched)), merge_key)
        session.undo_stack.push(command)  # may merge into the previous command and delete it
    return result
