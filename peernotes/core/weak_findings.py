"""Findings too weakly evidenced to go into the letter or the deck without a second look.

A finding that is "Single source — to test" rests on one meeting or one document; one with
"No evidence yet" rests on nothing recorded. Both can be right, but the team should know
before the letter is sent. The window lists them with Go to and asks once; the CLI prints
them as warnings and, with --strict, writes nothing (exit 2, as the guard does).
Recommendations are the team's proposals, not claims about the council, so they are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from peernotes.core.rollup import rollup
from peernotes.core.store import ChallengeFile

WEAK_LEVELS = ("single_source", "no_evidence")
CHECKED_KINDS = ("strength", "area")


@dataclass(frozen=True)
class WeakFinding:
    """One finding to look at again before export."""

    id: str
    statement: str
    kind_label: str
    heading: str  # '2 Inclusive', or '(no heading yet)'
    level: str  # 'single_source' | 'no_evidence'
    label: str  # 'Single source — to test' / 'No evidence yet'

    def line(self) -> str:
        """'Single source — to test: "Carers value respite" (Strength, 2 Inclusive)'."""
        return f'{self.label}: "{self.statement}" ({self.kind_label}, {self.heading})'


def weak_findings(cf: ChallengeFile) -> list[WeakFinding]:
    """The strengths and areas whose evidence is single-source or missing, in letter order."""
    result = rollup(cf, inbox_limit=0, observation_stats=False)
    weak = []
    for heading in result.headings:
        for entry in heading.findings:
            t = entry.triangulation
            if entry.kind in CHECKED_KINDS and t.level in WEAK_LEVELS:
                weak.append(
                    WeakFinding(
                        id=entry.id,
                        statement=" ".join(entry.statement.split()),
                        kind_label=entry.kind_label,
                        heading=heading.label if heading.id else "(no heading yet)",
                        level=t.level,
                        label=t.label,
                    )
                )
    return weak


def summary(weak: list[WeakFinding]) -> str:
    """'2 findings are weakly evidenced (1 single source, 1 with no evidence).'"""
    single = sum(1 for w in weak if w.level == "single_source")
    none = len(weak) - single
    parts = [f"{single} single source"] if single else []
    parts += [f"{none} with no evidence"] if none else []
    noun = "finding is" if len(weak) == 1 else "findings are"
    return f"{len(weak)} {noun} weakly evidenced ({', '.join(parts)})."
