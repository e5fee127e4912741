"""Import: a validated document becomes a NEW challenge file, all or nothing.

The rows go in in one transaction into a temporary file that is renamed into place only when
complete, so a failed import leaves nothing under the chosen name.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from peernotes.core.clock import parse as parse_hlc
from peernotes.core.errors import FileRefused
from peernotes.core.files import all_companions
from peernotes.core.interchange.spec import spec
from peernotes.core.interchange.validation import Checked, validate
from peernotes.core.schema import SYNCED_TABLES
from peernotes.core.schema_v8 import v8_escape_texts
from peernotes.core.store import ChallengeFile, fresh_files


def import_json(data: Any, path: str | Path, *, device: str | None = None) -> ChallengeFile:
    """Create a NEW challenge file at `path` from a parsed document (see `loads`/`read`).
    All or nothing: everything is checked before anything is written, the rows go in in one
    transaction, and the file appears at `path` only once complete. Returns it, open."""
    path = Path(path)
    if path.exists():
        raise FileRefused(f"{path} already exists; PeerNotes will not overwrite it.")
    checked = validate(data)
    temporary = path.with_name(f".{path.name}.importing-{uuid.uuid4().hex[:8]}")
    try:
        cf = ChallengeFile.create(temporary, device=device)
        try:
            _write(cf, checked)
        finally:
            cf.close()
        if path.exists():
            raise FileRefused(f"{path} appeared while importing; PeerNotes will not overwrite it.")
        os.replace(temporary, path)
    except BaseException:
        for leftover in _sidecars(temporary):
            leftover.unlink(missing_ok=True)
        raise
    return ChallengeFile.open(path, device=device)


def _sidecars(path: Path) -> Iterable[Path]:
    return (path, *all_companions(path))


def _write(cf: ChallengeFile, checked: Checked) -> None:
    if checked.tables["letter_section"] or checked.tables["letter_block"]:
        _clear_seed_outline(cf)
    with cf.transaction():
        for table in (*SYNCED_TABLES, "history"):
            rows = checked.history if table == "history" else checked.tables[table]
            if not rows:
                continue
            names = list(spec()[table].columns)
            cf.insert_verbatim(table, names, ([row[name] for name in names] for row in rows))
        _install_builtin_headings(cf, checked)
        if checked.schema_version < 6:
            _escape_for_markup(cf)
        if checked.schema_version < 8:  # the inline quote and lettered sub-list marks
            v8_escape_texts(cf.conn)
        cf.set_meta("challenge_id", checked.challenge_id)
        stamps = [r["hlc"] for rows in checked.tables.values() for r in rows]
        stamps += [r["hlc"] for r in checked.history]
        if stamps:
            cf.observe_stamp(max(stamps, key=parse_hlc))


def _clear_seed_outline(cf: ChallengeFile) -> None:
    """A new file comes with the standard outline; an import that brings its own replaces
    it (the seed rows were never shared, so they go without tombstones)."""
    with cf.transaction():
        fresh_files.empty_tables(cf.conn, ("letter_block", "letter_section"))


def _install_builtin_headings(cf: ChallengeFile, checked: Checked) -> None:
    from peernotes.core.frameworks import builtin
    from peernotes.core.records.challenge import install_headings

    with_headings = {h["framework_id"] for h in checked.tables["heading"]}
    for row in checked.tables["framework"]:
        if row["builtin_id"] and row["id"] not in with_headings and not row["deleted"]:
            install_headings(cf, row["id"], builtin(row["builtin_id"]))


def _escape_for_markup(cf: ChallengeFile) -> None:
    """An export from before the letter's inline markup (schema < 6): escape its text the
    way the v6 migration escapes a file's, so it prints as it did."""
    from peernotes.core.schema import _v6_escape_texts

    _v6_escape_texts(cf.conn)
