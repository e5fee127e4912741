"""Observations as evidence: where each came from and who was in the room, read in bulk.

Findings, triangulation, the roll-up and coverage all need the same facts about an
observation -- its mode, its source (a meeting or a document), the stakeholder groups of the
people met at that meeting, the peer who recorded it. This module reads them for many
observations in a few queries, so no screen or report asks one row at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from peernotes.core.store import ChallengeFile

_CHUNK = 500  # SQLite's default limit on host parameters is far above this; keeps IN lists small


@dataclass(frozen=True)
class ObservationInfo:
    """One observation as an evidence table shows it."""

    id: str
    text: str
    mode: str
    meeting_id: str | None
    document_id: str | None
    source: str  # "Carers' focus group (2026-11-11)" / a document title / ""
    groups: tuple[str, ...]  # stakeholder groups of the people met at its meeting
    recorded_by: str  # the peer's name, "" when unknown
    recorded_by_id: str | None
    observed_at: str
    is_quote: bool
    polarity: str
    headings: int  # how many framework headings it is tagged with
    findings: int  # how many live findings use it (supporting or contradicting)
    heading_labels: tuple[str, ...] = ()  # '2.1 Leadership', in framework order
    # How the team marked it beside another peer's note of the meeting, as the finding's
    # evidence shows it ("Same point as Alex Morgan's note above"): core/finding_evidence.py
    pairing: str = ""


def source_key(mode: str, meeting_id: str | None, document_id: str | None, peer: str | None) -> str:
    """What makes two observations the *same* source for triangulation.

    A note of something read names its document; anything else its meeting. Two peers noting
    the same meeting share a source. A note with no meeting or document counts as one source
    per recording peer (never one per note), so unsourced notes cannot inflate the count.
    """
    if mode == "read" and document_id:
        return f"document:{document_id}"
    if meeting_id:
        return f"meeting:{meeting_id}"
    if document_id:
        return f"document:{document_id}"
    return f"unsourced:{peer or ''}"


def chunks(ids: Sequence[str], size: int = _CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# Many ids are read as one group_concat string per group, split in C, rather than one Python
# row per id: a row costs about a microsecond each way, and 65,000 of them are most of what a
# coverage or inbox count costs at 50,000 notes. Ids are hex UUIDs: never this character.
ID_SEPARATOR = "\x1f"
CONCAT_IDS = "group_concat({}, char(31))"  # SQL: CONCAT_IDS.format("o.id")


def split_ids(joined: str | None) -> list[str]:
    """The ids of one CONCAT_IDS value ([] for NULL: no rows in the group)."""
    return joined.split(ID_SEPARATOR) if joined else []


def meeting_groups(
    cf: ChallengeFile, meeting_ids: Iterable[str] | None = None
) -> dict[str, set[str]]:
    """{meeting id: ids of the stakeholder groups met there} (live rows only): the groups of
    the people met, and the groups of unnamed headcounts ("12 carers")."""
    named = (
        "SELECT mp.meeting_id, p.group_id FROM meeting_person mp "
        "JOIN person p ON p.id = mp.person_id "
        "JOIN stakeholder_group g ON g.id = p.group_id "
        "WHERE mp.deleted = 0 AND p.deleted = 0 AND g.deleted = 0"
    )
    unnamed = (
        "SELECT h.meeting_id, h.group_id FROM headcount h "
        "JOIN stakeholder_group g ON g.id = h.group_id WHERE h.deleted = 0 AND g.deleted = 0"
    )
    result: dict[str, set[str]] = {}
    if meeting_ids is None:
        rows = cf.conn.execute(f"{named} UNION ALL {unnamed}").fetchall()
    else:
        wanted = list(dict.fromkeys(m for m in meeting_ids if m))
        rows = []
        for part in chunks(wanted):
            marks = ",".join("?" for _ in part)
            sql = (
                f"{named} AND mp.meeting_id IN ({marks}) "
                f"UNION ALL {unnamed} AND h.meeting_id IN ({marks})"
            )
            rows += cf.conn.execute(sql, [*part, *part]).fetchall()
    for meeting_id, group_id in rows:
        result.setdefault(meeting_id, set()).add(group_id)
    return result


def group_names(cf: ChallengeFile) -> dict[str, str]:
    """{group id: name} for the live stakeholder groups, in the challenge's order."""
    return {
        r[0]: r[1]
        for r in cf.conn.execute(
            "SELECT id, name FROM stakeholder_group WHERE deleted = 0 ORDER BY ordinal, name"
        )
    }


def meeting_label(title: str, date: str | None) -> str:
    return f"{title} ({date})" if date else title


_DESCRIBE_SQL = (
    "SELECT o.id, o.text, o.mode, o.meeting_id, o.document_id, m.title, m.date, d.title, "
    "p.name, o.recorded_by, o.observed_at, o.is_quote, o.polarity, "
    "(SELECT count(*) FROM observation_heading oh JOIN heading h ON h.id = oh.heading_id "
    " WHERE oh.observation_id = o.id AND oh.deleted = 0 AND h.deleted = 0), "
    "(SELECT count(*) FROM finding_evidence fe JOIN finding f ON f.id = fe.finding_id "
    " WHERE fe.observation_id = o.id AND fe.deleted = 0 AND f.deleted = 0) "
    "FROM observation o LEFT JOIN meeting m ON m.id = o.meeting_id "
    "LEFT JOIN document d ON d.id = o.document_id LEFT JOIN peer p ON p.id = o.recorded_by "
    "WHERE o.deleted = 0 AND o.id IN ({})"
)


def describe(cf: ChallengeFile, ids: Sequence[str]) -> dict[str, ObservationInfo]:
    """Evidence-table facts for these observations (live ones only), keyed by id."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    rows: list[tuple[Any, ...]] = []
    for part in chunks(ids):
        marks = ",".join("?" for _ in part)
        rows += cf.conn.execute(_DESCRIBE_SQL.format(marks), list(part)).fetchall()
    groups = meeting_groups(cf, (r[3] for r in rows))
    tagged = heading_labels(cf, [r[0] for r in rows])
    names = group_names(cf)
    order = {group_id: index for index, group_id in enumerate(names)}

    def present(meeting_id: str | None) -> tuple[str, ...]:
        found = sorted(groups.get(meeting_id or "", ()), key=lambda g: order.get(g, len(order)))
        return tuple(names[g] for g in found if g in names)

    return {r[0]: _info(r, present(r[3]), tuple(tagged.get(r[0], ()))) for r in rows}


def _info(
    row: tuple[Any, ...], groups: tuple[str, ...], labels: tuple[str, ...]
) -> ObservationInfo:
    """One row of _DESCRIBE_SQL as the evidence tables show it."""
    (oid, text, mode, meeting_id, document_id, meeting_title, meeting_date, document_title) = row[
        :8
    ]
    peer_name, peer_id, observed_at, is_quote, polarity, heading_count, finding_count = row[8:]
    if mode == "read" and document_id:
        source = document_title or ""
    elif meeting_id:
        source = meeting_label(meeting_title or "", meeting_date)
    else:
        source = document_title or ""
    return ObservationInfo(
        id=oid,
        text=text,
        mode=mode,
        meeting_id=meeting_id,
        document_id=document_id,
        source=source,
        groups=groups,
        recorded_by=peer_name or "",
        recorded_by_id=peer_id,
        observed_at=observed_at,
        is_quote=bool(is_quote),
        polarity=polarity,
        headings=heading_count,
        findings=finding_count,
        heading_labels=labels,
    )


def heading_labels(cf: ChallengeFile, ids: Sequence[str]) -> dict[str, list[str]]:
    """{observation id: its live headings as '2.1 Name', in framework order} (tagged ones only)."""
    result: dict[str, list[str]] = {}
    for part in chunks(list(ids)):
        marks = ",".join("?" for _ in part)
        rows = cf.conn.execute(
            "SELECT oh.observation_id, h.number, h.name FROM observation_heading oh "
            "JOIN heading h ON h.id = oh.heading_id "
            f"WHERE oh.deleted = 0 AND h.deleted = 0 AND oh.observation_id IN ({marks}) "
            "ORDER BY h.ordinal, h.number",
            list(part),
        ).fetchall()
        for observation_id, number, name in rows:
            result.setdefault(observation_id, []).append(f"{number} {name}".strip())
    return result


# Which observations a browser lists. 'inbox' = not yet sorted: no heading and in no finding.
SCOPES: dict[str, str] = {
    "all": "All observations",
    "inbox": "Inbox: no heading, in no finding",
    "unused": "Not yet in a finding",
    "heading": "Tagged with a heading",
}

_IN_FINDING = (
    "EXISTS (SELECT 1 FROM finding_evidence fe JOIN finding f ON f.id = fe.finding_id "
    "WHERE fe.observation_id = o.id AND fe.deleted = 0 AND f.deleted = 0)"
)
# Tags to a deleted heading do not count. Deleted headings are few, so they are excluded by
# a list rather than a join (a join costs a lookup per tagged observation: slow at 50,000).
HAS_HEADING = (
    "EXISTS (SELECT 1 FROM observation_heading oh WHERE oh.observation_id = o.id "
    "AND oh.deleted = 0 AND oh.heading_id NOT IN "
    "(SELECT id FROM heading WHERE deleted = 1))"
)


def inbox_condition(alias: str = "o") -> str:
    """SQL condition (on observation alias `alias`) for an observation still to be sorted:
    tagged with no live heading and used in no live finding."""
    return (
        f"NOT {HAS_HEADING.replace('o.id', f'{alias}.id')} "
        f"AND NOT {_IN_FINDING.replace('o.id', f'{alias}.id')}"
    )


@dataclass(frozen=True)
class BrowserFilter:
    """What else a browser narrows to, beyond its scope: None means any."""

    polarity: str | None = None
    mode: str | None = None
    recorded_by: str | None = None  # a peer id


def observation_ids(
    cf: ChallengeFile,
    scope: str = "all",
    *,
    heading_id: str | None = None,
    narrow: BrowserFilter | None = None,
) -> list[str]:
    """Live observation ids for a browser, newest first.

    scope: 'all', 'inbox' (no heading and in no finding), 'unused' (in no finding), or
    'heading' (tagged with `heading_id` or one of its standards); `narrow` by polarity, mode
    and the peer who recorded it.
    """
    clauses: list[str] = ["o.deleted = 0"]
    params: list[str | None] = []
    if narrow is not None:
        for column, value in (
            ("polarity", narrow.polarity),
            ("mode", narrow.mode),
            ("recorded_by", narrow.recorded_by),
        ):
            if value is not None:
                clauses.append(f"o.{column} = ?")
                params.append(value)
    if scope == "inbox":
        clauses.append(inbox_condition())
    elif scope == "unused":
        clauses.append(f"NOT {_IN_FINDING}")
    elif scope == "heading":
        clauses.append(
            "o.id IN (SELECT oh.observation_id FROM observation_heading oh JOIN heading h "
            "ON h.id = oh.heading_id WHERE oh.deleted = 0 AND h.deleted = 0 "
            "AND (h.id = ? OR h.parent_id = ?))"
        )
        params += [heading_id, heading_id]
    elif scope != "all":
        raise ValueError(f"unknown scope {scope!r}")
    sql = (
        f"SELECT o.id FROM observation o WHERE {' AND '.join(clauses)} "
        "ORDER BY o.observed_at DESC, o.rowid DESC"
    )
    return [r[0] for r in cf.conn.execute(sql, params)]
