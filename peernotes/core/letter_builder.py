"""Build the letter's blocks by walking its outline (peernotes.core.letter_outline).

Each outline block becomes zero or more letter blocks: the author's paragraphs, bullets and
quotes through the inline markup, and the generated blocks (title, team, figures, findings
...) from the file, their wording from the block's template when one is set, else
PeerNotes' standard wording. A section's title is printed only when something is printed
under it, so a section of live content that has nothing today (no key messages yet) leaves
no empty heading. The findings come from the one findings-by-heading value (rollup).
"""

from __future__ import annotations

from collections.abc import Callable

from peernotes.core import markup
from peernotes.core.letter import Letter, Source
from peernotes.core.letter_findings import FindingBlocks
from peernotes.core.letter_generated import GeneratedBlocks
from peernotes.core.letter_outline import OutlineBlock, OutlineSection, outline, template_problems
from peernotes.core.records.challenge import headings as framework_headings

AUTHORED_TEMPLATES = ("prose", "bullets")  # may hold fields too; quotes are printed as typed


class LetterBuilder(GeneratedBlocks, FindingBlocks):
    def build(self) -> Letter:
        self.sections, self.unheaded, self.groups = self._findings()
        self.recommendations = [r for g in self.groups for r in g.recommendations]
        self._headings = framework_headings(self.cf)
        self._quotes = self._linked_quotes() if self.settings.include_quotes else {}
        sections = outline(self.cf)
        kinds = {b.kind for s in sections for b in s.blocks}
        self.has_key_messages = "key_messages" in kinds
        self.has_appendix = "appendix" in kinds
        self._container: int | None = None
        for section in sections:
            self._section(section)
        self._close_container()
        if not self.sections and not self.unheaded and not self.recommendations:
            self.warnings.insert(
                0, "There are no findings yet: the letter has no findings sections."
            )
        parts = (self.context["council"], self.context["programme"], self.settings.document_type)
        title = markup.plain(" – ".join(x for x in parts if x))
        return Letter(self.blocks, title, self.figures, self.settings, self.warnings)

    def _section(self, section: OutlineSection) -> None:
        """A section's heading, then its blocks; the heading goes again when nothing was
        printed under it -- except a section of sub-sections only ("Approach"), kept while
        one of its sub-sections prints something."""
        if section.level == 1:
            self._close_container()
        self.section = section.title or self.section
        self.level = section.level
        start = len(self.blocks)
        if section.title:
            src = Source(section.title, "Section title", "letter_section", section.id, "title")
            numbered = self.scheme == "headings" and section.numbered
            self.add("heading", section.title, src, level=section.level, numbered=numbered)
        for block in section.blocks:
            self._emit(block)
        printed = len(self.blocks) > start + (1 if section.title else 0)
        if section.title and not printed:
            if section.level == 1 and not section.blocks:
                self._container = start
            else:
                del self.blocks[start]  # nothing printed under it today
        elif printed and section.level == 2:
            self._container = None

    def _close_container(self) -> None:
        if self._container is not None:
            del self.blocks[self._container]
            self._container = None

    def _emit(self, block: OutlineBlock) -> None:
        emitters: dict[str, Callable[[OutlineBlock], None]] = {
            "prose": self._prose,
            "bullets": self._bullets,
            "quote": self._quote,
            "title": self._title,
            "salutation": self._salutation,
            "opening": self._opening,
            "standard": self._standard,
            "framework": self._framework,
            "team": self._team,
            "activity": self._activity,
            "key_messages": self._key_messages,
            "findings": self._findings_block,
            "recommendations": self._recommendations,
            "signature": self._signature,
            "contacts": self._contacts,
            "appendix": self._appendix,
        }
        emitter = emitters.get(block.kind)
        if emitter is None:
            self.warnings.append(
                f"{self.section or 'The letter'}: a “{block.kind}” block is not known to this "
                "version of PeerNotes and was left out."
            )
            return
        if block.kind != "quote":
            for problem in template_problems(block.text):
                self.warnings.append(f"{self.section or 'The letter'} › {block.label}: {problem}")
        emitter(block)
