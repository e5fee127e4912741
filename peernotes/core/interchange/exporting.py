"""Export: the whole challenge as canonical JSON (sorted rows, sorted keys), whole or streamed.

Export, import, export gives byte-identical JSON; `iter_export` keeps one row in memory at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from peernotes.core.interchange.spec import FORMAT, FORMAT_VERSION
from peernotes.core.schema import SCHEMA_VERSION, SYNCED_TABLES
from peernotes.core.store import ChallengeFile


def export_json(cf: ChallengeFile) -> dict[str, Any]:
    """The whole challenge as a JSON-ready dict: every merged table (tombstones included)
    and the history of earlier versions, rows sorted by id and keys sorted."""
    tables = {table: _sorted_rows(cf, table) for table in SYNCED_TABLES}
    return {
        "challenge_id": cf.challenge_id,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "history": _sorted_rows(cf, "history"),
        "schema_version": SCHEMA_VERSION,
        "tables": tables,
    }


def _sorted_rows(cf: ChallengeFile, table: str) -> list[dict[str, Any]]:
    return list(_iter_rows(cf, table))


def _iter_rows(cf: ChallengeFile, table: str) -> Iterator[dict[str, Any]]:
    cursor = cf.conn.execute(f'SELECT * FROM "{table}" ORDER BY id')
    names = [d[0] for d in cursor.description]
    order = sorted(range(len(names)), key=names.__getitem__)
    for values in cursor:
        yield {names[i]: values[i] for i in order}


def dumps(document: dict[str, Any]) -> str:
    """The canonical text of an export: sorted keys, UTF-8, one-space indent, final newline."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def iter_export(cf: ChallengeFile) -> Iterator[str]:
    """The canonical text of `export_json(cf)`, piece by piece, one row in memory at a time
    (a 50,000-observation challenge exports without holding the whole document)."""
    yield "{\n"
    yield f' "challenge_id": {json.dumps(cf.challenge_id)},\n'
    yield f' "format": {json.dumps(FORMAT)},\n'
    yield f' "format_version": {FORMAT_VERSION},\n'
    yield ' "history": '
    yield from _iter_list(_iter_rows(cf, "history"), level=1)
    yield f',\n "schema_version": {SCHEMA_VERSION},\n "tables": {{\n'
    tables = sorted(SYNCED_TABLES)
    for position, table in enumerate(tables):
        yield f"  {json.dumps(table)}: "
        yield from _iter_list(_iter_rows(cf, table), level=2)
        yield ",\n" if position < len(tables) - 1 else "\n"
    yield " }\n}\n"


def _iter_list(rows: Iterator[dict[str, Any]], *, level: int) -> Iterator[str]:
    """A list of flat rows exactly as json.dumps(indent=1, sort_keys=True) nests it."""
    inner = " " * (level + 1)
    first = True
    for row in rows:
        text = json.dumps(row, ensure_ascii=False, sort_keys=True, indent=1)
        yield ("[\n" if first else ",\n") + "\n".join(inner + line for line in text.split("\n"))
        first = False
    yield "[]" if first else "\n" + " " * level + "]"


def export_text(cf: ChallengeFile) -> str:
    return "".join(iter_export(cf))
