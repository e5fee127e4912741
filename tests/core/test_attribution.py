"""The non-attribution guard: names of people met, single-person groups and identifying roles
are caught wherever they are in the letter; expected names and allowed items pass."""

from __future__ import annotations

import pytest
from letter_data import add_finding, build_letter_scene, domain_id

from peernotes.core import attribution, letter_settings
from peernotes.core.letter import build_letter
from peernotes.core.records import observations, people


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


def _scan(scene, narrative: str = "", statement: str = "A finding", **kwargs):
    finding = add_finding(
        scene.cf, statement, heading=domain_id(scene.cf, "2"), narrative=narrative
    )
    hits = attribution.scan(scene.cf, build_letter(scene.cf), **kwargs)
    return finding, hits


def test_the_clean_letter_passes(scene):
    """The scene's letter names no one the team met: nothing to stop."""
    assert attribution.scan(scene.cf, build_letter(scene.cf)) == []


def test_full_name_in_a_narrative_is_found_with_its_place(scene):
    """A full name is reported with the text found, who it is, and the finding and field it is in."""
    finding, hits = _scan(scene, "We heard from Dana Reddaway that respite is hard to book.")
    assert len(hits) == 1
    hit = hits[0]
    assert (hit.matched, hit.kind, hit.who) == ("Dana Reddaway", "name", "Dana Reddaway")
    assert (hit.source.table, hit.source.row_id, hit.source.field) == (
        "finding",
        finding,
        "narrative",
    )
    assert hit.source.section == "Inclusive"
    assert "Dana Reddaway" in hit.context
    assert "Inclusive" in hit.describe()


@pytest.mark.parametrize(
    "text, matched",
    [
        ("THISTLEWOOD told us about waiting lists.", "THISTLEWOOD"),
        ("Ms Thistlewood's view was clear.", "Ms Thistlewood's"),
        ("as thistlewood said, it works", "thistlewood"),
        ("Okonkwo-Blythe leads the service.", "Okonkwo-Blythe"),
        ("(Lundqvist) described the backlog.", "Lundqvist"),
        ("E. Thistlewood agreed.", "E. Thistlewood"),
        ("Eli J. Thistlewood agreed.", "Eli J. Thistlewood"),
        ("Cllr Pengelly's board.", "Cllr Pengelly's"),
        ("Marguerite explained the budget.", "Marguerite"),
    ],
)
def test_names_are_found_in_any_case_with_possessives_and_initials(scene, text, matched):
    _, hits = _scan(scene, text)
    assert [h.matched for h in hits] == [matched]


def test_accents_do_not_hide_a_name(scene):
    people.add_person(scene.cf, "José Núñez", group_id=None)
    _, hits = _scan(scene, "Jose Nunez told us it was better. NÚÑEZ agreed.")
    assert [h.matched for h in hits] == ["Jose Nunez", "NÚÑEZ"]


def test_everyday_words_are_not_mistaken_for_surnames(scene):
    """A person called Rose Green does not make 'green spaces' or 'a rose garden' a name;
    her full name still is one. A lower-case first name is an ordinary word."""
    people.add_person(scene.cf, "Rose Green")
    _, hits = _scan(scene, "Green spaces and a rose garden help. We will marguerite the plan.")
    assert hits == []
    _, hits = _scan(scene, "Rose Green said so.")
    assert [h.matched for h in hits] == ["Rose Green"]


def test_single_person_group_and_roles_are_caught(scene):
    """'the Chair of the Safeguarding Adults Board' (a group of one) and a role held by one
    person identify someone even without a name."""
    _, hits = _scan(
        scene,
        "The Chair of the Safeguarding Adults Board was clear. The Chief Executive agreed, "
        "as did the Director of Adult Social Care.",
    )
    kinds = {(h.kind, h.matched) for h in hits}
    assert ("group", "The Chair of the Safeguarding Adults Board") in kinds
    assert ("role", "The Chief Executive") in kinds
    assert any(k == "role" and "Director of Adult Social Care" in m for k, m in kinds)


def test_plural_roles_and_generic_words_pass(scene):
    _, hits = _scan(scene, "Directors and heads of service meet monthly; the board chairs rotate.")
    assert hits == []


def test_team_clients_signatory_and_contacts_are_expected(scene):
    """Team members, clients, the signatory and contacts may be named anywhere."""
    letter_settings.save(
        scene.cf,
        clients="Marguerite Okonkwo-Blythe, Director of Adult Social Care",
        contacts="Hana Ortiz, Commissioning lead, hana@example.org",
        signatory_name="Alex Morgan",
    )
    _, hits = _scan(
        scene,
        "Alex Morgan and Priya Nair met Marguerite Okonkwo-Blythe and the Director of Adult "
        "Social Care; Hana Ortiz joined.",
    )
    assert hits == []


def test_name_fields_are_not_scanned_but_everything_else_is(scene):
    """Acknowledgements may thank people by name; the same name in next steps, in the scope,
    in a recommendation or in a bullet is caught."""
    letter_settings.save(
        scene.cf, acknowledgements="Thanks to Gus Halloran for organising the visits."
    )
    assert attribution.scan(scene.cf, build_letter(scene.cf)) == []
    letter_settings.save(
        scene.cf, next_steps="Gus Halloran will follow up.", scope="What Halloran raised"
    )
    add_finding(scene.cf, "Ask Halloran about rotas", kind="recommendation")
    places = sorted(h.where for h in attribution.scan(scene.cf, build_letter(scene.cf)))
    assert len(places) == 3
    assert any("Next steps" in p for p in places)
    assert any("Scope" in p for p in places)
    assert any("Recommendation" in p and "bullet" in p for p in places)


def test_quotes_are_scanned_too(scene):
    letter_settings.save(scene.cf, include_quotes=True)
    observations.update_observation(
        scene.cf, scene.observations["quote"], text="Fay Lundqvist always has time"
    )
    hits = attribution.scan(scene.cf, build_letter(scene.cf))
    assert [(h.matched, h.source.table) for h in hits] == [("Fay Lundqvist", "observation")]


def test_allow_list_lets_confirmed_items_through(scene):
    """An item the user allowed (saved in the file, or given for this run) no longer stops
    the export; allowing a person's full name covers every form of it."""
    _, hits = _scan(scene, "Pengelly Court is a care home. Ivor Pengelly was not there.")
    assert {h.matched for h in hits} == {"Pengelly", "Ivor Pengelly"}
    letter = build_letter(scene.cf)
    assert attribution.scan(scene.cf, letter, allowed=["Ivor Pengelly"]) == []
    letter_settings.allow_name(scene.cf, "pengelly")
    remaining = attribution.scan(scene.cf, build_letter(scene.cf))
    assert [h.matched for h in remaining] == ["Ivor Pengelly"]


def test_repeated_names_are_reported_once_per_place(scene):
    _, hits = _scan(scene, "Lundqvist said this. Later LUNDQVIST said that.")
    assert len(hits) == 1
    assert hits[0].count == 2


def test_people_sharing_a_surname_are_both_named(scene):
    people.add_person(scene.cf, "Kim Lundqvist", allow_duplicate=True)
    _, hits = _scan(scene, "Lundqvist described the backlog.")
    assert len(hits) == 1
    assert set(hits[0].who.split(" or ")) == {"Fay Lundqvist", "Kim Lundqvist"}


def test_deleted_people_are_not_looked_for(scene):
    scene.cf.delete("person", scene.people["Gus Halloran"])
    _, hits = _scan(scene, "Gus Halloran said so.")
    assert hits == []


def test_report_lists_every_item_for_the_command_line(scene):
    _, hits = _scan(scene, "Dana Reddaway and Eli Thistlewood spoke.")
    text = attribution.report(hits)
    assert text.count("\n") == 1
    assert "Dana Reddaway" in text and "Eli Thistlewood" in text and "Inclusive" in text


def test_a_client_whose_surname_others_share_passes_and_the_others_do_not(scene):
    """The chief executive asked for the challenge and is named in the letter; two people the
    team met share her surname (with an apostrophe). Her name passes; theirs does not."""
    people.add_person(scene.cf, "Angela O'Connell", allow_duplicate=True)
    people.add_person(scene.cf, "Linda O'Connell", allow_duplicate=True)
    people.add_person(scene.cf, "Adam O'Connell", allow_duplicate=True)
    letter_settings.save(scene.cf, clients="Angela O'Connell, Chief Executive")
    _, hits = _scan(scene, "Angela O'Connell welcomed the team.")
    assert hits == []
    _, hits = _scan(scene, "Linda O'Connell described the waiting list.")
    assert [hit.who for hit in hits] == ["Linda O'Connell"]
