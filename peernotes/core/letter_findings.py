"""The letter's findings blocks, from the one findings-by-heading value (peernotes.core.rollup).

A `findings` block prints one heading's section (its `heading_id`) or, with no heading, every
heading with findings in framework order, each under its own heading, then "Other findings".
Options: `order` "author" (the section's paragraphs in the shared order, whatever their kind)
or "kind" (strengths' paragraphs first: version 4); `bullets` false for prose-only sections
(a finding without a narrative then prints its statement as the paragraph); `labels` false
to leave out the Strengths / Areas sub-headings. A finding flagged `prose_only` is printed
that way in any findings block: no bullet, its narrative (else its statement) a paragraph in
the author's order. A key message's bullet is printed once: in
the key messages block, when the outline has one.
"""

from __future__ import annotations

from collections.abc import Sequence

from peernotes.core.letter import Run, Source, _count, _short, clean_text
from peernotes.core.letter_base import BuilderBase
from peernotes.core.letter_outline import OutlineBlock
from peernotes.core.letter_settings import split_paragraphs
from peernotes.core.rollup import FindingEntry, FindingsSection, GroupEntry, rollup
from peernotes.core.store import Row

KINDS = ("strength", "area")
_WHAT = {
    "strength": "Strength",
    "area": "Area for consideration",
    "recommendation": "Recommendation",
}


class FindingBlocks(BuilderBase):
    sections: list[FindingsSection]
    unheaded: list[FindingEntry]
    groups: list[GroupEntry]
    recommendations: list[FindingEntry]
    _quotes: dict[str, list[Row]]
    has_key_messages: bool

    def _findings(self) -> tuple[list[FindingsSection], list[FindingEntry], list[GroupEntry]]:
        value = rollup(self.cf, observation_stats=False)
        sections = [s for s in value.sections if s.heading.id is not None and s.statements]
        unheaded = [f for s in value.sections if s.heading.id is None for f in s.statements]
        groups = [g for g in value.recommendation_groups if g.recommendations]
        return sections, unheaded, groups

    def _linked_quotes(self) -> dict[str, list[Row]]:
        quotes: dict[str, list[Row]] = {}
        for row in self.cf.query(
            "SELECT fe.finding_id, o.id, o.text FROM finding_evidence fe "
            "JOIN observation o ON o.id = fe.observation_id "
            "WHERE fe.deleted = 0 AND o.deleted = 0 AND o.is_quote = 1 "
            "AND fe.relation = 'supports' ORDER BY o.observed_at, o.id"
        ):
            quotes.setdefault(row["finding_id"], []).append(row)
        return quotes

    def _finding_source(self, finding: FindingEntry, field_name: str) -> Source:
        part = "bullet" if field_name == "statement" else "narrative"
        label = f"{_WHAT.get(finding.kind, 'Finding')} “{_short(finding.statement)}” – {part}"
        return Source(self.section, label, "finding", finding.id, field_name)

    def _bullet(self, finding: FindingEntry, kind: str = "bullet") -> None:
        suffix: list[Run] = []
        statement = clean_text(finding.statement).rstrip()
        if finding.notable:
            stop = statement[-1:] if statement[-1:] in ".!?" else ""
            statement = statement[: len(statement) - len(stop)]
            suffix = [Run(" (notable practice)", italic=True), Run(stop)]
        src = self._finding_source(finding, "statement")
        self.add_marked(kind, statement, src, suffix=suffix, finding_id=finding.id)

    def _narratives(
        self, findings: Sequence[FindingEntry], block: OutlineBlock | None, prose: bool = False
    ) -> None:
        kind = self.paragraph_kind(block)
        for finding in findings:
            paragraphs = split_paragraphs(finding.narrative or "")
            if (prose or finding.prose_only) and not paragraphs:
                src = self._finding_source(finding, "statement")
                self.add_marked(kind, finding.statement, src, finding_id=finding.id)
            src = self._finding_source(finding, "narrative")
            for paragraph in paragraphs:
                self.add_marked(kind, paragraph, src, finding_id=finding.id)
            for quote in self._quotes.get(finding.id, []):
                text = clean_text(quote["text"]).strip().strip("\"'“”‘’ ").strip()
                if text:
                    label = f"Quote linked to “{_short(finding.statement)}”"
                    src = Source(self.section, label, "observation", quote["id"], "text")
                    self.add("quote", f"One person we spoke to said: “{text}”", src,
                             finding_id=finding.id)  # fmt: skip

    def _heading_section(
        self, section: FindingsSection | None, findings: Sequence[FindingEntry],
        block: OutlineBlock, level: int,
    ) -> None:  # fmt: skip
        """Bullets by kind under their labels, then the paragraphs in the chosen order."""
        opts = block.options
        bullets = opts.get("bullets", True)
        if bullets:
            for kind in KINDS:
                of_kind = [
                    f for f in findings
                    if f.kind == kind and not f.prose_only
                    and not (f.key_message and self.has_key_messages)
                ]  # fmt: skip
                if not of_kind:
                    continue
                if opts.get("labels", True):
                    self.add("heading", self.labels[kind], level=min(level + 1, 3))
                for finding in of_kind:
                    self._bullet(finding)
        if opts.get("order", "author") == "kind":
            ordered = list(section.kind_grouped()) if section else [
                f for kind in KINDS for f in findings if f.kind == kind
            ]  # fmt: skip
        else:
            ordered = list(findings)
        self._narratives(ordered, block, prose=not bullets)

    def _findings_block(self, block: OutlineBlock) -> None:
        if block.heading_id is not None:
            section = next((s for s in self.sections if s.heading.id == block.heading_id), None)
            if self.cf.get("heading", block.heading_id) is None:
                self.warnings.append(
                    f"{self.section or 'The letter'}: a findings block points at a heading "
                    "that has been deleted; it prints nothing. Point it at another heading "
                    "or remove it."
                )
                return
            if section is not None:
                self._heading_section(section, section.statements, block, self.level)
            return
        outer = self.section
        for section in self.sections:
            self.section = section.heading.name
            src = Source(section.heading.name, "Heading", "heading", section.heading.id, "name")
            numbered = self.scheme == "headings"
            self.add("heading", section.heading.name, src, level=self.level, numbered=numbered)
            self._heading_section(section, section.statements, block, self.level)
        if self.unheaded:
            self.warnings.append(
                f"{_count(len(self.unheaded), 'finding')} "
                f"{'has' if len(self.unheaded) == 1 else 'have'} "
                "no framework heading: they appear under 'Other findings'."
            )
            self.section = "Other findings"
            start = len(self.blocks)
            self.add("heading", "Other findings", level=self.level)
            self._heading_section(None, self.unheaded, block, self.level)
            if len(self.blocks) == start + 1:
                del self.blocks[start]
        self.section = outer

    def _key_messages(self, block: OutlineBlock) -> None:
        ordered = [f for s in self.sections for f in s.statements]
        ordered += self.unheaded + self.recommendations
        key = [f for f in ordered if f.key_message]
        if not key:
            if ordered:
                self.warnings.append(
                    "No finding is flagged as a key message, so the letter has no key "
                    "messages summary."
                )
            return
        labels = {**self.labels, "recommendation": "Recommendations"}
        for kind in (*KINDS, "recommendation"):
            of_kind = [f for f in key if f.kind == kind]
            if of_kind:
                if block.options.get("labels", True):
                    self.add("heading", labels[kind], level=min(self.level + 1, 3))
                for finding in of_kind:
                    self._bullet(finding)

    def _recommendations(self, block: OutlineBlock) -> None:
        named = [g for g in self.groups if g.id is not None]
        kind = "list_number" if self.settings.number_recommendations else "bullet"
        for group in self.groups:
            if group.id is not None:
                src = Source(self.section, "Group name", "recommendation_group", group.id, "name")
                self.add("heading", group.name, src, level=min(self.level + 1, 3))
            elif named:
                self.add("heading", "Other recommendations", level=min(self.level + 1, 3))
            for rec in group.recommendations:
                if not rec.prose_only:
                    self._bullet(rec, kind)
            if block.options.get("narratives", True):
                self._narratives(group.recommendations, block)
            else:
                self._narratives([r for r in group.recommendations if r.prose_only], block)
