"""A small fictional evidence set for the findings, triangulation, roll-up, coverage and search
tests: two peers, three meetings with people from known stakeholder groups, two documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from helpers import heading_id

from peernotes.core.records import observations, programme
from peernotes.core.records import people as people_records
from peernotes.core.store import ChallengeFile


@dataclass
class Scene:
    cf: ChallengeFile
    peers: dict[str, str] = field(default_factory=dict)  # first name -> peer id
    groups: dict[str, str] = field(default_factory=dict)  # group name -> id
    meetings: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)  # number -> standard id

    def obs(
        self,
        text: str,
        *,
        mode: str = "heard",
        meeting: str | None = None,
        document: str | None = None,
        by: str = "Priya",
        headings: tuple[str, ...] = (),
        polarity: str = "neutral",
    ) -> str:
        return observations.add_observation(
            self.cf,
            text,
            mode=mode,
            meeting_id=self.meetings[meeting] if meeting else None,
            document_id=self.documents[document] if document else None,
            recorded_by=self.peers[by],
            heading_ids=[self.headings[h] for h in headings],
            observed_at="2026-11-11T10:00:00",
            polarity=polarity,
        )


def build_scene(cf: ChallengeFile) -> Scene:
    scene = Scene(cf)
    scene.peers = {p["name"].split()[0]: p["id"] for p in people_records.team(cf)}
    scene.peers["Tom"] = scene.peers.pop("Cllr")
    scene.groups = {g["name"]: g["id"] for g in cf.rows("stakeholder_group")}
    people = {
        "Dana Reed": "Carer",
        "Eli Shaw": "Carer",
        "Fay Lund": "Frontline staff",
        "Gus Hale": "Provider",
        "Hana Ortiz": "Senior leader",
    }
    person = {
        name: people_records.add_person(cf, name, group_id=scene.groups[group])
        for name, group in people.items()
    }
    plan = {
        "carers": ("Carers' focus group", ["Dana Reed", "Eli Shaw"]),
        "staff": ("Frontline staff drop-in", ["Fay Lund"]),
        "visit": ("Visit to Elm House day centre", ["Gus Hale", "Fay Lund"]),
        "director": ("Interview with the director", ["Hana Ortiz"]),
    }
    for key, (title, names) in plan.items():
        scene.meetings[key] = programme.add_meeting(
            cf,
            date="2026-11-11",
            title=title,
            type="site_visit" if key == "visit" else "interview",
            person_ids=[person[n] for n in names],
        ).id
    scene.documents = {
        "strategy": people_records.add_document(cf, "Carers' strategy 2025-2028"),
        "survey": people_records.add_document(cf, "Annual care at home survey"),
    }
    for number in ("1", "2", "3"):
        scene.headings[number] = heading_id(cf, number)
    return scene
