"""The store's bulk API: rows stamped elsewhere (an import) go in as they are, and the file's
clock moves past them."""

from __future__ import annotations

from pathlib import Path

from helpers import make_challenge

from peernotes.core import interchange, records
from peernotes.core.clock import format_stamp, parse
from peernotes.core.store import ChallengeFile

HOUR_MS = 3_600_000


def test_an_edit_after_an_import_sorts_after_every_imported_stamp(tmp_path: Path) -> None:
    """Notes imported from a laptop whose clock ran an hour ahead: a correction made here
    afterwards, even after reopening the file, still wins a merge. If this failed, the
    correction could lose to the older imported text."""
    source = make_challenge(tmp_path / "source.peernotes")
    note = records.add_observation(source, "The duty line answers within a minute")
    document = interchange.export_json(source)
    source.close()
    row = next(r for r in document["tables"]["observation"] if r["id"] == note)
    wall, counter, device = parse(row["hlc"])
    row["hlc"] = ahead = format_stamp(wall + HOUR_MS, counter, device)
    interchange.import_json(document, tmp_path / "imported.peernotes").close()
    with ChallengeFile.open(tmp_path / "imported.peernotes") as cf:
        imported = cf.get("observation", note)
        assert imported is not None and imported["hlc"] == ahead  # kept as it came
        records.update_observation(cf, note, text="The duty line answers within two minutes")
        edited = cf.get("observation", note)
        assert edited is not None
        assert parse(edited["hlc"])[:2] > parse(ahead)[:2]
