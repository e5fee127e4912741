"""The letter as blocks: its order, sections, team list, figures and settings (no Word needed)."""

from __future__ import annotations

import pytest
from helpers import TEAM
from letter_data import add_finding, build_letter_scene, domain_id, link_evidence

from peernotes.core import letter_settings
from peernotes.core.errors import ValidationError
from peernotes.core.ids import link_id
from peernotes.core.letter import Block, at_least, build_letter, clean_text, group_plural
from peernotes.core.records import challenge, people, programme
from peernotes.core.store import ChallengeFile


@pytest.fixture
def scene():
    scene = build_letter_scene(None)  # in memory: fast
    yield scene
    scene.cf.close()


def _texts(blocks: list[Block], kind: str, level: int | None = None) -> list[str]:
    return [b.text for b in blocks if b.kind == kind and (level is None or b.level == level)]


def _section(blocks: list[Block], title: str) -> list[Block]:
    """The blocks after the level-1 heading `title`, up to the next level-1 heading."""
    start = next(
        i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1 and b.text == title
    )
    end = next(
        (
            i
            for i in range(start + 1, len(blocks))
            if blocks[i].kind == "heading" and blocks[i].level == 1
        ),
        len(blocks),
    )
    return blocks[start + 1 : end]


def test_sections_follow_the_framework_and_skip_empty_headings(scene):
    """The letter's sections come in framework order; a domain with no findings has no section."""
    letter = build_letter(scene.cf)
    tops = _texts(letter.blocks, "heading", 1)
    domains = [h["name"] for h in challenge.headings(scene.cf) if h["kind"] == "domain"]
    in_letter = [t for t in tops if t in domains]
    assert in_letter == [domains[0], domains[1], domains[2]]  # the fourth has no findings
    assert domains[3] not in tops
    assert tops[:2] == ["Introduction", "Key messages"]
    assert tops.index("Recommendations") > tops.index(domains[2])
    assert tops.index("Next steps") > tops.index("Recommendations")
    assert tops[-1].startswith("Appendix 1")


def _no_key_messages(scene) -> None:
    for key in ("s1", "a1"):
        scene.cf.update("finding", scene.findings[key], {"key_message": 0})


def test_each_finding_sits_under_its_heading_and_kind(scene):
    """A strength appears under its domain's Strengths, an area under Areas for consideration,
    and a finding filed under a standard appears in its domain's section."""
    _no_key_messages(scene)
    letter = build_letter(scene.cf)
    domains = [h["name"] for h in challenge.headings(scene.cf) if h["kind"] == "domain"]
    first = _section(letter.blocks, domains[0])
    kinds = [(b.kind, b.text) for b in first if b.kind in ("heading", "bullet")]
    assert kinds == [
        ("heading", "Strengths"),
        ("bullet", "Staff are committed and well supported"),
        ("heading", "Areas for consideration"),
        ("bullet", "Transitions from children's services start late"),
    ]
    inclusive = _section(letter.blocks, domains[1])
    assert ("bullet", "Providers feel listened to") in [(b.kind, b.text) for b in inclusive]


def test_a_key_message_bullet_is_printed_once(scene):
    """A key message's bullet is in the key messages, not again in its heading's section;
    its narrative stays in the section."""
    letter = build_letter(scene.cf)
    texts = [b.text for b in letter.blocks if b.kind == "bullet"]
    assert texts.count("Staff are committed and well supported") == 1
    domains = [h["name"] for h in challenge.headings(scene.cf) if h["kind"] == "domain"]
    first = _section(letter.blocks, domains[0])
    assert not [b for b in first if b.kind == "bullet"]
    assert "Supervision happens regularly and is valued." in _texts(first, "numbered")


def test_narratives_become_numbered_paragraphs_after_the_bullets(scene):
    """A narrative with a blank line between paragraphs gives two numbered paragraphs, after
    all the section's bullets, strengths' narratives before areas'."""
    _no_key_messages(scene)
    letter = build_letter(scene.cf)
    domains = [h["name"] for h in challenge.headings(scene.cf) if h["kind"] == "domain"]
    first = _section(letter.blocks, domains[0])
    kinds = [b.kind for b in first]
    assert kinds.index("numbered") > max(i for i, k in enumerate(kinds) if k == "bullet")
    assert _texts(first, "numbered") == [
        "Staff told the team that managers are visible and approachable.",
        "Supervision happens regularly and is valued.",
        "Planning for young people moving to adult services often begins at seventeen.",
    ]
    owners = [b.finding_id for b in first if b.kind == "numbered"]
    assert owners == [scene.findings["s1"], scene.findings["s1"], scene.findings["a1"]]


def test_team_list_is_in_letter_order_with_roles(scene):
    """The team list reads 'Role – Name, job title, organisation', lead peer first and
    challenge manager last."""
    people.add_peer(scene.cf, "Noor Haddad", "health_peer", "Director of Nursing", "Riverside ICB")
    letter = build_letter(scene.cf)
    intro = _section(letter.blocks, "Introduction")
    start = next(
        i for i, b in enumerate(intro) if b.text == "The members of the peer challenge team were:"
    )
    members = []
    for block in intro[start + 1 :]:
        if block.kind != "bullet":
            break
        members.append(block.text)
    expected = [
        TEAM[0],
        TEAM[1],
        TEAM[2],
        {
            "name": "Noor Haddad",
            "role": "health_peer",
            "job_title": "Director of Nursing",
            "organisation": "Riverside ICB",
        },
        TEAM[3],
    ]
    labels = {
        "lead_peer": "Lead peer",
        "officer_peer": "Officer peer",
        "member_peer": "Member peer",
        "health_peer": "Health peer",
        "challenge_manager": "Challenge manager",
    }
    assert members == [
        f"{labels[p['role']]} – {p['name']}, {p['job_title']}, {p['organisation']}"
        for p in expected
    ]
    assert intro[start + 1].runs[0].bold


def test_activity_figures_are_counted_from_the_notes(scene):
    """The figures match the file: documents, meetings (reading sessions excluded), people
    met and on-site days; the programme's kinds of activity name the groups met."""
    programme.add_meeting(scene.cf, date="2026-11-12", title="Reading time", type="document_review")
    letter = build_letter(scene.cf)
    figures = letter.figures
    assert (figures.documents, figures.meetings, figures.people, figures.days) == (3, 6, 7, 4)
    sentence = next(
        t for t in _texts(letter.blocks, "numbered") if t.startswith("The team was on site")
    )
    assert "10 to 13 November 2026" in sentence
    assert (
        "read three documents, held six meetings and met and spoke with seven people over four days"
        in sentence
    )
    bullets = [
        b.text
        for b in letter.blocks
        if b.kind == "bullet" and b.source and b.source.label.startswith("On-site")
    ]
    assert "focus groups with frontline staff and carers" in bullets
    assert any(
        b.startswith("reading a range of documents") and "self-assessment" in b for b in bullets
    )
    assert not any(
        "Chair of the Safeguarding" in b for b in bullets
    )  # single-person groups are never listed


def test_large_counts_are_stated_as_lower_bounds():
    """'over 40 documents' for 44, exact round numbers, words for small counts."""
    assert at_least(44, "over") == "over 40"
    assert at_least(40, "over") == "40"
    assert at_least(7, "over") == "seven"
    assert at_least(95, "at least") == "at least 95"
    assert at_least(1234, "over") == "over 1,230"


def test_group_names_read_as_plurals():
    assert group_plural("Carer") == "carers"
    assert group_plural("Person who uses services") == "people who use services"
    assert group_plural("Housing association") == "housing associations"
    assert group_plural("Frontline staff") == "frontline staff"
    assert group_plural("NHS trust") == "NHS trusts"


def test_recommendations_are_grouped_in_group_order(scene):
    """Recommendations appear under their group's sub-heading, groups in the user's order."""
    letter = build_letter(scene.cf)
    recs = _section(letter.blocks, "Recommendations")
    outline = [(b.kind, b.text) for b in recs if b.kind in ("heading", "bullet")]
    assert outline == [
        ("heading", "The wider strategy"),
        ("bullet", "Agree an all-age approach to transitions"),
        ("heading", "Quick wins"),
        ("bullet", "Publish a single contact list for providers"),
        ("bullet", "Share the carers' survey results"),
    ]


def test_ungrouped_recommendations_come_last(scene):
    add_finding(scene.cf, "Review the charging policy", kind="recommendation")
    recs = _section(build_letter(scene.cf).blocks, "Recommendations")
    headings = _texts(recs, "heading")
    assert headings[-1] == "Other recommendations"
    assert _texts(recs, "bullet")[-1] == "Review the charging policy"


def test_key_messages_list_only_flagged_findings(scene):
    letter = build_letter(scene.cf)
    key = _section(letter.blocks, "Key messages")
    assert _texts(key, "bullet") == [
        "Staff are committed and well supported",
        "Transitions from children's services start late",
    ]
    scene.cf.update("finding", scene.findings["s1"], {"key_message": 0})
    scene.cf.update("finding", scene.findings["a1"], {"key_message": 0})
    letter = build_letter(scene.cf)
    assert "Key messages" not in _texts(letter.blocks, "heading", 1)
    assert any("key message" in w for w in letter.warnings)


def test_deleted_and_unheaded_findings(scene):
    """A deleted finding is left out; one without a heading goes under 'Other findings' with
    a warning, so nothing the team wrote silently disappears."""
    scene.cf.delete("finding", scene.findings["s2"])
    add_finding(scene.cf, "Data is used well", kind="strength", heading=None)
    letter = build_letter(scene.cf)
    bullets = _texts(letter.blocks, "bullet")
    assert "Providers feel listened to" not in bullets
    assert "Inclusive" not in _texts(letter.blocks, "heading", 1)
    assert _texts(_section(letter.blocks, "Other findings"), "bullet") == ["Data is used well"]
    assert any("no framework heading" in w for w in letter.warnings)


def test_findings_keep_the_users_order(scene):
    """Within a section, findings follow their ordinal, not the order they were written."""
    first = add_finding(scene.cf, "Earlier strength", heading=domain_id(scene.cf, "3"), ordinal=-1)
    bullets = _texts(_section(build_letter(scene.cf).blocks, "Well led"), "bullet")
    assert bullets[0] == "Earlier strength"
    scene.cf.update("finding", first, {"ordinal": 99})
    bullets = _texts(_section(build_letter(scene.cf).blocks, "Well led"), "bullet")
    assert bullets.index("Earlier strength") > bullets.index("Political leadership is engaged")


def test_notable_practice_is_marked(scene):
    scene.cf.update(
        "finding", scene.findings["s3"], {"notable": 1, "statement": "Leadership is engaged."}
    )
    block = next(
        b
        for b in build_letter(scene.cf).blocks
        if b.finding_id == scene.findings["s3"] and b.kind == "bullet"
    )
    assert block.text == "Leadership is engaged (notable practice)."
    assert block.runs[1].italic


def test_quotes_go_out_unattributed_when_asked_for(scene):
    """With quotes switched on, a verbatim quote linked to a finding appears as 'One person we
    spoke to said …' -- never with the speaker -- and only then."""
    assert not any(b.kind == "quote" for b in build_letter(scene.cf).blocks)
    letter_settings.save(scene.cf, include_quotes=True)
    quotes = [b for b in build_letter(scene.cf).blocks if b.kind == "quote"]
    assert [q.text for q in quotes] == [
        "One person we spoke to said: “My manager always has time for me”"
    ]
    assert quotes[0].source.table == "observation"


def test_standard_paragraphs_use_placeholders_and_can_be_edited(scene):
    """PeerNotes' wording is filled in for this council and date; an edited paragraph replaces
    it (blank lines make several paragraphs); resetting brings the wording back."""
    letter = build_letter(scene.cf)
    numbered = _texts(letter.blocks, "numbered")
    assert any("Fernhill Borough Council and its partners" in t for t in numbered)
    assert any("13 November 2026" in t for t in numbered)
    assert not any("{" in t for t in numbered)
    letter_settings.save(
        scene.cf,
        basis="Our own basis for {council}.\n\nA second paragraph {unknown}.",
        feedback_date="2026-11-20",
    )
    numbered = _texts(build_letter(scene.cf).blocks, "numbered")
    assert "Our own basis for Fernhill Borough Council." in numbered
    assert "A second paragraph {unknown}." in numbered
    letter_settings.reset(scene.cf, "basis")
    numbered = _texts(build_letter(scene.cf).blocks, "numbered")
    assert any("20 November 2026" in t for t in numbered)


def test_settings_defaults_follow_the_file(scene):
    """The signatory defaults to the lead peer (and follows a change of lead), the feedback
    date to the last on-site day, the scope to the challenge's scope and scoping questions."""
    settings = letter_settings.load(scene.cf)
    assert settings.signatory_name == "Alex Morgan"
    assert settings.feedback_date == "2026-11-13"
    assert settings.lines("scope") == [
        "How well does the council commission care at home?",
        "Is the home care market sustainable?",
    ]
    assert settings.is_default("signatory_name")
    lead = people.team(scene.cf)[0]
    scene.cf.update("peer", lead["id"], {"name": "Alexandra Morgan"})
    assert letter_settings.load(scene.cf).signatory_name == "Alexandra Morgan"


def test_settings_are_stored_one_row_per_key_and_survive_reopening(tmp_path):
    """Saved settings are in the file after closing it; each key is one merge-friendly row."""
    path = tmp_path / "settings.peernotes"
    scene = build_letter_scene(path)
    changed = letter_settings.save(scene.cf, clients="Sam Doe, Director", document_type="Report")
    assert sorted(changed) == ["clients", "document_type"]
    assert letter_settings.save(scene.cf, clients="Sam Doe, Director") == []  # no-op
    row = scene.cf.rows("setting", "key = ?", ("letter.clients",))[0]
    assert row["id"] == link_id("setting", "letter.clients")
    scene.cf.close()
    cf = ChallengeFile.open(path)
    try:
        settings = letter_settings.load(cf)
        assert settings.clients == "Sam Doe, Director"
        assert settings.document_type == "Report"
        assert not settings.is_default("clients")
        letter_settings.reset(cf, "clients")
        letter_settings.save(cf, clients="Kim Roe")  # a reset key can be set again
        assert letter_settings.load(cf).clients == "Kim Roe"
    finally:
        cf.close()


def test_report_wording_changes_the_document_word(scene):
    letter_settings.save(scene.cf, document_type="Report")
    letter = build_letter(scene.cf)
    assert letter.title.endswith("– Report")
    assert any("This report therefore" in t for t in _texts(letter.blocks, "numbered"))


def test_bad_settings_are_refused(scene):
    """Any title wording is taken ("Memo"), but not an empty one, nor an unknown numbering."""
    letter_settings.save(scene.cf, document_type="Memo")
    assert letter_settings.load(scene.cf).document_type == "Memo"
    with pytest.raises(ValidationError):
        letter_settings.save(scene.cf, document_type="  ")
    with pytest.raises(ValidationError, match="numbering"):
        letter_settings.save(scene.cf, numbering="roman")
    with pytest.raises(ValidationError):
        letter_settings.save(scene.cf, feedback_date="next Tuesday")
    with pytest.raises(ValidationError):
        letter_settings.save(scene.cf, colour="red")


def test_allow_list_is_kept_without_duplicates(scene):
    assert letter_settings.allow_name(scene.cf, "Marsh Lane")
    assert not letter_settings.allow_name(scene.cf, "marsh  lane")
    assert letter_settings.load(scene.cf).allowed_names == ["Marsh Lane"]
    assert letter_settings.disallow_name(scene.cf, "MARSH LANE")
    assert letter_settings.load(scene.cf).allowed_names == []


def test_text_is_cleaned_for_word():
    """Control characters go, Word's own line/page break characters become line breaks, lone
    surrogates become a replacement character; emoji and right-to-left text are untouched."""
    assert clean_text("a\x00b\x01c") == "abc"
    assert clean_text("line\x0bbreak\x0cpage\r\nend\rx") == "line\nbreak\npage\nend\nx"
    assert clean_text("bad \ud800 half") == "bad \ufffd half"
    assert clean_text("tab\tkept 😀 שלום مرحبا") == "tab\tkept 😀 שלום مرحبا"
    assert clean_text(None) == ""


def test_evidence_links_do_not_change_the_letter(scene):
    """The letter shows the team's words only: linking more evidence adds nothing to it."""
    before = [b.text for b in build_letter(scene.cf).blocks]
    link_evidence(scene.cf, scene.findings["a1"], scene.observations["heard"])
    assert [b.text for b in build_letter(scene.cf).blocks] == before


def test_a_pasted_lone_surrogate_is_stored_as_a_replacement_character(scene):
    """A broken character pasted into a settings field does not stop the save."""
    letter_settings.save(scene.cf, closing="Thanks \ud83d for everything.")
    assert letter_settings.load(scene.cf).closing == "Thanks \ufffd for everything."
