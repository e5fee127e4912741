"""Setting a challenge up after the wizard: its stakeholder groups, and the headings and
scoping questions it adds to its framework.

The wizard (challenge.new_challenge) creates these; a team keeps adjusting them once on site
("the carers' forum needs its own group", "the council added a third question"). Renames
keep the record's id, so people, observations and findings stay attached. Deleting refuses
while anything uses the row and says what does, so nothing is silently orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass

from peernotes.core import validation as check
from peernotes.core.errors import NotFound, ValidationError
from peernotes.core.records import challenge
from peernotes.core.records import people as people_records
from peernotes.core.store import ChallengeFile, Row

EXTRA_KINDS = ("custom", "scope")  # the challenge's own headings, and its scoping questions
KIND_LABELS = {"custom": "Own heading", "scope": "Scoping question"}


@dataclass(frozen=True, slots=True)
class GroupUse:
    """A stakeholder group as the setup list shows it: `people` is how many are in it."""

    id: str
    name: str
    single_person: bool
    people: int


@dataclass(frozen=True, slots=True)
class ExtraHeading:
    """One of the challenge's own headings or scoping questions, with how many observations
    and findings are filed under it (what stops it being deleted)."""

    id: str
    kind: str
    number: str
    name: str
    observations: int
    findings: int


# ------------------------------------------------------------ stakeholder groups
def group_people(cf: ChallengeFile, group_id: str) -> list[Row]:
    """The people met who belong to a group (what stops it being deleted)."""
    return cf.rows("person", "group_id = ?", (group_id,), order_by="name")


def group_list(cf: ChallengeFile) -> list[GroupUse]:
    """Stakeholder groups in their order, each with `people`: how many people are in it."""
    counts = dict(
        cf.conn.execute(
            "SELECT group_id, count(*) FROM person WHERE deleted = 0 AND group_id IS NOT NULL "
            "GROUP BY group_id"
        ).fetchall()
    )
    return [
        GroupUse(g["id"], g["name"], bool(g["single_person"]), counts.get(g["id"], 0))
        for g in people_records.stakeholder_groups(cf)
    ]


def rename_stakeholder_group(cf: ChallengeFile, group_id: str, name: str) -> bool:
    """Rename a group; refused if another group already has that name (ignoring case)."""
    _group(cf, group_id)
    name = check.text("name", name, max_length=200)
    wanted = people_records.normalise_name(name)
    for other in people_records.stakeholder_groups(cf):
        if other["id"] != group_id and people_records.normalise_name(other["name"]) == wanted:
            raise ValidationError("name", f"there is already a stakeholder group called {name!r}")
    return cf.update("stakeholder_group", group_id, {"name": name})


def set_single_person(cf: ChallengeFile, group_id: str, single_person: bool) -> bool:
    """Mark a group as one person (a chief executive, a leader): the non-attribution check
    then treats the group's name in the letter as naming that person."""
    _group(cf, group_id)
    return cf.update("stakeholder_group", group_id, {"single_person": int(bool(single_person))})


def delete_stakeholder_group(cf: ChallengeFile, group_id: str) -> bool:
    """Delete a group no one belongs to. Refused, naming who, while people are in it."""
    group = _group(cf, group_id)
    people = group_people(cf, group_id)
    if people:
        raise ValidationError("group", f"{group['name']!r} cannot be deleted: {_people(people)}")
    return cf.delete("stakeholder_group", group_id)


def _people(people: list[Row]) -> str:
    names = [p["name"] for p in people[:3]]
    more = f" and {len(people) - 3} more" if len(people) > 3 else ""
    verb = "is" if len(people) == 1 else "are"
    return f"{', '.join(names)}{more} {verb} in it. Move them to another group (People list) first."


def _group(cf: ChallengeFile, group_id: str) -> Row:
    group = cf.get("stakeholder_group", group_id)
    if group is None:
        raise NotFound("That stakeholder group no longer exists (deleted, or undone).")
    return group


# -------------------------------------------------- own headings, scoping questions
def extra_headings(cf: ChallengeFile) -> list[ExtraHeading]:
    """The challenge's own headings, then its scoping questions, each with `observations`
    and `findings`: how many are filed under it."""
    rows = [h for h in challenge.headings(cf) if h["kind"] in EXTRA_KINDS]
    uses = _heading_uses(cf)
    return [
        ExtraHeading(h["id"], h["kind"], h["number"], h["name"], *uses.get(h["id"], (0, 0)))
        for h in rows
    ]


def add_extra_heading(cf: ChallengeFile, name: str, kind: str = "custom") -> str:
    """A heading of the challenge's own, or a scoping question (numbered Q1, Q2...)."""
    check.choice("kind", kind, EXTRA_KINDS)
    return challenge.add_heading(cf, name, kind=kind)


def rename_heading(cf: ChallengeFile, heading_id: str, name: str) -> bool:
    """Rename one of the challenge's own headings or scoping questions (the framework's own
    headings are its published wording and stay as they are)."""
    _extra(cf, heading_id)
    name = check.text("name", name, max_length=500)
    return cf.update("heading", heading_id, {"name": name})


def heading_use(cf: ChallengeFile, heading_id: str) -> str:
    """What is filed under a heading, as a phrase ('' when nothing is)."""
    observations, findings = _heading_uses(cf).get(heading_id, (0, 0))
    parts = []
    if observations:
        parts.append(f"{observations} observation{'s' if observations != 1 else ''}")
    if findings:
        parts.append(f"{findings} finding{'s' if findings != 1 else ''}")
    return " and ".join(parts)


def delete_heading(cf: ChallengeFile, heading_id: str) -> bool:
    """Delete an own heading or scoping question nothing is filed under; refused, saying
    what is, otherwise."""
    heading = _extra(cf, heading_id)
    used = heading_use(cf, heading_id)
    if used:
        verb = "is" if sum(_heading_uses(cf)[heading_id]) == 1 else "are"
        raise ValidationError(
            "heading",
            f"{challenge.heading_label(heading)!r} cannot be deleted: {used} {verb} filed under "
            "it. File them under another heading first.",
        )
    return cf.delete("heading", heading_id)


def _heading_uses(cf: ChallengeFile) -> dict[str, tuple[int, int]]:
    observations = dict(
        cf.conn.execute(
            "SELECT oh.heading_id, count(DISTINCT oh.observation_id) FROM observation_heading oh "
            "JOIN observation o ON o.id = oh.observation_id "
            "WHERE oh.deleted = 0 AND o.deleted = 0 GROUP BY oh.heading_id"
        ).fetchall()
    )
    findings = dict(
        cf.conn.execute(
            "SELECT heading_id, count(*) FROM finding WHERE deleted = 0 "
            "AND heading_id IS NOT NULL GROUP BY heading_id"
        ).fetchall()
    )
    return {
        h: (observations.get(h, 0), findings.get(h, 0)) for h in set(observations) | set(findings)
    }


def _extra(cf: ChallengeFile, heading_id: str) -> Row:
    heading = cf.get("heading", heading_id)
    if heading is None:
        raise NotFound("That heading no longer exists (deleted, or undone).")
    if heading["kind"] not in EXTRA_KINDS:
        raise ValidationError(
            "heading", "the framework's own headings cannot be renamed or deleted here"
        )
    return heading
