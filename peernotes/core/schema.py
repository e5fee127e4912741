"""The challenge file's schema: an ordered ladder of migrations, versioned by PRAGMA user_version.

Each step and its version bump run in one transaction. Steps are frozen once released: a
change to the schema is a new step appended to MIGRATIONS, never an edit of an old one.

Every merged ("synced") table carries the same bookkeeping columns:
  id           text UUID, never an integer or a name
  created_at/created_by, modified_at/modified_by   ISO time and the peer id who did it
  hlc          hybrid logical clock stamp of the last edit (orders edits across laptops)
  deleted      1 = tombstone; rows are never removed, so deletions can be merged
Foreign keys are DEFERRABLE INITIALLY DEFERRED so a merge can bring rows in any order
within one transaction.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

from peernotes.core.schema_text import escape_stored_texts
from peernotes.core.schema_v8 import v8_prose_only

APPLICATION_ID = 0x50654E6F  # "PeNo": marks a SQLite file as a PeerNotes challenge file

_COMMON = """
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  modified_at TEXT NOT NULL,
  modified_by TEXT,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))"""


def _ref(table: str) -> str:
    return f"REFERENCES {table}(id) DEFERRABLE INITIALLY DEFERRED"


V1 = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);
CREATE TABLE local (key TEXT PRIMARY KEY NOT NULL, value TEXT);

CREATE TABLE framework ({_COMMON},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  builtin_id TEXT,
  domain_label TEXT NOT NULL DEFAULT 'Domain',
  standard_label TEXT,
  score_scale TEXT
);
CREATE TABLE challenge ({_COMMON},
  council TEXT NOT NULL,
  programme_title TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',
  onsite_start TEXT,
  onsite_end TEXT,
  framework_id TEXT {_ref("framework")}
);
CREATE TABLE heading ({_COMMON},
  framework_id TEXT NOT NULL {_ref("framework")},
  parent_id TEXT {_ref("heading")},
  kind TEXT NOT NULL,
  number TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  ordinal REAL NOT NULL DEFAULT 0
);
CREATE TABLE peer ({_COMMON},
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  job_title TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  ordinal REAL NOT NULL DEFAULT 0
);
CREATE TABLE stakeholder_group ({_COMMON},
  name TEXT NOT NULL,
  single_person INTEGER NOT NULL DEFAULT 0,
  ordinal REAL NOT NULL DEFAULT 0
);
CREATE TABLE person ({_COMMON},
  name TEXT NOT NULL,
  job_title TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  group_id TEXT {_ref("stakeholder_group")}
);
CREATE TABLE document ({_COMMON},
  title TEXT NOT NULL,
  provided_by TEXT NOT NULL DEFAULT '',
  doc_date TEXT
);
CREATE TABLE meeting ({_COMMON},
  date TEXT NOT NULL,
  start_time TEXT,
  end_time TEXT,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE meeting_peer ({_COMMON},
  meeting_id TEXT NOT NULL {_ref("meeting")},
  peer_id TEXT NOT NULL {_ref("peer")}
);
CREATE TABLE meeting_person ({_COMMON},
  meeting_id TEXT NOT NULL {_ref("meeting")},
  person_id TEXT NOT NULL {_ref("person")}
);
CREATE TABLE observation ({_COMMON},
  text TEXT NOT NULL,
  mode TEXT NOT NULL,
  meeting_id TEXT {_ref("meeting")},
  document_id TEXT {_ref("document")},
  polarity TEXT NOT NULL DEFAULT 'neutral',
  is_quote INTEGER NOT NULL DEFAULT 0,
  recorded_by TEXT {_ref("peer")},
  observed_at TEXT NOT NULL
);
CREATE TABLE observation_heading ({_COMMON},
  observation_id TEXT NOT NULL {_ref("observation")},
  heading_id TEXT NOT NULL {_ref("heading")}
);
-- Earlier versions of any synced row: written on every update and delete, and by merge
-- for the losing side of a conflict. Append-only; merged as a union on id.
CREATE TABLE history (
  id TEXT PRIMARY KEY NOT NULL,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  modified_by TEXT,
  data TEXT NOT NULL
);
CREATE INDEX idx_heading_framework ON heading(framework_id);
CREATE INDEX idx_meeting_date ON meeting(date, start_time);
CREATE INDEX idx_meeting_peer_meeting ON meeting_peer(meeting_id);
CREATE INDEX idx_meeting_person_meeting ON meeting_person(meeting_id);
CREATE INDEX idx_meeting_person_person ON meeting_person(person_id);
CREATE INDEX idx_observation_meeting ON observation(meeting_id);
CREATE INDEX idx_observation_document ON observation(document_id);
CREATE INDEX idx_observation_recorded_by ON observation(recorded_by);
CREATE INDEX idx_observation_heading_obs ON observation_heading(observation_id);
CREATE INDEX idx_observation_heading_heading ON observation_heading(heading_id);
CREATE INDEX idx_history_row ON history(table_name, row_id);
"""

V2 = f"""
CREATE TABLE recommendation_group ({_COMMON},
  name TEXT NOT NULL,
  ordinal REAL NOT NULL DEFAULT 0
);
CREATE TABLE finding ({_COMMON},
  statement TEXT NOT NULL,
  narrative TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  heading_id TEXT {_ref("heading")},
  group_id TEXT {_ref("recommendation_group")},
  notable INTEGER NOT NULL DEFAULT 0,
  key_message INTEGER NOT NULL DEFAULT 0,
  ordinal REAL NOT NULL DEFAULT 0
);
CREATE TABLE finding_evidence ({_COMMON},
  finding_id TEXT NOT NULL {_ref("finding")},
  observation_id TEXT NOT NULL {_ref("observation")},
  relation TEXT NOT NULL DEFAULT 'supports'
);
-- Per-challenge settings (letter wording, triangulation thresholds...), one row per key
-- so two peers editing different settings never conflict. value is JSON.
CREATE TABLE setting ({_COMMON},
  key TEXT NOT NULL UNIQUE,
  value TEXT NOT NULL
);
-- Two laptops edited the same record since they last met: the loser, kept for review.
CREATE TABLE conflict ({_COMMON},
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  winner_hlc TEXT NOT NULL,
  loser_hlc TEXT NOT NULL,
  loser_data TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open'
);
-- One row per merge: what came in, by peer. Kept as the file's merge history.
CREATE TABLE merge_log ({_COMMON},
  source_name TEXT NOT NULL,
  report TEXT NOT NULL
);
CREATE INDEX idx_finding_heading ON finding(heading_id);
CREATE INDEX idx_finding_evidence_finding ON finding_evidence(finding_id);
CREATE INDEX idx_finding_evidence_obs ON finding_evidence(observation_id);
CREATE INDEX idx_conflict_row ON conflict(table_name, row_id);

-- Full-text search over external content, kept in step with the rows by triggers inside the
-- same transaction as every edit; tombstoned rows leave the index. rowid = the source rowid
-- (rebuild the index after any VACUUM: peernotes never runs one).
CREATE VIRTUAL TABLE observation_fts USING fts5(
  text, content='observation', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE finding_fts USING fts5(
  statement, narrative, content='finding', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2');

-- Index the rows a version-1 file already holds.
INSERT INTO observation_fts(rowid, text) SELECT rowid, text FROM observation WHERE deleted = 0;

CREATE TRIGGER observation_fts_insert AFTER INSERT ON observation WHEN new.deleted = 0 BEGIN
  INSERT INTO observation_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER observation_fts_update AFTER UPDATE OF text, deleted ON observation BEGIN
  INSERT INTO observation_fts(observation_fts, rowid, text)
  SELECT 'delete', old.rowid, old.text WHERE old.deleted = 0;
  INSERT INTO observation_fts(rowid, text) SELECT new.rowid, new.text WHERE new.deleted = 0;
END;
CREATE TRIGGER finding_fts_insert AFTER INSERT ON finding WHEN new.deleted = 0 BEGIN
  INSERT INTO finding_fts(rowid, statement, narrative)
  VALUES (new.rowid, new.statement, new.narrative);
END;
CREATE TRIGGER finding_fts_update AFTER UPDATE OF statement, narrative, deleted ON finding BEGIN
  INSERT INTO finding_fts(finding_fts, rowid, statement, narrative)
  SELECT 'delete', old.rowid, old.statement, old.narrative WHERE old.deleted = 0;
  INSERT INTO finding_fts(rowid, statement, narrative)
  SELECT new.rowid, new.statement, new.narrative WHERE new.deleted = 0;
END;
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def step(conn: sqlite3.Connection) -> None:
        # executescript would COMMIT first; run statement by statement inside our transaction.
        for statement in _split(sql):
            conn.execute(statement)

    return step


def _split(sql: str) -> list[str]:
    """Split a script into statements, keeping CREATE TRIGGER ... END; bodies whole."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _v3_version_parents(conn: sqlite3.Connection) -> None:
    """Each version of a row remembers the version it was edited from (base_hlc), so a merge
    can tell an edit made on top of another (no conflict) from two made side by side.
    Versions written before this step were made one after another in this one file:
    each one's base is the version before it."""
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in SYNCED_TABLES:
        if table not in existing:  # added by a later step, with base_hlc from the start
            continue
        conn.execute(f'ALTER TABLE "{table}" ADD COLUMN base_hlc TEXT')
        conn.execute(
            f'UPDATE "{table}" SET base_hlc = (SELECT max(h.hlc) FROM history h '
            f"WHERE h.table_name = '{table}' AND h.row_id = \"{table}\".id "
            f'AND h.hlc < "{table}".hlc)'
        )
    conn.execute(
        "UPDATE history SET data = json_set(data, '$.base_hlc', (SELECT max(h2.hlc) "
        "FROM history h2 WHERE h2.table_name = history.table_name "
        "AND h2.row_id = history.row_id AND h2.hlc < history.hlc))"
    )


# Indexes for the roll-up, coverage and the observation lists at 50,000 notes. Each one is
# covering: the query reads the index alone, never a row of the observation table (whose long
# texts make every row read slow). `deleted` comes last, never first: without statistics the
# planner would take "deleted = 0" for a selective condition and drive every query from it.
# Plain CREATE INDEX IF NOT EXISTS statements: an encrypted (SQLCipher) connection runs them
# as they are, and a step run twice is harmless.
V4 = """
-- observations in time order: the lists, the inbox, counting the live ones
CREATE INDEX IF NOT EXISTS idx_observation_time ON observation(observed_at, id, deleted);
-- observations by mode and meeting: coverage by mode and stakeholder group
CREATE INDEX IF NOT EXISTS idx_observation_source
  ON observation(mode, meeting_id, id, deleted);
-- tags both ways round with both ends and deleted, replacing the one-column indexes
DROP INDEX IF EXISTS idx_observation_heading_obs;
DROP INDEX IF EXISTS idx_observation_heading_heading;
CREATE INDEX IF NOT EXISTS idx_observation_heading_by_obs
  ON observation_heading(observation_id, deleted, heading_id);
CREATE INDEX IF NOT EXISTS idx_observation_heading_by_heading
  ON observation_heading(heading_id, deleted, observation_id);
"""


# Meetings imported from the council's timetable remember the row they came from (date,
# start, title: peernotes.core.programme_import), so a re-import updates them in place; an
# unnamed headcount per stakeholder group ("12 carers") is one row per meeting and group,
# its id derived from both (like a link), so the same count made on two laptops merges.
V5 = f"""
ALTER TABLE meeting ADD COLUMN import_key TEXT;
CREATE INDEX IF NOT EXISTS idx_meeting_import_key ON meeting(import_key);
CREATE TABLE headcount ({_COMMON},
  meeting_id TEXT NOT NULL {_ref("meeting")},
  group_id TEXT NOT NULL {_ref("stakeholder_group")},
  people INTEGER NOT NULL CHECK (people >= 1),
  base_hlc TEXT
);
CREATE INDEX IF NOT EXISTS idx_headcount_meeting ON headcount(meeting_id, deleted);
"""


# The letter outline (issue 11): sections in the author's order, each with blocks in order.
V6 = f"""
CREATE TABLE letter_section ({_COMMON},
  base_hlc TEXT,
  title TEXT NOT NULL DEFAULT '',
  numbered INTEGER NOT NULL DEFAULT 1 CHECK (numbered IN (0, 1)),
  level INTEGER NOT NULL DEFAULT 1 CHECK (level IN (1, 2)),
  ordinal REAL NOT NULL DEFAULT 0
);
CREATE TABLE letter_block ({_COMMON},
  base_hlc TEXT,
  section_id TEXT NOT NULL {_ref("letter_section")},
  kind TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  heading_id TEXT {_ref("heading")},
  options TEXT NOT NULL DEFAULT '{{}}',
  ordinal REAL NOT NULL DEFAULT 0
);
CREATE INDEX idx_letter_block_section ON letter_block(section_id, ordinal);
"""
# The outline every file gets: the letter version 4 printed, block for block. Frozen here (not
# read from the presets) so this step never changes; same ids and stamp on every laptop, so
# two peers' migrated files merge without a conflict.
_V6_STAMP = ("2000-01-01T00:00:00.000Z", "0000000000001.00000.outline")
_V6_OUTLINE: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("title", "", (("title", "{}"), ("salutation", "{}"))),
    ("introduction", "Introduction", (
        ("opening", "{}"),
        ("standard", '{"setting": "what_is_peer_challenge"}'),
        ("standard", '{"setting": "non_attribution"}'),
        ("framework", "{}"),
        ("team", "{}"),
        ("activity", "{}"),
        ("standard", '{"setting": "acknowledgements"}'),
        ("standard", '{"setting": "basis"}'),
    )),
    ("key_messages", "Key messages", (("key_messages", "{}"),)),
    ("findings", "", (("findings", '{"order": "kind"}'),)),
    ("recommendations", "Recommendations", (("recommendations", "{}"),)),
    ("next_steps", "Next steps", (
        ("standard", '{"setting": "next_steps"}'),
        ("standard", '{"setting": "closing"}'),
        ("signature", "{}"),
    )),
    ("contacts", "Contact details", (("contacts", "{}"),)),
    ("appendix", "", (("appendix", "{}"),)),
)  # fmt: skip
# Letter settings whose text the letter prints through the markup (v6): escaped once.
_V6_TEXT_SETTINGS = (
    "salutation", "clients", "purpose", "scope", "acknowledgements", "what_is_peer_challenge",
    "non_attribution", "basis", "next_steps", "closing", "signatory_name", "signatory_title",
    "signature_note", "contacts",
)  # fmt: skip


def _v6_escape(text: str) -> str:
    """peernotes.core.markup.escape as it was when v6 shipped (frozen with the step)."""
    text = text.replace("\\", "\\\\").replace("*", "\\*")
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        if stripped.startswith("- "):
            line = line[: len(line) - len(stripped)] + "\\" + stripped
        lines.append(line)
    return "\n".join(lines)


def _v6_letter_outline(conn: sqlite3.Connection) -> None:
    """The outline tables, the version-4 letter as an outline, and existing text escaped so
    the new inline markup prints it as before (`*`, `\\` and list-like lines)."""
    _script(V6)(conn)
    created, stamp = _V6_STAMP
    common = (created, created, stamp, 0)
    for s_index, (key, title, blocks) in enumerate(_V6_OUTLINE):
        section_id = _v6_id("letter_section", key)
        conn.execute(
            "INSERT INTO letter_section (id, created_at, modified_at, hlc, deleted, title, "
            "numbered, level, ordinal) VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?)",
            (section_id, *common, title, float(s_index)),
        )
        for b_index, (kind, options) in enumerate(blocks):
            conn.execute(
                "INSERT INTO letter_block (id, created_at, modified_at, hlc, deleted, "
                "section_id, kind, text, heading_id, options, ordinal) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, '', NULL, ?, ?)",
                (
                    _v6_id("letter_block", key, str(b_index)),
                    *common,
                    section_id,
                    kind,
                    options,
                    float(b_index),
                ),
            )
    _v6_escape_texts(conn)


def _v6_escape_texts(conn: sqlite3.Connection) -> None:
    """Findings' statements and narratives and the letter settings' text, escaped."""
    escape_stored_texts(conn, _v6_escape, _V6_TEXT_SETTINGS, letter_blocks=False)


def _v6_id(table: str, *ends: str) -> str:
    return uuid.uuid5(
        uuid.UUID("5e2b1c0e-7d3a-4c55-9a61-6c1e0a5d0b11"), "|".join((table, *ends))
    ).hex


# The feedback as presented on the last day (issue 12): the findings the deck carried, kept
# so the Letter page can show what changed since. Rows are only ever added, never edited, so
# two laptops' recordings both survive a merge. presented_findings is JSON text:
# {"slides": n, "findings": [{"id", "kind", "statement", "heading"}, ...]}.
V7 = f"""
CREATE TABLE feedback_snapshot ({_COMMON},
  recorded_at TEXT NOT NULL,
  occasion TEXT NOT NULL DEFAULT 'presented',
  presented_findings TEXT NOT NULL,
  base_hlc TEXT
);
"""


# Meetings written up twice (issue 15): the team's mark on a pair of notes of one meeting
# taken by two peers -- the same point, keep both, or a disagreement. A link row: its id is
# derived from the two note ids in sorted order (observation_id < other_id), so the same
# pair marked on two laptops is one record; clearing a mark is a tombstone.
V9 = f"""
CREATE TABLE note_pair ({_COMMON},
  observation_id TEXT NOT NULL {_ref("observation")},
  other_id TEXT NOT NULL {_ref("observation")},
  verdict TEXT NOT NULL CHECK (verdict IN ('same', 'both', 'disagree')),
  base_hlc TEXT
);
CREATE INDEX idx_note_pair_observation ON note_pair(observation_id);
CREATE INDEX idx_note_pair_other ON note_pair(other_id);
"""


# (version reached, name, step). Append only.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "challenge, team, programme, people, documents, observations", _script(V1)),
    (2, "findings, settings, merge bookkeeping, full-text search", _script(V2)),
    (3, "version parents for merging (base_hlc)", _v3_version_parents),
    (4, "covering indexes for the roll-up, coverage and lists", _script(V4)),
    (5, "programme import keys and unnamed headcounts", _script(V5)),
    (6, "the letter outline (sections, blocks); text escaped for the markup", _v6_letter_outline),
    (7, "the feedback as presented (snapshots of the deck)", _script(V7)),
    (
        8,
        "findings printed as prose only; text escaped for quotes and lettered lists",
        v8_prose_only,
    ),
    (9, "meetings written up twice: marks on pairs of notes", _script(V9)),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]

# Tables whose rows are merged between laptops (all carry the bookkeeping columns).
SYNCED_TABLES: tuple[str, ...] = (
    "framework",
    "challenge",
    "heading",
    "peer",
    "stakeholder_group",
    "person",
    "document",
    "meeting",
    "meeting_peer",
    "meeting_person",
    "observation",
    "observation_heading",
    "recommendation_group",
    "finding",
    "finding_evidence",
    "setting",
    "letter_section",
    "letter_block",
    "conflict",
    "merge_log",
    "headcount",
    "feedback_snapshot",
    "note_pair",
)

BOOKKEEPING_COLUMNS: tuple[str, ...] = (
    "id",
    "created_at",
    "created_by",
    "modified_at",
    "modified_by",
    "hlc",
    "deleted",
)
BOOKKEEPING_COLUMNS += ("base_hlc",)  # v3: the version this one was edited from (merge)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[str]:
    """Bring the file up to `target`, one transaction per step. Returns the steps applied."""
    applied = []
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version, name, step in MIGRATIONS:
        if version <= current or version > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            step(conn)
            if version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
        current = version
    return applied
