"""What the New challenge wizard collects, and writing the new file from it (no widgets here).

Kept apart from the wizard's pages (ui/wizard.py) so the file's creation can be read, and
tested, without the pages around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from peernotes.core.files import remove_with_companions
from peernotes.core.frameworks import Domain, FrameworkTemplate
from peernotes.core.records import challenge
from peernotes.core.store import ChallengeFile
from peernotes.paths import FILE_SUFFIX, challenges_folder, device_id

CUSTOM = "custom"


@dataclass
class NewChallengeData:
    council: str
    programme_title: str
    framework: str | FrameworkTemplate
    onsite_start: str | None
    onsite_end: str | None
    scope: str = ""
    scope_questions: list[str] = field(default_factory=list)
    peers: list[dict[str, str]] = field(default_factory=list)
    me: int = 0
    path: Path | None = None
    # The stakeholder groups the team will meet (None: the framework's usual ones).
    stakeholder_groups: list[str] | None = None
    # Set when the file is to be protected. Not in repr(), so it cannot leak into a log.
    passphrase: str | None = field(default=None, repr=False)


def custom_framework(headings: list[str]) -> FrameworkTemplate:
    """A team's own headings (one per line) as a framework of themes."""
    return FrameworkTemplate(
        id=CUSTOM,
        name="Custom headings",
        kind="themes",
        domain_label="Heading",
        standard_label=None,
        domains=tuple(Domain(name=h) for h in headings),
    )


def default_path(council: str, programme_title: str) -> Path:
    stem = re.sub(r'[\\/:*?"<>|]+', " ", f"{council} - {programme_title}").strip() or "Challenge"
    stem = " ".join(stem.split())[:120]
    folder = challenges_folder().path  # Documents/PeerNotes, where people look for files
    path = folder / f"{stem}{FILE_SUFFIX}"
    number = 2
    while path.exists():
        path = folder / f"{stem} ({number}){FILE_SUFFIX}"
        number += 1
    return path


def create_challenge_file(data: NewChallengeData) -> ChallengeFile:
    """Write the new file: schema, challenge, framework, team and who is editing, or nothing.
    With `data.passphrase` the file is protected from the start (never written in the clear)."""
    path = data.path or default_path(data.council, data.programme_title)
    cf = ChallengeFile.create(path, passphrase=data.passphrase, device=device_id())
    try:
        challenge.new_challenge(
            cf,
            council=data.council,
            programme_title=data.programme_title,
            framework=data.framework,
            onsite_start=data.onsite_start,
            onsite_end=data.onsite_end,
            scope=data.scope,
            scope_questions=data.scope_questions,
            peers=data.peers,
            me=data.me,
            stakeholder_groups=None
            if data.stakeholder_groups is None
            else [(name, False) for name in data.stakeholder_groups],
        )
    except BaseException:
        cf.close()
        remove_with_companions(path)
        raise
    return cf
