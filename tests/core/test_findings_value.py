"""One findings-by-heading value: the roll-up, the letter and the evidence report agree on
which finding sits under which heading, in the one order the author sets."""

from __future__ import annotations

import pytest
from letter_data import add_finding, build_letter_scene, domain_id

from peernotes.core import findings as ops
from peernotes.core.evidence_report import evidence_report
from peernotes.core.letter import build_letter
from peernotes.core.rollup import rollup


@pytest.fixture
def scene():
    s = build_letter_scene()
    # an extra area written before a strength of the same domain, moved across kinds
    domain = domain_id(s.cf, "1")
    s.findings["a1b"] = ops.create_finding(
        s.cf, "Waiting lists are not reviewed", kind="area", heading_id=domain,
        narrative="Nobody owns the waiting list.",
    )  # fmt: skip
    s.findings["s1b"] = add_finding(
        s.cf, "Carers are heard", heading=domain, narrative="A carers' forum meets monthly."
    )
    yield s
    s.cf.close()


def _letter_sections(letter) -> dict[str, list[tuple[str, str]]]:
    """Section title -> (finding id, block kind) in print order, for finding blocks."""
    result: dict[str, list[tuple[str, str]]] = {}
    title = ""
    for block in letter.blocks:
        if block.kind == "heading" and block.level == 1:
            title = block.text
        if block.finding_id and block.kind in ("bullet", "numbered"):
            result.setdefault(title, []).append((block.finding_id, block.kind))
    return result


def test_every_rollup_finding_is_in_the_letter_once_under_its_heading_in_order(scene):
    """If this fails, the letter drops, repeats or reorders a finding the roll-up shows, or
    prints it under another heading than the one the team read out on the last morning."""
    value = rollup(scene.cf)
    letter = _letter_sections(build_letter(scene.cf))
    key = {f.id for f in value.key_messages()}
    for section in value.sections:
        if section.heading.id is None or not section.statements:
            continue
        printed = letter[section.heading.name]
        bullets = [fid for fid, kind in printed if kind == "bullet"]
        for kind in ("strength", "area"):
            expected = [f.id for f in section.by_kind(kind) if f.id not in key]
            assert [b for b in bullets if b in set(expected)] == expected
        narrated = list(dict.fromkeys(fid for fid, kind in printed if kind == "numbered"))
        assert narrated == [f.id for f in section.kind_grouped() if f.narrative]
    statements = [fid for rows in letter.values() for fid, kind in rows if kind == "bullet"]
    everything = {f.id for f in value.in_order()}
    assert sorted(statements) == sorted(everything)  # each bullet exactly once
    in_key = [fid for fid, kind in letter["Key messages"] if kind == "bullet"]
    kinds = ("strength", "area", "recommendation")
    assert in_key == [f.id for k in kinds for f in value.key_messages() if f.kind == k]


def test_author_order_across_kinds_is_the_shared_order(scene):
    """An area the author puts before a strength stays before it in the roll-up's order and
    the evidence report; a new finding goes after every finding of its heading."""
    domain = domain_id(scene.cf, "1")
    ops.reorder_heading(scene.cf, domain, [scene.findings["a1b"], scene.findings["s1"]])
    value = rollup(scene.cf)
    section = next(s for s in value.sections if s.heading.id == domain)
    order = [f.id for f in section.findings if f.kind != "recommendation"]
    assert order[:2] == [scene.findings["a1b"], scene.findings["s1"]]
    report = evidence_report(scene.cf)
    listed = [item.entry.id for h in report.headings for item in h.findings]
    assert listed == [f.id for f in value.in_order() if f.heading_id is not None]
    new = ops.create_finding(scene.cf, "Late addition", kind="strength", heading_id=domain)
    section = next(s for s in rollup(scene.cf).sections if s.heading.id == domain)
    assert [f.id for f in section.statements][-1] == new


def test_reordering_within_a_kind_keeps_other_kinds_in_place(scene):
    """Moving a strength down does not jump it over the areas written between them."""
    domain = domain_id(scene.cf, "1")
    ops.reorder_heading(
        scene.cf, domain, [scene.findings["s1"], scene.findings["a1b"], scene.findings["s1b"]]
    )
    ops.move_down(scene.cf, scene.findings["s1"])
    section = next(s for s in rollup(scene.cf).sections if s.heading.id == domain)
    ids = [f.id for f in section.statements]
    assert ids.index(scene.findings["s1b"]) < ids.index(scene.findings["a1b"])
    assert ids.index(scene.findings["a1b"]) < ids.index(scene.findings["s1"])


def test_reorder_heading_refuses_a_finding_of_another_heading(scene):
    """A finding from elsewhere is refused with its position named, nothing changed."""
    from peernotes.core.errors import ValidationError

    with pytest.raises(ValidationError, match=r"ordered_ids\[0\]"):
        ops.reorder_heading(scene.cf, domain_id(scene.cf, "1"), [scene.findings["s3"]])
