"""One version, written once: the command line, the package metadata and files agree."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from peernotes import __version__
from peernotes.core.about import third_party_notices
from peernotes.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]


def test_pyproject_takes_the_version_from_the_package():
    """A second hand-written version in pyproject.toml would drift: a wheel or an installer
    would then say one version and `peernotes --version` another."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "peernotes/__init__.py"


def test_version_flag_prints_the_package_version():
    """`peernotes --version` is how a challenge manager checks each peer's copy."""
    result = subprocess.run(
        [sys.executable, "-m", "peernotes", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"PeerNotes {__version__}"


def test_licence_texts_ship_in_resources():
    """The notices name Qt's LGPL and its text is shipped beside them; a bundle without them
    would not meet Qt's licence."""
    folder = resources_dir() / "licenses"
    assert "LGPL" in third_party_notices()
    for name in ("LICENSE.txt", "LGPL-3.0.txt", "GPL-3.0.txt", "Apache-2.0.txt"):
        assert (folder / name).stat().st_size > 1000


def test_a_newer_file_is_refused_naming_both_versions(tmp_path):
    """On a team with mixed versions, a peer on an older PeerNotes is told which version they
    have and which format the file needs, so the manager knows who must update."""
    from peernotes.core.errors import TooNewFile

    message = str(TooNewFile(str(tmp_path / "team.peernotes"), 99, 4))
    assert f"this PeerNotes ({__version__})" in message
    assert "format version 99" in message and "up to 4" in message
    assert "has not been changed" in message
