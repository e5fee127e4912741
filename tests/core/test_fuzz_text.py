"""Fuzzing: any Unicode a peer can paste survives save, reopen, search, the letter and JSON.

Hypothesis throws arbitrary text -- control characters, lone surrogates, NUL, very long
strings, right-to-left scripts, combining marks -- through the whole path. Nothing may crash,
no text may be lost, and every .docx must open with python-docx.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
import pytest
from helpers import heading_id, make_challenge
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peernotes.core import findings, interchange, search
from peernotes.core.errors import ValidationError
from peernotes.core.letter import build_letter
from peernotes.core.records import observations
from peernotes.core.store import ChallengeFile
from peernotes.export.docx_letter import export_letter

NASTY = st.one_of(
    st.text(min_size=1, max_size=200),  # every code point, surrogates and controls included
    st.text(
        alphabet=st.sampled_from("שלום مرحبا\u202e\u200f\u0301\u0308\x00\x07\t\n\r\ufeff"),
        min_size=1,
        max_size=80,
    ),
    st.text(
        alphabet=st.characters(categories=("Mn", "Me", "Cc", "Cf", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    ),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(200, 1200)),
)


def _stored_form(text: str) -> str:
    """What PeerNotes promises to keep: the text, trimmed, with broken surrogate halves marked."""
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text.strip()


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NASTY)
def test_any_text_survives_the_whole_path(text: str) -> None:
    """Pasting odd text into an observation or finding must never crash or mangle anything."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.peernotes"
        cf = make_challenge(path)
        try:
            oid = observations.add_observation(cf, text)
        except ValidationError:
            assert not _stored_form(text)  # only empty text is refused
            cf.close()
            return
        statement = text[:1000] if _stored_form(text[:1000]) else "Statement"  # a headline
        fid = findings.create_finding(
            cf, statement, heading_id=heading_id(cf, "1"), observation_ids=[oid]
        )
        cf.close()
        with ChallengeFile.open(path) as cf:
            assert cf.get("observation", oid)["text"] == _stored_form(text)
            assert cf.get("finding", fid)["statement"] == _stored_form(statement)
            search.search(cf, text[:200])  # whatever is typed or pasted in the search box
            exported = interchange.loads(interchange.export_text(cf))
            assert _stored_form(text) in [o["text"] for o in exported["tables"]["observation"]]
            out = export_letter(build_letter(cf), Path(folder) / "letter.docx")
        with interchange.import_json(exported, Path(folder) / "imported.peernotes") as again:
            assert again.get("observation", oid)["text"] == _stored_form(text)
        document = docx.Document(str(out))
        assert document.paragraphs  # opens and has content


@pytest.mark.parametrize("text", ["a\ud800b", "\udc00", "x\x00y", "\u202eevil.exe"])
def test_known_awkward_strings(text: str, cf) -> None:
    """Regression cases: a lone surrogate once crashed the save with UnicodeEncodeError."""
    oid = observations.add_observation(cf, text)
    assert cf.get("observation", oid)["text"] == _stored_form(text)
