"""One front door to the store: core modules write rows through the ChallengeFile's row and bulk
APIs, not by running INSERT/UPDATE/DELETE/REPLACE on its connection (docs/architecture.md,
"Who still writes through cf.conn"). A write that bypasses the store loses what the store
keeps: the stamps merge needs, listeners' news of the change, the clock's high-water mark."""

from __future__ import annotations

import ast
import re
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "peernotes" / "core"

# No core module outside the store writes through a connection it reached by `.conn`: the
# last three (a peer's copy, salvage's repairs, the import's seed outline) moved onto
# store/fresh_files.py, so there is no list of exemptions left to shrink.
# Migrations (schema.py, schema_v8.py), SQLCipher's PRAGMAs (encryption.py) and the
# open-marker (locking.py) write on the bare connection they are given, before or beside the
# store, and never reach for `.conn`: the check does not flag them.
WRITE = re.compile(r"^\s*(?:WITH\b.*?\)\s*)?(INSERT|UPDATE|DELETE|REPLACE)\b|\bINTO\s", re.I | re.S)
EXECUTE = {"execute", "executemany", "executescript"}


def _text(node: ast.AST | None, assigned: dict[str, list[ast.AST]]) -> str:
    """The SQL text a statement argument can hold: literals, f-strings' literal parts,
    concatenations, and (for a name) every value the module assigns to that name."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            _text(v, assigned) if isinstance(v, ast.Constant) else "?" for v in node.values
        )
    if isinstance(node, ast.BinOp):
        return _text(node.left, assigned) + _text(node.right, assigned)
    if isinstance(node, ast.Name):
        return "\n;".join(_text(v, {}) for v in assigned.get(node.id, []))
    return ""


def writes_through_conn(source: str) -> list[int]:
    """Lines where a module that reaches the store's connection (`.conn`) runs a write
    statement on a connection: `cf.conn` itself, or one handed on (`tconn = target.conn`,
    a helper's `conn` parameter)."""
    tree = ast.parse(source)
    assigned: dict[str, list[ast.AST]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                pairs = (
                    zip(target.elts, node.value.elts, strict=False)
                    if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                    else [(target, node.value)]
                )
                for name, value in pairs:
                    if isinstance(name, ast.Name):
                        assigned.setdefault(name.id, []).append(value)
    uses_conn = any(isinstance(n, ast.Attribute) and n.attr == "conn" for n in ast.walk(tree))
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in EXECUTE
            and node.args
        ):
            continue
        if uses_conn and any(
            WRITE.search(part) for part in _text(node.args[0], assigned).split(";")
        ):
            found.append(node.lineno)
    return found


def test_core_modules_write_rows_only_through_the_store() -> None:
    """A core module outside the store writes rows on `cf.conn`.
    If this failed, some edit would reach the file without its stamps, history or listeners'
    notice: a merged copy could lose it and an open screen would not show it."""
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        name = path.relative_to(CORE).as_posix()
        if name.startswith("store/"):
            continue
        lines = writes_through_conn(path.read_text(encoding="utf-8"))
        offenders += [f"peernotes/core/{name}:{line}" for line in lines]
    assert offenders == [], "write through the store's API instead: " + ", ".join(offenders)


def test_the_check_finds_a_planted_write() -> None:
    """The check above would pass for ever if it could not see a write: a planted one, in
    each shape the core uses, is found (and a read is not)."""
    planted = """
def a(cf):
    cf.conn.execute("INSERT INTO meta(key, value) VALUES ('x', ?)", (1,))
def b(cf, table):
    cf.conn.execute(f'UPDATE "{table}" SET hlc = ? WHERE id = ?', (1, 2))
def c(target):
    tconn = target.conn
    sql = "DELETE FROM conflict WHERE id = ?"
    tconn.execute(sql, (1,))
def d(cf):
    cf.conn.execute("INSERT OR REPLACE INTO conflict (id) " + "VALUES (?)", (1,))
def e(cf):
    return cf.conn.execute("SELECT id FROM observation WHERE text LIKE '%UPDATE%'")
"""
    assert writes_through_conn(planted) == [3, 5, 9, 11]
