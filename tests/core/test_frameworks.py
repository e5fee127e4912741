"""Every built-in framework loads and becomes a usable set of headings in a challenge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.core import frameworks
from peernotes.core.errors import ValidationError
from peernotes.core.records import challenge, people
from peernotes.paths import resources_dir

SHIPPED = sorted(p.stem for p in (resources_dir() / "frameworks").glob("*.json"))


def test_all_shipped_frameworks_are_listed():
    assert len(SHIPPED) >= 7
    assert sorted(frameworks.builtin_frameworks()) == SHIPPED


@pytest.mark.parametrize("framework_id", SHIPPED)
def test_builtin_framework_installs_in_order(tmp_path: Path, framework_id: str):
    """Picking any framework in the wizard gives its headings, in the template's order."""
    template = frameworks.builtin(framework_id)
    raw = json.loads((resources_dir() / "frameworks" / f"{framework_id}.json").read_text("utf-8"))
    cf = make_challenge(tmp_path / "f.peernotes", framework=framework_id)
    try:
        rows = [h for h in challenge.headings(cf) if h["kind"] in ("domain", "standard")]
        expected = []
        for domain in raw["domains"]:
            expected.append(domain["name"])
            expected += [s["name"] for s in domain.get("standards", [])]
        assert [h["name"] for h in rows] == expected
        assert len(rows) == template.heading_count
        assert all(h["depth"] == (0 if h["kind"] == "domain" else 1) for h in rows)
        framework = cf.get("framework", cf.challenge()["framework_id"])
        assert framework["builtin_id"] == framework_id
        assert framework["domain_label"] == (raw["labels"]["domain"] or "Domain")
    finally:
        cf.close()


def test_regulator_framework_keeps_its_score_scale():
    template = frameworks.builtin("cqc-la-assessment")
    assert [s["value"] for s in template.score_scale] == [1, 2, 3, 4]
    assert template.standard_label == "Quality statement"


def test_themes_only_framework_has_no_standards():
    template = frameworks.builtin("asc-regional-sw-adass-2013")
    assert template.domains and all(not d.standards for d in template.domains)
    assert template.example_scope_questions


def test_unknown_framework_is_a_clear_error():
    with pytest.raises(ValidationError, match="no built-in framework 'nope'"):
        frameworks.builtin("nope")


def test_each_framework_starts_with_its_own_stakeholder_groups(tmp_path):
    """A corporate peer challenge is not told it has "not heard from" carers or people who
    use services; an adult social care one still meets them."""
    corporate = make_challenge(None, framework="lga-cpc-core")
    adults = make_challenge(None, framework="cfbo-previous")
    try:
        corporate_groups = [g["name"] for g in people.stakeholder_groups(corporate)]
        adult_groups = [g["name"] for g in people.stakeholder_groups(adults)]
    finally:
        corporate.close()
        adults.close()
    assert "Carer" not in corporate_groups and "Person who uses services" not in corporate_groups
    assert {"Councillor", "Staff", "Partner"} <= set(corporate_groups)
    assert {"Carer", "Person who uses services", "Provider"} <= set(adult_groups)
    for template in frameworks.builtin_frameworks().values():
        assert template.stakeholder_groups, f"{template.id} has no usual groups"


def test_prompts_only_where_the_framework_states_them():
    """Tagging shows the framework's question under a heading; none is made up: headings of
    frameworks whose questions are not published have no prompt."""
    cf = make_challenge(None, framework="lga-cpc-core")
    try:
        by_name = {h["name"]: h["prompt"] for h in challenge.headings(cf)}
    finally:
        cf.close()
    assert by_name["Governance and culture"].startswith("Are there clear and robust governance")
    assert by_name["Capacity for improvement"] == ""  # not confirmed: left empty
    assert by_name["Is the home care market sustainable?"] == ""  # a scoping question
    cqc = frameworks.builtin_frameworks()["cqc-la-assessment"]
    assert not any(d.prompt for d in cqc.domains)
