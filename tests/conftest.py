"""Shared test setup: headless Qt, a private data folder, and small challenge files to work on."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Without a platform, Qt aborts (SIGABRT) on a machine with no display and pytest prints nothing.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))

from helpers import make_challenge  # noqa: E402


@pytest.fixture(autouse=True)
def private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own per-user data folder: no test touches the real one."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("PEERNOTES_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def challenge_path(tmp_path: Path) -> Path:
    """A small challenge file on disk (closed), see helpers.make_challenge."""
    path = tmp_path / "challenge.peernotes"
    make_challenge(path).close()
    return path


@pytest.fixture
def cf(tmp_path: Path):
    """An open small challenge file, closed after the test."""
    handle = make_challenge(tmp_path / "open.peernotes")
    yield handle
    handle.close()
