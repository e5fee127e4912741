"""The store's bulk API: rows stamped elsewhere (an import) go in as they are, and the file's
clock moves past them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers import make_challenge

from peernotes.core import interchange, search
from peernotes.core.changes import Table
from peernotes.core.clock import format_stamp, parse
from peernotes.core.records import observations
from peernotes.core.store import ChallengeFile, Change

HOUR_MS = 3_600_000


def test_an_edit_after_an_import_sorts_after_every_imported_stamp(tmp_path: Path) -> None:
    """Notes imported from a laptop whose clock ran an hour ahead: a correction made here
    afterwards, even after reopening the file, still wins a merge. If this failed, the
    correction could lose to the older imported text."""
    source = make_challenge(tmp_path / "source.peernotes")
    note = observations.add_observation(source, "The duty line answers within a minute")
    document = interchange.export_json(source)
    source.close()
    row = next(r for r in document["tables"]["observation"] if r["id"] == note)
    wall, counter, device = parse(row["hlc"])
    row["hlc"] = ahead = format_stamp(wall + HOUR_MS, counter, device)
    interchange.import_json(document, tmp_path / "imported.peernotes").close()
    with ChallengeFile.open(tmp_path / "imported.peernotes") as cf:
        imported = cf.get("observation", note)
        assert imported is not None and imported["hlc"] == ahead  # kept as it came
        observations.update_observation(cf, note, text="The duty line answers within two minutes")
        edited = cf.get("observation", note)
        assert edited is not None
        assert parse(edited["hlc"])[:2] > parse(ahead)[:2]


def _notes_of(tmp_path: Path, count: int) -> tuple[ChallengeFile, list[str], list[Any]]:
    """A file, and `count` observations written in a copy of it on another laptop, as
    (columns, rows) read from that copy."""
    make_challenge(tmp_path / "here.peernotes").close()
    shutil.copyfile(tmp_path / "here.peernotes", tmp_path / "other.peernotes")
    other = ChallengeFile.open(tmp_path / "other.peernotes")
    with other.transaction():
        for number in range(count):
            observations.add_observation(other, f"Carer visit number {number} ran late")
    columns = list(other.columns("observation"))
    rows = other.conn.execute("SELECT * FROM observation ORDER BY id").fetchall()
    other.close()
    return ChallengeFile.open(tmp_path / "here.peernotes"), columns, rows


def test_a_bulk_insert_of_thousands_of_rows_lands_whole_and_is_searchable(
    tmp_path: Path,
) -> None:
    """2,500 notes brought in at once (more than one statement's worth, not a power of two):
    every one arrives with its own stamps, is found by search, and an open list hears that
    the table gained rows. If this failed, part of a merge would be missing or unsearchable."""
    cf, columns, rows = _notes_of(tmp_path, 2500)
    heard: list[Change] = []
    cf.subscribe(heard.append)
    assert cf.insert_verbatim("observation", columns, rows) == 2500
    assert cf.count("observation") == 2500
    kept = cf.get("observation", rows[1234][0])
    assert kept is not None and kept["hlc"] == rows[1234][columns.index("hlc")]
    assert len(search.matching_observation_ids(cf, "number 2499") or []) == 1
    assert [change.is_bulk(Table.OBSERVATION) for change in heard] == [True]


def test_a_bulk_insert_that_meets_a_row_already_here_changes_nothing(tmp_path: Path) -> None:
    """Asked to fail on a row already in the file, the whole insert is undone (nothing
    half-copied); asked to ignore it, only the rows not yet here are added."""
    cf, columns, rows = _notes_of(tmp_path, 40)
    cf.insert_verbatim("observation", columns, rows[:10])
    with pytest.raises(sqlite3.IntegrityError):
        cf.insert_verbatim("observation", columns, iter(rows))
    assert cf.count("observation") == 10
    assert cf.insert_verbatim("observation", columns, iter(rows), existing="ignore") == 40
    assert cf.count("observation") == 40


def test_a_version_written_verbatim_replaces_the_row_and_its_search_entry(
    tmp_path: Path,
) -> None:
    """A merge makes another laptop's version current: the row shows that version's text
    and stamps, and search finds the new words, not the old ones."""
    cf = make_challenge(tmp_path / "here.peernotes")
    note = observations.add_observation(cf, "The waiting list is long")
    current = cf.get("observation", note)
    assert current is not None
    theirs = dict(current, text="The waiting list halved in spring", hlc=current["hlc"] + "x")
    with cf.transaction():
        cf.write_verbatim("observation", theirs)
    assert cf.get("observation", note) == theirs
    assert search.matching_observation_ids(cf, "halved") == [note]
    assert search.matching_observation_ids(cf, "long") == []
