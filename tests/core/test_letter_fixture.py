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


def _key_message_printed_once(blocks: list[list[object]]) -> list[list[object]]:
    """The documented fix (docs/letter.md): a key message's bullet is in the key messages and
    no longer again in its heading's section; a sub-heading left with no bullet goes too."""
    start = blocks.index(["heading", 1, "Key messages"])
    end = next(i for i in range(start + 1, len(blocks)) if blocks[i][:2] == ["heading", 1])
    key = {tuple(b) for b in blocks[start:end] if b[0] == "bullet"}
    recommendations = blocks.index(["heading", 1, "Recommendations"])
    kept = (
        blocks[:end]
        + [b for b in blocks[end:recommendations] if tuple(b) not in key]
        + blocks[recommendations:]
    )
    return [
        b
        for i, b in enumerate(kept)
        if not (b[:2] == ["heading", 2] and i + 1 < len(kept) and kept[i + 1][0] != "bullet")
        or i < end
        or i >= len(kept) - (len(blocks) - recommendations)
    ]


def test_v4_file_letter_prints_as_it_did_in_version_4(tmp_path: Path):
    """A manager who upgrades sees the same letter they exported before: every heading,
    bullet and numbered paragraph, in the same order, with the same wording -- except that
    a key message is printed once."""
    path = tmp_path / V4.name
    shutil.copy(V4, path)
    expected = _key_message_printed_once(json.loads(V4_LETTER.read_text(encoding="utf-8")))
    assert len(expected) == len(json.loads(V4_LETTER.read_text(encoding="utf-8"))) - 5
    assert _letter_of(path) == expected
