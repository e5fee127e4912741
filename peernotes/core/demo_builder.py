"""The demo's builder: writes the challenge, team, people, documents, meetings, observations,
draft findings and letter settings of the demo, from the phrase banks in `demo_content`.

Valid by construction, so observations go in through `ChallengeFile.insert_many` without the
per-call checks of `observations.add_observation` (peernotes.core.demo says why).
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from peernotes.core import demo_content as text
from peernotes.core import demo_programme as timetable
from peernotes.core import letter_settings
from peernotes.core.ids import link_id
from peernotes.core.records import challenge as challenge_records
from peernotes.core.records import people as people_records
from peernotes.core.records import programme as programme_records
from peernotes.core.store import ChallengeFile

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
class DemoBuilder:
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
                    "organisation": f"{self.rng.choice(timetable.PLACES)} Council",
                }
            )
        manager = next(i for i, p in enumerate(team) if p["role"] == "challenge_manager")
        challenge_records.new_challenge(
            self.cf,
            council=text.COUNCIL,
            programme_title=text.PROGRAMME_TITLE,
            framework=text.FRAMEWORK,
            onsite_start=text.ONSITE_START,
            onsite_end=timetable.onsite_day(text.ONSITE_DAYS - 1),
            scope=text.SCOPE,
            scope_questions=text.SCOPE_QUESTIONS,
            peers=team,
            me=manager,
        )
        self.peer_ids = [p["id"] for p in self.cf.rows("peer", order_by="ordinal")]
        self.challenge_manager = self.peer_ids[manager]
        domains = 0
        for row in challenge_records.headings(self.cf):
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
        sizes = timetable.allocate(count, [g.weight for g in text.GROUPS])
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
                person_id = people_records.add_person(
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
            document_id = people_records.add_document(
                self.cf, title, provided_by=provided_by, doc_date=when
            )
            self.docs.append(_Document(document_id, ref, headings))

    # ----------------------------------------------------------------------- meetings
    def meetings(self, count: int) -> None:
        programme = timetable.meeting_programme(count, self.rng)
        slots = timetable.meeting_slots(len(programme))
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
            end = timetable.add_minutes(meeting.start, meeting.minutes)
            meeting.id = programme_records.add_meeting(
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
            mode = self._pick_mode(theme)
        values: dict[str, Any] = {"mode": mode, "polarity": theme.polarity, "is_quote": 0}
        if mode == "read":
            sentence, when = self._read(theme, values)
        elif mode == "seen":
            sentence, when = self._seen(theme, values, meeting)
        else:
            sentence, when = self._heard(theme, values, meeting)
        values["text"] = sentence
        values["observed_at"] = when.isoformat(timespec="seconds")
        tags = [self.headings[theme.heading]]
        if rng.random() < _SECOND_TAG_CHANCE:
            second = self.headings[rng.choice(text.RELATED_HEADINGS[theme.heading])]
            if second not in tags:
                tags.append(second)
        return _Planned(theme, values, tags)

    def _pick_mode(self, theme: text.Theme) -> str:
        """Heard, read or seen, weighted; read only for documented themes, seen only where
        the theme has a site to visit."""
        allowed = {
            "heard": True,
            "read": theme.documented and bool(self.docs),
            "seen": bool(self._sites(theme)),
        }
        modes = [m for m, ok in allowed.items() if ok]
        return self.rng.choices(modes, [_MODE_WEIGHTS[m] for m in modes])[0]

    def _read(self, theme: text.Theme, values: dict[str, Any]) -> tuple[str, datetime]:
        """A note of a document read before the visit (the week before the on-site days)."""
        rng = self.rng
        fitting = (
            self._remember(
                "docs",
                theme.heading,
                lambda: [d for d in self.docs if theme.heading in d.headings],
            )
            or self.docs
        )
        document = rng.choice(fitting)
        opener = rng.choice(text.READ_OPENERS).format(D=timetable.cap(document.ref), d=document.ref)
        sentence = f"{opener} {rng.choice(theme.said)}."
        first = date.fromisoformat(text.ONSITE_START)
        when = datetime.combine(first - timedelta(days=rng.randint(1, 6)), datetime.min.time())
        when += timedelta(minutes=rng.randint(8 * 60, 21 * 60))
        values.update(
            document_id=document.id, meeting_id=None, recorded_by=rng.choice(self.peer_ids)
        )
        return sentence, when

    def _seen(
        self, theme: text.Theme, values: dict[str, Any], meeting: _Meeting | None
    ) -> tuple[str, datetime]:
        """A note of a site visit, during the meeting that went there."""
        rng = self.rng
        meeting = meeting or rng.choice(self._sites(theme))
        sentence = timetable.cap(
            rng.choice(text.SEEN_OPENERS).format(site=timetable.site_name(meeting.title))
        )
        sentence += f"{rng.choice(theme.seen)}."
        when = self._during(meeting)
        values.update(
            meeting_id=meeting.id, document_id=None, recorded_by=rng.choice(meeting.peer_ids)
        )
        return sentence, when

    def _heard(
        self, theme: text.Theme, values: dict[str, Any], meeting: _Meeting | None
    ) -> tuple[str, datetime]:
        """A note of what was said in a meeting: now and then a verbatim quote, said once."""
        rng = self.rng
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
        return sentence, when

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
        group = timetable.GROUPS_BY_NAME[rng.choice(voices)]
        if rng.random() < 0.25:
            opener = rng.choice(text.HEARD_SINGLE_OPENERS).format(s=group.singular)
        else:
            opener = rng.choice(text.HEARD_OPENERS).format(
                g=group.plural, G=timetable.cap(group.plural)
            )
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
            feedback_date=timetable.onsite_day(text.ONSITE_DAYS - 1),  # the last on-site day
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
