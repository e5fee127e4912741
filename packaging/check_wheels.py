"""Does every runtime dependency, at the versions we build with, have a wheel for Windows
(x64 and arm64) and macOS (Apple silicon and Intel) on each supported Python?

A council laptop cannot compile C: a dependency that ships no wheel for its platform breaks
the Windows or macOS build on a runner we only see later. This asks pip's resolver, for each
platform and Python, to install the runtime dependencies with binary wheels only, pinned to
the versions installed here (the ones the Linux bundle is built and tested with), and names
the dependency that has none. Nothing is installed (`pip install --dry-run`, which, unlike
`pip download`, reads wheel metadata without fetching ~100 MB of Qt per platform).

    python packaging/check_wheels.py            # from the build environment (pip install .)
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ["3.11", "3.12"]
PLATFORMS = {
    "win_amd64": "Windows x64",
    "win_arm64": "Windows arm64",
    "macosx_13_0_arm64": "macOS 13+ Apple silicon",
    "macosx_13_0_x86_64": "macOS 13+ Intel",
}
MISSING = re.compile(r"No matching distribution found for (\S+)")


def runtime_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(project["project"]["dependencies"])


def installed_pins(requirements: list[str]) -> list[str]:
    """`name==version` for every runtime dependency installed here, and theirs in turn."""
    pins: dict[str, str] = {}
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        name = requirement.name.lower()
        if name in pins or (requirement.marker and not requirement.marker.evaluate()):
            continue
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue  # not needed on this platform; the resolver picks a version there
        pins[name] = dist.version
        for text in dist.requires or []:
            child = Requirement(text)
            if not (child.marker and "extra" in str(child.marker)):
                todo.append(child)
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


def check(platform: str, python: str, requirements: list[str], constraints: Path) -> str | None:
    """None when every dependency has a wheel; else one sentence naming the one that has not."""
    with tempfile.TemporaryDirectory() as target:
        command = [
            *(sys.executable, "-m", "pip", "install", "--dry-run", "--quiet"),
            *("--ignore-installed", "--only-binary=:all:", "--target", target),
            *("--platform", platform, "--python-version", python, "-c", str(constraints)),
            *requirements,
        ]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode == 0:
        return None
    found = MISSING.search(result.stderr)
    name = found.group(1) if found else "a dependency (pip's message below)"
    detail = "" if found else "\n" + result.stderr.strip()[-2000:]
    return f"no wheel of {name} for {PLATFORMS[platform]}, Python {python}.{detail}"


def main() -> int:
    requirements = runtime_requirements()
    pins = installed_pins(requirements)
    with tempfile.TemporaryDirectory() as folder:
        constraints = Path(folder) / "pins.txt"
        constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
        targets = [(p, v) for p in PLATFORMS for v in PYTHONS]
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda t: check(*t, requirements, constraints), targets))
    failures = [r for r in results if r]
    for failure in failures:
        print(f"wheel check: {failure}", file=sys.stderr)
    if not failures:
        names = ", ".join(PLATFORMS.values())
        print(f"wheel check: {len(pins)} runtime packages have wheels for {names}", end="")
        print(f" on Python {' and '.join(PYTHONS)}.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
