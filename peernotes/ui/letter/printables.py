"""What File › Print… prints, each as one HTML document (Qt's rich-text subset) plus a title
and whether it names people.

    programme      the day's programme, for one peer or the whole team (names people)
    rollup         the roll-up for the evening wash-up (the Roll-up page's own HTML)
    finding        one finding with its evidence: each observation, its mode and source
                   (names people: sources are meetings, recorded by peers)
    letter         the letter preview: the built letter's blocks, as the guard reads them

Printouts that name people carry "Internal — not for publication" in every page header
(peernotes.ui.letter.printing draws it). Everything is read through core functions; no SQL here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from peernotes.core import findings, vocab
from peernotes.core.evidence import describe
from peernotes.core.records import read_models
from peernotes.core.store import ChallengeFile

INTERNAL = "Internal — not for publication"
CSS = """
body { font-family: 'Noto Sans', 'DejaVu Sans', 'Arial', sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; color: #1d3557; margin-bottom: 4px; }
h2 { font-size: 13pt; color: #1d3557; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 11pt; color: #2b4a6f; margin-top: 10px; margin-bottom: 2px; }
p.meta { color: #555555; }
td, th { padding: 3px 6px; vertical-align: top; }
th { background-color: #e8edf3; text-align: left; }
"""


@dataclass(frozen=True)
class Printable:
    title: str
    html: str
    internal: bool  # names people: the header says "Internal — not for publication"


def _page(title: str, body: Iterable[str], subtitle: str = "") -> str:
    meta = f"<p class='meta'>{html.escape(subtitle)}</p>" if subtitle else ""
    return (
        f"<html><head><style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>{meta}"
        + "".join(body)
        + "</body></html>"
    )


def _e(text: object) -> str:
    return html.escape(str(text or ""))


# ------------------------------------------------------------------------ programme
def programme_days(cf: ChallengeFile) -> list[str]:
    """The dates that have meetings, in order (the chooser's "which day")."""
    return sorted({m.date for m in read_models.meeting_list(cf) if m.date})


def programme(cf: ChallengeFile, peer_id: str | None = None, day: str | None = None) -> Printable:
    """The programme day by day (or one `day`); for one peer, only the meetings they are at."""
    challenge = read_models.current_challenge(cf)
    meetings = read_models.meeting_list(cf)
    if day is not None:
        meetings = [m for m in meetings if m.date == day]
    who = "the whole team"
    if peer_id is not None:
        peer = read_models.peer(cf, peer_id)
        who = peer.name if peer else who
        meetings = [
            m for m in meetings if any(p.id == peer_id for p in read_models.peers_in(cf, m.id))
        ]
    body: list[str] = []
    day = None
    for meeting in meetings:
        if meeting.date != day:
            if day is not None:
                body.append("</table>")
            day = meeting.date
            body.append(f"<h2>{_e(day)}</h2><table width='100%' cellspacing='0' border='1'>")
            body.append("<tr><th>Time</th><th>Meeting</th><th>Where</th><th>Team</th>")
            body.append("<th>People met</th></tr>")
        times = "–".join(t for t in (meeting.start_time, meeting.end_time) if t)
        people = ", ".join(p.name for p in read_models.people_in(cf, meeting.id))
        kind = vocab.MEETING_TYPES.get(meeting.type, meeting.type)
        body.append(
            f"<tr><td>{_e(times)}</td><td><b>{_e(meeting.title)}</b><br>{_e(kind)}</td>"
            f"<td>{_e(meeting.location)}</td><td>{_e(meeting.peer_names)}</td>"
            f"<td>{_e(people)}</td></tr>"
        )
    if day is not None:
        body.append("</table>")
    else:
        body.append("<p>No meetings in the programme yet.</p>")
    title = f"Programme – {who}" + (f" – {day}" if day else "")
    return Printable(title, _page(title, body, _e(challenge.council)), True)


# ------------------------------------------------------------------------ roll-up
def rollup_printable(cf: ChallengeFile) -> Printable:
    from peernotes.core.rollup import rollup
    from peernotes.ui.synthesis.rollup_page import INBOX_SHOWN, rollup_html

    result = rollup(cf, inbox_limit=INBOX_SHOWN)
    return Printable("Roll-up", rollup_html(result), True)


# ------------------------------------------------------------------------ finding
def finding(cf: ChallengeFile, finding_id: str) -> Printable:
    """One finding: statement, narrative, triangulation, and every observation behind it."""
    from peernotes.core.rollup import rollup

    entry = rollup(cf, inbox_limit=0, observation_stats=False).finding(finding_id)
    if entry is None:
        return Printable(
            "Finding", _page("Finding", ["<p>This finding no longer exists.</p>"]), False
        )
    links = findings.evidence_links(cf, finding_id)
    described = describe(cf, [link.observation_id for link in links])
    t = entry.triangulation
    body = [
        f"<p><b>{_e(entry.kind_label)}</b> · {_e(t.label)} · {t.sources} sources · "
        f"{len(t.modes)} modes · {t.groups} stakeholder groups</p>",
        f"<p>{_e(entry.narrative).replace(chr(10), '<br>')}</p>" if entry.narrative else "",
    ]
    for relation, heading in (("supports", "Supporting evidence"), ("contradicts", "Against")):
        items = [
            described[link.observation_id]
            for link in links
            if link.relation == relation and link.observation_id in described
        ]
        if not items:
            continue
        body.append(
            f"<h2>{heading} ({len(items)})</h2><table width='100%' border='1' "
            "cellspacing='0'><tr><th>Mode</th><th>Observation</th><th>Source</th>"
            "<th>Recorded by</th></tr>"
        )
        for item in sorted(items, key=lambda i: i.observed_at):
            groups = f" ({', '.join(item.groups)})" if item.groups else ""
            body.append(
                f"<tr><td>{_e(vocab.MODES.get(item.mode, item.mode))}</td><td>{_e(item.text)}</td>"
                f"<td>{_e(item.source)}{_e(groups)}</td><td>{_e(item.recorded_by)}</td></tr>"
            )
        body.append("</table>")
    if not links:
        body.append("<p>No evidence is linked to this finding yet.</p>")
    return Printable("Finding and its evidence", _page(entry.statement, body), True)


# ------------------------------------------------------------------------ letter
def letter_preview(cf: ChallengeFile) -> Printable:
    """The letter as it will be written (without Word's numbering and styles)."""
    from peernotes.core.letter import build_letter

    letter = build_letter(cf)
    body: list[str] = []
    in_list = False
    for block in letter.blocks:
        bullet = block.kind == "bullet"
        if bullet and not in_list:
            body.append("<ul>")
        if not bullet and in_list:
            body.append("</ul>")
        in_list = bullet
        text = _e(block.text).replace("\n", "<br>")
        if block.kind in ("title", "heading"):
            level = 1 if block.kind == "title" else min(block.level + 1, 3)
            body.append(f"<h{level}>{text}</h{level}>")
        elif bullet:
            body.append(f"<li>{text}</li>")
        elif block.kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in block.rows
            )
            body.append(f"<table border='1' cellspacing='0'>{rows}</table>")
        elif block.kind == "quote":
            body.append(f"<p style='margin-left:24px'><i>{text}</i></p>")
        elif block.kind != "page_break":
            body.append(f"<p>{text}</p>")
    if in_list:
        body.append("</ul>")
    return Printable("Letter preview", _page(letter.title or "Letter", body), False)
