"""A realistic, fictional peer challenge: for trying the app, for screenshots and for benchmarks.

    python -m peernotes.core.demo --out demo.peernotes [--observations N]

Northmoor Borough Council's Adult Social Care Peer Challenge (framework `cfbo-previous` plus
two scoping questions), four on-site days in November 2026: a team, a programme of meetings
(several at once, as pairs of peers split up), the people met from every stakeholder group,
the documents read, observations composed from the phrase banks in `demo_content`, and a
first draft of findings and recommendations linked to their evidence.

The same generator makes the benchmark workloads (*standard*: 8 peers, 60 meetings, 150
people, 50 documents, 3,000 observations; *large*: 50,000 observations). It is seeded, so a
seed always gives the same content (ids and timestamps of writing differ: ids are UUIDs).
Speed: everything is written in one transaction, and observations (the bulk of a large
workload) go in through `ChallengeFile.insert_many`, peer by peer -- they are valid by
construction, so the per-call checks of `records.add_observation` (a few queries each) are
skipped. Tests prove the result valid by running it through the JSON interchange validator.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from peernotes.core import demo_content as text
from peernotes.core import letter_settings, records
from peernotes.core.errors import PeerNotesError, ValidationError
from peernotes.core.files import remove_with_companions
from peernotes.core.ids import link_id
from peernotes.core.store import ChallengeFile

STANDARD_WORKLOAD = {
    "peers": 8,
    "meetings": 60,
    "people": 150,
    "documents": 50,
    "observations": 3_000,
}
LARGE_WORKLOAD = dict(STANDARD_WORKLOAD, observations=50_000)

_DAY_SLOTS = ("09:00", "10:30", "12:00", "13:30", "15:00", "16:30")
_LAST_DAY_SLOTS = ("09:00", "10:30")  # the team writes its feedback over the last lunchtime
_FEEDBACK_SLOT = "15:00"
_MODE_WEIGHTS = {"heard": 0.62, "read": 0.23, "seen": 0.6}  # seen: only themes seen on a visit
_QUOTE_CHANCE = 0.2
_SECOND_TAG_CHANCE = 0.3
_POLARITY_WEIGHT = {"strength": 1.0, "area": 1.0, "neutral": 0.5}
_OBSERVATION_COLUMNS = (
    "text",
    "mode",
    "meeting_id",
    "document_id",
    "polarity",
    "is_quote",
    "recorded_by",
    "observed_at",
)


def write_demo(
    path: str | Path,
    *,
    observations: int = 300,
    meetings: int = 40,
    people: int = 90,
    documents: int = 30,
    peers: int = 7,
    seed: int = 1,
    with_findings: bool = True,
) -> Path:
    """Write a new demo challenge file at `path` (refused if it exists). On any failure the
    half-made file is removed, so a path either holds a whole demo or nothing."""
    path = Path(path)
    _check_sizes(
        observations=observations,
        meetings=meetings,
        people=people,
        documents=documents,
        peers=peers,
    )
    cf = ChallengeFile.create(path)
    try:
        build_demo(
            cf,
            observations=observations,
            meetings=meetings,
            people=people,
            documents=documents,
            peers=peers,
            seed=seed,
            with_findings=with_findings,
        )
    except BaseException:
        cf.close()
        remove_with_companions(path)
        raise
    cf.close()
    return path


def build_demo(
    cf: ChallengeFile,
    *,
    observations: int = 300,
    meetings: int = 40,
    people: int = 90,
    documents: int = 30,
    peers: int = 7,
    seed: int = 1,
    with_findings: bool = True,
) -> None:
    """Fill an open, empty challenge file with the demo challenge, in one transaction."""
    _check_sizes(
        observations=observations,
        meetings=meetings,
        people=people,
        documents=documents,
        peers=peers,
    )
    builder = _Builder(cf, random.Random(seed))
    cache = cf.conn.execute("PRAGMA cache_size").fetchone()[0]
    cf.conn.execute("PRAGMA cache_size = -65536")  # 64 MiB while writing: random-id b-trees
    try:
        with cf.transaction():
            builder.challenge(peers)
            builder.people(people)
            builder.documents(documents)
            builder.meetings(meetings)
            builder.observations(observations, with_findings=with_findings)
            if with_findings:
                builder.findings()
            builder.letter_settings()
            cf.set_current_peer(builder.challenge_manager)
    finally:
        cf.conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _check_sizes(**sizes: int) -> None:
    least = {"observations": 0, "meetings": 2, "people": 1, "documents": 0, "peers": 2}
    most = {"people": len(text.FIRST_NAMES) * len(text.SURNAMES) - len(text.PEERS)}
    for name, value in sizes.items():
        if not isinstance(value, int) or value < least[name]:
            raise ValidationError(
                name, f"must be a whole number of at least {least[name]}, not {value!r}"
            )
        if name in most and value > most[name]:
            raise ValidationError(
                name, f"the demo can invent at most {most[name]:,} distinct people"
            )


# ---------------------------------------------------------------------------- internals
@dataclass
class _Person:
    id: str
    group: str
    key: str
    met: int = 0


@dataclass
class _Meeting:
    id: str
    title: str
    type: str
    day: str
    start: str
    minutes: int
    location: str
    peer_ids: list[str]
    people: list[_Person]
    groups: set[str] = field(default_factory=set)  # filled once the people are final


@dataclass
class _Document:
    id: str
    ref: str
    headings: tuple[int | str, ...]


@dataclass
class _Planned:
    """One observation to write, and which finding (if any) it was drafted as evidence for."""

    theme: text.Theme
    values: dict[str, Any]
    heading_ids: list[str]
    finding: int | None = None
    relation: str = "supports"
    id: str = ""


@dataclass
class _Builder:
    cf: ChallengeFile
    rng: random.Random
    peer_ids: list[str] = field(default_factory=list)
    challenge_manager: str = ""
    headings: dict[int | str, str] = field(default_factory=dict)  # standard no. / "Q1" / "domain0"
    group_ids: dict[str, str] = field(default_factory=dict)
    persons: list[_Person] = field(default_factory=list)
    docs: list[_Document] = field(default_factory=list)
    meeting_list: list[_Meeting] = field(default_factory=list)
    planned: list[_Planned] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    quotes_used: set[str] = field(default_factory=set)  # a verbatim quote is said once
    memo: dict[tuple[str, object], list[Any]] = field(default_factory=dict)

    # ----------------------------------------------------------------- challenge and team
    def challenge(self, size: int) -> None:
        team = [dict(p) for p in text.PEERS[:size]]
        taken = {p["name"] for p in text.PEERS}
        pool = [
            f"{f} {s}" for f in text.FIRST_NAMES for s in text.SURNAMES if f"{f} {s}" not in taken
        ]
        self.rng.shuffle(pool)
        self.names = pool
        for _ in range(size - len(team)):
            team.append(
                {
                    "name": self.names.pop(),
                    "role": "officer_peer",
                    "job_title": "Head of Adult Social Care",
                    "organisation": f"{self.rng.choice(_PLACES)} Council",
                }
            )
        manager = next(i for i, p in enumerate(team) if p["role"] == "challenge_manager")
        records.new_challenge(
            self.cf,
            council=text.COUNCIL,
            programme_title=text.PROGRAMME_TITLE,
            framework=text.FRAMEWORK,
            onsite_start=text.ONSITE_START,
            onsite_end=_day(text.ONSITE_DAYS - 1),
            scope=text.SCOPE,
            scope_questions=text.SCOPE_QUESTIONS,
            peers=team,
            me=manager,
        )
        self.peer_ids = [p["id"] for p in self.cf.rows("peer", order_by="ordinal")]
        self.challenge_manager = self.peer_ids[manager]
        domains = 0
        for row in records.headings(self.cf):
            if row["kind"] == "domain":
                self.headings[f"domain{domains}"] = row["id"]
                domains += 1
            elif row["kind"] == "standard":
                self.headings[int(row["number"])] = row["id"]
            elif row["kind"] == "scope":
                self.headings[row["number"]] = row["id"]
        self.group_ids = {g["name"]: g["id"] for g in self.cf.rows("stakeholder_group")}

    # ------------------------------------------------------------------------- people
    def people(self, count: int) -> None:
        sizes = _allocate(count, [g.weight for g in text.GROUPS])
        for group, size in zip(text.GROUPS, sizes, strict=True):
            for index in range(size):
                if index < len(group.keyed):
                    key, job, organisation = group.keyed[index]
                else:
                    key = ""
                    job, organisation = group.roles[(index - len(group.keyed)) % len(group.roles)]
                name = group.prefix + self.names.pop()
                if key == "gp":
                    name = "Dr " + name
                person_id = records.add_person(
                    self.cf,
                    name,
                    group_id=self.group_ids[group.name],
                    job_title=job,
                    organisation=organisation,
                    allow_duplicate=True,  # names are distinct by construction
                )
                self.persons.append(_Person(person_id, group.name, key))

    # ---------------------------------------------------------------------- documents
    def documents(self, count: int) -> None:
        for index in range(count):
            if index < len(text.DOCUMENTS):
                title, ref, provided_by, when, headings = text.DOCUMENTS[index]
            else:
                extra = index - len(text.DOCUMENTS)
                topic, headings = text.CASE_STUDY_TOPICS[extra % len(text.CASE_STUDY_TOPICS)]
                title, ref = f"Case study {extra + 1}: {topic}", f"case study {extra + 1}"
                provided_by = text.ASC
                when = (
                    date.fromisoformat(text.ONSITE_START) - timedelta(days=30 + extra)
                ).isoformat()
            document_id = records.add_document(
                self.cf, title, provided_by=provided_by, doc_date=when
            )
            self.docs.append(_Document(document_id, ref, headings))

    # ----------------------------------------------------------------------- meetings
    def meetings(self, count: int) -> None:
        programme = _programme(count, self.rng)
        slots = _slots(len(programme))
        for (title, type_, location, who), (day, start, _) in zip(programme, slots, strict=True):
            minutes = text.MEETING_MINUTES[type_]
            room = location.format(n=self.rng.randint(1, 9))
            self.meeting_list.append(
                _Meeting("", title, type_, day, start, minutes, room, [], self._participants(who))
            )
        self._assign_peers(slots)
        self._meet_everyone()
        for meeting in self.meeting_list:
            meeting.groups = {p.group for p in meeting.people}
            end = _add_minutes(meeting.start, meeting.minutes)
            meeting.id = records.add_meeting(
                self.cf,
                date=meeting.day,
                title=meeting.title,
                type=meeting.type,
                start_time=meeting.start,
                end_time=end,
                location=meeting.location,
                peer_ids=meeting.peer_ids,
                person_ids=[p.id for p in meeting.people],
            ).id

    def _participants(self, who: text.Participants) -> list[_Person]:
        chosen: list[_Person] = []
        for spec in who:
            if isinstance(spec, str):
                key = spec.lstrip("@")
                person = next((p for p in self.persons if p.key == key), None)
                if person is None:  # a small demo has no one in that role: someone of the group
                    group = next(g.name for g in text.GROUPS if any(k[0] == key for k in g.keyed))
                    candidates = [p for p in self.persons if p.group == group and p not in chosen]
                    person = self._least_met(candidates, 1)[0] if candidates else None
                if person is not None and person not in chosen:
                    chosen.append(person)
            else:
                group, fewest, most = spec
                candidates = [p for p in self.persons if p.group == group and p not in chosen]
                chosen.extend(self._least_met(candidates, self.rng.randint(fewest, most)))
        if not chosen:
            chosen = self._least_met(self.persons, 1)
        for person in chosen:
            person.met += 1
        return chosen

    def _least_met(self, candidates: list[_Person], wanted: int) -> list[_Person]:
        """People not met yet first (so everyone is met once), then at random."""
        order = sorted(candidates, key=lambda p: (p.met, self.rng.random()))
        return order[:wanted]

    def _assign_peers(self, slots: list[tuple[str, str, int]]) -> None:
        index = 0
        while index < len(self.meeting_list):
            parallel = slots[index][2]
            group = self.meeting_list[index : index + parallel]
            order = list(self.peer_ids)
            self.rng.shuffle(order)
            for position, meeting in enumerate(group):
                if parallel <= len(order):
                    meeting.peer_ids = order[position::parallel]
                else:
                    meeting.peer_ids = [order[position % len(order)]]
            index += parallel

    def _meet_everyone(self) -> None:
        """Anyone the programme missed joins a meeting of their own group (the smallest)."""
        for person in self.persons:
            if person.met:
                continue
            same = [m for m in self.meeting_list if any(p.group == person.group for p in m.people)]
            pool = same or self.meeting_list[1:-1] or self.meeting_list
            target = min(pool, key=lambda m: (len(m.people), m.day, m.start))
            target.people.append(person)
            person.met += 1

    # ------------------------------------------------------------------- observations
    def observations(self, count: int, *, with_findings: bool) -> None:
        if with_findings:
            self._plan_evidence()
        del self.planned[count:]
        themes = list(text.THEMES)
        weights = [_POLARITY_WEIGHT[t.polarity] for t in themes]
        for theme in self.rng.choices(themes, weights, k=count - len(self.planned)):
            self.planned.append(self._observation(theme))
        # Written peer by peer (created_by = the peer who wrote it, set once per peer), each
        # peer's notes in the order they were taken.
        # By the peer's place in the team, not their id: ids are random, and the order decides
        # which notes later draws pick (same seed, same demo).
        place = {peer_id: n for n, peer_id in enumerate(self.peer_ids)}
        self.planned.sort(key=lambda p: (place[p.values["recorded_by"]], p.values["observed_at"]))
        for recorder, group in itertools.groupby(
            self.planned, key=lambda p: p.values["recorded_by"]
        ):
            plans = list(group)
            self.cf.set_local("current_peer_id", recorder)
            rows = [{c: p.values[c] for c in _OBSERVATION_COLUMNS} for p in plans]
            links = []
            for plan, observation_id in zip(
                plans, self.cf.insert_many("observation", rows), strict=True
            ):
                plan.id = observation_id
                links += [
                    {
                        "id": link_id("observation_heading", observation_id, heading_id),
                        "observation_id": observation_id,
                        "heading_id": heading_id,
                    }
                    for heading_id in plan.heading_ids
                ]
            self.cf.insert_many("observation_heading", links)
        self.cf.set_local("current_peer_id", self.challenge_manager)

    def _plan_evidence(self) -> None:
        """Observations drafted with each finding in mind, so the demo shows every level of
        triangulation: several modes and sources, several meetings, or one meeting only."""
        by_key = {t.key: t for t in text.THEMES}
        for index, finding in enumerate(text.FINDINGS):
            theme = by_key[finding.theme]
            if finding.evidence == "triangulated":
                modes = [
                    "heard",
                    "read" if theme.documented and self.docs else "heard",
                    "seen" if self._sites(theme) else "heard",
                    "heard",
                ]
                meetings = self._meetings_for(theme, len(modes))
                plans = [
                    self._observation(
                        theme, mode=mode, meeting=meeting if mode == "heard" else None
                    )
                    for mode, meeting in zip(modes, meetings, strict=True)
                ]
            elif finding.evidence == "corroborated":
                plans = [
                    self._observation(theme, mode="heard", meeting=m)
                    for m in self._meetings_for(theme, 3)
                ]
            else:
                meeting = self._meetings_for(theme, 1)[0]
                plans = [self._observation(theme, mode="heard", meeting=meeting) for _ in range(2)]
            if finding.contradicts:
                plans.append(self._observation(by_key[finding.contradicts], mode="heard"))
                plans[-1].relation = "contradicts"
            for plan in plans:
                plan.finding = index
            self.planned.extend(plans)

    def _remember(self, kind: str, key: object, make: Any) -> list[Any]:
        """Lists looked up once per theme or heading (a large workload asks 50,000 times)."""
        if (kind, key) not in self.memo:
            self.memo[kind, key] = make()
        return self.memo[kind, key]

    def _sites(self, theme: text.Theme) -> list[_Meeting]:
        """The site visits where the theme can be seen (none if it is never seen)."""
        place = theme.site.lower()
        return self._remember(
            "sites",
            theme.key,
            lambda: [
                m
                for m in self.meeting_list
                if theme.seen and m.type == "site_visit" and place in m.title.lower()
            ],
        )

    def _voiced(self, heading: int | str) -> list[_Meeting]:
        """Meetings where people who speak to a heading were present."""
        voices = set(text.GROUP_VOICES[heading])
        return self._remember(
            "voiced", heading, lambda: [m for m in self.meeting_list if m.groups & voices]
        )

    def _meetings_for(self, theme: text.Theme, wanted: int) -> list[_Meeting]:
        """Distinct meetings where people who speak to the theme were present (if enough)."""
        fitting = list(self._voiced(theme.heading))
        others = [m for m in self.meeting_list if m not in fitting]
        self.rng.shuffle(fitting)
        self.rng.shuffle(others)
        pool = fitting + others
        return [pool[i % len(pool)] for i in range(wanted)]

    def _observation(
        self, theme: text.Theme, *, mode: str | None = None, meeting: _Meeting | None = None
    ) -> _Planned:
        rng = self.rng
        if mode is None:
            allowed = {
                "heard": True,
                "read": theme.documented and bool(self.docs),
                "seen": bool(self._sites(theme)),
            }
            modes = [m for m, ok in allowed.items() if ok]
            mode = rng.choices(modes, [_MODE_WEIGHTS[m] for m in modes])[0]
        values: dict[str, Any] = {"mode": mode, "polarity": theme.polarity, "is_quote": 0}
        if mode == "read":
            fitting = (
                self._remember(
                    "docs",
                    theme.heading,
                    lambda: [d for d in self.docs if theme.heading in d.headings],
                )
                or self.docs
            )
            document = rng.choice(fitting)
            opener = rng.choice(text.READ_OPENERS).format(D=_cap(document.ref), d=document.ref)
            sentence = f"{opener} {rng.choice(theme.said)}."
            first = date.fromisoformat(text.ONSITE_START)
            when = datetime.combine(first - timedelta(days=rng.randint(1, 6)), datetime.min.time())
            when += timedelta(minutes=rng.randint(8 * 60, 21 * 60))
            values.update(
                document_id=document.id, meeting_id=None, recorded_by=rng.choice(self.peer_ids)
            )
        elif mode == "seen":
            meeting = meeting or rng.choice(self._sites(theme))
            sentence = _cap(rng.choice(text.SEEN_OPENERS).format(site=_site_name(meeting.title)))
            sentence += f"{rng.choice(theme.seen)}."
            when = self._during(meeting)
            values.update(
                meeting_id=meeting.id, document_id=None, recorded_by=rng.choice(meeting.peer_ids)
            )
        else:
            unused = [q for q in theme.quotes if q[1] not in self.quotes_used]
            quote = rng.choice(unused) if unused and rng.random() < _QUOTE_CHANCE else None
            if meeting is None:
                meeting = self._heard_meeting(theme, quote[0] if quote else None)
            if quote is not None and quote[0] in meeting.groups:
                sentence = f"“{quote[1]}”"
                values["is_quote"] = 1
                self.quotes_used.add(quote[1])
            else:
                sentence = self._heard_sentence(theme, meeting)
            when = self._during(meeting)
            values.update(
                meeting_id=meeting.id, document_id=None, recorded_by=rng.choice(meeting.peer_ids)
            )
        values["text"] = sentence
        values["observed_at"] = when.isoformat(timespec="seconds")
        tags = [self.headings[theme.heading]]
        if rng.random() < _SECOND_TAG_CHANCE:
            second = self.headings[rng.choice(text.RELATED_HEADINGS[theme.heading])]
            if second not in tags:
                tags.append(second)
        return _Planned(theme, values, tags)

    def _heard_meeting(self, theme: text.Theme, speaker: str | None) -> _Meeting:
        if speaker is not None:
            with_speaker = self._remember(
                "speaker", speaker, lambda: [m for m in self.meeting_list if speaker in m.groups]
            )
            if with_speaker:
                return self.rng.choice(with_speaker)
        fitting = self._voiced(theme.heading)
        if fitting and self.rng.random() < 0.8:
            return self.rng.choice(fitting)
        return self.rng.choice(self.meeting_list)

    def _heard_sentence(self, theme: text.Theme, meeting: _Meeting) -> str:
        rng = self.rng
        voices = sorted(meeting.groups & set(text.GROUP_VOICES[theme.heading])) or sorted(
            meeting.groups
        )
        group = _GROUPS[rng.choice(voices)]
        if rng.random() < 0.25:
            opener = rng.choice(text.HEARD_SINGLE_OPENERS).format(s=group.singular)
        else:
            opener = rng.choice(text.HEARD_OPENERS).format(g=group.plural, G=_cap(group.plural))
        tail = rng.choice(text.TAILS[theme.polarity])
        return f"{opener} {rng.choice(theme.said)}{tail}."

    def _during(self, meeting: _Meeting) -> datetime:
        start = datetime.fromisoformat(f"{meeting.day}T{meeting.start}")
        return start + timedelta(minutes=self.rng.randint(3, max(3, meeting.minutes - 3)))

    # ----------------------------------------------------------------------- findings
    def findings(self) -> None:
        evidence: dict[int, list[_Planned]] = {}
        by_theme: dict[str, list[_Planned]] = {}
        for plan in self.planned:
            if plan.finding is not None:
                evidence.setdefault(plan.finding, []).append(plan)
            by_theme.setdefault(plan.theme.key, []).append(plan)
        ordinals: Counter[tuple[str, str]] = Counter()
        for index, finding in enumerate(text.FINDINGS):
            heading = finding.heading
            heading_id = self.headings[heading if isinstance(heading, str) else f"domain{heading}"]
            finding_id = self.cf.insert(
                "finding",
                {
                    "statement": finding.statement,
                    "narrative": finding.narrative,
                    "kind": finding.kind,
                    "heading_id": heading_id,
                    "group_id": None,
                    "notable": int(finding.notable),
                    "key_message": int(finding.key_message),
                    "ordinal": float(ordinals[heading_id, finding.kind]),
                },
            )
            ordinals[heading_id, finding.kind] += 1
            for plan in evidence.get(index, [])[:6]:
                self._link(finding_id, plan.id, plan.relation)
        for group_index, (group_name, recommendations) in enumerate(text.RECOMMENDATIONS):
            group_id = self.cf.insert(
                "recommendation_group", {"name": group_name, "ordinal": float(group_index)}
            )
            for ordinal, (statement, narrative, themes) in enumerate(recommendations):
                finding_id = self.cf.insert(
                    "finding",
                    {
                        "statement": statement,
                        "narrative": narrative,
                        "kind": "recommendation",
                        "heading_id": None,
                        "group_id": group_id,
                        "notable": 0,
                        "key_message": 0,
                        "ordinal": float(ordinal),
                    },
                )
                pool = [p for key in themes for p in by_theme.get(key, [])]
                for plan in self.rng.sample(pool, min(len(pool), self.rng.randint(2, 4))):
                    self._link(finding_id, plan.id, "supports")

    # ----------------------------------------------------------------------- letter
    def letter_settings(self) -> None:
        """What the challenge manager would have typed by the end of the week (clients,
        scope for the letter, thanks, contacts...), so the demo letter exports as a finished
        draft. The signatory stays the default: the lead peer."""
        names = {
            "ceo": self._keyed_name("ceo", "Alex Renshaw"),
            "leader": self._keyed_name("leader", "Cllr Pat Garside"),
            "dass": self._keyed_name("dass", "Morgan Tilsley"),
            "manager": self._peer_name(self.challenge_manager),
        }
        first = names["ceo"].split()
        names["ceo_first"] = first[1] if first[0] in ("Dr", "Cllr") and len(first) > 1 else first[0]
        letter_settings.save(
            self.cf,
            letter_date=text.LETTER_DATE,
            salutation=text.LETTER_SALUTATION.format(**names),
            clients="\n".join(line.format(**names) for line in text.LETTER_CLIENTS),
            purpose=text.LETTER_PURPOSE,
            scope="\n".join(text.LETTER_SCOPE),
            feedback_date=_day(text.ONSITE_DAYS - 1),  # the last on-site day
            acknowledgements=text.LETTER_ACKNOWLEDGEMENTS.format(**names),
            next_steps=text.LETTER_NEXT_STEPS.format(**names),
            contacts=text.LETTER_CONTACTS.format(**names),
        )

    def _peer_name(self, peer_id: str) -> str:
        row = self.cf.get("peer", peer_id)
        assert row is not None, "the demo's peers are written before its letter settings"
        return str(row["name"])

    def _keyed_name(self, key: str, fallback: str) -> str:
        """The name the demo gave a named role (a small demo may not have met them)."""
        person = next((p for p in self.persons if p.key == key), None)
        row = self.cf.get("person", person.id) if person else None
        return row["name"] if row else fallback

    def _link(self, finding_id: str, observation_id: str, relation: str) -> None:
        self.cf.link(
            "finding_evidence",
            {"finding_id": finding_id, "observation_id": observation_id, "relation": relation},
            (finding_id, observation_id),
        )


_GROUPS = {g.name: g for g in text.GROUPS}
_PLACES = ("Ashby", "Belmont", "Carrow", "Denholme", "Elstow", "Farnley", "Glenridge", "Holmwood")


def _allocate(total: int, weights: Sequence[int]) -> list[int]:
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


def _programme(count: int, rng: random.Random) -> list[tuple[str, str, str, text.Participants]]:
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


def _slots(count: int) -> list[tuple[str, str, int]]:
    """(date, start, meetings running at once) for `count` meetings: the opening and the
    feedback alone, the rest spread evenly over the slots of the four days."""
    slots = [
        (_day(d), s)
        for d in range(text.ONSITE_DAYS)
        for s in (_LAST_DAY_SLOTS if d == text.ONSITE_DAYS - 1 else _DAY_SLOTS)
    ]
    opening, *middle = slots
    closing = (_day(text.ONSITE_DAYS - 1), _FEEDBACK_SLOT)
    inner = count - 2
    base, extra = divmod(inner, len(middle))
    busier = {int((i + 0.5) * len(middle) / extra) for i in range(extra)} if extra else set()
    result = [(*opening, 1)]
    for index, (day, start) in enumerate(middle):
        parallel = base + (1 if index in busier else 0)
        result.extend((day, start, parallel) for _ in range(parallel))
    result.append((*closing, 1))
    return result


def _day(offset: int) -> str:
    return (date.fromisoformat(text.ONSITE_START) + timedelta(days=offset)).isoformat()


def _add_minutes(clock: str, minutes: int) -> str:
    moment = datetime.fromisoformat(f"2000-01-01T{clock}") + timedelta(minutes=minutes)
    return moment.strftime("%H:%M")


def _cap(words: str) -> str:
    return words[:1].upper() + words[1:]


def _site_name(title: str) -> str:
    name = title.split(": ", 1)[-1].split(" (", 1)[0]
    return name if name.endswith("Care Home") else f"the {name}"


# -------------------------------------------------------------------------------- script
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `peernotes demo` and `python -m peernotes.core.demo`."""
    parser.add_argument("--out", required=True, type=Path, help="the new challenge file to write")
    parser.add_argument("--observations", type=int, default=300, metavar="N", help="default 300")
    parser.add_argument("--meetings", type=int, default=40, metavar="N", help="default 40")
    parser.add_argument("--people", type=int, default=90, metavar="N", help="default 90")
    parser.add_argument("--documents", type=int, default=30, metavar="N", help="default 30")
    parser.add_argument("--peers", type=int, default=7, metavar="N", help="team size, default 7")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same content (default 1)")
    parser.add_argument(
        "--no-findings", action="store_true", help="observations only, no draft findings"
    )


def run_from_args(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    path = write_demo(
        args.out,
        observations=args.observations,
        meetings=args.meetings,
        people=args.people,
        documents=args.documents,
        peers=args.peers,
        seed=args.seed,
        with_findings=not args.no_findings,
    )
    seconds = time.perf_counter() - started
    findings = "no" if args.no_findings else "draft"
    print(
        f"Wrote {path}: {args.peers} peers, {args.meetings} meetings, {args.people} people, "
        f"{args.documents} documents, {args.observations:,} observations, {findings} findings "
        f"({seconds:.1f} s)"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m peernotes.core.demo",
        description="Write a fictional demo challenge file (Northmoor Borough Council).",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run_from_args(args)
    except (PeerNotesError, OSError) as error:
        print(f"demo: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
