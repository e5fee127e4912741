"""The store's `Change`: what a commit changed, read by the screens through the `Table` enum."""

from __future__ import annotations

from helpers import make_challenge

from peernotes.core.changes import Change, Table
from peernotes.core.records import observations


def test_every_table_of_a_challenge_file_has_a_member():
    """A table missing from `Table` could not be watched: a screen showing it would never
    refresh after an edit, a merge or an undo."""
    cf = make_challenge(None)
    try:
        names = {
            row[0]
            for row in cf.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'"
            )
        }
    finally:
        cf.close()
    assert names - {t.value for t in Table} == set()


def test_a_saved_note_is_announced_by_table_and_id():
    """Saving a note tells the screens which observation changed, so the list redraws that
    line (and the programme, which shows no notes' text, is told nothing about meetings)."""
    cf = make_challenge(None)
    seen: list[Change] = []
    cf.subscribe(seen.append)
    try:
        note = observations.add_observation(cf, "Carers praised the respite service.")
    finally:
        cf.close()
    change = seen[-1]
    assert change.touches(Table.OBSERVATION) and not change.touches(Table.MEETING)
    assert note in change.ids(Table.OBSERVATION)
    assert change.ids(Table.MEETING) == set()
    assert (Table.OBSERVATION, note) in change.rows()
    assert Table.OBSERVATION in change.touched()


def test_a_bulk_change_names_its_tables_but_keeps_no_ids():
    """A merge's thousands of new rows are announced as 're-read this table', so the window
    refreshes the list without the merge holding every id in memory."""
    merged = Change()
    merged.add_bulk("observation")
    earlier = Change()
    earlier.add("peer", "p1")
    earlier.absorb(merged)
    assert earlier.is_bulk(Table.OBSERVATION) and not earlier.is_bulk(Table.PEER)
    assert earlier.touches(Table.OBSERVATION, Table.PEER)
    assert earlier.ids(Table.OBSERVATION) == set()
    assert earlier.ids(Table.PEER) == {"p1"}
    assert bool(earlier) and not Change()
