"""The demo's programme and clock: which meetings, in which slots of the four on-site days.

Pure functions of counts and a seeded random generator, kept apart from the builder that
writes rows (peernotes.core.demo_builder) so the timetable can be read on its own.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from peernotes.core import demo_content as text

_DAY_SLOTS = ("09:00", "10:30", "12:00", "13:30", "15:00", "16:30")
_LAST_DAY_SLOTS = ("09:00", "10:30")  # the team writes its feedback over the last lunchtime
_FEEDBACK_SLOT = "15:00"
GROUPS_BY_NAME = {g.name: g for g in text.GROUPS}
PLACES = ("Ashby", "Belmont", "Carrow", "Denholme", "Elstow", "Farnley", "Glenridge", "Holmwood")


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), at least one each when
    there are enough to go round."""
    floor = 1 if total >= len(weights) else 0
    rest = total - floor * len(weights)
    shares = [rest * w / sum(weights) for w in weights]
    sizes = [floor + int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def meeting_programme(
    count: int, rng: random.Random
) -> list[tuple[str, str, str, text.Participants]]:
    """`count` meetings in running order: opening, a fair sample of the rest, feedback.
    More than the bank holds repeats the middle as second (third...) sessions."""
    first, *middle, last = text.MEETINGS
    wanted = count - 2
    if wanted <= len(middle):
        chosen = [middle[i] for i in sorted(rng.sample(range(len(middle)), wanted))]
    else:
        chosen = list(middle)
        for extra in range(wanted - len(middle)):
            title, type_, location, who = middle[extra % len(middle)]
            session = extra // len(middle) + 2
            label = _ORDINALS.get(session, f"session {session}")
            chosen.append((f"{title} ({label})", type_, location, who))
    return [first, *chosen, last]


_ORDINALS = {2: "second session", 3: "third session", 4: "fourth session"}


def meeting_slots(count: int) -> list[tuple[str, str, int]]:
    """(date, start, meetings running at once) for `count` meetings: the opening and the
    feedback alone, the rest spread evenly over the slots of the four days."""
    slots = [
        (onsite_day(d), s)
        for d in range(text.ONSITE_DAYS)
        for s in (_LAST_DAY_SLOTS if d == text.ONSITE_DAYS - 1 else _DAY_SLOTS)
    ]
    opening, *middle = slots
    closing = (onsite_day(text.ONSITE_DAYS - 1), _FEEDBACK_SLOT)
    inner = count - 2
    base, extra = divmod(inner, len(middle))
    busier = {int((i + 0.5) * len(middle) / extra) for i in range(extra)} if extra else set()
    result = [(*opening, 1)]
    for index, (day, start) in enumerate(middle):
        parallel = base + (1 if index in busier else 0)
        result.extend((day, start, parallel) for _ in range(parallel))
    result.append((*closing, 1))
    return result


def onsite_day(offset: int) -> str:
    return (date.fromisoformat(text.ONSITE_START) + timedelta(days=offset)).isoformat()


def add_minutes(clock: str, minutes: int) -> str:
    moment = datetime.fromisoformat(f"2000-01-01T{clock}") + timedelta(minutes=minutes)
    return moment.strftime("%H:%M")


def cap(words: str) -> str:
    return words[:1].upper() + words[1:]


def site_name(title: str) -> str:
    name = title.split(": ", 1)[-1].split(" (", 1)[0]
    return name if name.endswith("Care Home") else f"the {name}"
