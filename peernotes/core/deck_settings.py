"""Which slides the feedback deck has, in which order: a choice stored in the challenge file.

Teams agree "the nature and form of the feedback" at scoping, so every slide is optional and
the order is theirs. Stored as settings (`deck.slides`, `deck.recommendations_on_headings`)
through peernotes.core.letter_settings.put_setting, so the choice merges like any setting.
The dates on the Next steps slide are letter settings (edited with the letter's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from peernotes.core.errors import ValidationError
from peernotes.core.letter_settings import put_setting
from peernotes.core.store import ChallengeFile

SLIDES_KEY = "deck.slides"
RECOMMENDATIONS_KEY = "deck.recommendations_on_headings"

SLIDE_LABELS: dict[str, str] = {
    "title": "Title",
    "challenge": "The challenge (scope, team, what we did)",
    "key_messages": "Key messages",
    "headings": "One slide per heading (strengths and areas)",
    "recommendations": "Recommendations",
    "next_steps": "Next steps",
    "thanks": "Thank you",
}
SLIDE_KEYS: tuple[str, ...] = tuple(SLIDE_LABELS)


@dataclass(frozen=True)
class DeckOptions:
    """The slides in the team's order (any left out are not in the deck), and whether each
    heading's slide also lists its recommendations."""

    slides: tuple[str, ...] = SLIDE_KEYS
    recommendations_on_headings: bool = False

    def __post_init__(self) -> None:
        unknown = [k for k in self.slides if k not in SLIDE_LABELS]
        if unknown:
            raise ValidationError("slides", f"has unknown slides: {', '.join(unknown)}")
        if len(set(self.slides)) != len(self.slides):
            raise ValidationError("slides", "lists a slide twice")


def _value(cf: ChallengeFile, key: str) -> object:
    row = cf.conn.execute(
        "SELECT value FROM setting WHERE key = ? AND deleted = 0", (key,)
    ).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        return None


def load(cf: ChallengeFile) -> DeckOptions:
    """The stored choice, or every slide in the usual order. Unknown slide names (a newer
    PeerNotes) are skipped rather than refused."""
    slides = _value(cf, SLIDES_KEY)
    chosen = SLIDE_KEYS
    if isinstance(slides, list):
        seen: list[str] = []
        for key in slides:
            if isinstance(key, str) and key in SLIDE_LABELS and key not in seen:
                seen.append(key)
        chosen = tuple(seen)
    return DeckOptions(chosen, _value(cf, RECOMMENDATIONS_KEY) is True)


def save(cf: ChallengeFile, options: DeckOptions) -> bool:
    """Store the choice in one transaction; True if anything changed."""
    with cf.transaction():
        changed = put_setting(cf, SLIDES_KEY, list(options.slides))
        changed = put_setting(cf, RECOMMENDATIONS_KEY, options.recommendations_on_headings) or (
            changed
        )
    return changed
