"""Spelling: British English, the challenge's names, and the user's own dictionary."""

from __future__ import annotations

from peernotes.core import spelling
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

    If this fails, the British word list (resources/spelling/en_GB.counts.gz) is not the one
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


def test_underlining_and_suggestions_know_the_same_words():
    """The box underlines from the word list alone; suggestions come from pyspellchecker
    loaded with the counts. If they disagreed, a word offered as a correction would itself
    be underlined, or a misspelling pass unmarked."""

    def words(known: frozenset[str]) -> frozenset[str]:
        return frozenset(w for w in known if not w.isdigit())  # only letters are looked up

    checker_words = words(frozenset(spelling._checker().word_frequency.dictionary))
    assert words(spelling._base_words()) == checker_words
    assert {"colour", "reablement"} <= checker_words  # the list and the shipped extras


def test_the_word_list_format_keeps_every_count():
    """Suggestions rank common words first by their counts: writing and reading the list's
    format must give back every word with its count."""
    counts = {"council": 900, "carers": 40, "respite": 40, "safeguard": 1}
    lines = spelling.format_counts(counts).splitlines()
    assert lines[0] == "900 council" and lines[1] == "40 carers respite"
    back: dict[str, int] = {}
    for line in lines:
        count, _, words = line.partition(" ")
        back.update(dict.fromkeys(words.split(), int(count)))
    assert back == counts
