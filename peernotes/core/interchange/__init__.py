"""The JSON interchange format: a whole challenge as one JSON document, and back.

    {"format": "peernotes-challenge", "format_version": 1, "schema_version": <n>,
     "challenge_id": "<id>", "tables": {"<table>": [rows...]}, "history": [rows...]}

It is how other tools, scripts and tests feed PeerNotes, and a plain-text copy of a challenge
a person can read. Export mirrors the file exactly -- every merged table, tombstones and
bookkeeping columns included, rows sorted by id, keys sorted -- so export, import, export
gives byte-identical JSON. Import creates a new file and is all-or-nothing: the whole document
is checked first (every problem named by its path, e.g. `tables.meeting[3].start_time: not a
time`), then written in one transaction into a temporary file that is renamed into place only
when complete. The checks come from one declarative column spec, derived from the schema
itself (columns, keys and unique indexes read through sqlite-utils from a fresh in-memory
file) plus a small table of vocabularies and formats, so a table added by a later migration is
covered without new code. The same spec generates docs/challenge.schema.json and the column
reference in docs/interchange.md: `python -m peernotes.core.interchange --write-docs` refreshes
both.

The package, one job per module (import the public names from `peernotes.core.interchange`):
  spec        the declarative column spec, derived from the schema
  exporting   export_json, iter_export, export_text, dumps
  parsing     loads, read and the errors
  validation  validate (every problem by its path) -> Checked
  importing   import_json (all or nothing, into a new file)
  docs        json_schema, the column reference, `--write-docs`
"""

from peernotes.core.interchange.docs import (
    DOCS_BEGIN,
    DOCS_END,
    columns_markdown,
    json_schema,
    main,
    render_docs,
    schema_text,
    write_docs,
)
from peernotes.core.interchange.exporting import dumps, export_json, export_text, iter_export
from peernotes.core.interchange.importing import import_json
from peernotes.core.interchange.parsing import (
    InterchangeError,
    NotInterchange,
    TooNewInterchange,
    loads,
    read,
)
from peernotes.core.interchange.spec import (
    COLUMN_DOCS,
    ENUMS,
    FILLED_ON_IMPORT,
    FLAGS,
    FORMAT,
    FORMAT_VERSION,
    FORMAT_WORDS,
    FORMATS,
    INT_CHOICES,
    LINK_ENDS,
    MAX_PROBLEMS,
    PATTERNS,
    TABLE_DOCS,
    Column,
    TableSpec,
    spec,
)
from peernotes.core.interchange.validation import Checked, validate

__all__ = [
    "COLUMN_DOCS",
    "DOCS_BEGIN",
    "DOCS_END",
    "ENUMS",
    "FILLED_ON_IMPORT",
    "FLAGS",
    "FORMAT",
    "FORMATS",
    "FORMAT_VERSION",
    "FORMAT_WORDS",
    "INT_CHOICES",
    "LINK_ENDS",
    "MAX_PROBLEMS",
    "PATTERNS",
    "TABLE_DOCS",
    "Checked",
    "Column",
    "InterchangeError",
    "NotInterchange",
    "TableSpec",
    "TooNewInterchange",
    "columns_markdown",
    "dumps",
    "export_json",
    "export_text",
    "import_json",
    "iter_export",
    "json_schema",
    "loads",
    "main",
    "read",
    "render_docs",
    "schema_text",
    "spec",
    "validate",
    "write_docs",
]
