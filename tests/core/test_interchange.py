"""The JSON interchange: exact round trips, all-or-nothing import, errors that name the field,
and docs (JSON Schema, column reference) that match the code."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import heading_id, make_challenge

from peernotes.core import interchange
from peernotes.core.demo import write_demo
from peernotes.core.errors import FileRefused
from peernotes.core.ids import link_id
from peernotes.core.interchange import (
    InterchangeError,
    NotInterchange,
    TooNewInterchange,
    export_json,
    export_text,
    import_json,
)
from peernotes.core.records import observations, programme
from peernotes.core.records import people as people_records
from peernotes.core.schema import SCHEMA_VERSION, SYNCED_TABLES
from peernotes.core.store import ChallengeFile

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _rich_challenge(path: Path) -> ChallengeFile:
    """A small challenge touching every kind of row: links, edits (history), a tombstone,
    findings with evidence, a setting."""
    cf = make_challenge(path)
    peers = [p["id"] for p in cf.rows("peer")]
    group = cf.rows("stakeholder_group")[0]["id"]
    person = people_records.add_person(cf, "Dana Whitfield", group_id=group, job_title="Carer")
    gone = people_records.add_person(cf, "Temporary Person", group_id=group)
    document = people_records.add_document(
        cf, "Carers Strategy", provided_by="Council", doc_date="2026-01-05"
    )
    meeting = programme.add_meeting(
        cf,
        date="2026-11-10",
        title="Focus group: carers",
        type="focus_group",
        start_time="09:30",
        end_time="10:30",
        peer_ids=peers[:2],
        person_ids=[person, gone],
    ).id
    heard = observations.add_observation(
        cf,
        "Carers said the assessment is shorter now.",
        mode="heard",
        meeting_id=meeting,
        heading_ids=[heading_id(cf, "4")],
        polarity="strength",
        observed_at="2026-11-10T09:45:00",
    )
    read = observations.add_observation(
        cf,
        "The strategy promises a new assessment.",
        mode="read",
        document_id=document,
        heading_ids=[heading_id(cf, "4"), heading_id(cf, "Q1", "scope")],
        observed_at="2026-11-08T20:00:00",
    )
    observations.update_observation(cf, heard, text="Carers said the new assessment is shorter.")
    programme.remove_link(cf, "meeting_person", meeting, gone)
    cf.delete("person", gone)
    finding = cf.insert(
        "finding",
        {
            "statement": "Carers shaped the assessment.",
            "kind": "strength",
            "heading_id": heading_id(cf, "4"),
            "ordinal": 0.0,
        },
    )
    for obs in (heard, read):
        cf.link(
            "finding_evidence",
            {"finding_id": finding, "observation_id": obs, "relation": "supports"},
            (finding, obs),
        )
    cf.insert("setting", {"key": "letter.closing", "value": json.dumps("Yours sincerely")})
    observations.add_observation(
        cf,
        "Two lines:\nfirst\u2028second, “quoted”, café, tab\there.",
        mode="heard",
        meeting_id=meeting,
        observed_at="2026-11-10T10:00:00",
    )
    return cf


@pytest.fixture
def rich(tmp_path: Path):
    cf = _rich_challenge(tmp_path / "rich.peernotes")
    yield cf
    cf.close()


@pytest.fixture
def document(rich: ChallengeFile) -> dict[str, Any]:
    return export_json(rich)


def _import_fails(data: Any, tmp_path: Path, expected: str) -> InterchangeError:
    """Import must fail naming `expected` and leave the folder exactly as it was."""
    target = tmp_path / "out" / "new.peernotes"
    target.parent.mkdir(exist_ok=True)
    before = sorted(target.parent.iterdir())
    with pytest.raises(InterchangeError) as caught:
        import_json(data, target)
    assert str(caught.value).startswith(expected), str(caught.value)
    assert sorted(target.parent.iterdir()) == before
    return caught.value


def _index(doc: dict[str, Any], table: str, **match: Any) -> int:
    for index, row in enumerate(doc["tables"][table]):
        if all(row.get(k) == v for k, v in match.items()):
            return index
    raise KeyError(match)


# --------------------------------------------------------------------------------- export
def test_export_mirrors_every_table_tombstones_and_history(
    rich: ChallengeFile, document: dict
) -> None:
    """Nothing is lost: every record table, deleted rows, bookkeeping and earlier versions."""
    assert document["format"] == "peernotes-challenge"
    assert document["format_version"] == 1
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["challenge_id"] == rich.challenge_id
    assert list(document["tables"]) == list(SYNCED_TABLES)
    for table, rows in document["tables"].items():
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows), table
        assert all(list(r) == sorted(r) for r in rows), table
        assert len(rows) == rich.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    people = {r["name"]: r for r in document["tables"]["person"]}
    assert people["Temporary Person"]["deleted"] == 1
    assert {"created_at", "created_by", "modified_at", "modified_by", "hlc"} <= set(
        people["Dana Whitfield"]
    )
    assert any(h["table_name"] == "observation" for h in document["history"])


def test_streamed_export_is_the_canonical_json(rich: ChallengeFile, document: dict) -> None:
    """The export is written row by row (large challenges), yet is exactly the canonical
    json.dumps text of the whole document, odd characters included."""
    assert export_text(rich) == interchange.dumps(document)
    assert json.loads(export_text(rich)) == document


def test_export_import_export_is_byte_identical(rich: ChallengeFile, tmp_path: Path) -> None:
    """A challenge survives a trip through JSON exactly (the interchange is a faithful copy)."""
    first = export_text(rich)
    copy_ = import_json(json.loads(first), tmp_path / "copy.peernotes")
    try:
        assert export_text(copy_) == first
        assert copy_.challenge_id == rich.challenge_id
        assert copy_.count("observation") == 3 and copy_.count("person") == 1
        assert copy_.integrity_ok()
    finally:
        copy_.close()


def test_demo_round_trips_byte_identically(tmp_path: Path) -> None:
    """The realistic demo (300 observations, findings) survives the trip too."""
    source = write_demo(tmp_path / "demo.peernotes")
    with ChallengeFile.open(source, readonly=True) as cf:
        first = export_text(cf)
    with import_json(interchange.loads(first), tmp_path / "again.peernotes") as again:
        assert export_text(again) == first


def test_imported_file_works_like_any_other(document: dict, tmp_path: Path) -> None:
    """After import, search finds the observations and new edits sort after imported ones."""
    with import_json(document, tmp_path / "new.peernotes") as cf:
        found = cf.conn.execute(
            "SELECT count(*) FROM observation_fts WHERE observation_fts MATCH 'shorter'"
        ).fetchone()[0]
        assert found == 1
        newest = max(r["hlc"] for t in SYNCED_TABLES for r in cf.rows(t, include_deleted=True))
        fresh = people_records.add_document(cf, "Another document")
        assert cf.get("document", fresh)["hlc"] > newest
        assert cf.peer_id is None  # who edits on this laptop is asked, not imported


# ---------------------------------------------------------------------- all or nothing
@pytest.mark.parametrize(
    ("table", "match", "column", "value", "expected"),
    [
        ("meeting", {}, "start_time", "25:00", "tables.meeting[0].start_time: not a time: '25:00'"),
        ("meeting", {}, "date", "2026-13-01", "tables.meeting[0].date: not a date"),
        (
            "meeting",
            {},
            "end_time",
            "09:00",
            "tables.meeting[0].end_time: the meeting ends (09:00) before it starts (09:30)",
        ),
        (
            "meeting",
            {},
            "type",
            "party",
            "tables.meeting[0].type: 'party' is not one of: interview, focus_group",
        ),
        (
            "observation",
            {"mode": "heard"},
            "mode",
            "smelt",
            "tables.observation[{i}].mode: 'smelt' is not one of: read, heard, seen",
        ),
        (
            "observation",
            {"mode": "heard"},
            "polarity",
            "good",
            "tables.observation[{i}].polarity: 'good' is not one of: strength, area, neutral",
        ),
        (
            "observation",
            {"mode": "heard"},
            "text",
            "   ",
            "tables.observation[{i}].text: cannot be empty",
        ),
        (
            "observation",
            {"mode": "heard"},
            "text",
            None,
            "tables.observation[{i}].text: cannot be null",
        ),
        (
            "observation",
            {"mode": "heard"},
            "is_quote",
            2,
            "tables.observation[{i}].is_quote: must be 0 or 1",
        ),
        (
            "observation",
            {"mode": "heard"},
            "observed_at",
            "yesterday",
            "tables.observation[{i}].observed_at: not a date and time",
        ),
        (
            "observation",
            {"mode": "heard"},
            "meeting_id",
            "f" * 32,
            "tables.observation[{i}].meeting_id: no meeting with id",
        ),
        (
            "observation",
            {"mode": "heard"},
            "document_id",
            "not-an-id",
            "tables.observation[{i}].document_id: not an id",
        ),
        (
            "observation",
            {"mode": "heard"},
            "text",
            42,
            "tables.observation[{i}].text: must be text",
        ),
        ("peer", {}, "role", "boss", "tables.peer[0].role: 'boss' is not one of: lead_peer"),
        (
            "finding",
            {},
            "kind",
            "idea",
            "tables.finding[0].kind: 'idea' is not one of: strength, area, recommendation",
        ),
        ("finding", {}, "ordinal", "first", "tables.finding[0].ordinal: must be a number"),
        (
            "finding_evidence",
            {},
            "relation",
            "maybe",
            "tables.finding_evidence[0].relation: 'maybe' is not one of: supports, contradicts",
        ),
        ("setting", {}, "value", "{not json", "tables.setting[0].value: not JSON text"),
        (
            "observation",
            {"mode": "heard"},
            "colour",
            "red",
            "tables.observation[{i}].colour: unknown column",
        ),
        (
            "challenge",
            {},
            "onsite_end",
            "2026-11-01",
            "tables.challenge[0].onsite_end: the on-site days end",
        ),
        (
            "observation",
            {"mode": "heard"},
            "hlc",
            "12",
            "tables.observation[{i}].hlc: not a clock stamp",
        ),
    ],
)
def test_bad_field_is_named_and_nothing_is_written(
    document: dict, tmp_path: Path, table: str, match: dict, column: str, value: Any, expected: str
) -> None:
    """A bad value is reported by its path and the import writes nothing at all."""
    bad = copy.deepcopy(document)
    index = _index(bad, table, **match) if match else 0
    bad["tables"][table][index][column] = value
    _import_fails(bad, tmp_path, expected.format(i=index))


def test_structural_problems_are_named(document: dict, tmp_path: Path) -> None:
    """Missing columns, unknown tables, duplicate ids, two challenges, broken history."""
    cases: list[tuple[Any, str]] = []
    missing = copy.deepcopy(document)
    del missing["tables"]["person"][0]["name"]
    cases.append((missing, "tables.person[0].name: is required"))
    unknown = copy.deepcopy(document)
    unknown["tables"]["notes"] = []
    cases.append((unknown, "tables.notes: unknown table"))
    duplicate = copy.deepcopy(document)
    duplicate["tables"]["document"].append(dict(duplicate["tables"]["document"][0]))
    cases.append((duplicate, "tables.document[1].id: duplicate id (also tables.document[0])"))
    two = copy.deepcopy(document)
    two["tables"]["challenge"].append(dict(two["tables"]["challenge"][0], id="a" * 32))
    cases.append((two, "tables.challenge: must hold exactly one live challenge (found 2)"))
    history = copy.deepcopy(document)
    history["history"][0]["data"] = "[1, 2]"
    cases.append((history, "history[0].data: must be JSON text holding an object"))
    same_key = copy.deepcopy(document)
    same_key["tables"]["setting"].append(dict(same_key["tables"]["setting"][0], id="b" * 32))
    cases.append(
        (same_key, "tables.setting[1].key: 'letter.closing' is already used by tables.setting[0]")
    )
    extra = copy.deepcopy(document)
    extra["comment"] = "hello"
    cases.append((extra, "comment: unknown key"))
    not_rows = copy.deepcopy(document)
    not_rows["tables"]["meeting"] = {"a": 1}
    cases.append((not_rows, "tables.meeting: must be a list of rows"))
    wrong_challenge = copy.deepcopy(document)
    wrong_challenge["challenge_id"] = "c" * 32
    cases.append((wrong_challenge, "challenge_id: 'cccc"))
    for data, expected in cases:
        _import_fails(data, tmp_path, expected)


def test_every_problem_is_listed(document: dict, tmp_path: Path) -> None:
    """A tool fixing its output sees all the problems at once, not one per attempt."""
    bad = copy.deepcopy(document)
    bad["tables"]["meeting"][0]["start_time"] = "later"
    bad["tables"]["peer"][0]["role"] = "boss"
    error = _import_fails(bad, tmp_path, "tables.peer[0].role")
    assert [path for path, _ in error.problems] == [
        "tables.peer[0].role",
        "tables.meeting[0].start_time",
    ]
    assert "(and 1 more problem)" in str(error)


def test_failure_while_writing_leaves_no_file(
    document: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import interrupted half-way (disk full, a bug) leaves no half-made challenge."""

    def broken(cf: ChallengeFile, checked: Any) -> None:
        with cf.transaction():
            cf.conn.execute("INSERT INTO meta(key, value) VALUES ('half', 'written')")
            raise OSError("disk full")

    from peernotes.core.interchange import importing

    monkeypatch.setattr(importing, "_write", broken)
    before = sorted(tmp_path.iterdir())
    with pytest.raises(OSError, match="disk full"):
        import_json(document, tmp_path / "new.peernotes")
    assert sorted(tmp_path.iterdir()) == before


def test_existing_file_is_never_overwritten(document: dict, tmp_path: Path) -> None:
    target = tmp_path / "taken.peernotes"
    target.write_bytes(b"someone's work")
    with pytest.raises(FileRefused, match="will not overwrite"):
        import_json(document, target)
    assert target.read_bytes() == b"someone's work"


def test_newer_exports_are_refused(document: dict, tmp_path: Path) -> None:
    """A document from a newer PeerNotes is refused with both versions named."""
    for key, newest in (("format_version", 1), ("schema_version", SCHEMA_VERSION)):
        newer = dict(document, **{key: newest + 1})
        with pytest.raises(TooNewInterchange, match=f"{newest + 1}.*up to {newest}"):
            import_json(newer, tmp_path / "new.peernotes")
    assert not (tmp_path / "new.peernotes").exists()


@pytest.mark.parametrize("data", [[1, 2], {"tables": {}}, {"format": "something-else"}, "text"])
def test_other_json_is_not_mistaken_for_a_challenge(data: Any, tmp_path: Path) -> None:
    with pytest.raises(NotInterchange, match="not a PeerNotes challenge export"):
        import_json(data, tmp_path / "new.peernotes")


def test_bad_json_syntax_names_line_and_column(tmp_path: Path) -> None:
    """A typo in hand-written JSON is pointed at, not just "invalid"."""
    source = tmp_path / "bad.json"
    source.write_text('{\n "format": "peernotes-challenge",\n "tables": {,}\n}\n', encoding="utf-8")
    with pytest.raises(
        NotInterchange, match=r"bad.json is not valid JSON: .* at line 3, column 13"
    ):
        interchange.read(source)
    with pytest.raises(NotInterchange, match="not valid JSON"):
        interchange.loads('{"a": NaN}')
    with pytest.raises(NotInterchange, match="not UTF-8"):
        interchange.loads(b"\xff\xfe{}")


# --------------------------------------------------------------------- written by tools
def test_a_tool_may_leave_out_bookkeeping_and_link_ids(document: dict, tmp_path: Path) -> None:
    """Scripts feeding PeerNotes write only what they know; the importer fills in the rest
    and derives link ids exactly as the app does, so later links do not duplicate."""
    lean = copy.deepcopy(document)
    for rows in lean["tables"].values():
        for row in rows:
            for key in (
                "created_at",
                "modified_at",
                "hlc",
                "deleted",
                "created_by",
                "modified_by",
                "base_hlc",
            ):
                row.pop(key, None)
    for row in lean["tables"]["meeting_peer"]:
        del row["id"]
    del lean["history"], lean["challenge_id"]
    with import_json(lean, tmp_path / "lean.peernotes") as cf:
        for link in cf.rows("meeting_peer", include_deleted=True):
            assert link["id"] == link_id("meeting_peer", link["meeting_id"], link["peer_id"])
        person = cf.rows("person", include_deleted=True)[0]
        assert person["created_at"] and person["hlc"] and person["deleted"] == 0
        assert cf.challenge_id == document["challenge_id"]


def test_the_documented_example_imports(tmp_path: Path) -> None:
    """The example in docs/interchange.md is a working document."""
    guide = (DOCS / "interchange.md").read_text(encoding="utf-8")
    example = guide.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    with import_json(interchange.loads(example), tmp_path / "example.peernotes") as cf:
        assert cf.count("observation") == 1
        assert cf.challenge()["council"] == "Fernhill Borough Council"


# ------------------------------------------------------------------------------- docs
def test_committed_json_schema_is_current() -> None:
    """docs/challenge.schema.json is generated from the code; refresh it with
    `python -m peernotes.core.interchange --write-docs` after a schema change."""
    committed = (DOCS / "challenge.schema.json").read_text(encoding="utf-8")
    assert committed == interchange.schema_text(), (
        "run: python -m peernotes.core.interchange --write-docs"
    )


def test_committed_column_reference_is_current() -> None:
    guide = (DOCS / "interchange.md").read_text(encoding="utf-8")
    assert guide == interchange.render_docs(guide), (
        "run: python -m peernotes.core.interchange --write-docs"
    )
    for table in SYNCED_TABLES:
        assert f"`tables.{table}`" in guide


def _schema_errors(schema: dict, value: Any, node: dict, path: str = "") -> list[str]:
    """A small validator for the JSON Schema keywords the generated schema uses."""
    if "$ref" in node:
        return _schema_errors(schema, value, schema["$defs"][node["$ref"].rsplit("/", 1)[1]], path)
    if "anyOf" in node:
        options = [_schema_errors(schema, value, option, path) for option in node["anyOf"]]
        return [] if any(not o for o in options) else options[0]
    errors = []
    kinds = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "object": dict,
        "array": list,
        "null": type(None),
        "boolean": bool,
    }
    if "type" in node and not (
        isinstance(value, kinds[node["type"]])
        and not (isinstance(value, bool) and node["type"] in ("integer", "number"))
    ):
        return [f"{path}: not {node['type']}"]
    if "const" in node and value != node["const"]:
        errors.append(f"{path}: not {node['const']}")
    if "enum" in node and not any(value == e and type(value) is type(e) for e in node["enum"]):
        errors.append(f"{path}: not in enum")
    if "pattern" in node and not re.search(node["pattern"], value):
        errors.append(f"{path}: pattern")
    for bound, test in (("minimum", lambda v, b: v >= b), ("maximum", lambda v, b: v <= b)):
        if bound in node and not test(value, node[bound]):
            errors.append(f"{path}: {bound}")
    if isinstance(value, dict):
        errors += [f"{path}.{k}: required" for k in node.get("required", []) if k not in value]
        for key, item in value.items():
            if key in node.get("properties", {}):
                errors += _schema_errors(schema, item, node["properties"][key], f"{path}.{key}")
            elif node.get("additionalProperties") is False:
                errors.append(f"{path}.{key}: not allowed")
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            errors += _schema_errors(schema, item, node["items"], f"{path}[{index}]")
    return errors


def test_json_schema_accepts_exports_and_rejects_what_the_importer_rejects(document: dict) -> None:
    """Tools validating against the published schema agree with the importer."""
    schema = interchange.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert _schema_errors(schema, document, schema) == []
    for table, column, value in (
        ("observation", "mode", "smelt"),
        ("meeting", "start_time", "9.30"),
        ("observation", "colour", "red"),
        ("peer", "name", " "),
    ):
        bad = copy.deepcopy(document)
        bad["tables"][table][0][column] = value
        assert _schema_errors(schema, bad, schema), (table, column)
