"""Builders for small, fictional challenges used across the tests."""

from __future__ import annotations

from pathlib import Path

from peernotes.core.records import challenge
from peernotes.core.store import ChallengeFile

TEAM = [
    {
        "name": "Alex Morgan",
        "role": "lead_peer",
        "job_title": "Director of Adult Services",
        "organisation": "Westshire County Council",
    },
    {
        "name": "Priya Nair",
        "role": "officer_peer",
        "job_title": "Head of Commissioning",
        "organisation": "Eastbury City Council",
    },
    {
        "name": "Cllr Tom Birch",
        "role": "member_peer",
        "job_title": "Cabinet Member",
        "organisation": "Southvale District Council",
    },
    {
        "name": "Jo Clarke",
        "role": "challenge_manager",
        "job_title": "Challenge Manager",
        "organisation": "Local Government Association",
    },
]


def make_challenge(
    path: Path | None, *, me: int = 1, framework: str = "cfbo-previous"
) -> ChallengeFile:
    """A challenge with a team of four, the CfBO framework and on-site days 10-13 Nov 2026."""
    cf = ChallengeFile.create(path)
    challenge.new_challenge(
        cf,
        council="Fernhill Borough Council",
        programme_title="Adult Social Care Peer Challenge",
        framework=framework,
        onsite_start="2026-11-10",
        onsite_end="2026-11-13",
        scope="How well does the council commission care at home?",
        scope_questions=["Is the home care market sustainable?"],
        peers=TEAM,
        me=me,
    )
    return cf


def heading_id(cf: ChallengeFile, number: str, kind: str = "standard") -> str:
    for row in challenge.headings(cf):
        if row["number"] == number and row["kind"] == kind:
            return row["id"]
    raise KeyError(number)
