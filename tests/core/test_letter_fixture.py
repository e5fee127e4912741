"""The letter a version-4 file printed, frozen beside the v4 fixture: later letter changes are
measured against it (same blocks, same order, only the documented fixes)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from peernotes.core.letter import build_letter
from peernotes.core.store import ChallengeFile

FIXTURES = Path(__file__).parent.parent / "fixtures"
V4 = FIXTURES / "challenge-v4.peernotes"
V4_LETTER = FIXTURES / "challenge-v4.letter.json"


def _letter_of(path: Path) -> list[list[object]]:
    cf = ChallengeFile.open(path)
    try:
        return [[b.kind, b.level, b.text] for b in build_letter(cf).blocks]
    finally:
        cf.close()


def test_v4_file_letter_prints_as_it_did_in_version_4(tmp_path: Path):
    """A manager who upgrades sees the same letter they exported before: every heading,
    bullet and numbered paragraph, in the same order, with the same wording."""
    path = tmp_path / V4.name
    shutil.copy(V4, path)
    expected = json.loads(V4_LETTER.read_text(encoding="utf-8"))
    assert _letter_of(path) == expected
