"""Spelling: British English, the challenge's names, and the user's own dictionary."""

from __future__ import annotations

from peernotes.core.spelling import Speller, challenge_names


def test_british_spellings_pass_and_misspellings_are_found():
    """'organisation', 'centre', 'programme' are fine; 'recieve' and 'acording' are caught."""
    speller = Speller()
    text = "The organisation's centre runs a programme; we recieve it acording to plan."
    found = [text[s : s + n] for s, n in speller.misspelt(text)]
    assert found == ["recieve", "acording"]
    assert "receive" in speller.suggestions("recieve")
    assert speller.suggestions("Acording")[0] == "According"


def test_american_spellings_are_flagged_and_british_ones_pass():
    """'organization', 'color' and 'center' are underlined; 'colour' is not, and is suggested.

    If this fails, the British word list (resources/spelling/en_GB.json.gz) is not the one
    loaded: the user sees American spellings pass unmarked in notes bound for a UK council.
    """
    speller = Speller()
    text = "The organisation's colour; the organization's color; the centre, the center."
    found = [text[s : s + n] for s, n in speller.misspelt(text)]
    assert found == ["organization's", "color", "center"]
    assert "colour" in speller.suggestions("color")
    assert speller.suggestions("Organization")[0] == "Organisation"


def test_names_of_people_met_are_never_flagged(cf):
    """A person met, the council and the team are not misspellings."""
    from peernotes.core.records import people

    people.add_person(cf, "Siobhan Oyelaran-Whitfield")
    speller = Speller(challenge_names(cf))
    assert speller.misspelt("Siobhan Oyelaran-Whitfield said so") == []


def test_add_to_dictionary_survives_a_restart():
    """A word added once is known in the next session too (kept in the data folder)."""
    first = Speller()
    assert first.misspelt("Zorblax") != []
    first.add_to_dictionary("Zorblax")
    assert Speller().misspelt("Zorblax") == []
