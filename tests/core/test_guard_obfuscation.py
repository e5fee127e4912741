"""The guard reads text as a person sees it (issue 16): a name carrying a soft hyphen or a
zero-width space from a paste, look-alike letters from other alphabets, spaced-out letters,
e-mail and handle forms, a lower-case name, a role without "of/for" -- none reaches the letter
unseen. Each hit is reported on the original text, so Go to lands on it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from letter_data import add_finding, build_letter_scene, domain_id

from peernotes.core import attribution, letter_settings
from peernotes.core.letter import build_letter
from peernotes.core.records import people
from peernotes.core.seen_text import see

SHY, ZWSP, ZWJ, WJ = "\u00ad", "\u200b", "\u200d", "\u2060"
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "s": "ѕ"}
CYRILLIC |= {"A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "M": "М", "T": "Т"}


@pytest.fixture(scope="module")
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


def _hits(scene, narrative: str, allowed: tuple[str, ...] = ()) -> list[attribution.NameHit]:
    """The guard's hits for a letter with one finding whose narrative is `narrative`."""
    heading = domain_id(scene.cf, "2")
    finding = add_finding(scene.cf, "A finding", heading=heading, narrative=narrative)
    try:
        return attribution.scan(scene.cf, build_letter(scene.cf), allowed)
    finally:
        scene.cf.delete("finding", finding)


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        (f"We heard from Dana Red{SHY}daway that respite is hard.", f"Dana Red{SHY}daway"),
        (f"We heard from Dana{ZWSP} Reddaway.", f"Dana{ZWSP} Reddaway"),
        (f"Red{ZWJ}daway{WJ} said so.", f"Red{ZWJ}daway"),
        ("We heard from Dаnа Rеddаwау about it.", "Dаnа Rеddаwау"),  # Cyrillic а, е, у
        ("Ｒｅｄｄａｗａｙ said so.", "Ｒｅｄｄａｗａｙ"),  # full-width
        ("As R e d d a w a y put it, respite is hard.", "R e d d a w a y"),
        ("As R.E.D.D.A.W.A.Y put it.", "R.E.D.D.A.W.A.Y"),
        ("Write to dana.reddaway@example.gov.uk for the data.", "dana.reddaway"),
        ("See @DanaReddaway on the forum.", "DanaReddaway"),
        ("dana said respite is hard to book.", "dana"),
        ("Dana\nReddaway told us.", "Dana\nReddaway"),
    ],
)
def test_hidden_names_are_found_in_the_original_text(scene, text: str, matched: str) -> None:
    """Each of these shows (or reads) as a name of someone met; the hit quotes the text as
    written, so the user can find it and Go to lands on it."""
    hits = _hits(scene, text)
    assert [h.matched for h in hits] == [matched]
    assert hits[0].who == "Dana Reddaway"


@pytest.mark.parametrize(
    "text",
    [
        "The new Portfolio holder has set out priorities.",
        "The leader and his Deputy agree.",
        "The interim Head has stabilised the service.",
        "The acting Chair is respected.",
        "Their lead member attends every board.",
    ],
)
def test_single_person_roles_without_of_or_for(scene, text: str) -> None:
    """A role held by one person identifies them even with no "of/for" after it."""
    hits = _hits(scene, text)
    assert hits and all(h.kind == "role" for h in hits)


def test_expected_names_match_whole_words_only(scene) -> None:
    """ "ADASS" in the contacts does not make "DASS" (one person's role) an expected name."""
    letter_settings.save(scene.cf, contacts="ADASS regional lead, adass@example.org")
    try:
        hits = _hits(scene, "The DASS has a clear plan.")
        assert [h.matched for h in hits] == ["The DASS"]
    finally:
        letter_settings.save(scene.cf, contacts="")


def test_an_allowed_obfuscated_name_passes(scene) -> None:
    """Allowing the name as the user reads it lets the hidden form through too."""
    assert _hits(scene, f"Red{SHY}daway helped.")
    assert _hits(scene, f"Red{SHY}daway helped.", ("Reddaway",)) == []


# ------------------------------------------------------------------------- property
_SYLLABLE = st.sampled_from(["ka", "lo", "mi", "dru", "zen", "vor", "tal", "quin", "bex", "ru"])
_WORDISH = st.lists(_SYLLABLE, min_size=2, max_size=4).map(lambda parts: "".join(parts).title())


def _format_chars(name: str, data: st.DataObject) -> str:
    cut = data.draw(st.integers(1, len(name) - 1))
    return name[:cut] + data.draw(st.sampled_from([SHY, ZWSP, ZWJ, WJ])) + name[cut:]


def _confusable(name: str, data: st.DataObject) -> str:
    return "".join(CYRILLIC.get(c, c) if data.draw(st.booleans()) else c for c in name)


OBFUSCATIONS = {
    "format characters": lambda first, last, data: f"{first} {_format_chars(last, data)}",
    "confusables": lambda first, last, data: _confusable(f"{first} {last}", data),
    "upper case": lambda first, last, data: f"{first} {last}".upper(),
    "lower case": lambda first, last, data: f"{first} {last}".lower(),
    "spaced letters": lambda first, last, data: f"{first} {' '.join(last)}",
    "dotted letters": lambda first, last, data: f"{first} {'.'.join(last)}",
    "possessive": lambda first, last, data: f"{first} {last}'s",
    "line break": lambda first, last, data: f"{first}\n{last}",
    "e-mail": lambda first, last, data: f"{first.lower()}.{last.lower()}@council.example",
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=_WORDISH, last=_WORDISH, how=st.sampled_from(sorted(OBFUSCATIONS)), data=st.data())
def test_no_obfuscation_gets_a_name_past_the_guard(scene, first, last, how, data) -> None:
    """For any name of someone met, written in any of these disguises, the letter is stopped
    (a hit) unless the user allows it -- a miss would let an interviewee be named."""
    person = people.add_person(scene.cf, f"{first} {last}")
    try:
        text = f"In the focus group {OBFUSCATIONS[how](first, last, data)} raised concerns."
        hits = _hits(scene, text)
        assert any(h.who == f"{first} {last}" for h in hits), (how, text)
        for hit in hits:
            assert hit.matched in text  # reported on the original text
            assert see(hit.matched).text.strip()  # never an empty span
        allowed = _hits(scene, text, (f"{first} {last}",))
        assert not any(h.who == f"{first} {last}" for h in allowed), allowed
    finally:
        scene.cf.delete("person", person)
