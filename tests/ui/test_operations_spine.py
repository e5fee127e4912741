"""Every undoable edit goes through `peernotes.ui.operations`: no screen calls `run_undoable`.

If this fails, a screen has started running core operations itself: its action has no name a
test can call, and its undo label sits in a widget where nobody reviewing the menu looks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import peernotes.ui

UI = Path(peernotes.ui.__file__).parent
ALLOWED = {UI / "undo.py"}  # the spine itself
# Screens not yet moved onto operations (issue 18), by file name (so a module moved into a
# feature package is still recognised): this list only shrinks.
PENDING = {
    "conflicts_dialog.py",
    "challenge.py",
    "challenge_setup.py",
    "history_dialog.py",
}


def _calls_run_undoable(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == "run_undoable":
                return True
    return False


def _screens() -> list[Path]:
    return [
        path
        for path in sorted(UI.rglob("*.py"))
        if path not in ALLOWED and (UI / "operations") not in path.parents
    ]


def _callers() -> set[str]:
    return {path.name for path in _screens() if _calls_run_undoable(path)}


def test_screens_do_their_edits_through_operations():
    """A screen calling run_undoable directly: its action is missing from ui/operations/."""
    unexpected = {
        path.relative_to(UI).as_posix()
        for path in _screens()
        if path.name not in PENDING and _calls_run_undoable(path)
    }
    assert not unexpected, f"call peernotes.ui.operations instead of run_undoable in {unexpected}"


def test_the_pending_list_only_shrinks():
    """A screen already moved onto operations is still listed as pending: strike it."""
    moved = PENDING - _callers()
    assert not moved, f"no longer pending, remove from PENDING: {moved}"


def test_the_check_sees_a_direct_call(tmp_path):
    """The walk itself works: a planted direct call is found."""
    planted = tmp_path / "screen.py"
    planted.write_text("from peernotes.ui.undo import run_undoable\nrun_undoable(s, 'x', f)\n")
    assert _calls_run_undoable(planted)
