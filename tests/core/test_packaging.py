"""The installed package carries its resources (frameworks, letter template), not only the repo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
from peernotes.core.frameworks import builtin_frameworks
from peernotes.paths import resources_dir
print(resources_dir())
print(len(builtin_frameworks()))
"""


def test_resources_found_from_outside_the_checkout(tmp_path: Path):
    """Run from another folder, PeerNotes finds its frameworks where `pip install .` put them
    (the checkout's own copy when installed editable)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    folder, count = result.stdout.split()
    assert int(count) >= 7
    assert (Path(folder) / "frameworks").is_dir()
