"""Where new challenges go: a PeerNotes folder in Documents, or a local one when Documents
is synced to the cloud -- saying why."""

from __future__ import annotations

from pathlib import Path

import pytest

from peernotes.paths import challenges_folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PEERNOTES_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


def test_new_challenges_go_to_documents_peernotes(home: Path):
    """The lead peer finds the file where Word and Excel keep theirs, not in AppData."""
    documents = home / "Documents"
    folder = challenges_folder(documents)
    assert folder.path == documents / "PeerNotes" and folder.path.is_dir()
    assert folder.reason == ""


def test_a_cloud_synced_documents_folder_is_avoided_and_says_why(home: Path):
    """On a council laptop whose Documents is in OneDrive, files go to a local folder and
    the person is told why."""
    documents = home / "OneDrive - Fernhill Council" / "Documents"
    folder = challenges_folder(documents)
    assert folder.path == home / "PeerNotes" and folder.path.is_dir()
    assert "OneDrive" in folder.reason and str(home / "PeerNotes") in folder.reason
