"""The internal evidence report: every finding with its triangulation and the evidence behind it.

Rendering only: the content (which findings, under which headings, in which order, with which
evidence) is peernotes.core.evidence_report, built from the same roll-up as the letter.

The lead peer reads it to check each claim before signing the letter. Unlike the letter it
names sources, stakeholder groups and the peers who recorded each note, so it is marked
"Internal — not for publication" in its title, header and footer, and is written readable
by its owner only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.enum.section import WD_ORIENT

from peernotes.core import vocab
from peernotes.core.evidence_report import EvidenceReport, ReportFinding, evidence_report
from peernotes.core.letter import Run, clean_text, framework_title
from peernotes.core.letter_settings import long_date
from peernotes.core.store import ChallengeFile
from peernotes.export.docx_letter import DocxWriter, _headers_and_footers

INTERNAL_MARK = "Internal — not for publication"
KIND_LABELS = vocab.FINDING_KINDS
COLUMNS = ("Relation", "Mode", "Evidence", "Source", "Stakeholder groups", "Recorded by", "Date")
WIDTHS = (2.0, 1.5, 9.0, 4.4, 3.4, 2.6, 2.0)  # cm: fits A4 landscape within the margins
# What the report prints of one note: a 1 MB note made a table cell Word and LibreOffice
# took minutes to lay out. Longer notes are cut with a marker and the report says so.
NOTE_CAP = 5_000


def render_evidence_report(cf: ChallengeFile, template: str | Path | None = None) -> DocxWriter:
    """Render the core's evidence report value (peernotes.core.evidence_report)."""
    report = evidence_report(cf)
    writer = DocxWriter(template)
    _landscape(writer)
    _front_matter(writer, report, cf.path.name if cf.path else "this challenge")
    for heading in report.headings:
        writer.heading(heading.label, heading.level)
        for item in heading.findings:
            _finding(writer, item)
    if report.unheaded:
        writer.heading("Findings without a framework heading", 1)
        for item in report.unheaded:
            _finding(writer, item)
    if not report.findings:
        writer.paragraph("paragraph", "There are no findings yet.")
    title = f"{report.council} – {report.programme_title} – Evidence report"
    writer.set_document_title(title)
    _mark_every_page(writer)
    writer.set_properties(
        f"Evidence report ({INTERNAL_MARK}) – {report.council}",
        framework_title(report.framework_name),
        keywords="internal, not for publication",
    )
    return writer


def _front_matter(writer: DocxWriter, report: EvidenceReport, source_name: str) -> None:
    """Title, the internal mark, what the report is, long notes, the rule, the counts."""
    writer.paragraph("title", "Evidence report")
    writer.paragraph("subtitle", f"{report.council} – {report.programme_title}")
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
    writer.paragraph(
        "paragraph", f"Produced on {long_date(date.today().isoformat())} from {source_name}."
    )
    shortened = _long_notes(report)
    if shortened:
        writer.paragraph(
            "paragraph",
            [
                Run("Long notes are shortened. ", bold=True),
                Run(
                    f"{shortened} note{'s are' if shortened != 1 else ' is'} longer than "
                    f"{NOTE_CAP:,} characters: the report prints the first {NOTE_CAP:,}, "
                    "marked […], and the full text stays in PeerNotes."
                ),
            ],
        )
    if report.rule:
        writer.paragraph(
            "paragraph", [Run("How the status is worked out. ", bold=True), Run(report.rule)]
        )
    if report.status_counts:
        rows = [("Status", "Findings"), *((label, str(n)) for label, n in report.status_counts)]
        writer.table(rows, (8.0, 3.0))


def _finding(writer: DocxWriter, item: ReportFinding) -> None:
    finding = item.entry
    kind = KIND_LABELS.get(finding.kind, "Finding")
    writer.heading(f"{kind}: {clean_text(finding.statement)}", 3)
    flags = []
    if finding.key_message:
        flags.append("key message")
    if finding.notable:
        flags.append("notable practice")
    if item.group:
        flags.append(f"group: {item.group}")
    status = [Run("Status: ", bold=True), Run(finding.triangulation.label, bold=True)]
    if flags:
        status.append(Run(f"  ({'; '.join(flags)})", italic=True))
    writer.paragraph("paragraph", status)
    if finding.triangulation.explanation:
        writer.paragraph("paragraph", [Run(finding.triangulation.explanation, italic=True)])
    for paragraph in (finding.narrative or "").split("\n\n"):
        if paragraph.strip():
            writer.paragraph("paragraph", paragraph.strip())
    if not item.evidence:
        writer.paragraph("paragraph", [Run("No evidence is linked to this finding.", italic=True)])
        return
    table = [COLUMNS]
    for row in item.evidence:
        text = _capped(row.text.strip() if row.is_quote else row.text)
        text = f"Quote: “{text}”" if row.is_quote else text
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


def _capped(text: str) -> str:
    if len(text) <= NOTE_CAP:
        return text
    return f"{text[:NOTE_CAP]} […{len(text) - NOTE_CAP:,} more characters not shown]"


def _long_notes(report: EvidenceReport) -> int:
    """How many notes the report will shorten (a note under two findings counts once)."""
    items = [*(i for h in report.headings for i in h.findings), *report.unheaded]
    long = {row.text for item in items for row in item.evidence if len(row.text) > NOTE_CAP}
    return len(long)


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
