"""The Word files: reopened with python-docx and checked the way a reader (and Word) sees them."""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from letter_data import PEOPLE, add_finding, build_letter_scene, domain_id

from peernotes.commands.letter_export import export_letter as cli_export
from peernotes.core import letter_settings
from peernotes.core.letter import build_letter
from peernotes.core.records import challenge, people
from peernotes.core.store import ChallengeFile
from peernotes.export.docx_letter import export_letter, template_path
from peernotes.export.evidence_report import INTERNAL_MARK, export_evidence_report
from peernotes.export.safe_write import ExportFailed, write_atomically


@pytest.fixture
def scene():
    scene = build_letter_scene(None)
    yield scene
    scene.cf.close()


@pytest.fixture
def exported(scene, tmp_path):
    target = tmp_path / "letter.docx"
    export_letter(build_letter(scene.cf), target)
    return docx.Document(str(target))


def _style(paragraph) -> str:
    return paragraph.style.name


def _outline(document) -> list[tuple[str, str]]:
    return [(_style(p), p.text) for p in document.paragraphs]


def _num_id(paragraph) -> str | None:
    num = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return num.get(qn("w:val")) if num is not None else None


def test_heading_order_follows_the_framework(scene, exported):
    """The navigation pane shows Introduction, Key messages, then the framework's domains in
    order (only those with findings), Recommendations, Next steps and the appendix."""
    headings = [p.text for p in exported.paragraphs if _style(p) == "Heading 1"]
    domains = [h["name"] for h in challenge.headings(scene.cf) if h["kind"] == "domain"]
    assert headings[:2] == ["Introduction", "Key messages"]
    assert headings[2:5] == domains[:3]
    assert headings[5:7] == ["Recommendations", "Next steps"]
    assert len(headings) == 8 and headings[7].startswith("Appendix 1")


def test_findings_sit_under_their_heading_and_sub_heading(scene, tmp_path):
    """Each finding's bullet is in List Bullet style under the right Heading 1 and the right
    Strengths / Areas for consideration Heading 2 (key messages are printed once, in the key
    messages: these are not key messages)."""
    for key in ("s1", "a1"):
        scene.cf.update("finding", scene.findings[key], {"key_message": 0})
    target = tmp_path / "letter.docx"
    export_letter(build_letter(scene.cf), target)
    where: dict[str, tuple[str, str]] = {}
    h1 = h2 = ""
    for style, text in _outline(docx.Document(str(target))):
        if style == "Heading 1":
            h1, h2 = text, ""
        elif style == "Heading 2":
            h2 = text
        elif style == "List Bullet" and h1 != "Key messages":
            where[text] = (h1, h2)
    domains = [h["name"] for h in challenge.headings(scene.cf) if h["kind"] == "domain"]
    assert where["Staff are committed and well supported"] == (domains[0], "Strengths")
    assert where["Transitions from children's services start late"] == (
        domains[0],
        "Areas for consideration",
    )
    assert where["Providers feel listened to"] == (domains[1], "Strengths")
    assert where["Quality assurance has less resource than commissioning"] == (
        domains[2],
        "Areas for consideration",
    )


def test_numbered_paragraphs_use_one_real_word_list(exported):
    """Every numbered paragraph carries w:numPr pointing at the numbering definition of the
    Numbered Paragraph style -- the same numId throughout, never restarted -- so Word numbers
    them 1, 2, 3 … across sections and renumbers after an insertion."""
    numbered = [p for p in exported.paragraphs if _style(p) == "Numbered Paragraph"]
    assert len(numbered) >= 15
    ids = {_num_id(p) for p in numbered}
    assert len(ids) == 1 and None not in ids
    (num_id,) = ids
    style_num = exported.styles["Numbered Paragraph"].element.find(
        f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}"
    )
    assert style_num.get(qn("w:val")) == num_id
    numbering = exported.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    assert num.find(qn("w:lvlOverride")) is None  # no restart
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
    assert level.find(qn("w:start")).get(qn("w:val")) == "1"
    # Numbers run on: narrative paragraphs of different sections are in that one list.
    texts = [p.text for p in numbered]
    assert "Providers described regular forums where commissioners act on what they hear." in texts
    assert not any(t[:3].rstrip(".").isdigit() for t in texts)  # no typed numbers


def test_bullets_are_a_real_list_style(exported):
    bullet = exported.styles["List Bullet"].element.find(
        f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}"
    )
    assert bullet is not None


def test_team_list_and_figures_match_the_data(scene, exported):
    text = "\n".join(p.text for p in exported.paragraphs)
    for member in people.team(scene.cf):
        assert member["name"] in text
    team = [
        p.text
        for p in exported.paragraphs
        if p.text.startswith(("Lead peer", "Officer peer", "Member peer", "Challenge manager"))
    ]
    assert team[0].startswith("Lead peer – Alex Morgan") and team[-1].startswith(
        "Challenge manager – Jo Clarke"
    )
    assert (
        "read three documents, held six meetings and met and spoke with seven people over four days"
        in text
    )


def test_recommendations_are_grouped(exported):
    outline = _outline(exported)
    start = outline.index(("Heading 1", "Recommendations"))
    end = next(i for i in range(start + 1, len(outline)) if outline[i][0] == "Heading 1")
    part = [(s, t) for s, t in outline[start + 1 : end] if s in ("Heading 2", "List Bullet")]
    assert part == [
        ("Heading 2", "The wider strategy"),
        ("List Bullet", "Agree an all-age approach to transitions"),
        ("Heading 2", "Quick wins"),
        ("List Bullet", "Publish a single contact list for providers"),
        ("List Bullet", "Share the carers' survey results"),
    ]


def test_header_title_and_appendix_table(scene, exported):
    header_text = " ".join(p.text for p in exported.sections[0].header.paragraphs)
    assert (
        "Fernhill Borough Council – Adult Social Care Peer Challenge – Summary Letter"
        in header_text
    )
    assert "{document_title}" not in header_text
    table = exported.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Domain", "Standards"]
    assert table.rows[1].cells[1].text.startswith("1. Person-centred")
    assert len(table.rows) == 5
    assert exported.core_properties.title.startswith("Fernhill Borough Council")


def _all_xml_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def test_no_interviewee_is_named_anywhere(scene, tmp_path):
    """With the guard passing, no name of anyone met is in the file -- body, tables, headers,
    footers or document properties -- even with quotes switched on."""
    letter_settings.save(scene.cf, include_quotes=True, acknowledgements="Thanks to all.")
    target = tmp_path / "letter.docx"
    export_letter(build_letter(scene.cf), target)
    xml = _all_xml_text(target)
    for name in PEOPLE:
        for part in name.split():
            assert part not in xml, part
    assert "My manager always has time for me" in xml  # the quote went out, unattributed


def test_control_characters_surrogates_emoji_and_rtl_export(scene, tmp_path):
    """Text pasted from anywhere exports: control characters are dropped, a lone surrogate
    becomes �, and emoji, right-to-left text and very long notes arrive intact."""
    long_text = "Very long note. " * 6000
    add_finding(
        scene.cf,
        "Bad\x00 input\x0b from\x0c a paste 😀",
        heading=domain_id(scene.cf, "4"),
        narrative=f"مرحبا بكم\n\nשלום\x1f עולם\n\n{long_text}",
    )
    letter_settings.save(scene.cf, next_steps="Ends with a bell\x07 and a tab\tinside.")
    # SQLite cannot store a lone surrogate, but settings handed in by a caller can carry one.
    settings = letter_settings.load(scene.cf)
    settings = letter_settings.LetterSettings(
        {**settings.values, "closing": "Half a pair \ud800 here."}, settings.stored
    )
    target = tmp_path / "letter.docx"
    export_letter(build_letter(scene.cf, settings), target)
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert "Bad input\n from\n a paste 😀" in texts
    assert "مرحبا بكم" in texts
    assert "שלום עולם" in texts
    assert long_text.strip() in texts
    assert "Ends with a bell and a tab\tinside." in texts
    assert "Half a pair � here." in texts
    rtl = next(p for p in document.paragraphs if p.text.startswith("مرحبا"))
    assert rtl._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None


def test_the_renderer_cleans_text_it_is_handed(tmp_path):
    """Even blocks that skipped the builder's cleaning cannot make python-docx raise."""
    from peernotes.core.letter import Block, Letter, Run
    from peernotes.export.docx_letter import render_letter

    scene = build_letter_scene(None)
    letter = build_letter(scene.cf)
    dirty = Letter(
        [
            Block("paragraph", (Run("nul\x00 vt\x0b surrogate \udfff end"),)),
            Block("table", rows=(("a\x01", "b\ud801"),)),
        ],
        "Title\x00",
        letter.figures,
        letter.settings,
    )
    target = render_letter(dirty).save(tmp_path / "dirty.docx")
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == "nul vt\n surrogate � end"
    assert document.tables[0].rows[0].cells[1].text == "b�"
    scene.cf.close()


def test_the_template_carries_the_styles(tmp_path):
    """The shipped template has every style the letter uses, and its numbered style is linked
    to a numbering definition; the script regenerates an equivalent template."""
    template = docx.Document(str(template_path()))
    names = {s.name for s in template.styles}
    for needed in (
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "List Bullet",
        "List Bullet 2",
        "Numbered Paragraph",
        "Letter Table",
        "Table Text",
        "Heading Numbers",
        "List Number",
        "List Letter",
        "Strong",
        "Emphasis",
        "Inline Quote",
    ):
        assert needed in names
    assert template.paragraphs == [] or all(not p.text for p in template.paragraphs)
    import runpy

    module = runpy.run_path(
        str(Path(__file__).resolve().parents[2] / "scripts" / "make_letter_template.py")
    )
    out = tmp_path / "regenerated.docx"
    assert module["main"]([str(out)]) == 0
    regenerated = docx.Document(str(out))
    assert {s.name for s in regenerated.styles} == names


def test_a_rebranded_template_without_some_styles_still_exports(scene, tmp_path):
    """A template missing 'List Bullet 2' and 'Numbered Paragraph' still produces a letter,
    with warnings saying what was used instead."""
    from peernotes.export.docx_letter import render_letter

    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    writer = render_letter(build_letter(scene.cf), plain)
    assert any("Numbered Paragraph" in w for w in writer.warnings)
    target = writer.save(tmp_path / "out.docx")
    assert "Staff are committed and well supported" in [
        p.text for p in docx.Document(str(target)).paragraphs
    ]


def test_a_template_without_list_number_still_numbers_recommendations(scene, tmp_path):
    """A re-branded template lacking the "List Number" style: the export warns and the
    recommendations are still one numbered Word list (decimal, made by PeerNotes)."""
    from peernotes.core.letter_presets import apply_preset
    from peernotes.export.docx_letter import render_letter, template_path

    template = docx.Document(str(template_path()))
    style = template.styles["List Number"].element
    style.getparent().remove(style)
    stripped = tmp_path / "no-list-number.docx"
    template.save(str(stripped))
    apply_preset(scene.cf, "corporate_2024")
    writer = render_letter(build_letter(scene.cf), stripped)
    assert any("List Number" in w for w in writer.warnings)
    document = docx.Document(str(writer.save(tmp_path / "out.docx")))
    numbering = document.part.numbering_part.element
    items = [
        p for p in document.paragraphs if p.text == "Publish a single contact list for providers"
    ]
    num_id = items[0]._p.pPr.numPr.numId.val
    num = next(n for n in numbering.findall(qn("w:num")) if n.numId == num_id)
    abstract_id = num.abstractNumId.val
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )  # fmt: skip
    assert abstract.find(f"{qn('w:lvl')}/{qn('w:numFmt')}").get(qn("w:val")) == "decimal"


# ------------------------------------------------------------------ safe writing
def test_a_failed_write_leaves_nothing_behind(tmp_path):
    """If writing fails half-way, the target is not created and no temporary file remains."""
    target = tmp_path / "letter.docx"

    def half(stream):
        stream.write(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportFailed, match="disk is full"):
        write_atomically(target, half)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "letter.docx"
    target.write_bytes(b"the letter from yesterday")

    def broken(stream):
        stream.write(b"new")
        raise RuntimeError("renderer bug")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken)
    assert target.read_bytes() == b"the letter from yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.docx"]


def test_unwritable_or_missing_folders_give_clear_messages(tmp_path):
    with pytest.raises(ExportFailed, match="does not exist"):
        write_atomically(tmp_path / "nowhere" / "letter.docx", lambda s: s.write(b"x"))
    with pytest.raises(ExportFailed, match="is a folder"):
        write_atomically(tmp_path, lambda s: s.write(b"x"))
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(ExportFailed, match="permission"):
                write_atomically(locked / "letter.docx", lambda s: s.write(b"x"))
        finally:
            locked.chmod(0o700)


def test_permission_errors_are_explained(tmp_path, monkeypatch):
    """Replacing a file that is open in Word (Windows refuses) says to close it."""
    target = tmp_path / "letter.docx"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportFailed, match="close it in Word"):
        write_atomically(target, lambda s: s.write(b"new"))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.docx"]


# ---------------------------------------------------------------- evidence report
def test_evidence_report_is_marked_internal_and_lists_evidence(scene, tmp_path):
    """The internal report says so in its title, headers and footers, lists every finding by
    heading with its triangulation status, and its evidence with mode, source, groups,
    recorder and date."""
    target = export_evidence_report(scene.cf, tmp_path / "evidence.docx")
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Evidence report"
    assert INTERNAL_MARK in texts
    section = document.sections[0]
    for part in (
        section.header,
        section.first_page_header,
        section.footer,
        section.first_page_footer,
    ):
        assert INTERNAL_MARK.upper() in " ".join(p.text for p in part.paragraphs)
    headings3 = [p.text for p in document.paragraphs if _style(p) == "Heading 3"]
    statements = [r["statement"] for r in scene.cf.rows("finding")]
    assert len(headings3) == len(statements)
    assert "Strength: Staff are committed and well supported" in headings3
    assert any(t.startswith("Status: ") for t in texts)
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    evidence = [r for r in rows if r[0] == "Supports"]
    assert [
        "Supports",
        "Heard",
        "Managers are visible",
        "Focus group: Frontline staff drop-in",
        "Frontline staff",
        "Priya Nair",
        "11 Nov 2026",
    ] in evidence
    assert any(r[2] == "Quote: “My manager always has time for me”" for r in evidence)
    assert any(r[3] == "Document: Self-assessment 2026" for r in evidence)
    if os.name == "posix":
        assert (target.stat().st_mode & 0o077) == 0  # owner-only


# ------------------------------------------------------------------- command line
def _args(file, **kwargs) -> argparse.Namespace:
    return argparse.Namespace(
        file=str(file),
        docx=kwargs.get("docx"),
        evidence_report=kwargs.get("evidence_report"),
        allow=kwargs.get("allow"),
    )


def test_command_line_export_writes_both_files(tmp_path, capsys):
    path = tmp_path / "c.peernotes"
    build_letter_scene(path).cf.close()
    code = cli_export(
        _args(path, docx=str(tmp_path / "l.docx"), evidence_report=str(tmp_path / "e.docx"))
    )
    assert code == 0
    assert (tmp_path / "l.docx").exists() and (tmp_path / "e.docx").exists()
    assert "Letter written to" in capsys.readouterr().out


def test_command_line_stops_when_the_guard_trips(tmp_path, capsys):
    """A name in the letter: exit 2, nothing written, the message lists what and where;
    --allow lets the checked item through."""
    path = tmp_path / "c.peernotes"
    scene = build_letter_scene(path)
    add_finding(
        scene.cf,
        "Respite is hard to book",
        heading=domain_id(scene.cf, "2"),
        narrative="Dana Reddaway told us so.",
    )
    scene.cf.close()
    out = tmp_path / "l.docx"
    assert cli_export(_args(path, docx=str(out))) == 2
    err = capsys.readouterr().err
    assert (
        "NOT written" in err and "Dana Reddaway" in err and "Inclusive" in err and "--allow" in err
    )
    assert not out.exists()
    assert cli_export(_args(path, docx=str(out), allow=["Dana Reddaway"])) == 0
    assert out.exists()


def test_command_line_refuses_missing_and_too_new_files(tmp_path, capsys):
    assert cli_export(_args(tmp_path / "absent.peernotes", docx=str(tmp_path / "l.docx"))) == 2
    assert "does not exist" in capsys.readouterr().err
    path = tmp_path / "new.peernotes"
    build_letter_scene(path).cf.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    assert cli_export(_args(path, docx=str(tmp_path / "l.docx"))) == 2
    assert "newer PeerNotes" in capsys.readouterr().err
    assert not (tmp_path / "l.docx").exists()


def test_peernotes_export_command_runs_the_letter_export(tmp_path, capsys):
    """`peernotes export FILE --letter OUT --evidence OUT2` works without a display and
    exits 2 with the guard's list when a name would be published (--docx and
    --evidence-report are the same options under older names)."""
    from peernotes.cli import main

    path = tmp_path / "c.peernotes"
    scene = build_letter_scene(path)
    scene.cf.close()
    letter, report = tmp_path / "letter.docx", tmp_path / "evidence.docx"
    assert main(["export", str(path), "--letter", str(letter), "--evidence", str(report)]) == 0
    assert letter.exists() and report.exists()
    letter.unlink()
    report.unlink()
    assert main(["export", str(path), "--docx", str(letter), "--evidence-report", str(report)]) == 0
    assert letter.exists() and report.exists()
    cf = ChallengeFile.open(path)
    add_finding(cf, "Respite", heading=domain_id(cf, "2"), narrative="Ask Gus Halloran.")
    cf.close()
    letter.unlink()
    assert main(["export", str(path), "--letter", str(letter)]) == 2
    assert "Gus Halloran" in capsys.readouterr().err
    assert not letter.exists()
    assert main(["export", str(path), "--docx", str(letter), "--allow", "Gus Halloran"]) == 0
    assert main(["export", str(path), "--docx", str(path)]) == 2
