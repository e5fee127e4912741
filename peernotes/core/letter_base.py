"""The letter builder's state and emitters, shared by the parts that build its blocks.

letter_builder walks the outline; letter_generated and letter_findings emit the blocks.

Each outline block becomes zero or more letter blocks: the author's paragraphs, bullets and
quotes through the inline markup, and the generated blocks (title, team, figures, findings
...) from the file, their wording from the block's template when one is set, else
PeerNotes' standard wording. A section's title is printed only when something is printed
under it, so a section of live content that has nothing today (no key messages yet) leaves
no empty heading. The findings come from the one findings-by-heading value (rollup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peernotes.core import markup
from peernotes.core.letter import (
    ActivityFigures,
    Block,
    Run,
    Source,
    activity_figures,
    clean_text,
    framework_title,
    join_words,
)
from peernotes.core.letter_outline import OutlineBlock
from peernotes.core.letter_settings import (
    FIELD_BY_NAME,
    LetterSettings,
    date_range,
    fill_placeholders,
    long_date,
    split_paragraphs,
)
from peernotes.core.letter_settings import load as load_settings
from peernotes.core.store import ChallengeFile

KINDS = ("strength", "area")


class BuilderBase:
    def __init__(self, cf: ChallengeFile, settings: LetterSettings | None):
        self.cf = cf
        self.settings = settings or load_settings(cf)
        self.challenge = cf.challenge()
        self.framework = cf.get("framework", self.challenge["framework_id"]) or {}
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        s = self.settings
        self.document_word = "report" if "report" in s.document_type.casefold() else "letter"
        self.labels = {"strength": s.strengths_label, "area": s.areas_label}
        self.scheme = s.numbering
        self.figures: ActivityFigures = activity_figures(cf)
        self.context = self._context()
        self.section = ""
        self.level = 1

    def _context(self) -> dict[str, str]:
        s, f, ch = self.settings, self.figures, self.challenge
        plain = {
            "council": clean_text(ch["council"]),
            "programme": clean_text(ch["programme_title"]),
            "document": self.document_word,
            "feedback_date": long_date(s.feedback_date) or "the last day on site",
            "framework": framework_title(self.framework.get("name", "")),
            "documents": f.documents_phrase(),
            "meetings": f.meetings_phrase(),
            "people": f.people_phrase(),
            "days": f.days_phrase(),
            "onsite_dates": date_range(ch["onsite_start"], ch["onsite_end"]),
            "action_plan_date": long_date(s.action_plan_date) or "a date to be agreed",
            "progress_review_date": long_date(s.progress_review_date) or "a date to be agreed",
        }
        context = {k: markup.escape(v) for k, v in plain.items()}
        context["clients"] = join_words(s.lines("clients"))  # markup text already
        context["purpose"] = " ".join(split_paragraphs(s.purpose or ""))
        return context

    # ---------------------------------------------------------------- emitters
    def add(self, kind: str, text: str, source: Source | None = None, **extra: Any) -> None:
        """Plain text (names, headings): no markup."""
        text = clean_text(text)
        if text.strip() or kind == "page_break":
            self.blocks.append(Block(kind, (Run(text),), source=source, **extra))

    def add_runs(
        self, kind: str, runs: list[Run], source: Source | None = None, **extra: Any
    ) -> None:
        cleaned = tuple(Run(clean_text(r.text), r.bold, r.italic, r.quote) for r in runs if r.text)
        if cleaned:
            self.blocks.append(Block(kind, cleaned, source=source, **extra))

    def add_marked(
        self,
        kind: str,
        text: str,
        source: Source | None = None,
        *,
        level: int = 1,
        suffix: Sequence[Run] = (),
        **extra: Any,
    ) -> None:
        """Text in the inline markup: emphasis and inline quotes as runs, '- ' lines as a
        nested bullet level, 'a) ' lines as a lettered sub-list (letters restart per list)."""
        text = clean_text(text).strip()
        if not text:
            return
        for problem in markup.problems(text):
            where = source.where() if source else self.section or "The letter"
            self.warnings.append(f"{where}: {problem}.")
        runs: list[Run] = []
        items: list[markup.Line] = []
        for line in markup.parse(text):
            if line.level:
                items.append(line)
                continue
            if runs:
                runs.append(Run("\n"))
            runs.extend(_runs(line))
        self.add_runs(kind, [*runs, *suffix], source, level=level, **extra)
        previous: markup.Line | None = None
        for item in items:
            if item.lettered:
                starts = previous is None or not previous.lettered
                self.add_runs("lettered", _runs(item), source, starts_list=starts, **extra)
            else:
                self.add_runs("bullet", _runs(item), source, level=min(level + 1, 2), **extra)
            previous = item

    def paragraph_kind(self, block: OutlineBlock | None = None) -> str:
        wanted = block is None or block.numbered
        return "numbered" if self.scheme == "paragraphs" and wanted else "paragraph"

    def fill(self, template: str) -> str:
        return fill_placeholders(template, self.context)

    def setting_paragraphs(
        self, name: str, kind: str = "numbered", *, names_expected: bool = False
    ) -> int:
        label = FIELD_BY_NAME[name].label
        src = Source(
            self.section, f"Letter settings › {label}", "setting", name, None, names_expected
        )
        paragraphs = split_paragraphs(self.fill(str(self.settings.values.get(name) or "")))
        for text in paragraphs:
            self.add_marked(kind, text, src)
        return len(paragraphs)

    def _source(self, block: OutlineBlock, label: str | None = None) -> Source:
        return Source(self.section, label or block.label, "letter_block", block.id, "text")


def _runs(line: markup.Line) -> list[Run]:
    return [Run(s.text, s.bold, s.italic, s.quote) for s in line.spans]
