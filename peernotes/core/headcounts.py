"""Unnamed headcounts: "we met 12 carers" without anyone's name.

One row per meeting and stakeholder group, its id derived from both (like a link), so the same
count recorded on two laptops is one row and merges like any other edit. A headcount counts in
the letter's "at least N people", in the people by group of the coverage page and in the groups
a meeting heard from (triangulation); it never appears in a list of names, and the
non-attribution guard has nothing to look for in it: it holds no name.
"""

from __future__ import annotations

import re

from peernotes.core.errors import ValidationError
from peernotes.core.ids import link_id
from peernotes.core.store import ChallengeFile
from peernotes.core.vocab import group_plural


def set_headcount(cf: ChallengeFile, meeting_id: str, group_id: str, people: int) -> str | None:
    """Record that `people` people of a group were met, unnamed (0 removes the count)."""
    if isinstance(people, bool) or not isinstance(people, int) or not 0 <= people <= 10_000:
        raise ValidationError("people", f"a headcount is a whole number of people, not {people!r}")
    cf.get("meeting", meeting_id, required=True)
    if cf.get("stakeholder_group", group_id) is None:
        raise ValidationError("group_id", "unknown stakeholder group")
    row_id = link_id("headcount", meeting_id, group_id)
    if people == 0:
        cf.delete("headcount", row_id)
        return None
    return cf.link(
        "headcount",
        {"meeting_id": meeting_id, "group_id": group_id, "people": people},
        (meeting_id, group_id),
    )


def for_meeting(cf: ChallengeFile, meeting_id: str) -> dict[str, int]:
    """{group id: people} recorded for one meeting (live rows)."""
    return {
        r["group_id"]: r["people"] for r in cf.rows("headcount", "meeting_id = ?", (meeting_id,))
    }


def set_for_meeting(cf: ChallengeFile, meeting_id: str, counts: dict[str, int]) -> None:
    """Make a meeting's headcounts exactly `counts` (one transaction)."""
    with cf.transaction():
        for group_id in set(for_meeting(cf, meeting_id)) - set(counts):
            set_headcount(cf, meeting_id, group_id, 0)
        for group_id, people in counts.items():
            set_headcount(cf, meeting_id, group_id, people)


LIVE = (
    "FROM headcount h JOIN meeting m ON m.id = h.meeting_id AND m.deleted = 0 "
    "JOIN stakeholder_group g ON g.id = h.group_id AND g.deleted = 0 WHERE h.deleted = 0"
)


def total(cf: ChallengeFile, *, exclude_types: tuple[str, ...] = ()) -> int:
    """People met without names, over all live meetings (optionally not of some types)."""
    sql = f"SELECT coalesce(sum(h.people), 0) {LIVE}"
    if exclude_types:
        sql += f" AND m.type NOT IN ({','.join('?' for _ in exclude_types)})"
    return cf.conn.execute(sql, exclude_types).fetchone()[0]


def by_group(cf: ChallengeFile) -> dict[str, int]:
    """{group id: people met without names} over all live meetings."""
    return dict(cf.conn.execute(f"SELECT h.group_id, sum(h.people) {LIVE} GROUP BY h.group_id"))


def meeting_groups(cf: ChallengeFile) -> list[tuple[str, str]]:
    """(meeting id, group id) of every live headcount: the groups a meeting heard from."""
    return [tuple(r) for r in cf.conn.execute(f"SELECT h.meeting_id, h.group_id {LIVE}")]


# ------------------------------------------------------------- as people type them
_COUNT = re.compile(r"^(?:(\d{1,5})\s+(?:x\s+)?(.+)|(.+?)\s*[(:]\s*(\d{1,5})\)?)$")


def group_lookup(cf: ChallengeFile) -> dict[str, str]:
    """{normalised name, singular and plural: group id}: "carers" and "Carer" find Carer."""
    from peernotes.core.records.people import normalise_name

    found: dict[str, str] = {}
    for group in cf.rows("stakeholder_group", order_by="ordinal"):
        for name in (group["name"], group_plural(group["name"]), group["name"] + "s"):
            found.setdefault(normalise_name(name), group["id"])
    return found


def parse_counts(text: str, groups: dict[str, str]) -> dict[str, int]:
    """'12 carers; 3 providers' (or 'Carers (12)', 'carers: 12') -> {group id: people}.
    ValidationError names the part that is not a number of people of a known group."""
    from peernotes.core.records.people import normalise_name

    counts: dict[str, int] = {}
    for part in re.split(r"[;,\n]", text):
        part = part.strip()
        if not part:
            continue
        match = _COUNT.match(part)
        if not match:
            raise ValidationError(
                "headcounts", f"{part!r} is not a number of people, e.g. '12 carers'"
            )
        number, name = (match[1], match[2]) if match[1] else (match[4], match[3])
        group_id = groups.get(normalise_name(name))
        if group_id is None:
            raise ValidationError("headcounts", f"{name!r} is not one of the stakeholder groups")
        counts[group_id] = counts.get(group_id, 0) + int(number)
    return {g: n for g, n in counts.items() if n > 0}


def describe(cf: ChallengeFile, counts: dict[str, int]) -> str:
    """{group id: people} as typed: '12 carers; 3 providers' (in the groups' order)."""

    parts = []
    for group in cf.rows("stakeholder_group", order_by="ordinal"):
        people = counts.get(group["id"])
        if people:
            name = group["name"] if people == 1 else group_plural(group["name"])
            parts.append(f"{people} {name.lower()}")
    return "; ".join(parts)
