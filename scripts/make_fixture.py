"""Write tests/fixtures/challenge-vN.peernotes: a small challenge file frozen at schema version N.

    python scripts/make_fixture.py N

Run once for version N when version N+1 is introduced (an "N-1 fixture"); the output is
committed and never regenerated with a newer schema: it stands for the files peers already have
on their laptops, which every later PeerNotes must upgrade without loss (tests/core/
test_migrations.py). The file is built by the frozen migration steps 1..N alone, then filled
with plain INSERTs, so nothing newer than version N can leak into it.

Committed: v1 (made when version 2 came), v3 (made when version 4 came), v4 (frozen before
the letter outline) v5 (made when version 6, the letter outline, came) v6 (made when version 7, the feedback
as presented, came), v7 (made when version 8, findings printed as prose only, came) and v8 (made when
version 9, marks on meetings written up twice, came). v1 holds the rows of `rows_v1`; v2 onwards adds findings,
settings, history, a tombstone and an inbox note; v4 adds a letter's worth of findings (no new
notes, so the roll-up counts stay as v3's) and typed letter settings, some with characters
the letter's inline markup will give a meaning to (`*`, `_`).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from peernotes.core.ids import link_id
from peernotes.core.schema import APPLICATION_ID, MIGRATIONS

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
T = "2026-11-10T09:00:00.000Z"
T_EDIT = "2026-11-10T11:00:00.000Z"

Row = dict[str, Any]


def path_for(version: int) -> Path:
    return FIXTURES / f"challenge-v{version}.peernotes"


def bookkeeping(row_id: str, n: int, version: int, *, deleted: int = 0) -> Row:
    row: Row = {
        "id": row_id,
        "created_at": T,
        "created_by": "peer-2",
        "modified_at": T,
        "modified_by": "peer-2",
        "hlc": hlc(n),
        "deleted": deleted,
    }
    if version >= 3:
        row["base_hlc"] = None  # v3: the version this one was edited from (none: never edited)
    return row


def hlc(n: int) -> str:
    return f"1794300000000.{n:05d}.fixture"


def insert(conn: sqlite3.Connection, table: str, row: Row) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def rows_v1(version: int) -> list[tuple[str, Row]]:
    """The rows of the version-1 fixture: one of each record of a first release."""

    def b(row_id: str, n: int) -> Row:
        return bookkeeping(row_id, n, version)

    return [
        ("framework", {**b("fw-1", 1), "name": "Test framework", "kind": "themes",
                       "builtin_id": None, "domain_label": "Theme", "standard_label": None,
                       "score_scale": None}),
        ("challenge", {**b("challenge-1", 2), "council": "Ashdown Vale District Council",
                       "programme_title": "Corporate Peer Challenge", "scope": "Leadership",
                       "onsite_start": "2026-11-10", "onsite_end": "2026-11-12",
                       "framework_id": "fw-1"}),
        ("heading", {**b("h-1", 3), "framework_id": "fw-1", "parent_id": None,
                     "kind": "domain", "number": "1", "name": "Leadership of place",
                     "ordinal": 0}),
        ("peer", {**b("peer-1", 4), "name": "Sam Ortiz", "role": "lead_peer",
                  "job_title": "Chief Executive", "organisation": "Other Council", "ordinal": 0}),
        ("peer", {**b("peer-2", 5), "name": "Kim Lowe", "role": "challenge_manager",
                  "job_title": "Challenge Manager", "organisation": "LGA", "ordinal": 1}),
        ("stakeholder_group", {**b("g-1", 6), "name": "Senior leader", "single_person": 0,
                               "ordinal": 0}),
        ("person", {**b("p-1", 7), "name": "Dana Whitfield", "job_title": "Director",
                    "organisation": "Ashdown Vale", "group_id": "g-1"}),
        ("document", {**b("d-1", 8), "title": "Council plan 2026-2030",
                      "provided_by": "Policy team", "doc_date": "2026-04-01"}),
        ("meeting", {**b("m-1", 9), "date": "2026-11-10", "start_time": "09:00",
                     "end_time": "10:00", "title": "Leader and chief executive",
                     "type": "interview", "location": "Room 1", "notes": ""}),
        ("meeting_person", {**b("mp-1", 10), "meeting_id": "m-1", "person_id": "p-1"}),
        ("meeting_peer", {**b("mq-1", 11), "meeting_id": "m-1", "peer_id": "peer-1"}),
        ("observation", {**b("o-1", 12), "text": "A clear and shared vision for the town centre.",
                         "mode": "heard", "meeting_id": "m-1", "document_id": None,
                         "polarity": "strength", "is_quote": 0, "recorded_by": "peer-2",
                         "observed_at": "2026-11-10T09:20:00"}),
        ("observation_heading", {**b("oh-1", 13), "observation_id": "o-1", "heading_id": "h-1"}),
    ]  # fmt: skip


def rows_v2(version: int) -> list[tuple[str, Row]]:
    """What a version-2 (and later) file holds beyond v1's: a standard, a note read in a
    document (in a finding, no heading), a note nobody sorted (the inbox), a deleted tagged
    note, a finding with evidence, a recommendation group, a setting."""

    def b(row_id: str, n: int, deleted: int = 0) -> Row:
        return bookkeeping(row_id, n, version, deleted=deleted)

    def note(row_id: str, n: int, text: str, **values: Any) -> Row:
        return {**b(row_id, n, values.pop("deleted", 0)), "text": text, "mode": "heard",
                "meeting_id": "m-1", "document_id": None, "polarity": "neutral", "is_quote": 0,
                "recorded_by": "peer-2", **values}  # fmt: skip

    return [
        ("heading", {**b("h-2", 20), "framework_id": "fw-1", "parent_id": "h-1",
                     "kind": "standard", "number": "1.1", "name": "Vision and priorities",
                     "ordinal": 0}),
        ("observation", note("o-2", 21, "The council plan sets out five priorities for growth.",
                             mode="read", meeting_id=None, document_id="d-1",
                             observed_at="2026-11-10T10:05:00")),
        ("observation", note("o-3", 22, "Staff were unsure who leads on the high street.",
                             polarity="area", observed_at="2026-11-10T09:40:00")),
        ("observation", note("o-4", 23, "Withdrawn: recorded in the wrong meeting.",
                             deleted=1, observed_at="2026-11-10T09:45:00")),
        ("observation_heading", {**b("oh-2", 24), "observation_id": "o-4", "heading_id": "h-2"}),
        ("recommendation_group", {**b("rg-1", 25), "name": "Quick wins", "ordinal": 0}),
        ("finding", {**b("f-1", 26), "statement": "A shared vision for the town centre",
                     "narrative": "Heard from the leader and read in the council plan.",
                     "kind": "strength", "heading_id": "h-2", "group_id": None, "notable": 1,
                     "key_message": 1, "ordinal": 0}),
        ("finding_evidence", {**b("fe-1", 27), "finding_id": "f-1", "observation_id": "o-1",
                              "relation": "supports"}),
        ("finding_evidence", {**b("fe-2", 28), "finding_id": "f-1", "observation_id": "o-2",
                              "relation": "supports"}),
        ("setting", {**b("s-1", 29), "key": "triangulation.min_sources", "value": "2"}),
    ]  # fmt: skip


def rows_v4(version: int) -> list[tuple[str, Row]]:
    """A version-4 file's letter: findings of every kind in a set order (a key message under a
    heading, one with no heading, prose with markup characters, a grouped and an ungrouped
    recommendation, a deleted finding) and the letter settings a manager would have typed."""

    def b(row_id: str, n: int, deleted: int = 0) -> Row:
        return bookkeeping(row_id, n, version, deleted=deleted)

    def finding(row_id: str, n: int, statement: str, kind: str, **values: Any) -> Row:
        return {**b(row_id, n, values.pop("deleted", 0)), "statement": statement,
                "narrative": values.pop("narrative", ""), "kind": kind,
                "heading_id": values.pop("heading_id", None), "group_id": None, "notable": 0,
                "key_message": 0, "ordinal": values.pop("ordinal", 0), **values}  # fmt: skip

    def setting(n: int, name: str, value: Any) -> Row:
        return {**b(link_id("setting", f"letter.{name}"), n), "key": f"letter.{name}",
                "value": json.dumps(value, ensure_ascii=False, sort_keys=True)}  # fmt: skip

    return [
        ("recommendation_group", {**b("rg-2", 40), "name": "The wider strategy", "ordinal": 1}),
        ("finding", finding("f-2", 41, "Spending on *agency* staff is rising", "area",
                            heading_id="h-1", ordinal=1, key_message=1,
                            narrative="Agency spend rose by a_third in 2025/26 (see *note 4*)."
                            "\n\nManagers said cover is hard to find at weekends.")),
        ("finding", finding("f-3", 42, "Partners trust the council", "strength",
                            heading_id="h-1", ordinal=2, notable=1,
                            narrative="Partners described the council as a reliable ally.")),
        ("finding", finding("f-4", 43, "Communication with residents is improving", "strength",
                            key_message=1, ordinal=3,
                            narrative="Residents' panels now meet every quarter.")),
        ("finding", finding("f-5", 44, "Name a single lead for the high street",
                            "recommendation", group_id="rg-1", key_message=1, ordinal=4,
                            narrative="Staff were unsure who leads.")),
        ("finding", finding("f-6", 45, "Refresh the workforce strategy", "recommendation",
                            group_id="rg-2", ordinal=5)),
        ("finding", finding("f-7", 46, "Publish the action plan", "recommendation",
                            ordinal=6, narrative="Within three months of this letter.")),
        ("finding", finding("f-8", 47, "Withdrawn: repeated f-3", "strength",
                            heading_id="h-1", ordinal=7, deleted=1)),
        ("setting", setting(48, "document_type", "Report")),
        ("setting", setting(49, "letter_date", "2026-11-20")),
        ("setting", setting(50, "salutation", "Dear Dana")),
        ("setting", setting(51, "clients", "Dana Whitfield, Director")),
        ("setting", setting(52, "purpose", "The council asked the team to test its plans.")),
        ("setting", setting(53, "scope", "Leadership of place\nThe *high street* plan")),
        ("setting", setting(54, "feedback_date", "2026-11-12")),
        ("setting", setting(55, "include_quotes", True)),
        ("setting", setting(56, "next_steps", "{council} will publish an action_plan."
                                               "\n\nWe will review progress in 2027.")),
        ("setting", setting(57, "signatory_name", "Sam Ortiz")),
        ("setting", setting(58, "signature_note", "On behalf of the team")),
        ("setting", setting(59, "contacts", "Kim Lowe, kim.lowe@example.org")),
        ("setting", setting(60, "allowed_names", ["Dana Whitfield"])),
        ("setting", setting(61, "basis", "This {document} rests on *what we read*, heard and saw.")),
    ]  # fmt: skip


def edit_v2(conn: sqlite3.Connection, version: int) -> None:
    """o-1 edited once after it was written: its earlier version is in history."""
    before = conn.execute("SELECT * FROM observation WHERE id = 'o-1'").fetchone()
    names = [d[0] for d in conn.execute("SELECT * FROM observation LIMIT 0").description]
    old = dict(zip(names, before, strict=True))
    insert(conn, "history", {
        "id": "hist-1", "table_name": "observation", "row_id": "o-1", "hlc": old["hlc"],
        "modified_at": old["modified_at"], "modified_by": old["modified_by"],
        "data": json.dumps(old, sort_keys=True),
    })  # fmt: skip
    changes: Row = {"text": old["text"].replace("shared", "widely shared"), "hlc": hlc(30),
                    "modified_at": T_EDIT}  # fmt: skip
    if version >= 3:
        changes["base_hlc"] = old["hlc"]
    sets = ", ".join(f"{k} = ?" for k in changes)
    conn.execute(f"UPDATE observation SET {sets} WHERE id = 'o-1'", list(changes.values()))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].isdigit():
        print(__doc__)
        return 2
    version = int(argv[0])
    known = [v for v, _, _ in MIGRATIONS]
    if version not in known:
        print(f"There is no schema version {version} (known: {known}).")
        return 2
    out = path_for(version)
    if out.exists():
        print(f"{out} exists; it is a frozen fixture. Delete it first if you really mean it.")
        return 1
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN")
    for step_version, _, step in MIGRATIONS:
        if step_version <= version:
            step(conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO meta VALUES ('app', 'PeerNotes'), ('challenge_id', 'challenge-1')")
    conn.execute("INSERT INTO local VALUES ('current_peer_id', 'peer-2')")
    rows = rows_v1(version) + (rows_v2(version) if version >= 2 else [])
    if version >= 4:
        rows += rows_v4(version)
    for table, row in rows:
        insert(conn, table, row)
    if version >= 2:
        edit_v2(conn, version)
    conn.execute("COMMIT")
    conn.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
