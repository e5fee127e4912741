"""Import validates what the core validates, and refuses what it cannot keep (issue 16): a
lone surrogate, brackets nested thousands deep, an integer too large for a float, 1e400, a
clock stamp at the end of its range, a note longer than the core's limit -- each refused
with a message naming the path, never a crash, never a document that cannot be exported
and imported again."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from helpers import make_challenge
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peernotes.core import interchange
from peernotes.core.errors import PeerNotesError
from peernotes.core.interchange import InterchangeError, NotInterchange
from peernotes.core.records import observations

PLACEHOLDER = "@@RAW@@"


@pytest.fixture(scope="module")
def exported() -> str:
    """A small challenge's export (JSON text)."""
    with tempfile.TemporaryDirectory() as folder:
        cf = make_challenge(Path(folder) / "c.peernotes")
        try:
            observations.add_observation(cf, "The front door team answers calls quickly.")
            observations.add_observation(cf, "Carers want clearer information.")
            return interchange.export_text(cf)
        finally:
            cf.close()


def _with_raw(text: str, table: str, column: str, raw: str, row: int = 0) -> str:
    """The export with one value replaced by a raw JSON literal."""
    data = json.loads(text)
    data["tables"][table][row][column] = PLACEHOLDER
    return json.dumps(data).replace(json.dumps(PLACEHOLDER), raw)


def _refusal(text: str, tmp_path: Path) -> PeerNotesError:
    with pytest.raises(PeerNotesError) as refused:
        interchange.import_json(interchange.loads(text), tmp_path / "new.peernotes")
    assert not (tmp_path / "new.peernotes").exists()
    return refused.value


@pytest.mark.parametrize(
    ("column", "raw", "says"),
    [
        ("text", '"a lone \\ud800 half"', "surrogate"),
        ("text", json.dumps("x" * 100_001), "longer than 100,000"),
        ("hlc", '"9999999999999.99999.laptop"', "future"),
    ],
)
def test_bad_values_are_refused_naming_their_path(exported, tmp_path, column, raw, says):
    """Each used to crash the import (or be accepted and spread by merge); now the user is
    told which row and field, and nothing is created."""
    error = _refusal(_with_raw(exported, "observation", column, raw), tmp_path)
    assert isinstance(error, InterchangeError)
    assert error.field == f"tables.observation[0].{column}" and says in str(error)


@pytest.mark.parametrize("raw", ["1e400", "-1e400", "9" * 400, "123456789012345678901234"])
def test_numbers_that_cannot_be_kept_are_refused(exported, tmp_path, raw):
    """1e400 was accepted and exported back as Infinity (which import refuses); a 400-digit
    integer crashed. Both are refused at their path."""
    data = json.loads(exported)
    real = next(
        (t, c)
        for t, rows in data["tables"].items()
        for c, spec in interchange.spec()[t].columns.items()
        if rows and spec.type in ("real", "integer") and not spec.flag
    )
    error = _refusal(_with_raw(exported, real[0], real[1], raw), tmp_path)
    assert error.field == f"tables.{real[0]}[0].{real[1]}" and "too large" in str(error)


def test_deep_nesting_is_refused_naming_where(exported, tmp_path):
    """Brackets nested 5,000 deep raised a RecursionError; now a sentence names the place."""
    error = _refusal(_with_raw(exported, "observation", "text", "[" * 5000 + "]" * 5000), tmp_path)
    assert isinstance(error, NotInterchange)
    assert "tables.observation[0].text" in str(error) and "nested" in str(error)


def test_a_lone_surrogate_in_a_key_is_reported_printably(exported, tmp_path, capsys):
    """An unknown column whose name is half a surrogate pair: the message can be printed."""
    text = exported.replace('"text":', '"\\udc00":', 1)
    error = _refusal(text, tmp_path)
    print(str(error))  # would raise UnicodeEncodeError on a UTF-8 terminal before the fix
    assert "\ufffd" in str(error)


# --------------------------------------------------------------------------- property
HOSTILE = [
    "1e400",
    "-1e400",
    "9" * 400,
    "123456789012345678901234",
    '"\\ud800"',
    '"a\\udfffb"',
    "[" * 3000 + "]" * 3000,
    '{"x":' * 1500 + "1" + "}" * 1500,
    json.dumps("x" * 100_001),
    "null",
    "true",
    "0",
    "-1",
    "1.5",
    '""',
    '"   "',
    "[]",
    "{}",
    '"9999999999999.99999.dev"',
    '"0000000000001.00000.dev"',
    '"2026-13-45"',
    '"2026-11-10T25:99:00"',
    '"00000000000000000000000000000000"',
]


def _mutate(text: str, data: st.DataObject) -> str:
    doc = json.loads(text)
    tables = [t for t, rows in doc["tables"].items() if rows]
    how = data.draw(st.sampled_from(["value", "drop", "extra", "top", "character"]))
    if how == "character":  # bit rot or a bad edit anywhere in the text
        at = data.draw(st.integers(0, len(text) - 1))
        return text[:at] + data.draw(st.sampled_from(list('{}[]",:\\0-e.x '))) + text[at + 1 :]
    if how == "top":
        key = data.draw(st.sampled_from(["format_version", "schema_version", "challenge_id"]))
        doc[key] = PLACEHOLDER
    else:
        table = data.draw(st.sampled_from(tables))
        row = doc["tables"][table][data.draw(st.integers(0, len(doc["tables"][table]) - 1))]
        column = data.draw(st.sampled_from(sorted(row)))
        if how == "drop":
            del row[column]
        elif how == "extra":
            row["unexpected_column"] = PLACEHOLDER
        else:
            row[column] = PLACEHOLDER
    return json.dumps(doc).replace(json.dumps(PLACEHOLDER), data.draw(st.sampled_from(HOSTILE)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_exports_import_cleanly_or_are_refused_with_a_path(exported, data):
    """Whatever one hostile edit does to an export, import either works -- and its export
    imports again, identically -- or refuses with a message naming where; never a crash."""
    text = _mutate(exported, data)
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder) / "first.peernotes"
        try:
            cf = interchange.import_json(interchange.loads(text), first)
        except InterchangeError as error:
            assert error.field, str(error)
            assert not first.exists()
            return
        except NotInterchange as error:
            assert " at " in str(error) or "not a PeerNotes" in str(error) or "format" in str(error)
            assert not first.exists()
            return
        try:
            again = interchange.export_text(cf)
        finally:
            cf.close()
        second = interchange.import_json(
            interchange.loads(again), Path(folder) / "second.peernotes"
        )
        try:
            assert (
                json.loads(interchange.export_text(second))["tables"] == json.loads(again)["tables"]
            )
        finally:
            second.close()
