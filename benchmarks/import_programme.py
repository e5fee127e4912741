"""Issue 13 figure: importing a council's programme (.xlsx), next to a raw baseline measured
in the same run.

    python -m benchmarks.import_programme [--runs N]

Workload: a generated timetable of 60 meetings over four days and 150 people met (2-3 named
attendees per meeting with role and group, a headcount on some, peers on each), written by
openpyxl as a council would send it (a title row, real dates and times).

import    = sheets.read_table (openpyxl) + header recognition + run_import into a fresh copy
            of a challenge file on disk: validation, people matched, derived ids, history
            stamps, links, all in one transaction
raw       = openpyxl.load_workbook + iterate the rows + plain sqlite3 INSERTs of the same
            meetings, people and links in one transaction into the same schema (no checks)
Target: import <= 1 s. Figures are medians over --runs runs after one warm-up.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import uuid
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

import openpyxl

from benchmarks.timing import median_seconds
from peernotes.core import programme_columns, programme_import, sheets
from peernotes.core.records import challenge
from peernotes.core.store import ChallengeFile

MEETINGS, PEOPLE = 60, 150
GROUPS = ["Councillor", "Senior leader", "Manager", "Frontline staff", "Partner", "Provider"]
FIRST = ["Sam", "Jo", "Lee", "Ana", "Ravi", "Kit", "Mo", "Eve", "Tam", "Noor"]
LAST = ["Okafor", "Reid", "Park", "Wu", "Shah", "Hale", "Lund", "Ortiz", "Birch", "Nash",
        "Cole", "Dunn", "Frey", "Gill", "Hart"]  # fmt: skip


def write_timetable(path: Path) -> None:
    """60 meetings, 150 distinct people (each met once, some meetings with a headcount)."""
    names = [f"{FIRST[i % 10]} {LAST[i // 10]}" for i in range(PEOPLE)]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Fernhill Peer Challenge – on-site programme"])
    sheet.append(["Date", "Start", "End", "Meeting", "Venue", "Peers", "Attendee", "Job title",
                  "Group"])  # fmt: skip
    person = 0
    for n in range(MEETINGS):
        day = date(2026, 11, 10) + timedelta(days=n // 15)
        start = clock(9 + (n % 15) // 2, 30 * (n % 2))
        end = clock(start.hour + 1, start.minute)
        title = f"Meeting {n + 1}: {GROUPS[n % len(GROUPS)].lower()}s"
        attendees = 3 if n < 30 else 2
        for k in range(attendees):
            name = names[person % PEOPLE]
            person += 1
            group = GROUPS[(n + k) % len(GROUPS)]
            sheet.append([day, start, end, title, f"Room {n % 5 + 1}", "Alex Morgan, Priya",
                          name, f"Officer {k + 1}", group])  # fmt: skip
        if n % 6 == 0:
            sheet.append([day, start, end, title, "", "", "8 carers", "", ""])
    book.save(path)


def run_import(base: Path, sheet: Path, work: Path) -> programme_import.ImportPlan:
    target = work / f"{uuid.uuid4().hex}.peernotes"
    shutil.copy(base, target)
    with ChallengeFile.open(target) as cf:
        table = sheets.read_table(sheet)
        return programme_import.run_import(
            cf, table, programme_columns.recognise(table), sheet.name
        )


def raw_import(base: Path, sheet: Path, work: Path) -> None:
    """The floor: read the cells, INSERT the rows, one transaction, no checks."""
    target = work / f"{uuid.uuid4().hex}.peernotes"
    shutil.copy(base, target)
    rows = list(openpyxl.load_workbook(sheet, data_only=True).active.iter_rows(values_only=True))
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    stamp = "2026-11-10T09:00:00.000Z"
    meetings: dict[tuple, str] = {}
    conn.execute("BEGIN")
    for row in rows[2:]:
        key = (row[0], row[1], row[3])
        if key not in meetings:
            meetings[key] = uuid.uuid4().hex
            conn.execute(
                "INSERT INTO meeting (id, created_at, modified_at, hlc, date, start_time, "
                "end_time, title, type, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (meetings[key], stamp, stamp, "0", str(row[0]), str(row[1]), str(row[2]),
                 row[3], "interview", row[4] or ""),
            )  # fmt: skip
        if row[6] and not str(row[6])[0].isdigit():
            person = uuid.uuid4().hex
            conn.execute(
                "INSERT INTO person (id, created_at, modified_at, hlc, name, job_title) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (person, stamp, stamp, "0", row[6], row[7] or ""),
            )
            conn.execute(
                "INSERT INTO meeting_person (id, created_at, modified_at, hlc, meeting_id, "
                "person_id) VALUES (?, ?, ?, ?, ?, ?)",
                (uuid.uuid4().hex, stamp, stamp, "0", meetings[key], person),
            )
    conn.execute("COMMIT")
    conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        base, sheet = work / "base.peernotes", work / "programme.xlsx"
        cf = ChallengeFile.create(base)
        challenge.new_challenge(
            cf, council="Fernhill Borough Council", programme_title="Peer Challenge",
            framework="cfbo-previous", onsite_start="2026-11-10", onsite_end="2026-11-13",
            peers=[{"name": "Alex Morgan", "role": "lead_peer"},
                   {"name": "Priya Nair", "role": "officer_peer"}], me=0,
        )  # fmt: skip
        cf.close()
        write_timetable(sheet)
        plan = run_import(base, sheet, work)
        assert len(plan.new_meetings) == MEETINGS and len(plan.new_people) == PEOPLE, plan.summary(
            done=True
        )
        ours = median_seconds(lambda: run_import(base, sheet, work), args.runs)
        raw = median_seconds(lambda: raw_import(base, sheet, work), args.runs)
    print(f"timetable: {MEETINGS} meetings, {PEOPLE} people, .xlsx ({plan.summary(done=True)})")
    print(f"import    {ours * 1000:8.1f} ms   (target <= 1000 ms)")
    print(f"raw       {raw * 1000:8.1f} ms   openpyxl + plain INSERTs, no checks")
    print(f"ratio     {ours / raw:8.2f} x raw")
    return 0 if ours <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
