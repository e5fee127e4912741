"""Full-text search over observations and findings: ranked, highlighted, and never broken
by what a user types."""

from __future__ import annotations

import pytest
from synthesis_data import build_scene

from peernotes.core import findings, search
from peernotes.core.records import read_models


@pytest.fixture
def scene(cf):
    scene = build_scene(cf)
    scene.ids = {
        "respite": scene.obs("Carers said respite is hard to book at weekends", meeting="carers"),
        "respite2": scene.obs(
            "Respite respite respite: the respite offer dominated", meeting="staff"
        ),
        "walking": scene.obs("The walking group meets at the café on Tuesdays", meeting="visit"),
        "drop": scene.obs(
            "Someone wrote DROP TABLE on the whiteboard; staff laughed",
            mode="seen",
            meeting="visit",
        ),
        "near": scene.obs("The office is NEAR the station (AND easy to reach)", meeting="director"),
    }
    scene.finding = findings.create_finding(
        cf, "Respite is valued by carers", narrative="Carers told us the respite offer matters."
    )
    return scene


def ids(hits):
    return [h.id for h in hits]


def test_ranked_with_highlighted_snippets(scene):
    """The best match comes first and the matched words are highlighted (HTML-escaped)."""
    hits = search.search_observations(scene.cf, "respite")
    assert ids(hits)[0] == scene.ids["respite2"]
    assert set(ids(hits)) == {scene.ids["respite"], scene.ids["respite2"]}
    html = next(h for h in hits if h.id == scene.ids["respite"]).html()
    assert "<b>respite</b>" in html
    assert hits[0].plain.lower().count("respite") >= 3


def test_stemming_prefix_and_accents(scene):
    """'walk' finds 'walking'; a half-typed last word finds; 'cafe' finds 'café'."""
    cf = scene.cf
    assert ids(search.search_observations(cf, "walk")) == [scene.ids["walking"]]
    assert ids(search.search_observations(cf, "tuesd")) == [scene.ids["walking"]]
    assert ids(search.search_observations(cf, "cafe")) == [scene.ids["walking"]]
    assert ids(search.search_observations(cf, "walking group")) == [scene.ids["walking"]]
    assert search.search_observations(cf, "walking zebra") == []


def test_every_half_typed_word_finds_in_search_and_in_the_list_filter(scene):
    """Typing "walk grou" (two half-typed words) already finds the note, in the search box and
    in the observation list's filter alike; a finished word (space after it) must be whole."""
    from peernotes.core.records import read_models

    cf = scene.cf
    assert ids(search.search_observations(cf, "walk grou")) == [scene.ids["walking"]]
    listed = read_models.observation_ids(cf, read_models.ObservationFilter(text="walk grou"))
    assert listed == [scene.ids["walking"]]
    assert search.search_observations(cf, "walking grou ") == []


def test_findings_and_observations_together(scene):
    """One search box finds the finding and its notes; the statement snippet is shown."""
    hits = search.search(scene.cf, "respite carers")
    kinds = {(h.kind, h.id) for h in hits}
    assert ("finding", scene.finding) in kinds
    assert ("observation", scene.ids["respite"]) in kinds
    finding_hit = next(h for h in hits if h.kind == "finding")
    assert "<b>Respite</b>" in finding_hit.html()


def test_index_follows_edits_and_deletions(scene):
    """Edited text is found by its new words at once; deleted rows vanish from results."""
    cf = scene.cf
    cf.update("observation", scene.ids["walking"], {"text": "The running club meets on Fridays"})
    assert search.search_observations(cf, "walking") == []
    assert ids(search.search_observations(cf, "running")) == [scene.ids["walking"]]
    cf.delete("observation", scene.ids["respite"])
    assert ids(search.search_observations(cf, "respite")) == [scene.ids["respite2"]]
    cf.undelete("observation", scene.ids["respite"])
    assert len(search.search_observations(cf, "respite")) == 2
    findings.delete_finding(cf, scene.finding)
    assert search.search_findings(cf, "respite") == []
    assert search.matching_finding_ids(cf, "respite") == set()


HOSTILE = [
    '"',
    '"""',
    "AND OR",
    "AND",
    "*",
    "-",
    "NEAR(",
    "NEAR(respite carers, 2)",
    "'; DROP TABLE observation; --",
    "(respite",
    "respite)",
    "text:respite",
    "^respite",
    "respite -carers",
    "respite NOT",
    "{respite}",
    "😀",
    "respite 😀",
    "\x00\x01",
    "_",
    "",
    "   ",
    "x" * 10_000,
    "respite " * 2_000,
    "\u202eetipser",
    # pasted essays of words that are in the notes: a bounded query, answered at once
    ("Carers said respite is hard to book at weekends " * 250)[:10_000],
    ("The walking group meets at the café on Tuesdays staff laughed " * 200)[:10_000],
    " ".join(["respite", "carers", "staff", "office", "station"] * 1_700)[:10_000],
    "AND OR NOT NEAR " * 700,
    "respite* " * 1_250,
    '"respite" OR "carers" ' * 500,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_raises(scene, text):
    """Whatever is typed or pasted into the search box, search answers, it never crashes."""
    for function in (search.search, search.search_observations, search.search_findings):
        assert isinstance(function(scene.cf, text), list)
    search.matching_observation_ids(scene.cf, text)
    # the observation lists' filter builds its query the same way, and never raises either
    listed = read_models.observation_ids(scene.cf, read_models.ObservationFilter(text=text))
    assert isinstance(listed, list)
    assert scene.cf.count("observation") == 5  # and nothing was dropped


@pytest.mark.parametrize(
    "text, expected",
    [
        ("DROP TABLE", {"drop"}),
        ("'; DROP TABLE", {"drop"}),
        ("NEAR(", {"near"}),
        ("AND easy", {"near"}),
        ('"respite', {"respite", "respite2"}),
        ("respite 😀", {"respite", "respite2"}),
        ("(respite)", {"respite", "respite2"}),
        ("respite " * 2_000, {"respite", "respite2"}),
    ],
)
def test_hostile_input_still_searches_sensibly(scene, text, expected):
    """Operators and punctuation are read as the words they contain."""
    found = set(ids(search.search_observations(scene.cf, text)))
    assert found == {scene.ids[k] for k in expected}


def test_inputs_without_words_search_nothing(scene):
    """Only punctuation or emoji: no query (the UI shows everything, unfiltered)."""
    for text in ('"', "*", "😀", "", "  ", "-()"):
        assert search.fts_query(text) is None
        assert search.search(scene.cf, text) == []
        assert search.matching_observation_ids(scene.cf, text) is None


def test_query_is_bounded():
    """A pasted essay becomes a bounded query (first words), so search stays quick."""
    query = search.fts_query(" ".join(f"word{n}" for n in range(5000)))
    assert query.count('"') == 2 * search.MAX_WORDS
    assert query.endswith('"word31"*')
    assert search.fts_query("done typing ") == '"done"* "typing"'


def test_pasted_note_finds_that_note(scene):
    """A note pasted back 200 times over (10,000 characters) still finds the note itself,
    in the search box and in the observation lists' filter alike."""
    text = ("Carers said respite is hard to book at weekends " * 250)[:10_000]
    assert ids(search.search_observations(scene.cf, text)) == [scene.ids["respite"]]
    listed = read_models.observation_ids(scene.cf, read_models.ObservationFilter(text=text))
    assert listed == [scene.ids["respite"]]


def test_repeated_words_count_once():
    """A word typed twice is asked for once; the cap counts distinct words."""
    assert search.fts_query("respite Respite respite carers") == '"respite"* "carers"*'
    many = " ".join(["the"] * 5_000 + [f"word{n}" for n in range(40)])
    assert search.fts_query(many).split()[:2] == ['"the"*', '"word0"*']
    assert len(search.words(many)) == search.MAX_WORDS
    assert all(len(w) <= search.MAX_WORD_LENGTH for w in search.words("y" * 10_000 + " z"))


@pytest.mark.parametrize(
    "text", ["respite", "resp", "carers respite", "walking group", "DROP TABLE", "NEAR(", "tuesd"]
)
def test_lists_filter_agrees_with_search(scene, text):
    """One query builder: the observation lists' filter finds what the search box finds."""
    listed = set(read_models.observation_ids(scene.cf, read_models.ObservationFilter(text=text)))
    assert listed == set(search.matching_observation_ids(scene.cf, text))
    assert listed  # each of these texts is in some note


def test_lists_filter_without_words_shows_nothing(scene):
    """Only punctuation or emoji in the lists' filter: no note matches (nothing is a word)."""
    for text in ('"', "😀", "-()", "*"):
        assert read_models.observation_ids(scene.cf, read_models.ObservationFilter(text=text)) == []
    assert len(read_models.observation_ids(scene.cf, read_models.ObservationFilter(text=""))) == 5
