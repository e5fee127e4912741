"""Which version of a record is current, and which versions are in conflict with it.

Every record is a small tree of versions: the current row plus its earlier versions in
`history`, each stamped with a hybrid-logical-clock `hlc` and pointing at the version it was
edited from (`base_hlc`, None for a creation). Merging files is the union of these versions;
this module turns a set of versions into the record's state, as a pure function of the set,
so every merge order gives the same file (see docs/merge.md):

  heads     branch tips: versions no other version was edited from, leaving out
            resolution markers (a person reviewed that branch) and tips whose exact content
            a later version repeats (nothing would be lost by dropping them)
  current   the newest head that is not a deletion; a deletion only if every head is one
            (an edit on one laptop and a delete on another keeps the record)
  conflicts every other head: kept, and listed in the `conflict` table for review

The `conflict` table is a cache of these conflicts, refreshed for every record a merge
touches (and by conflict resolution); it is never merged row by row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from peernotes.core.ids import link_id
from peernotes.core.schema import BOOKKEEPING_COLUMNS
from peernotes.core.store import ChallengeFile, Row

RESOLUTION_KEY = "_resolution"  # in a marker version's data: how the conflict was resolved
_NOT_CONTENT = frozenset(BOOKKEEPING_COLUMNS) - {"deleted"}


def content(version: Row, columns: Iterable[str]) -> tuple[Any, ...]:
    """What a person wrote in a version (deletion included), without the bookkeeping."""
    return tuple(version.get(c) for c in columns if c not in _NOT_CONTENT)


def content_columns(columns: Iterable[str]) -> list[str]:
    return [c for c in columns if c not in _NOT_CONTENT]


def is_marker(version: Row) -> bool:
    return bool(version.get(RESOLUTION_KEY))


@dataclass
class Outcome:
    winner: Row
    losers: list[Row] = field(default_factory=list)


def choose(versions: Iterable[Row], columns: Iterable[str]) -> Outcome:
    """The current version and the conflicting heads of one record (pure: order-free)."""
    all_versions = sorted(versions, key=lambda v: v["hlc"])
    cols = content_columns(columns)
    plain = [v for v in all_versions if not is_marker(v)]
    bases = {v.get("base_hlc") for v in all_versions} - {None}
    tips = [v for v in plain if v["hlc"] not in bases]
    latest: dict[tuple[Any, ...], str] = {}
    for version in plain:  # sorted by hlc: the last one seen with a content is the latest
        latest[content(version, cols)] = version["hlc"]
    heads = [v for v in tips if latest[content(v, cols)] == v["hlc"]]
    if not heads:  # every tip repeats a later version or was reviewed: fall back, stay pure
        heads = tips or plain
    winner = max(heads, key=lambda v: (not v["deleted"], v["hlc"]))
    return Outcome(winner, [v for v in heads if v is not winner])


def conflict_id(table: str, row_id: str, loser_hlc: str) -> str:
    """The same conflict found on two laptops is one row."""
    return link_id("conflict", table, row_id, loser_hlc)


def versions_of(cf: ChallengeFile, table: str, row_id: str) -> dict[str, Row]:
    """All known versions of a record, by hlc: history plus the current row."""
    found: dict[str, Row] = {}
    for hlc, data in cf.conn.execute(
        "SELECT hlc, data FROM history WHERE table_name = ? AND row_id = ?", (table, row_id)
    ):
        found[hlc] = json.loads(data)
    current = cf.get(table, row_id, include_deleted=True)
    if current is not None:
        found[current["hlc"]] = current
    return found


@dataclass
class Refreshed:
    """What refreshing one record changed: its state before/after and conflicts found."""

    before: Row | None
    after: Row
    new_conflicts: list[Row] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before is None or self.before["hlc"] != self.after["hlc"]


def refresh(cf: ChallengeFile, table: str, row_id: str, extra: Row | None = None) -> Refreshed:
    """Make the record's current row and its cached conflicts match its versions.

    `extra` is a version arriving from another file (kept in history unless it becomes
    current). Call inside a transaction; listeners hear of the rows it changes."""
    columns = cf.columns(table)
    versions = versions_of(cf, table, row_id)
    current = cf.get(table, row_id, include_deleted=True)
    if extra is not None:
        versions.setdefault(extra["hlc"], extra)
    outcome = choose(versions.values(), columns)
    winner = outcome.winner
    if current is None:
        cf.conn.execute(
            f'INSERT INTO "{table}" ({", ".join(map(_q, columns))}) '
            f"VALUES ({', '.join('?' for _ in columns)})",
            [winner.get(c) for c in columns],
        )
        cf.note_change(table, row_id)
    elif winner["hlc"] != current["hlc"]:
        cf.record_history(table, current)
        assignments = ", ".join(f"{_q(c)} = ?" for c in columns if c != "id")
        cf.conn.execute(
            f'UPDATE "{table}" SET {assignments} WHERE id = ?',
            [winner.get(c) for c in columns if c != "id"] + [row_id],
        )
        cf.note_change(table, row_id)
    if extra is not None and extra["hlc"] != winner["hlc"]:
        cf.record_history(table, extra)
    new_conflicts = _store_conflicts(cf, table, row_id, outcome)
    return Refreshed(current, winner, new_conflicts)


def _store_conflicts(cf: ChallengeFile, table: str, row_id: str, outcome: Outcome) -> list[Row]:
    existing = {
        r[0]: r[1]
        for r in cf.conn.execute(
            "SELECT id, hlc FROM conflict WHERE table_name = ? AND row_id = ?", (table, row_id)
        )
    }
    winner = outcome.winner
    wanted: dict[str, Row] = {}
    for loser in outcome.losers:
        wanted[conflict_id(table, row_id, loser["hlc"])] = {
            "table_name": table,
            "row_id": row_id,
            "winner_hlc": winner["hlc"],
            "loser_hlc": loser["hlc"],
            "loser_data": json.dumps(loser, sort_keys=True, ensure_ascii=False),
            "status": "open",
            # Derived from the two versions only, so every laptop computes the same row.
            "created_at": loser["modified_at"],
            "created_by": loser["modified_by"],
            "modified_at": winner["modified_at"],
            "modified_by": winner["modified_by"],
            "hlc": winner["hlc"],
            "base_hlc": None,
            "deleted": 0,
        }
    for gone in set(existing) - set(wanted):
        cf.conn.execute("DELETE FROM conflict WHERE id = ?", (gone,))
        cf.note_change("conflict", gone)
    fresh = []
    for cid, row in wanted.items():
        if existing.get(cid) == row["hlc"]:
            continue
        names = ["id", *row]
        cf.conn.execute(
            f"INSERT OR REPLACE INTO conflict ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)})",
            [cid, *row.values()],
        )
        cf.note_change("conflict", cid)
        if cid not in existing:
            fresh.append(dict(row, id=cid))
    return fresh


def _q(name: str) -> str:
    return f'"{name}"'
