"""The internal evidence report: every finding with its triangulation and the evidence behind it.

The lead peer reads it to check each claim before signing the letter. Unlike the letter it
names sources, stakeholder groups and the peers who recorded each note, so it is marked
"Internal — not for publication" in its title, header and footer, and is written readable
by its owner only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT

from peernotes.core import vocab
from peernotes.core.letter import Run, clean_text, framework_title
from peernotes.core.letter_settings import long_date
from peernotes.core.records import heading_label
from peernotes.core.records import headings as framework_headings
from peernotes.core.store import ChallengeFile, Row
from peernotes.export.docx_letter import DocxWriter, _headers_and_footers

INTERNAL_MARK = "Internal — not for publication"
KIND_LABELS = vocab.FINDING_KINDS
COLUMNS = ("Relation", "Mode", "Evidence", "Source", "Stakeholder groups", "Recorded by", "Date")
WIDTHS = (2.0, 1.5, 9.0, 4.4, 3.4, 2.6, 2.0)  # cm: fits A4 landscape within the margins


@dataclass(frozen=True)
class EvidenceRow:
    relation: str
    mode: str
    text: str
    is_quote: bool
    source: str
    groups: tuple[str, ...]
    recorded_by: str
    day: str


def evidence_by_finding(cf: ChallengeFile) -> dict[str, list[EvidenceRow]]:
    """All live evidence links, read in two queries, grouped by finding (supporting first)."""
    groups_at: dict[str, list[str]] = {}
    for meeting_id, name in cf.conn.execute(
        "SELECT DISTINCT mp.meeting_id, g.name FROM meeting_person mp "
        "JOIN person p ON p.id = mp.person_id AND p.deleted = 0 "
        "JOIN stakeholder_group g ON g.id = p.group_id AND g.deleted = 0 "
        "WHERE mp.deleted = 0 ORDER BY g.ordinal, g.name"
    ):
        groups_at.setdefault(meeting_id, []).append(name)
    result: dict[str, list[EvidenceRow]] = {}
    for row in cf.query(
        "SELECT fe.finding_id, fe.relation, o.text, o.mode, o.is_quote, o.observed_at, "
        "o.meeting_id, m.title AS meeting, m.type AS meeting_type, m.date AS meeting_date, "
        "d.title AS document, p.name AS peer "
        "FROM finding_evidence fe JOIN observation o ON o.id = fe.observation_id AND o.deleted = 0 "
        "LEFT JOIN meeting m ON m.id = o.meeting_id AND m.deleted = 0 "
        "LEFT JOIN document d ON d.id = o.document_id AND d.deleted = 0 "
        "LEFT JOIN peer p ON p.id = o.recorded_by "
        "WHERE fe.deleted = 0 ORDER BY fe.relation DESC, o.observed_at, o.id"
    ):
        if row["document"] and (row["mode"] == "read" or not row["meeting"]):
            source = f"Document: {row['document']}"
        elif row["meeting"]:
            kind = vocab.MEETING_TYPES.get(row["meeting_type"], "Meeting")
            title = row["meeting"]
            source = title if title.casefold().startswith(kind.casefold()) else f"{kind}: {title}"
        else:
            source = "No source recorded"
        day = row["meeting_date"] or (row["observed_at"] or "")[:10]
        result.setdefault(row["finding_id"], []).append(
            EvidenceRow(
                relation=vocab.EVIDENCE_RELATIONS.get(row["relation"], str(row["relation"])),
                mode=vocab.MODES.get(row["mode"], str(row["mode"])),
                text=row["text"],
                is_quote=bool(row["is_quote"]),
                source=source,
                groups=tuple(groups_at.get(row["meeting_id"] or "", ())),
                recorded_by=row["peer"] or "",
                day=_short_date(day),
            )
        )
    return result


def _short_date(value: str) -> str:
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day:%b %Y}"


def _assessments(cf: ChallengeFile) -> tuple[dict[str, Any], str]:
    from peernotes.core import triangulation

    rule = ""
    thresholds: Callable[[ChallengeFile], Any] | None = getattr(triangulation, "thresholds", None)
    if thresholds is not None:
        rule = thresholds(cf).rule()
    return triangulation.assess_all(cf), rule


def render_evidence_report(cf: ChallengeFile, template: str | Path | None = None) -> DocxWriter:
    writer = DocxWriter(template)
    _landscape(writer)
    challenge = cf.challenge()
    framework = cf.get("framework", challenge["framework_id"]) or {}
    assessments, rule = _assessments(cf)
    evidence = evidence_by_finding(cf)

    writer.paragraph("title", "Evidence report")
    writer.paragraph("subtitle", f"{challenge['council']} – {challenge['programme_title']}")
    writer.paragraph("subtitle", INTERNAL_MARK)
    writer.paragraph(
        "paragraph",
        [
            Run("Internal — not for publication. ", bold=True),
            Run(
                "This report lists every finding with its triangulation status and the evidence "
                "behind it, so the lead peer can check each claim before the letter is signed. "
                "It names sources and who recorded each note: keep it within the peer team."
            ),
        ],
    )
    source_name = cf.path.name if cf.path else "this challenge"
    writer.paragraph(
        "paragraph", f"Produced on {long_date(date.today().isoformat())} from {source_name}."
    )
    if rule:
        writer.paragraph("paragraph", [Run("How the status is worked out. ", bold=True), Run(rule)])

    findings = cf.rows("finding", order_by="ordinal, created_at, id")
    counts: dict[str, int] = {}
    for finding in findings:
        level = assessments.get(finding["id"])
        label = level.label if level is not None else "Not assessed"
        counts[label] = counts.get(label, 0) + 1
    if counts:
        writer.table(
            [("Status", "Findings"), *((label, str(n)) for label, n in counts.items())], (8.0, 3.0)
        )

    headings = framework_headings(cf)
    by_heading: dict[str | None, list[Row]] = {}
    known = {h["id"] for h in headings}
    kind_order = {"strength": 0, "area": 1, "recommendation": 2}
    for finding in sorted(findings, key=lambda f: (kind_order.get(f["kind"], 3), f["ordinal"])):
        key = finding["heading_id"] if finding["heading_id"] in known else None
        by_heading.setdefault(key, []).append(finding)
    groups = {g["id"]: g["name"] for g in cf.rows("recommendation_group")}
    children: dict[str, list[str]] = {}
    for h in headings:
        if h["depth"] == 1:
            children.setdefault(h["parent_id"], []).append(h["id"])
    for heading in headings:
        own = by_heading.get(heading["id"], [])
        if heading["depth"] == 0:
            if not own and not any(by_heading.get(c) for c in children.get(heading["id"], [])):
                continue
            writer.heading(
                heading_label(heading) if heading["kind"] == "scope" else heading["name"], 1
            )
        elif own:
            writer.heading(heading_label(heading), 2)
        for finding in own:
            _finding(
                writer,
                finding,
                assessments.get(finding["id"]),
                evidence.get(finding["id"], []),
                groups,
            )
    stray = by_heading.get(None, [])
    if stray:
        writer.heading("Findings without a framework heading", 1)
        for finding in stray:
            _finding(
                writer,
                finding,
                assessments.get(finding["id"]),
                evidence.get(finding["id"], []),
                groups,
            )
    if not findings:
        writer.paragraph("paragraph", "There are no findings yet.")

    title = f"{challenge['council']} – {challenge['programme_title']} – Evidence report"
    writer.set_document_title(title)
    _mark_every_page(writer)
    writer.set_properties(
        f"Evidence report ({INTERNAL_MARK}) – {challenge['council']}",
        framework_title(framework.get("name", "")),
        keywords="internal, not for publication",
    )
    return writer


def _finding(
    writer: DocxWriter,
    finding: Row,
    assessment: Any,
    rows: list[EvidenceRow],
    groups: dict[str, str],
) -> None:
    kind = KIND_LABELS.get(finding["kind"], "Finding")
    writer.heading(f"{kind}: {clean_text(finding['statement'])}", 3)
    flags = []
    if finding["key_message"]:
        flags.append("key message")
    if finding["notable"]:
        flags.append("notable practice")
    if finding["kind"] == "recommendation" and finding["group_id"] in groups:
        flags.append(f"group: {groups[finding['group_id']]}")
    status = [
        Run("Status: ", bold=True),
        Run(assessment.label if assessment else "Not assessed", bold=True),
    ]
    if flags:
        status.append(Run(f"  ({'; '.join(flags)})", italic=True))
    writer.paragraph("paragraph", status)
    if assessment is not None and assessment.explanation:
        writer.paragraph("paragraph", [Run(assessment.explanation, italic=True)])
    for paragraph in (finding["narrative"] or "").split("\n\n"):
        if paragraph.strip():
            writer.paragraph("paragraph", paragraph.strip())
    if not rows:
        writer.paragraph("paragraph", [Run("No evidence is linked to this finding.", italic=True)])
        return
    table = [COLUMNS]
    for row in rows:
        text = f"Quote: “{row.text.strip()}”" if row.is_quote else row.text
        table.append(
            (
                row.relation,
                row.mode,
                text,
                row.source,
                ", ".join(row.groups),
                row.recorded_by,
                row.day,
            )
        )
    writer.table(table, WIDTHS)


def _landscape(writer: DocxWriter) -> None:
    for section in writer.document.sections:
        if section.orientation != WD_ORIENT.LANDSCAPE:
            width, height = section.page_width, section.page_height
            section.orientation = WD_ORIENT.LANDSCAPE
            if width is not None and height is not None and width < height:
                section.page_width, section.page_height = height, width


def _mark_every_page(writer: DocxWriter) -> None:
    """The internal mark at the top of every header and footer (first page included)."""
    style_ids = {
        "header": writer.document.styles["Header"],
        "footer": writer.document.styles["Footer"],
    }
    for section in writer.document.sections:
        parts = {
            "header": section.header,
            "first_page_header": section.first_page_header,
            "footer": section.footer,
            "first_page_footer": section.first_page_footer,
        }
        marked = {id(p) for p in _headers_and_footers(section)}
        for name, part in parts.items():
            if id(part) not in marked and part.is_linked_to_previous:
                part.is_linked_to_previous = False
            first = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
            mark = first.insert_paragraph_before()
            mark.style = style_ids["header" if "header" in name else "footer"]
            run = mark.add_run(INTERNAL_MARK.upper())
            run.bold = True


def export_evidence_report(
    cf: ChallengeFile, target: str | Path, template: str | Path | None = None
) -> Path:
    """Write the internal evidence report to `target` (atomically, owner-only)."""
    return render_evidence_report(cf, template).save(target, private=True)
