"""Read models for the screens: typed records (core/records/values.py), never generic rows.

The observations list asks for ids in the order asked, then the summaries of a page of ids, so
a list of 50,000 observations never builds more records than it shows. The short lists
(programme, people, documents, team, headings) are read whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from peernotes.core.records import challenge, observations, people, programme
from peernotes.core.records.values import (
    Challenge,
    Document,
    FindingText,
    Heading,
    Meeting,
    Observation,
    ObservationSummary,
    Peer,
    Person,
    RecommendationGroup,
    StakeholderGroup,
)
from peernotes.core.search import fts_query  # the one query builder: lists filter as search finds
from peernotes.core.store import ChallengeFile, Row

OBSERVATION_ORDER: dict[str, str] = {
    "observed_at": "o.observed_at",
    "text": "o.text COLLATE NOCASE",
    "mode": "o.mode",
    "polarity": "o.polarity",
    "source": "coalesce(m.date || ' ' || coalesce(m.start_time, ''), d.title) COLLATE NOCASE",
    "recorded_by": "p.name COLLATE NOCASE",
    "is_quote": "o.is_quote",
}


@dataclass
class ObservationFilter:
    """What the observation lists are narrowed to; None/empty means 'any'."""

    text: str = ""
    meeting_id: str | None = None
    document_id: str | None = None
    recorded_by: str | None = None
    mode: str | None = None
    polarity: str | None = None
    heading_id: str | None = None


def _observation_where(where: ObservationFilter) -> tuple[str, list[Any]] | None:
    """The SQL condition for `where` on `observation o` (None: it can match nothing)."""
    clauses, params = ["o.deleted = 0"], []
    for column in ("meeting_id", "document_id", "recorded_by", "mode", "polarity"):
        value = getattr(where, column)
        if value:
            clauses.append(f"o.{column} = ?")
            params.append(value)
    if where.heading_id:
        clauses.append(
            "o.id IN (SELECT oh.observation_id FROM observation_heading oh JOIN heading h "
            "ON h.id = oh.heading_id WHERE oh.deleted = 0 AND (h.id = ? OR h.parent_id = ?))"
        )
        params += [where.heading_id, where.heading_id]
    query = fts_query(where.text)
    if query:
        clauses.append(
            "o.rowid IN (SELECT rowid FROM observation_fts WHERE observation_fts MATCH ?)"
        )
        params.append(query)
    elif where.text.strip():
        return None
    return " AND ".join(clauses), params


def observation_ids(
    cf: ChallengeFile,
    where: ObservationFilter | None = None,
    *,
    order_by: str = "observed_at",
    descending: bool = False,
) -> list[str]:
    """Ids of the live observations matching `where`, in the order asked (then by time)."""
    condition = _observation_where(where or ObservationFilter())
    if condition is None:
        return []
    clauses, params = condition
    order = OBSERVATION_ORDER.get(order_by, OBSERVATION_ORDER["observed_at"])
    direction = "DESC" if descending else "ASC"
    joins = ""
    if order_by == "source":
        joins = " LEFT JOIN meeting m ON m.id = o.meeting_id LEFT JOIN document d ON d.id = o.document_id"
    elif order_by == "recorded_by":
        joins = " LEFT JOIN peer p ON p.id = o.recorded_by"
    sql = (
        f"SELECT o.id FROM observation o{joins} WHERE {clauses} "
        f"ORDER BY {order} {direction}, o.observed_at {direction}, o.rowid {direction}"
    )
    # One string from SQLite rather than a row per id: the query then runs in one call that
    # lets other threads run (the UI, while a background thread filters 50,000 notes).
    joined = cf.conn.execute(f"SELECT group_concat(id, ' ') FROM ({sql})", params).fetchone()[0]
    return joined.split(" ") if joined else []


def observation_keys(
    cf: ChallengeFile, where: ObservationFilter, ids: Sequence[str]
) -> dict[str, tuple[str, int]]:
    """{id: its place in `observation_ids`' time order} for those of `ids` that are live and
    match `where`: a list shows a note just saved without asking for all its ids again."""
    condition = _observation_where(where)
    if condition is None or not ids:
        return {}
    clauses, params = condition
    marks = ",".join("?" for _ in ids)
    rows = cf.conn.execute(
        f"SELECT o.id, o.observed_at, o.rowid FROM observation o "
        f"WHERE o.id IN ({marks}) AND {clauses}",
        [*ids, *params],
    )
    return {row_id: (observed_at, rowid) for row_id, observed_at, rowid in rows}


def observation_summaries(cf: ChallengeFile, ids: Sequence[str]) -> dict[str, ObservationSummary]:
    """The list's lines for some observations: each with its `source` (meeting or document),
    `recorded_by_name` and `headings` (labels in framework order)."""
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = cf.query(
        "SELECT o.*, m.title AS meeting_title, m.date AS meeting_date, "
        "m.start_time AS meeting_start, m.type AS meeting_type, d.title AS document_title, "
        "p.name AS recorded_by_name FROM observation o LEFT JOIN meeting m ON m.id = o.meeting_id "
        "LEFT JOIN document d ON d.id = o.document_id LEFT JOIN peer p ON p.id = o.recorded_by "
        f"WHERE o.id IN ({marks})",
        list(ids),
    )
    labels: dict[str, list[str]] = {}
    for link in cf.query(
        "SELECT oh.observation_id, h.id AS heading_id, h.number, h.name FROM observation_heading oh "
        "JOIN heading h ON h.id = oh.heading_id "
        f"WHERE oh.deleted = 0 AND h.deleted = 0 AND oh.observation_id IN ({marks}) "
        "ORDER BY h.kind = 'scope', h.number, h.name",
        list(ids),
    ):
        labels.setdefault(link["observation_id"], []).append(challenge.heading_label(link))
    return {row["id"]: _summary(row, labels.get(row["id"], [])) for row in rows}


def _summary(row: Row, headings: list[str]) -> ObservationSummary:
    if row["meeting_id"]:
        start = f" {row['meeting_start']}" if row["meeting_start"] else ""
        source = f"{row['meeting_date']}{start} {row['meeting_title']}"
    elif row["document_id"]:
        source = row["document_title"] or ""
    else:
        source = ""
    return ObservationSummary(
        id=row["id"],
        text=row["text"],
        mode=row["mode"],
        polarity=row["polarity"],
        is_quote=bool(row["is_quote"]),
        observed_at=row["observed_at"] or "",
        meeting_id=row["meeting_id"],
        document_id=row["document_id"],
        recorded_by=row["recorded_by"],
        recorded_by_name=row["recorded_by_name"] or "",
        source=source,
        headings=tuple(headings),
        meeting_title=row["meeting_title"] or "",
        meeting_date=row["meeting_date"] or "",
        meeting_start=row["meeting_start"] or "",
        meeting_type=row["meeting_type"],
        document_title=row["document_title"] or "",
    )


def meeting_list(cf: ChallengeFile) -> list[Meeting]:
    """The programme in time order, each meeting with its counts and the peers present."""
    rows = cf.query(
        "SELECT m.*, "
        "(SELECT count(*) FROM observation o WHERE o.meeting_id = m.id AND o.deleted = 0) "
        "AS observation_count, "
        "(SELECT count(*) FROM meeting_person mp JOIN person p ON p.id = mp.person_id "
        " WHERE mp.meeting_id = m.id AND mp.deleted = 0 AND p.deleted = 0) AS people_count, "
        "(SELECT group_concat(name, ', ') FROM (SELECT p.name FROM meeting_peer mp "
        " JOIN peer p ON p.id = mp.peer_id WHERE mp.meeting_id = m.id AND mp.deleted = 0 "
        " AND p.deleted = 0 ORDER BY p.ordinal)) AS peer_names "
        "FROM meeting m WHERE m.deleted = 0 ORDER BY m.date, m.start_time, m.title"
    )
    return [Meeting.from_row(row) for row in rows]


def meeting(cf: ChallengeFile, meeting_id: str) -> Meeting:
    """One meeting (without the list's counts); ValidationError if there is none."""
    row = cf.get("meeting", meeting_id, required=True)
    assert row is not None
    return Meeting.from_row(row)


def meeting_now(cf: ChallengeFile, at: datetime | None = None) -> Meeting | None:
    """The meeting the capture pane defaults to (see programme.meeting_now)."""
    row = programme.meeting_now(cf, at)
    return Meeting.from_row(row) if row else None


def person_list(cf: ChallengeFile) -> list[Person]:
    """People met, each with their stakeholder group's name and how many meetings they were in."""
    rows = cf.query(
        "SELECT p.*, g.name AS group_name, "
        "(SELECT count(*) FROM meeting_person mp JOIN meeting m ON m.id = mp.meeting_id "
        " WHERE mp.person_id = p.id AND mp.deleted = 0 AND m.deleted = 0) AS meeting_count "
        "FROM person p LEFT JOIN stakeholder_group g ON g.id = p.group_id "
        "WHERE p.deleted = 0 ORDER BY p.name COLLATE NOCASE"
    )
    return [Person.from_row(row) for row in rows]


def document_list(cf: ChallengeFile) -> list[Document]:
    """Documents read, each with how many observations cite it."""
    rows = cf.query(
        "SELECT d.*, (SELECT count(*) FROM observation o WHERE o.document_id = d.id "
        "AND o.deleted = 0) AS observation_count FROM document d WHERE d.deleted = 0 "
        "ORDER BY d.title COLLATE NOCASE"
    )
    return [Document.from_row(row) for row in rows]


def team_members(cf: ChallengeFile) -> list[Peer]:
    """The peer team in letter order (lead peer first, challenge manager last)."""
    return [Peer.from_row(row) for row in people.team(cf)]


def framework_headings(cf: ChallengeFile) -> list[Heading]:
    """The headings in framework order, each domain followed by its standards."""
    return [Heading.from_row(row) for row in challenge.headings(cf)]


def groups(cf: ChallengeFile) -> list[StakeholderGroup]:
    """The stakeholder groups in their order."""
    return [StakeholderGroup.from_row(row) for row in people.stakeholder_groups(cf)]


def peers_in(cf: ChallengeFile, meeting_id: str) -> list[Peer]:
    """The peers present at a meeting, in team order."""
    return [Peer.from_row(row) for row in programme.meeting_peers(cf, meeting_id)]


def people_in(cf: ChallengeFile, meeting_id: str) -> list[Person]:
    """The people met in a meeting, by name."""
    return [Person.from_row(row) for row in programme.meeting_people(cf, meeting_id)]


def people_named(cf: ChallengeFile, name: str) -> list[Person]:
    """People already recorded under this name (ignoring case, accents and spacing), each with
    their group's name so the user can tell two of them apart."""
    names = {group.id: group.name for group in groups(cf)}
    return [
        replace(Person.from_row(row), group_name=names.get(row["group_id"] or "", ""))
        for row in people.people_named(cf, name)
    ]


def recommendation_groups(cf: ChallengeFile) -> list[RecommendationGroup]:
    """The recommendation groups in the letter's order."""
    rows = cf.rows("recommendation_group", order_by="ordinal, created_at, id")
    return [RecommendationGroup(row["id"], row["name"], row["ordinal"]) for row in rows]


def current_challenge(cf: ChallengeFile) -> Challenge:
    """The challenge this file holds (NotAPeerNotesFile if it holds none)."""
    return Challenge.from_row(cf.challenge())


def observation(cf: ChallengeFile, observation_id: str) -> Observation | None:
    """One live observation with its headings and who recorded it; None if it is gone."""
    row = cf.get("observation", observation_id)
    if row is None:
        return None
    author = cf.get("peer", row["recorded_by"]) if row["recorded_by"] else None
    return Observation(
        id=row["id"],
        text=row["text"],
        mode=row["mode"],
        polarity=row["polarity"],
        is_quote=bool(row["is_quote"]),
        observed_at=row["observed_at"] or "",
        meeting_id=row["meeting_id"],
        document_id=row["document_id"],
        recorded_by=row["recorded_by"],
        heading_ids=tuple(observations.observation_heading_ids(cf, observation_id)),
        recorded_by_name=author["name"] if author else "",
    )


def peer(cf: ChallengeFile, peer_id: str | None) -> Peer | None:
    """A live member of the team (None for no id, or one since deleted)."""
    row = cf.get("peer", peer_id) if peer_id else None
    return Peer.from_row(row) if row else None


def person(cf: ChallengeFile, person_id: str) -> Person | None:
    """Someone met (None if deleted since)."""
    row = cf.get("person", person_id)
    return Person.from_row(row) if row else None


def heading_names(cf: ChallengeFile) -> dict[str, str]:
    """{heading id: name} for every live heading, whichever framework it belongs to."""
    return {row["id"]: row["name"] for row in cf.rows("heading")}


def finding_text(cf: ChallengeFile, finding_id: str) -> FindingText | None:
    """A live finding's statement and narrative (None if it is gone)."""
    row = cf.get("finding", finding_id)
    return FindingText(row["id"], row["statement"], row["narrative"] or "") if row else None
