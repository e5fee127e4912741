"""A finding's evidence as the finding editor shows it, with the team's marks on note pairs.

The evidence lists are the finding's linked notes (supporting, contradicting), described by
`evidence.describe`. Marks made when comparing a meeting written up twice
(`core/note_pairs.py`) change how they are shown, never how they are counted:

* a *same point* pair is shown together: the second note right under the first, saying so;
  a linked note whose twin is not linked says who else noted the point. Triangulation is
  not touched: both notes are of one meeting, so one source, two recorders, as before.
* a *disagreement* with a supporting note is shown among the contradicting evidence (when
  the disagreeing note is not linked to the finding already), saying which note it
  disagrees with. Contradicting evidence is shown apart and never counted, so the level is
  unchanged here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from peernotes.core import evidence, findings, note_pairs
from peernotes.core.evidence import ObservationInfo
from peernotes.core.store import ChallengeFile


@dataclass(frozen=True)
class FindingEvidence:
    supporting: tuple[ObservationInfo, ...]
    contradicting: tuple[ObservationInfo, ...]


def for_finding(cf: ChallengeFile, finding_id: str) -> FindingEvidence:
    """The finding's supporting and contradicting notes, in link order, same-point pairs
    side by side and disagreements with supporting notes added to the contradicting ones."""
    links = findings.evidence_links(cf, finding_id)
    linked = {link.observation_id: link.relation for link in links}
    marks = note_pairs.marks_among(cf, linked)
    partners = {m.partner(x) for m in marks for x in (m.observation_id, m.other_id) if x in linked}
    info = evidence.describe(cf, [*linked, *sorted(partners - set(linked))])
    same = _partners(marks, "same")
    against = _partners(marks, "disagree")
    supporting = [info[i] for i, rel in linked.items() if rel == "supports" and i in info]
    contradicting = [info[i] for i, rel in linked.items() if rel == "contradicts" and i in info]
    return FindingEvidence(
        tuple(_together(supporting, same, info)),
        tuple(_with_disagreements(_together(contradicting, same, info), supporting, against, info)),
    )


def _partners(marks: Sequence[note_pairs.PairMark], verdict: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in marks:
        if m.mark == verdict:
            found.setdefault(m.observation_id, []).append(m.other_id)
            found.setdefault(m.other_id, []).append(m.observation_id)
    return found


def _whose(info: ObservationInfo) -> str:
    return f"{info.recorded_by}'s note" if info.recorded_by else "a note"


def _together(
    rows: Sequence[ObservationInfo],
    same: dict[str, list[str]],
    info: dict[str, ObservationInfo],
) -> list[ObservationInfo]:
    """`rows` with each same-point twin moved right under the first of the pair."""
    listed = {row.id for row in rows}
    placed: set[str] = set()
    result: list[ObservationInfo] = []
    for row in rows:
        if row.id in placed:
            continue
        twins = [t for t in same.get(row.id, ()) if t in info]
        unlinked = [info[t].recorded_by or "another peer" for t in twins if t not in listed]
        shown = row
        if unlinked:
            shown = replace(row, pairing=f"Same point also noted by {', '.join(unlinked)}")
        result.append(shown)
        placed.add(row.id)
        for twin in twins:
            if twin in listed and twin not in placed:
                note = f"Same point as {_whose(row)} above (one source, two recorders)"
                result.append(replace(info[twin], pairing=note))
                placed.add(twin)
    return result


def _with_disagreements(
    contradicting: list[ObservationInfo],
    supporting: Sequence[ObservationInfo],
    against: dict[str, list[str]],
    info: dict[str, ObservationInfo],
) -> list[ObservationInfo]:
    """The contradicting notes, plus every note marked as disagreeing with a supporting one."""
    shown = {row.id: n for n, row in enumerate(contradicting)}
    supported = {row.id for row in supporting}
    for row in supporting:
        for other in against.get(row.id, ()):
            if other in supported or other not in info:
                continue
            note = f"Disagrees with {_whose(row)}: “{_short(row.text)}”"
            if other in shown:
                at = shown[other]
                contradicting[at] = replace(contradicting[at], pairing=note)
            else:
                shown[other] = len(contradicting)
                contradicting.append(replace(info[other], pairing=note))
    return contradicting


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
