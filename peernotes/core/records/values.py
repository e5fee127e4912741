"""What screens read: frozen, typed records built by the core's read models.

A screen that reads `meeting.title` is checked by mypy; one that reads `row["titel"]` fails in
front of a user. So the core turns its generic rows into these at the seam (as
`core/rollup.py` does for findings), and the UI never sees a `dict[str, Any]` row. Generic
rows stay inside the store, merge and versions, where genericity is the point.
Each `from_row` ignores columns it does not show (bookkeeping, later additions).
"""

from __future__ import annotations

from dataclasses import dataclass

from peernotes.core.store import Row


@dataclass(frozen=True, slots=True)
class Heading:
    """A framework heading in framework order; `depth` 1 is a standard under its domain and
    `prompt` the built-in framework's question for a domain (shown when tagging)."""

    id: str
    framework_id: str
    parent_id: str | None
    kind: str
    number: str
    name: str
    ordinal: float = 0
    depth: int = 0
    prompt: str = ""

    @property
    def label(self) -> str:
        """How a heading is shown and picked: '4 Coproduced with people...' or 'Q1 ...'."""
        return f"{self.number} {self.name}".strip()

    @classmethod
    def from_row(cls, row: Row) -> Heading:
        return cls(
            id=row["id"],
            framework_id=row["framework_id"],
            parent_id=row["parent_id"],
            kind=row["kind"],
            number=row["number"] or "",
            name=row["name"],
            ordinal=row["ordinal"],
            depth=row.get("depth", 0),
            prompt=row.get("prompt", ""),
        )


@dataclass(frozen=True, slots=True)
class Peer:
    """A member of the peer team."""

    id: str
    name: str
    role: str
    job_title: str = ""
    organisation: str = ""
    ordinal: float = 0

    @classmethod
    def from_row(cls, row: Row) -> Peer:
        return cls(
            id=row["id"],
            name=row["name"],
            role=row["role"],
            job_title=row["job_title"] or "",
            organisation=row["organisation"] or "",
            ordinal=row["ordinal"],
        )


@dataclass(frozen=True, slots=True)
class StakeholderGroup:
    """A stakeholder group; a `single_person` group is one role (the Leader), not a crowd."""

    id: str
    name: str
    single_person: bool = False
    ordinal: float = 0

    @classmethod
    def from_row(cls, row: Row) -> StakeholderGroup:
        return cls(
            id=row["id"],
            name=row["name"],
            single_person=bool(row["single_person"]),
            ordinal=row["ordinal"],
        )


@dataclass(frozen=True, slots=True)
class Person:
    """Someone met; `group_name` and `meeting_count` are filled by the people list."""

    id: str
    name: str
    group_id: str | None = None
    job_title: str = ""
    organisation: str = ""
    group_name: str = ""
    meeting_count: int = 0

    @classmethod
    def from_row(cls, row: Row) -> Person:
        return cls(
            id=row["id"],
            name=row["name"],
            group_id=row["group_id"],
            job_title=row["job_title"] or "",
            organisation=row["organisation"] or "",
            group_name=row.get("group_name") or "",
            meeting_count=row.get("meeting_count") or 0,
        )


@dataclass(frozen=True, slots=True)
class Document:
    """A document read; `observation_count` is how many observations cite it."""

    id: str
    title: str
    provided_by: str = ""
    doc_date: str | None = None
    observation_count: int = 0

    @classmethod
    def from_row(cls, row: Row) -> Document:
        return cls(
            id=row["id"],
            title=row["title"],
            provided_by=row["provided_by"] or "",
            doc_date=row["doc_date"],
            observation_count=row.get("observation_count") or 0,
        )


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting in the programme; the counts and `peer_names` are filled by the programme list."""

    id: str
    date: str
    title: str
    type: str
    start_time: str | None = None
    end_time: str | None = None
    location: str = ""
    notes: str = ""
    observation_count: int = 0
    people_count: int = 0
    peer_names: str = ""

    @classmethod
    def from_row(cls, row: Row) -> Meeting:
        return cls(
            id=row["id"],
            date=row["date"],
            title=row["title"],
            type=row["type"],
            start_time=row["start_time"],
            end_time=row["end_time"],
            location=row["location"] or "",
            notes=row["notes"] or "",
            observation_count=row.get("observation_count") or 0,
            people_count=row.get("people_count") or 0,
            peer_names=row.get("peer_names") or "",
        )


@dataclass(frozen=True, slots=True)
class ObservationSummary:
    """One line of the observations list: the observation, where it came from (`source`, and
    the meeting's fields that decide its natural mode), who recorded it and its heading labels
    in framework order."""

    id: str
    text: str
    mode: str
    polarity: str
    is_quote: bool
    observed_at: str
    meeting_id: str | None
    document_id: str | None
    recorded_by: str | None
    recorded_by_name: str
    source: str
    headings: tuple[str, ...]
    meeting_title: str = ""
    meeting_date: str = ""
    meeting_start: str = ""
    meeting_type: str | None = None
    document_title: str = ""


@dataclass(frozen=True, slots=True)
class RecommendationGroup:
    """A group the letter lists recommendations under, in the team's order."""

    id: str
    name: str
    ordinal: float = 0


@dataclass(frozen=True, slots=True)
class Challenge:
    """The challenge itself: the council, the programme's title, the on-site days (ISO dates,
    None until set) and the scope the council asked for."""

    id: str
    council: str
    programme_title: str
    scope: str = ""
    onsite_start: str | None = None
    onsite_end: str | None = None
    framework_id: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> Challenge:
        return cls(
            id=row["id"],
            council=row["council"],
            programme_title=row["programme_title"],
            scope=row["scope"] or "",
            onsite_start=row["onsite_start"],
            onsite_end=row["onsite_end"],
            framework_id=row["framework_id"],
        )


@dataclass(frozen=True, slots=True)
class Observation:
    """One observation as its editors show it, with the headings it is tagged with and the
    name of the peer who recorded it ("" when nobody is named)."""

    id: str
    text: str
    mode: str
    polarity: str
    is_quote: bool
    observed_at: str
    meeting_id: str | None = None
    document_id: str | None = None
    recorded_by: str | None = None
    heading_ids: tuple[str, ...] = ()
    recorded_by_name: str = ""


@dataclass(frozen=True, slots=True)
class FindingText:
    """A finding's own words, as an editor offers them for change."""

    id: str
    statement: str
    narrative: str
