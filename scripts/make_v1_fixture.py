"""Write tests/fixtures/challenge-v1.peernotes: a small file in schema version 1.

Run once when version 2 was introduced; the output is committed and must never be regenerated
with a newer schema (it stands for files peers already have on their laptops).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from peernotes.core.schema import APPLICATION_ID, MIGRATIONS

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "challenge-v1.peernotes"
T = "2026-11-10T09:00:00.000Z"


def bookkeeping(row_id: str, n: int) -> dict:
    return {
        "id": row_id,
        "created_at": T,
        "created_by": "peer-2",
        "modified_at": T,
        "modified_by": "peer-2",
        "hlc": f"1794300000000.{n:05d}.fixture",
        "deleted": 0,
    }


def insert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def main() -> int:
    if OUT.exists():
        print(f"{OUT} exists; it is a frozen fixture. Delete it first if you really mean it.")
        return 1
    conn = sqlite3.connect(OUT, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN")
    version, _, step = MIGRATIONS[0]
    assert version == 1
    step(conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO meta VALUES ('app', 'PeerNotes'), ('challenge_id', 'challenge-1')")
    conn.execute("INSERT INTO local VALUES ('current_peer_id', 'peer-2')")
    insert(
        conn,
        "framework",
        {
            **bookkeeping("fw-1", 1),
            "name": "Test framework",
            "kind": "themes",
            "builtin_id": None,
            "domain_label": "Theme",
            "standard_label": None,
            "score_scale": None,
        },
    )
    insert(
        conn,
        "challenge",
        {
            **bookkeeping("challenge-1", 2),
            "council": "Ashdown Vale District Council",
            "programme_title": "Corporate Peer Challenge",
            "scope": "Leadership",
            "onsite_start": "2026-11-10",
            "onsite_end": "2026-11-12",
            "framework_id": "fw-1",
        },
    )
    insert(
        conn,
        "heading",
        {
            **bookkeeping("h-1", 3),
            "framework_id": "fw-1",
            "parent_id": None,
            "kind": "domain",
            "number": "1",
            "name": "Leadership of place",
            "ordinal": 0,
        },
    )
    insert(
        conn,
        "peer",
        {
            **bookkeeping("peer-1", 4),
            "name": "Sam Ortiz",
            "role": "lead_peer",
            "job_title": "Chief Executive",
            "organisation": "Other Council",
            "ordinal": 0,
        },
    )
    insert(
        conn,
        "peer",
        {
            **bookkeeping("peer-2", 5),
            "name": "Kim Lowe",
            "role": "challenge_manager",
            "job_title": "Challenge Manager",
            "organisation": "LGA",
            "ordinal": 1,
        },
    )
    insert(
        conn,
        "stakeholder_group",
        {**bookkeeping("g-1", 6), "name": "Senior leader", "single_person": 0, "ordinal": 0},
    )
    insert(
        conn,
        "person",
        {
            **bookkeeping("p-1", 7),
            "name": "Dana Whitfield",
            "job_title": "Director",
            "organisation": "Ashdown Vale",
            "group_id": "g-1",
        },
    )
    insert(
        conn,
        "document",
        {
            **bookkeeping("d-1", 8),
            "title": "Council plan 2026-2030",
            "provided_by": "Policy team",
            "doc_date": "2026-04-01",
        },
    )
    insert(
        conn,
        "meeting",
        {
            **bookkeeping("m-1", 9),
            "date": "2026-11-10",
            "start_time": "09:00",
            "end_time": "10:00",
            "title": "Leader and chief executive",
            "type": "interview",
            "location": "Room 1",
            "notes": "",
        },
    )
    insert(
        conn, "meeting_person", {**bookkeeping("mp-1", 10), "meeting_id": "m-1", "person_id": "p-1"}
    )
    insert(
        conn, "meeting_peer", {**bookkeeping("mq-1", 11), "meeting_id": "m-1", "peer_id": "peer-1"}
    )
    insert(
        conn,
        "observation",
        {
            **bookkeeping("o-1", 12),
            "text": "A clear and shared vision for the town centre.",
            "mode": "heard",
            "meeting_id": "m-1",
            "document_id": None,
            "polarity": "strength",
            "is_quote": 0,
            "recorded_by": "peer-2",
            "observed_at": "2026-11-10T09:20:00",
        },
    )
    insert(
        conn,
        "observation_heading",
        {**bookkeeping("oh-1", 13), "observation_id": "o-1", "heading_id": "h-1"},
    )
    conn.execute("COMMIT")
    conn.close()
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
