"""The feedback deck: built from the roll-up, split rather than shrunk, guarded, and written
onto the template with python-pptx -- checked by reopening the .pptx."""

from __future__ import annotations

import dataclasses
import runpy
from pathlib import Path

import pytest
from helpers import make_challenge
from letter_data import PEOPLE, add_finding, build_letter_scene, domain_id
from pptx import Presentation

from peernotes.cli import main
from peernotes.core import attribution, deck_settings, letter_settings
from peernotes.core.deck import Note, build_deck
from peernotes.core.deck_settings import DeckOptions
from peernotes.core.records import challenge
from peernotes.core.rollup import rollup
from peernotes.export.pptx_deck import export_deck, load_template
from peernotes.export.safe_write import ExportFailed

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_deck_template.py"


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


@pytest.fixture(scope="module")
def template():
    return load_template()


def _many_findings(cf, count: int = 14) -> list[str]:
    """Enough long strengths and areas under domain 2 to need continuation slides."""
    heading = domain_id(cf, "2")
    ids = []
    for n in range(count):
        kind = "strength" if n % 3 else "area"
        ids.append(
            add_finding(
                cf,
                f"Finding {n:02d}: the council and its partners share a clear picture of "
                f"demand across the borough, item {n}",
                kind=kind,
                heading=heading,
                ordinal=float(n),
            )
        )
    return ids


def _slides(path: Path) -> list[dict]:
    """Each slide of a written deck: layout, title, body paragraphs (text, level), notes."""
    out = []
    for slide in Presentation(str(path)).slides:
        holders = {p.placeholder_format.idx: p for p in slide.placeholders}
        body = holders.get(1)
        paragraphs = (
            [(p.text, p.level) for p in body.text_frame.paragraphs] if body is not None else []
        )
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append(
            {
                "layout": slide.slide_layout.name,
                "title": holders[0].text_frame.text,
                "body": paragraphs,
                "notes": notes,
            }
        )
    return out


def test_slide_order_and_titles_follow_the_framework(scene, template, tmp_path):
    """The deck runs title, the challenge, key messages, one slide per heading in framework
    order (only headings with findings), recommendations, next steps, thanks."""
    deck = build_deck(scene.cf, template.capacity)
    slides = _slides(export_deck(deck, tmp_path / "deck.pptx", template))
    titles = [s["title"] for s in slides]
    domains = [h["name"] for h in challenge.headings(scene.cf) if h["kind"] == "domain"]
    assert titles[0] == "Adult Social Care Peer Challenge"
    assert slides[0]["layout"] == "Title Slide"
    heading_titles = [t for t in titles if t in domains]
    assert heading_titles == domains[:3]  # the fourth domain has no findings
    assert titles.index("Key messages") < titles.index(domains[0])
    assert titles.index(domains[2]) < titles.index("Recommendations") < titles.index("Next steps")
    assert titles[-1] == "Thank you"
    assert titles[1] == "The challenge"


def test_every_strength_and_area_appears_once_in_roll_up_order(scene, template, tmp_path):
    """Each strength and area is a bullet exactly once, on its heading's slide or a
    continuation of it, in the order the roll-up lists them."""
    _many_findings(scene.cf)
    deck = build_deck(scene.cf, template.capacity)
    slides = _slides(export_deck(deck, tmp_path / "deck.pptx", template))
    result = rollup(scene.cf)
    for heading in result.headings:
        if heading.depth != 0 or not (heading.strengths or heading.areas):
            continue
        children = [h for h in result.headings if h.parent_id == heading.id]
        expected = {
            kind: [f.statement for h in (heading, *children) for f in h.by_kind(kind)]
            for kind in ("strength", "area")
        }
        on_slides = [
            s
            for s in slides
            if s["title"] in (heading.name, heading.name + " (continued)")
            and s["layout"] == "Title and Content"
        ]
        label, seen = None, {"strength": [], "area": []}
        for slide in on_slides:
            for text, level in slide["body"]:
                if level == 0:
                    label = "strength" if text.startswith("Strengths") else "area"
                else:
                    seen[label].append(text)
        assert seen == expected, heading.name
    assert any(s["title"].endswith("(continued)") for s in slides)


def test_no_body_overflows_its_placeholder(scene, template, tmp_path):
    """Counting wrapped lines against the layout's capacity, no slide's body is over-full:
    long headings go on to continuation slides, the text is never shrunk."""
    _many_findings(scene.cf, 30)
    deck = build_deck(scene.cf, template.capacity)
    path = export_deck(deck, tmp_path / "deck.pptx", template)
    capacity = template.capacity
    for slide in _slides(path):
        used = sum(capacity.line_count(t, lvl) + capacity.paragraph_gap for t, lvl in slide["body"])
        assert used <= capacity.lines, (slide["title"], used)
    pptx = Presentation(str(path))
    for slide in pptx.slides:
        for shape in slide.placeholders:
            body_pr = shape.text_frame._txBody.bodyPr
            assert body_pr.find("{*}normAutofit") is None  # no shrink-on-overflow
    assert template.body_pt >= 24


def test_speaker_notes_carry_triangulation_and_no_interviewee(scene, template, tmp_path):
    """The presenter's notes give each finding's level and counts (modes, sources, groups);
    no note names anyone the team met."""
    deck = build_deck(scene.cf, template.capacity)
    slides = _slides(export_deck(deck, tmp_path / "deck.pptx", template))
    heading = next(s for s in slides if s["title"] == "Person-centred and outcomes-focused")
    assert "Staff are committed and well supported" in heading["notes"]
    assert "Triangulated" in heading["notes"]
    assert "2 modes (read, heard)" in heading["notes"] and "2 sources" in heading["notes"]
    assert "stakeholder group" in heading["notes"]
    everything = "\n".join(s["notes"] + s["title"] for s in slides)
    for name in PEOPLE:
        assert name not in everything
        assert name.split()[-1] not in everything


def test_the_guard_stops_a_name_in_a_finding_and_in_a_note(scene, template, tmp_path):
    """A name planted in a finding stops the export (the CLI writes nothing, exit 2); a name
    in a speaker note is found too."""
    add_finding(
        scene.cf,
        "Dana Reddaway says carers wait too long",
        kind="area",
        heading=domain_id(scene.cf, "1"),
    )
    deck = build_deck(scene.cf, template.capacity)
    hits = attribution.scan(scene.cf, deck)
    assert {h.matched for h in hits} >= {"Dana Reddaway"}
    assert any(h.source and h.source.table == "finding" for h in hits)

    clean = build_letter_scene(None)
    deck = build_deck(clean.cf, template.capacity)
    assert attribution.scan(clean.cf, deck) == []
    planted = dataclasses.replace(
        deck.slides[-1], notes=(Note("Ask Gus Halloran about the visit"),)
    )
    deck.slides[-1] = planted
    assert [h.matched for h in attribution.scan(clean.cf, deck)] == ["Gus Halloran"]
    clean.cf.close()


def test_cli_refuses_a_named_deck_and_allow_lets_it_through(tmp_path, capsys):
    """`export --feedback` exits 2 and writes nothing when a slide names someone; with
    --allow for that item it writes the deck and says how many slides."""
    path = tmp_path / "c.peernotes"
    scene = build_letter_scene(path)
    add_finding(scene.cf, "Hana Ortiz praised the market work", heading=domain_id(scene.cf, "1"))
    scene.cf.close()
    out = tmp_path / "deck.pptx"
    assert main(["export", str(path), "--feedback", str(out)]) == 2
    err = capsys.readouterr().err
    assert "presentation was NOT written" in err and "Hana Ortiz" in err
    assert not out.exists()
    assert main(["export", str(path), "--feedback", str(out), "--allow", "Hana Ortiz"]) == 0
    assert "slides) written to" in capsys.readouterr().out
    assert out.exists()


def test_rebranding_changes_the_look_and_nothing_else(scene, template, tmp_path):
    """A second template (another colour and font) gives the same slides, text and notes;
    only the master's look differs."""
    module = runpy.run_path(str(SCRIPT))
    other = tmp_path / "other.pptx"
    assert module["main"]([str(other), "--accent", "8B1A1A", "--font", "Georgia"]) == 0
    deck = build_deck(scene.cf, template.capacity)
    ours = export_deck(deck, tmp_path / "ours.pptx", template)
    theirs_template = load_template(other)
    theirs = export_deck(
        build_deck(scene.cf, theirs_template.capacity), tmp_path / "theirs.pptx", theirs_template
    )
    assert _slides(ours) == _slides(theirs)

    def master_xml(path: Path) -> bytes:
        from lxml import etree

        return etree.tostring(Presentation(str(path)).slide_master.element)

    assert b"Georgia" in master_xml(theirs) and b"Georgia" not in master_xml(ours)
    assert b"8B1A1A" in master_xml(theirs)


def test_an_empty_challenge_gives_a_deck_and_a_clear_note(tmp_path, template):
    """With no findings the deck still has its title, challenge, next steps and thanks
    slides, and says why the findings slides are missing."""
    cf = make_challenge(None)
    deck = build_deck(cf, template.capacity)
    keys = list(dict.fromkeys(s.key for s in deck.slides))
    assert keys == ["title", "challenge", "next_steps", "thanks"]
    assert "no findings yet" in deck.warnings[0]
    slides = _slides(export_deck(deck, tmp_path / "empty.pptx", template))
    assert len(slides) == len(deck.slides)
    assert slides[-1]["title"] == "Thank you"
    cf.close()


@pytest.mark.parametrize("content", [None, b"not a zip file"])
def test_a_missing_or_broken_template_is_named(tmp_path, content, capsys):
    """A missing or damaged template is refused with a sentence naming the file; the CLI
    exits 2 and writes nothing."""
    bad = tmp_path / "brand.pptx"
    if content is not None:
        bad.write_bytes(content)
    with pytest.raises(ExportFailed, match="brand.pptx"):
        load_template(bad)
    path = tmp_path / "c.peernotes"
    make_challenge(path).close()
    out = tmp_path / "deck.pptx"
    assert main(["export", str(path), "--feedback", str(out), "--template", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "brand.pptx" in err and "Traceback" not in err
    assert not out.exists()


def test_slides_are_optional_and_reorderable(scene, template):
    """The team's choice of slides and order is saved in the file and followed; asking for
    recommendations on the heading slides puts them there too."""
    add_finding(
        scene.cf, "Fund the carers' hub", kind="recommendation", heading=domain_id(scene.cf, "1")
    )
    options = DeckOptions(("title", "headings", "key_messages"), recommendations_on_headings=True)
    assert deck_settings.save(scene.cf, options)
    assert deck_settings.load(scene.cf) == options
    deck = build_deck(scene.cf, template.capacity)
    keys = [s.key for s in deck.slides]
    assert keys[0] == "title" and keys[-1] == "key_messages"
    assert "thanks" not in keys and "recommendations" not in keys
    first = next(s for s in deck.slides if s.key == "headings")
    assert [b.text for b in first.bullets][-2:] == ["Recommendations", "Fund the carers' hub"]
    bullets = [b.text for s in deck.slides if s.key == "headings" for b in s.bullets]
    assert "Agree an all-age approach to transitions" not in bullets  # it has no heading


def test_next_steps_dates_are_letter_settings(scene, template):
    """The next steps slide gives the letter, action plan and progress review dates, edited
    with the letter's settings."""
    letter_settings.save(scene.cf, action_plan_date="2027-02-01", progress_review_date="2027-09-20")
    deck = build_deck(scene.cf, template.capacity)
    steps = next(s for s in deck.slides if s.key == "next_steps")
    texts = [b.text for b in steps.bullets]
    assert "The council's action plan: by 1 February 2027" in texts
    assert "A progress review: 20 September 2027" in texts


def test_the_letter_can_quote_the_same_next_step_dates(scene):
    """The letter's Next steps can name the action plan and progress review dates the deck
    shows ({action_plan_date}, {progress_review_date}), so the two never disagree."""
    from peernotes.core.letter import build_letter

    letter_settings.save(
        scene.cf,
        action_plan_date="2027-02-01",
        progress_review_date="2027-09-20",
        next_steps="An action plan by {action_plan_date}; a review on {progress_review_date}.",
    )
    texts = [text for text, _source in build_letter(scene.cf).texts()]
    assert "An action plan by 1 February 2027; a review on 20 September 2027." in texts
