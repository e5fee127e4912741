"""Every undoable edit goes through `peernotes.ui.operations`: no screen calls `run_undoable`.

If this fails, a screen has started running core operations itself: its action has no name a
test can call, and its undo label sits in a widget where nobody reviewing the menu looks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import peernotes.ui

UI = Path(peernotes.ui.__file__).parent
SPINE = UI / "undo.py"  # defines run_undoable
OPERATIONS = UI / "operations"


def _calls_run_undoable(source: str) -> bool:
    """A call of run_undoable, by its name or as an attribute (`undo.run_undoable(...)`)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == "run_undoable":
                return True
    return False


def test_screens_do_their_edits_through_operations():
    """A screen calling run_undoable directly: its action belongs in ui/operations/."""
    offenders = [
        path.relative_to(UI).as_posix()
        for path in sorted(UI.rglob("*.py"))
        if path != SPINE
        and OPERATIONS not in path.parents
        and _calls_run_undoable(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"call peernotes.ui.operations instead of run_undoable in {offenders}"


def test_the_operations_are_where_the_check_looks():
    """The check would pass vacuously if the package moved: it must see the actions' calls."""
    assert sum(_calls_run_undoable(p.read_text()) for p in OPERATIONS.glob("*.py")) >= 10


def test_the_check_sees_a_direct_call_in_either_form():
    """The walk itself: a planted call is found by name and as an attribute."""
    assert _calls_run_undoable("run_undoable(session, 'Add', op)\n")
    assert _calls_run_undoable("undo.run_undoable(session, 'Add', op)\n")
    assert not _calls_run_undoable("from peernotes.ui.undo import run_undoable\n")
