"""A fictional challenge with findings, for the letter, guard and export tests.

Fernhill Borough Council (helpers.make_challenge) plus people met in several stakeholder
groups (one of them a single-person group), meetings of several kinds, documents,
observations, and findings under three of the four CfBO domains (one via a standard), key
messages, and recommendations in two groups. `LetterScene` keeps the ids the tests need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from helpers import heading_id, make_challenge

from peernotes.core.records import observations as observation_records
from peernotes.core.records import people as people_records
from peernotes.core.records import programme
from peernotes.core.store import ChallengeFile

PEOPLE = {
    # name: (group, job title)
    "Marguerite Okonkwo-Blythe": ("Senior leader", "Director of Adult Social Care"),
    "Dana Reddaway": ("Carer", ""),
    "Eli Thistlewood": ("Carer", ""),
    "Fay Lundqvist": ("Frontline staff", "Social worker"),
    "Gus Halloran": ("Provider", "Registered manager"),
    "Hana Ortiz": ("Partner", "Commissioning lead"),
    "Ivor Pengelly": ("Chair of the Safeguarding Adults Board", "Independent Chair"),
}

# The narrative paragraphs are the letter's numbered paragraphs: all fictional.
FINDINGS = [
    # (key, domain number or ('std', n), kind, statement, narrative, key_message)
    (
        "s1",
        "1",
        "strength",
        "Staff are committed and well supported",
        "Staff told the team that managers are visible and approachable.\n\nSupervision happens regularly and is valued.",
        True,
    ),
    (
        "a1",
        "1",
        "area",
        "Transitions from children's services start late",
        "Planning for young people moving to adult services often begins at seventeen.",
        True,
    ),
    (
        "s2",
        ("std", "5"),
        "strength",
        "Providers feel listened to",
        "Providers described regular forums where commissioners act on what they hear.",
        False,
    ),
    (
        "s3",
        "3",
        "strength",
        "Political leadership is engaged",
        "Councillors were well briefed and supportive of integration.",
        False,
    ),
    ("a3", "3", "area", "Quality assurance has less resource than commissioning", "", False),
]
RECOMMENDATIONS = [
    # (key, group or None, statement, narrative)
    (
        "r1",
        "Quick wins",
        "Publish a single contact list for providers",
        "Providers were unsure whom to call.",
    ),
    (
        "r2",
        "The wider strategy",
        "Agree an all-age approach to transitions",
        "Start planning at fourteen.",
    ),
    ("r3", "Quick wins", "Share the carers' survey results", ""),
]


@dataclass
class LetterScene:
    cf: ChallengeFile
    people: dict[str, str] = field(default_factory=dict)
    findings: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    meetings: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    observations: dict[str, str] = field(default_factory=dict)


def add_finding(
    cf: ChallengeFile,
    statement: str,
    *,
    kind: str = "strength",
    heading: str | None = None,
    narrative: str = "",
    group_id: str | None = None,
    key_message: bool = False,
    notable: bool = False,
    ordinal: float | None = None,
) -> str:
    if ordinal is None:
        ordinal = float(cf.count("finding", "heading_id IS ? AND kind = ?", (heading, kind)))
    return cf.insert(
        "finding",
        {
            "statement": statement,
            "narrative": narrative,
            "kind": kind,
            "heading_id": heading,
            "group_id": group_id,
            "key_message": int(key_message),
            "notable": int(notable),
            "ordinal": ordinal,
        },
    )


def link_evidence(
    cf: ChallengeFile, finding_id: str, observation_id: str, relation: str = "supports"
) -> str:
    return cf.link(
        "finding_evidence",
        {"finding_id": finding_id, "observation_id": observation_id, "relation": relation},
        (finding_id, observation_id),
    )


def domain_id(cf: ChallengeFile, number: str) -> str:
    return heading_id(cf, number, kind="domain")


def build_letter_scene(path=None) -> LetterScene:
    cf = make_challenge(path)
    scene = LetterScene(cf)
    groups = {g["name"]: g["id"] for g in cf.rows("stakeholder_group")}
    groups["Chair of the Safeguarding Adults Board"] = people_records.add_stakeholder_group(
        cf, "Chair of the Safeguarding Adults Board", single_person=True
    )
    for name, (group, title) in PEOPLE.items():
        scene.people[name] = people_records.add_person(
            cf, name, group_id=groups[group], job_title=title
        )
    me = cf.peer_id
    plan = [
        ("Interview with the director", "interview", ["Marguerite Okonkwo-Blythe"]),
        ("Carers' focus group", "focus_group", ["Dana Reddaway", "Eli Thistlewood"]),
        ("Frontline staff drop-in", "focus_group", ["Fay Lundqvist"]),
        ("Visit to Elm House", "site_visit", ["Gus Halloran", "Fay Lundqvist"]),
        ("Call with the CCG", "phone_call", ["Hana Ortiz"]),
        ("Safeguarding board chair", "interview", ["Ivor Pengelly"]),
    ]
    for title, kind, names in plan:
        scene.meetings.append(
            programme.add_meeting(
                cf,
                date="2026-11-11",
                title=title,
                type=kind,
                peer_ids=[me] if me else [],
                person_ids=[scene.people[n] for n in names],
            ).id
        )
    for title in ("Self-assessment 2026", "Carers' strategy", "Market position statement"):
        scene.documents.append(people_records.add_document(cf, title))
    scene.observations["heard"] = observation_records.add_observation(
        cf,
        "Managers are visible",
        mode="heard",
        meeting_id=scene.meetings[2],
        observed_at="2026-11-11T10:00:00",
    )
    scene.observations["read"] = observation_records.add_observation(
        cf,
        "Supervision policy is followed",
        mode="read",
        document_id=scene.documents[0],
        observed_at="2026-11-11T11:00:00",
    )
    scene.observations["quote"] = observation_records.add_observation(
        cf,
        "My manager always has time for me",
        mode="heard",
        meeting_id=scene.meetings[2],
        is_quote=True,
        observed_at="2026-11-11T10:05:00",
    )
    for key, where, kind, statement, narrative, key_message in FINDINGS:
        heading = heading_id(cf, where[1]) if isinstance(where, tuple) else domain_id(cf, where)
        scene.findings[key] = add_finding(
            cf, statement, kind=kind, heading=heading, narrative=narrative, key_message=key_message
        )
    for name in ("The wider strategy", "Quick wins"):
        scene.groups[name] = cf.insert(
            "recommendation_group", {"name": name, "ordinal": len(scene.groups)}
        )
    for key, group, statement, narrative in RECOMMENDATIONS:
        scene.findings[key] = add_finding(
            cf,
            statement,
            kind="recommendation",
            heading=None,
            narrative=narrative,
            group_id=scene.groups[group] if group else None,
        )
    for obs in ("heard", "read", "quote"):
        link_evidence(cf, scene.findings["s1"], scene.observations[obs])
    return scene
