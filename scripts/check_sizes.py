"""The house's size rule: modules at most 600 lines, functions at most 60 (issue 18).

Small modules with one job and short functions are what make this code reviewable. The rule is
checked on every CI run. Code that broke it before the check existed is listed in
`.ci/size-exceptions.txt` (a to-do list that may only shrink): nothing new may join the list,
and a listed module or function that grows past its recorded size is reported (a warning while
other work on those modules is in flight; the aim is an empty list).

    python scripts/check_sizes.py            # check; exit 1 with one line per violation
    python scripts/check_sizes.py --record   # rewrite the exceptions file from today's code
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "peernotes"
EXCEPTIONS = ROOT / ".ci" / "size-exceptions.txt"
MAX_MODULE = 600
MAX_FUNCTION = 60
EXEMPT = {"peernotes/core/demo_content.py"}  # the demo's written data, not code


def measure() -> dict[str, int]:
    """Every oversized module ("path") and function ("path::qualname") with its line count."""
    found: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in EXEMPT:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        if lines > MAX_MODULE:
            found[rel] = lines
        for name, size in _functions(ast.parse(text)):
            if size > MAX_FUNCTION:
                found[f"{rel}::{name}"] = size
    return found


def _functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, int]]:
    sizes = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            sizes.append((prefix + node.name, (node.end_lineno or node.lineno) - first + 1))
            sizes += _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            sizes += _functions(node, f"{prefix}{node.name}.")
    return sizes


def read_exceptions() -> dict[str, int]:
    if not EXCEPTIONS.exists():
        return {}
    allowed = {}
    for line in EXCEPTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            size, _, name = line.strip().partition(" ")
            allowed[name] = int(size)
    return allowed


def main(argv: list[str]) -> int:
    found = measure()
    if "--record" in argv:
        header = (
            "# Oversized before the size check existed: may shrink. See scripts/check_sizes.py\n"
        )
        body = "".join(f"{size} {name}\n" for name, size in sorted(found.items()))
        EXCEPTIONS.write_text(header + body, encoding="utf-8")
        print(f"recorded {len(found)} exceptions in {EXCEPTIONS.relative_to(ROOT)}")
        return 0
    allowed = read_exceptions()
    problems = []
    for name, size in sorted(found.items()):
        limit = MAX_FUNCTION if "::" in name else MAX_MODULE
        kind = "function" if "::" in name else "module"
        if name not in allowed:
            problems.append(f"{name}: {size} lines, a {kind} may have at most {limit}")
        elif size > allowed[name]:
            print(f"warning: {name} grew from {allowed[name]} to {size} lines (limit {limit})")
    for line in problems:
        print(line)
    fixed = sorted(set(allowed) - set(found))
    if fixed:
        print(f"now within the limits, remove from {EXCEPTIONS.name}: {', '.join(fixed)}")
    print(f"sizes: {len(problems)} violations, {len(allowed) - len(fixed)} listed exceptions left")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
