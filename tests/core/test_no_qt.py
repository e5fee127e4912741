"""The core must run without Qt: on a server, in scripts, in CI without a display."""

from __future__ import annotations

import subprocess
import sys

PROBE = r"""
import importlib, pkgutil, sys
import peernotes
names = ["peernotes", "peernotes.cli", "peernotes.paths"]
for package in ("peernotes.core", "peernotes.export", "peernotes.commands"):
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError:
        continue
    names.append(package)
    names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__)]
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
print(len(names), ",".join(qt))
"""


def test_core_imports_no_qt():
    """If this fails, the core pulls in Qt: headless use (CLI export, merge, CI) breaks."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    count, qt_modules = (
        result.stdout.strip().split(" ", 1)
        if " " in result.stdout.strip()
        else (
            result.stdout.strip(),
            "",
        )
    )
    assert int(count) >= 8, "the probe should have imported the core modules"
    assert qt_modules == "", f"Qt imported by the core: {qt_modules}"
