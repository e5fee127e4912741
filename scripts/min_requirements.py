"""Print every dependency pinned to the lowest version pyproject.toml claims to support.

`.ci/run` installs these into a fresh environment *without Qt* and runs the core and export
tests there, which proves two promises at once: the core needs no Qt, and a lower bound in
pyproject.toml is a version that works (sqlite-utils 3.x once installed cleanly and broke).

    python scripts/min_requirements.py [--extra test] [--without PySide6-Essentials]
"""

from __future__ import annotations

import argparse
import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_LOWER = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*([^;]*)")


def minimum(requirement: str) -> str:
    """'name>=1.2,<2' -> 'name==1.2'; a requirement with no lower bound is left as it is."""
    match = _LOWER.match(requirement)
    if not match:
        raise ValueError(f"cannot read the requirement {requirement!r}")
    name, extras, spec = match.group(1), match.group(2) or "", match.group(3)
    for clause in spec.split(","):
        clause = clause.strip()
        if clause.startswith(">="):
            return f"{name}{extras}=={clause[2:].strip()}"
    return requirement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], help="an optional group too")
    parser.add_argument("--without", action="append", default=[], help="leave this one out")
    args = parser.parse_args()
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in args.extra:
        requirements += project["optional-dependencies"][extra]
    left_out = {name.lower() for name in args.without}
    for requirement in requirements:
        name = _LOWER.match(requirement)
        if name and name.group(1).lower() not in left_out:
            print(minimum(requirement))


if __name__ == "__main__":
    main()
