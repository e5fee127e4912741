"""Weak findings before export: the list the window and the CLI warn with."""

from __future__ import annotations

import pytest
from synthesis_data import build_scene

from peernotes.core import findings
from peernotes.core.weak_findings import summary, weak_findings


@pytest.fixture
def scene(cf):
    return build_scene(cf)


def test_single_source_and_unevidenced_findings_are_listed_strong_ones_are_not(scene):
    """The lead peer is told about the finding resting on one meeting and the one resting on
    nothing -- and not about a corroborated one or a recommendation."""
    cf = scene.cf
    one = scene.obs("Carers praised respite", meeting="carers")
    other = scene.obs("Staff said respite is easy", meeting="staff")
    single = findings.create_finding(
        cf, "Carers value respite", observation_ids=[one], heading_id=scene.headings["1"]
    )
    empty = findings.create_finding(cf, "Waits are long", kind="area")
    findings.create_finding(cf, "Respite works", observation_ids=[one, other])
    findings.create_finding(cf, "Publish waiting times", kind="recommendation")
    weak = weak_findings(cf)
    assert [(w.id, w.label) for w in weak] == [
        (single, "Single source — to test"),
        (empty, "No evidence yet"),
    ] or [(w.id, w.label) for w in weak] == [
        (empty, "No evidence yet"),
        (single, "Single source — to test"),
    ]
    line = next(w for w in weak if w.id == single).line()
    assert line.startswith('Single source — to test: "Carers value respite" (Strength, 1')
    assert summary(weak) == "2 findings are weakly evidenced (1 single source, 1 with no evidence)."


def test_nothing_weak_means_an_empty_list(scene):
    assert weak_findings(scene.cf) == []


def test_cli_warns_and_strict_refuses_writing_nothing(tmp_path, capsys):
    """`export --letter` prints each weak finding as a warning and still writes; with
    --strict it writes nothing and exits 2, as the guard does."""
    from letter_data import add_finding, build_letter_scene, domain_id

    from peernotes.cli import main

    path = tmp_path / "c.peernotes"
    scene = build_letter_scene(path)
    add_finding(scene.cf, "Nobody has evidenced this yet", heading=domain_id(scene.cf, "2"))
    scene.cf.close()
    out = tmp_path / "letter.docx"
    capsys.readouterr()
    assert main(["export", str(path), "--letter", str(out)]) == 0
    err = capsys.readouterr().err
    assert 'warning: No evidence yet: "Nobody has evidenced this yet"' in err
    assert out.exists()
    out.unlink()
    assert main(["export", str(path), "--letter", str(out), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "NOT written (--strict)" in err and "Nobody has evidenced this yet" in err
    assert not out.exists()


def test_feedback_deck_export_warns_and_strict_refuses(tmp_path, capsys):
    """`export --feedback` gives the same warnings; with --strict no .pptx is written."""
    from letter_data import add_finding, build_letter_scene, domain_id

    from peernotes.cli import main

    path = tmp_path / "c.peernotes"
    scene = build_letter_scene(path)
    add_finding(scene.cf, "Nobody has evidenced this yet", heading=domain_id(scene.cf, "2"))
    scene.cf.close()
    out = tmp_path / "deck.pptx"
    capsys.readouterr()
    assert main(["export", str(path), "--feedback", str(out), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "presentation was NOT written (--strict)" in err
    assert not out.exists()
    assert main(["export", str(path), "--feedback", str(out)]) == 0
    assert 'warning: No evidence yet: "Nobody has evidenced this yet"' in capsys.readouterr().err
    assert out.exists()
