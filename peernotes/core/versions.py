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

from peernotes.core.field_merge import FIELDS_KEY as FIELDS_KEY
from peernotes.core.field_merge import RESOLUTION_KEY as RESOLUTION_KEY
from peernotes.core.field_merge import is_marker as is_marker
from peernotes.core.field_merge import is_partial, merge_fields, unreviewed
from peernotes.core.ids import link_id
from peernotes.core.schema import BOOKKEEPING_COLUMNS
from peernotes.core.store import ChallengeFile, Row, utc_now

SETTLED = "merged field by field"  # a marker written by settle, not by a person's review
_NOT_CONTENT = frozenset(BOOKKEEPING_COLUMNS) - {"deleted"}


def content(version: Row, columns: Iterable[str]) -> tuple[Any, ...]:
    """What a person wrote in a version (deletion included), without the bookkeeping."""
    return tuple(version.get(c) for c in columns if c not in _NOT_CONTENT)


def content_columns(columns: Iterable[str]) -> list[str]:
    return [c for c in columns if c not in _NOT_CONTENT]


@dataclass
class Outcome:
    """A record's state worked out from its versions.

    `winner` is the current row: the newest live head's bookkeeping with the field-merged
    content (equal to `raw`, that head's own version, unless other heads brought fields).
    `losers` are the heads in conflict with it; `fields` says, per loser hlc, which fields
    conflict (every differing field for a deletion against an edit)."""

    winner: Row
    losers: list[Row] = field(default_factory=list)
    raw: Row | None = None
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    absorbed: list[Row] = field(default_factory=list)  # other live heads, nothing in conflict

    @property
    def merged(self) -> bool:
        """Several live heads: the current row is (or may be) a field merge of them."""
        return bool(self.absorbed) or any(not v["deleted"] for v in self.losers)


def heads_of(versions: Iterable[Row], columns: Iterable[str]) -> list[Row]:
    """Branch tips, minus reviewed ones and those whose content a later version repeats."""
    all_versions = sorted(versions, key=lambda v: v["hlc"])
    cols = content_columns(columns)
    plain = [v for v in all_versions if not is_marker(v)]
    bases = {v.get("base_hlc") for v in all_versions if not is_partial(v)} - {None}
    tips = [v for v in plain if v["hlc"] not in bases]
    latest: dict[tuple[Any, ...], str] = {}
    for version in plain:  # sorted by hlc: the last one seen with a content is the latest
        latest[content(version, cols)] = version["hlc"]
    heads = [v for v in tips if latest[content(v, cols)] == v["hlc"]]
    if not heads:  # every tip repeats a later version or was reviewed: fall back, stay pure
        heads = tips or plain
    return heads


def choose(versions: Iterable[Row], columns: Iterable[str]) -> Outcome:
    """The current row and the conflicting heads of one record (pure: order-free)."""
    versions = list(versions)
    columns = list(columns)
    heads = heads_of(versions, columns)
    live = [v for v in heads if not v["deleted"]]
    if len(live) < 2:  # one edit line (or only deletions): whole-record, as before
        winner = max(heads, key=lambda v: (not v["deleted"], v["hlc"]))
        losers = [v for v in heads if v is not winner]
        fields = {v["hlc"]: _differing(winner, v, columns) for v in losers}
        return Outcome(winner, losers, winner, fields)
    raw = max(live, key=lambda v: v["hlc"])
    names = [c for c in content_columns(columns) if c != "deleted"]
    merged = merge_fields(versions, live, raw, names)
    winner = dict(raw, **merged.content)
    dead = [v for v in heads if v["deleted"]]
    losers = [v for v in live if v["hlc"] in merged.conflicts] + dead
    fields = dict(merged.conflicts)
    fields.update({v["hlc"]: _differing(winner, v, columns) for v in dead})
    absorbed = [v for v in live if v is not raw and v["hlc"] not in merged.conflicts]
    return Outcome(winner, losers, raw, fields, absorbed)


def _differing(a: Row, b: Row, columns: Iterable[str]) -> tuple[str, ...]:
    return tuple(c for c in content_columns(columns) if a.get(c) != b.get(c))


def conflict_id(table: str, row_id: str, loser_hlc: str) -> str:
    """The same conflict found on two laptops is one row."""
    return link_id("conflict", table, row_id, loser_hlc)


def versions_of(cf: ChallengeFile, table: str, row_id: str) -> dict[str, Row]:
    """All known versions of a record, by hlc: history plus the current row. History wins
    for a stamp both hold: a field-merged current row carries its winning head's stamp, and
    that head's own version is kept in history (see refresh)."""
    found: dict[str, Row] = {}
    for hlc, data in cf.conn.execute(
        "SELECT hlc, data FROM history WHERE table_name = ? AND row_id = ?", (table, row_id)
    ):
        found[hlc] = json.loads(data)
    current = cf.get(table, row_id, include_deleted=True)
    if current is not None:
        found.setdefault(current["hlc"], current)
    return found


@dataclass
class Refreshed:
    """What refreshing one record changed: its state before/after and conflicts found."""

    before: Row | None
    after: Row
    new_conflicts: list[Row] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before is None or not same_row(self.before, self.after)


def same_row(a: Row, b: Row) -> bool:
    """Same stamp and same content (a field merge changes content under the same stamp)."""
    return a["hlc"] == b["hlc"] and all(a.get(k) == b.get(k) for k in a if k in b)


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
    if outcome.merged and outcome.raw is not None:
        # The winning head's own version stays known (the row may show a merge of it); its
        # presence in history also tells a local edit to settle the merge (store._settle).
        cf.record_history(table, outcome.raw)
    state = {c: winner.get(c) for c in columns}
    if current is None or not same_row(current, state):
        if current is not None:
            cf.record_history(table, current)
        cf.write_verbatim(table, state)  # the winner keeps its own stamps
    if extra is not None and extra["hlc"] != winner["hlc"]:
        cf.record_history(table, extra)
    new_conflicts = _store_conflicts(cf, table, row_id, outcome)
    return Refreshed(current, winner, new_conflicts)


def settle(cf: ChallengeFile, table: str, current: Row) -> None:
    """Before a local edit of a record whose current row merges several heads: the edit is
    made on what the person saw (the merged row), so the other heads stop competing for the
    fields it already holds. A head with nothing in conflict gets a marker (it is merged in);
    a head with fields still in conflict gets a partial marker on its other fields, so only
    those stay open. Without this, changing a field that came from another head would look
    like a new conflict with it. Cheap when there is nothing to settle: one lookup by key
    (a merged row's winning version is kept in history, see refresh)."""
    history_id = link_id("history", table, current["id"], current["hlc"])
    if cf.conn.execute("SELECT 1 FROM history WHERE id = ?", (history_id,)).fetchone() is None:
        return
    found = versions_of(cf, table, current["id"])
    outcome = choose(found.values(), cf.columns(table))
    if not outcome.merged or outcome.raw is None or outcome.raw["hlc"] != current["hlc"]:
        return
    names = [c for c in content_columns(cf.columns(table)) if c != "deleted"]
    for head in outcome.absorbed:
        write_marker(cf, table, head, SETTLED)
    for head in outcome.losers:
        if head["deleted"]:
            continue
        open_fields = set(outcome.fields.get(head["hlc"], ()))
        own = unreviewed(found.values(), head, outcome.raw, names)
        cover = [n for n in own if n not in open_fields]
        if cover:
            write_marker(cf, table, head, SETTLED, cover)


def write_marker(
    cf: ChallengeFile, table: str, head: Row, how: str, fields: Iterable[str] | None = None
) -> Row:
    """A marker version on a head: a person (or an edit made on the merged row) has dealt
    with that branch -- all of it, or only `fields`. Markers live in history only."""
    stamp = cf.clock.now()
    marker = dict(
        head,
        base_hlc=head["hlc"],
        hlc=stamp,
        modified_at=utc_now(),
        modified_by=cf.peer_id,
        **{RESOLUTION_KEY: how},
    )
    marker.pop(FIELDS_KEY, None)
    if fields is not None:
        marker[FIELDS_KEY] = sorted(fields)
    cf.record_history(table, marker)
    cf.observe_stamp(stamp)
    return marker


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
        cf.drop_conflict(gone)
    fresh = []
    for cid, row in wanted.items():
        if existing.get(cid) == row["hlc"]:
            continue
        cf.put_conflict(cid, row)
        if cid not in existing:
            fresh.append(dict(row, id=cid))
    return fresh
