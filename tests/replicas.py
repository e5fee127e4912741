"""Several laptops' copies of one challenge, in memory, for merge tests.

Each replica gets its own device name and a fake wall clock (optionally drifted), so stamps
never collide between replicas in one test process and clock drift is part of every test.
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache

from helpers import make_challenge

from peernotes.core.clock import HybridClock
from peernotes.core.records import observations, programme
from peernotes.core.records import people as people_records
from peernotes.core.schema import SYNCED_TABLES
from peernotes.core.store import ChallengeFile

START_MS = 1_794_300_000_000  # 10 Nov 2026, a fixed point so tests do not depend on today


@lru_cache(maxsize=1)
def _base() -> ChallengeFile:
    """One challenge with a small programme, built once per test process."""
    cf = make_challenge(None)
    cf.clock = HybridClock("base", lambda: START_MS)
    people = [people_records.add_person(cf, name) for name in ("Sam Ortiz", "Lee Park", "Ana Wu")]
    peers = [p["id"] for p in people_records.team(cf)]
    for text in ("Staff said the waiting list is shorter.", "The plan has no carer measures."):
        observations.add_observation(cf, text, mode="heard", observed_at="2026-11-10T09:00")
    for n in range(3):
        programme.add_meeting(
            cf,
            date="2026-11-10",
            title=f"Meeting {n + 1}",
            start_time=f"1{n}:00",
            end_time=f"1{n}:45",
            peer_ids=peers[:2],
            person_ids=people[n : n + 1],
        )
    return cf


def clone(
    device: str, *, drift_ms: int = 0, peer: int = 1, source: ChallengeFile | None = None
) -> ChallengeFile:
    """A copy of the base challenge (or of `source`) as another laptop would hold it."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    (source or _base()).conn.backup(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    cf = ChallengeFile(conn, None)
    tick = [START_MS + drift_ms]

    def wall() -> int:
        tick[0] += 7
        return tick[0]

    cf.clock = HybridClock(device, wall)
    cf.clock.observe(cf.local("hlc_high"))
    if source is None:
        cf.set_current_peer(people_records.team(cf)[peer]["id"])
    return cf


def copy(cf: ChallengeFile, device: str) -> ChallengeFile:
    """The same replica on another (simulated) run: same content, same clock device."""
    twin = clone(device, source=cf)
    twin.clock.observe(cf.clock.now())
    return twin


def canonical(cf: ChallengeFile, *, include_log: bool = True) -> dict:
    """Everything that must converge: every synced table's rows, and every record's versions
    (current row and history together: where a version is stored is a detail)."""
    dump: dict = {}
    for table in SYNCED_TABLES:
        if table == "merge_log" and not include_log:
            continue
        rows = cf.query(f'SELECT * FROM "{table}" ORDER BY id')
        dump[table] = [tuple(sorted(r.items())) for r in rows]
    found: set = set()
    for table_name, row_id, hlc, data in cf.conn.execute(
        "SELECT table_name, row_id, hlc, data FROM history"
    ):
        if table_name == "merge_log" and not include_log:
            continue
        found.add((table_name, row_id, hlc, json.dumps(json.loads(data), sort_keys=True)))
    for table in SYNCED_TABLES:
        if table == "conflict" or (table == "merge_log" and not include_log):
            continue  # conflict rows are a cache of the versions, compared as rows above
        for row in cf.query(f'SELECT * FROM "{table}"'):
            found.add((table, row["id"], row["hlc"], json.dumps(row, sort_keys=True)))
    dump["versions"] = sorted(found)
    return dump
