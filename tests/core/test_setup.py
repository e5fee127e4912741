"""Setting a challenge up after the wizard: renaming and deleting stakeholder groups and
the challenge's own headings, refusals that say what is in the way."""

from __future__ import annotations

import pytest
from helpers import make_challenge

from peernotes.core import setup
from peernotes.core.errors import ValidationError
from peernotes.core.records import challenge, observations, people


@pytest.fixture
def cf():
    handle = make_challenge(None)
    yield handle
    handle.close()


def _group(cf, name: str) -> str:
    return next(g["id"] for g in people.stakeholder_groups(cf) if g["name"] == name)


def test_a_renamed_group_keeps_its_people(cf):
    carer = _group(cf, "Carer")
    person = people.add_person(cf, "Sam Ortiz", group_id=carer)
    assert setup.rename_stakeholder_group(cf, carer, "  Unpaid carer ") is True
    assert cf.get("stakeholder_group", carer)["name"] == "Unpaid carer"
    assert cf.get("person", person)["group_id"] == carer
    listed = {g.name: g.people for g in setup.group_list(cf)}
    assert listed["Unpaid carer"] == 1 and "Carer" not in listed


def test_a_group_cannot_take_another_groups_name(cf):
    carer = _group(cf, "Carer")
    with pytest.raises(ValidationError, match="already a stakeholder group called"):
        setup.rename_stakeholder_group(cf, carer, "councillor")
    with pytest.raises(ValidationError):
        setup.rename_stakeholder_group(cf, carer, "   ")
    assert cf.get("stakeholder_group", carer)["name"] == "Carer"
    assert setup.rename_stakeholder_group(cf, carer, "CARER") is True  # its own name, recased


def test_single_person_flag_is_set_and_cleared(cf):
    group = people.add_stakeholder_group(cf, "Chair of the Board")
    assert setup.set_single_person(cf, group, True) is True
    assert cf.get("stakeholder_group", group)["single_person"] == 1
    assert setup.set_single_person(cf, group, True) is False  # no change, nothing written
    setup.set_single_person(cf, group, False)
    assert cf.get("stakeholder_group", group)["single_person"] == 0


def test_a_group_people_are_in_is_not_deleted_and_says_who(cf):
    carer = _group(cf, "Carer")
    for name in ("Sam Ortiz", "Lee Park", "Ana Wu", "Jo Reed"):
        people.add_person(cf, name, group_id=carer)
    with pytest.raises(ValidationError) as refused:
        setup.delete_stakeholder_group(cf, carer)
    message = refused.value.message
    assert "Ana Wu" in message and "and 1 more are in it" in message
    assert cf.get("stakeholder_group", carer) is not None
    empty = people.add_stakeholder_group(cf, "Trade union")
    assert setup.delete_stakeholder_group(cf, empty) is True
    assert "Trade union" not in {g["name"] for g in people.stakeholder_groups(cf)}


def test_own_headings_and_questions_are_added_renamed_and_listed(cf):
    own = setup.add_extra_heading(cf, "Partnership with health")
    question = setup.add_extra_heading(cf, "Are carers heard?", "scope")
    listed = setup.extra_headings(cf)
    assert [(h.kind, h.number, h.name) for h in listed] == [
        ("custom", "", "Partnership with health"),
        ("scope", "Q1", "Is the home care market sustainable?"),  # from the wizard
        ("scope", "Q2", "Are carers heard?"),
    ]
    setup.rename_heading(cf, question, "Are unpaid carers heard?")
    assert cf.get("heading", question)["name"] == "Are unpaid carers heard?"
    assert cf.get("heading", question)["number"] == "Q2"
    with pytest.raises(ValidationError):
        setup.rename_heading(cf, own, "")
    with pytest.raises(ValidationError):
        setup.add_extra_heading(cf, "A domain", "domain")


def test_the_frameworks_own_headings_are_not_renamed(cf):
    standard = next(h for h in challenge.headings(cf) if h["kind"] == "standard")
    with pytest.raises(ValidationError, match="framework's own headings"):
        setup.rename_heading(cf, standard["id"], "Something else")
    with pytest.raises(ValidationError):
        setup.delete_heading(cf, standard["id"])
    assert cf.get("heading", standard["id"])["name"] == standard["name"]


def test_a_heading_in_use_is_not_deleted_and_says_what_uses_it(cf):
    question = setup.add_extra_heading(cf, "Are carers heard?", "scope")
    observations.add_observation(
        cf, "Carers said no one calls back.", mode="heard", heading_ids=[question]
    )
    assert setup.heading_use(cf, question) == "1 observation"
    with pytest.raises(ValidationError, match="1 observation is filed under it"):
        setup.delete_heading(cf, question)
    assert cf.get("heading", question) is not None
    spare = setup.add_extra_heading(cf, "Spare")
    assert setup.heading_use(cf, spare) == ""
    assert setup.delete_heading(cf, spare) is True
    assert "Spare" not in [h.name for h in setup.extra_headings(cf)]
