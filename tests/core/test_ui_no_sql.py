"""Widgets never touch SQL: no UI module holds a query or runs one (docs/architecture.md,
"where SQL may live"). Screens call a core read model that returns typed values; this check
reads the UI's source (no Qt needed)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "peernotes" / "ui"
SQL = re.compile(r"^\s*(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|WITH)\s+\S")
RUNS_SQL = {"query", "execute", "executemany", "executescript"}


def sql_in(source: str) -> list[int]:
    """Lines holding SQL text, or a call that runs a statement (`cf.query`, `.execute`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL.match(node.value):
                found.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in RUNS_SQL:
                found.append(node.lineno)
    return sorted(set(found))


def test_no_ui_module_holds_or_runs_a_query() -> None:
    """A screen that queries the file itself reads columns by string, outside the typed seam
    and outside the core tests. If this failed, a renamed column would break a dialog (File ›
    Print… once listed findings with its own SELECT) where no core test could see it."""
    offenders = [
        f"{path.relative_to(UI.parent.parent).as_posix()}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in sql_in(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "move the query into a core read model: " + ", ".join(offenders)


def test_the_check_finds_a_planted_query() -> None:
    """The check sees a query held as text and one run through the store, and lets a button's
    label that merely starts with "Select" pass."""
    planted = """
rows = cf.query(
    "SELECT id, statement FROM finding WHERE deleted = 0"
)
label = "Select a meeting"
cf.conn.execute(sql)
"""
    assert sql_in(planted) == [2, 3, 6]
