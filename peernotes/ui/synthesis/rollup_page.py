"""The Roll-up page: the framework walked in order, read aloud on the last morning.

A document, not a grid: each heading with its strengths, areas for consideration and
recommendations as bullets, each with its triangulation badge (the rule on hover) and its
evidence by mode; then the recommendations by group, then the inbox of notes still to sort.
Built from peernotes.core.rollup, the same data the letter export uses.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from peernotes.core import triangulation, vocab
from peernotes.core.rollup import FindingEntry, HeadingEntry, Rollup, rollup
from peernotes.ui.operations import thresholds
from peernotes.ui.palette import paper
from peernotes.ui.session import Session
from peernotes.ui.synthesis.dialogs import ThresholdsDialog
from peernotes.ui.synthesis.models import LEVEL_COLOURS, LEVEL_TINTS
from peernotes.ui.widgets.stale import StaleRefresher
from peernotes.ui.workspace import Ref

if TYPE_CHECKING:
    from peernotes.ui.workspace import Workspace

KIND_TITLES = {
    "strength": "Strengths",
    "area": "Areas for consideration",
    "recommendation": "Recommendations",
}
INBOX_SHOWN = 40

CSS = """
body { font-family: 'Noto Sans', 'DejaVu Sans', sans-serif; color: #1b1b1b; }
h1 { font-size: 160%; color: #1d3557; margin-bottom: 2px; }
h2 { font-size: 135%; color: #1d3557; margin-top: 22px; margin-bottom: 4px; }
h3 { font-size: 115%; color: #2b4a6f; margin-top: 14px; margin-bottom: 2px; }
p.meta { color: #555555; margin-top: 0px; }
p.kind { font-weight: 600; color: #333333; margin-top: 8px; margin-bottom: 2px; }
p.empty { color: #8a6d3b; font-style: italic; margin-top: 2px; }
p.legend { color: #444444; background-color: #f4f6f9; }
li { margin-bottom: 5px; }
span.counts { color: #555555; }
span.against { color: #a4262c; font-weight: 600; }
span.flag { color: #7a5b00; font-weight: 600; }
a.finding { color: #1b1b1b; text-decoration: none; }
"""


def badge(level: str, label: str, tip: str = "") -> str:
    title = f" title='{html.escape(tip, quote=True)}'" if tip else ""
    return (
        f"<span{title} style='background-color:{LEVEL_TINTS[level]}; color:{LEVEL_COLOURS[level]};"
        f" font-weight:600;'>&nbsp;●&nbsp;{html.escape(label)}&nbsp;</span>"
    )


def _counts(entry: FindingEntry) -> str:
    parts = [f"{vocab.MODES[m].lower()} {entry.evidence_by_mode.get(m, 0)}" for m in vocab.MODES]
    text = f"<span class='counts'>{' · '.join(parts)}</span>"
    if entry.contradicting:
        text += f" &nbsp;<span class='against'>{entry.contradicting} against</span>"
    return text


def _finding_item(entry: FindingEntry) -> str:
    t = entry.triangulation
    flags = []
    if entry.key_message:
        flags.append("★ key message")
    if entry.notable:
        flags.append("◆ notable practice")
    flag_html = f" <span class='flag'>{' · '.join(flags)}</span>" if flags else ""
    return (
        f"<li><a class='finding' href='finding:{entry.id}'>{html.escape(entry.statement)}</a>"
        f"{flag_html}<br>{badge(t.level, t.label, t.explanation)} &nbsp;{_counts(entry)}</li>"
    )


def _heading_block(heading: HeadingEntry) -> str:
    tag = "h2" if heading.depth == 0 else "h3"
    indent = "" if heading.depth == 0 else " style='margin-left:18px'"
    out = [f"<{tag}{indent}>{html.escape(heading.label)}</{tag}>"]
    body = []
    for kind, title in KIND_TITLES.items():
        items = heading.by_kind(kind)
        if items:
            body.append(
                f"<p class='kind'>{title}</p><ul>{''.join(_finding_item(f) for f in items)}</ul>"
            )
    if body:
        out.append(f"<div{indent}>{''.join(body)}</div>")
    elif heading.id is not None:
        tagged = (
            f"{heading.observations} observation{'s' if heading.observations != 1 else ''} tagged"
        )
        out.append(f"<p class='empty'{indent}>No findings yet ({tagged}).</p>")
    return "".join(out)


def rollup_html(result: Rollup, *, show_empty_standards: bool = False) -> str:
    """The roll-up as one HTML document (Qt rich text subset)."""
    levels = result.levels
    total = sum(levels.values())
    level_text = ", ".join(
        f"{levels[k]} {label.lower()}" for k, label in triangulation.LEVELS.items() if levels.get(k)
    )
    parts = [
        f"<html><head><style>{CSS}</style></head><body>",
        f"<h1>{html.escape(result.council)} — {html.escape(result.programme_title)}</h1>",
        "<p class='meta'>Roll-up of findings by heading, in framework order. "
        f"{total} finding{'s' if total != 1 else ''}{': ' + level_text if level_text else ''}. "
        f"{result.observations:,} observations recorded; {result.inbox_total:,} still in the inbox.</p>",
        "<p class='legend'>"
        + " ".join(badge(k, label) for k, label in triangulation.LEVELS.items())
        + f"<br>{html.escape(result.thresholds.rule())} "
        "Evidence counts are supporting observations by mode (read · heard · seen).</p>",
    ]
    with_findings = {h.id for h in result.headings if h.findings}
    for heading in result.headings:
        if heading.depth == 1 and heading.id not in with_findings and not show_empty_standards:
            continue
        parts.append(_heading_block(heading))

    groups = [g for g in result.recommendation_groups if g.recommendations]
    if groups:
        parts.append("<h2>Recommendations by group</h2>")
        number = 0
        for group in result.recommendation_groups:
            if not group.recommendations:
                continue
            parts.append(f"<h3>{html.escape(group.name)}</h3><ol start='{number + 1}'>")
            for entry in group.recommendations:
                parts.append(_finding_item(entry).replace("<li>", "<li>", 1))
            parts.append("</ol>")
            number += len(group.recommendations)

    parts.append(
        f"<h2>Inbox: {result.inbox_total:,} observation{'s' if result.inbox_total != 1 else ''} to sort</h2>"
    )
    if result.inbox_total:
        parts.append(
            "<p class='meta'>Notes with no heading that no finding uses yet. Tag them or use them in a "
            "finding on the Findings page.</p><ul>"
        )
        for item in result.inbox[:INBOX_SHOWN]:
            source = f" — {html.escape(item.source)}" if item.source else ""
            parts.append(
                f"<li>{html.escape(item.text)} <span class='counts'>({vocab.MODES.get(item.mode, item.mode).lower()}{source})</span></li>"
            )
        parts.append("</ul>")
        if result.inbox_total > INBOX_SHOWN:
            parts.append(f"<p class='meta'>… and {result.inbox_total - INBOX_SHOWN:,} more.</p>")
    else:
        parts.append("<p class='meta'>Every observation is sorted.</p>")
    parts.append("</body></html>")
    return "".join(parts)


class RollupBrowser(QTextBrowser):
    """A text browser that shows the `title` of the text under the mouse as a tooltip
    (the triangulation rule and counts of a badge)."""

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(self.viewport().mapFrom(self, event.pos()))
            tip = cursor.charFormat().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class RollupPage(QWidget):
    def __init__(self, session: Session, window: Workspace | None = None):
        super().__init__()
        self.session = session
        self.window_ = window
        self.result: Rollup | None = None
        self.staleness = StaleRefresher(self, self.refresh)

        self.browser = RollupBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._open)
        self.browser.setAccessibleName("Roll-up of findings by heading")
        paper(self.browser)  # a page to read aloud: dark text on white in any appearance
        self.zoom = 0
        self.show_empty = QCheckBox("Show standards with no findings")
        self.show_empty.toggled.connect(lambda _on: self.refresh())
        larger = QPushButton("Larger text")
        larger.setToolTip("Larger text, for reading aloud (Ctrl++)")
        larger.clicked.connect(lambda: self.set_zoom(self.zoom + 2))
        smaller = QPushButton("Smaller text")
        smaller.setToolTip("Smaller text (Ctrl+-)")
        smaller.clicked.connect(lambda: self.set_zoom(self.zoom - 2))
        rule = QPushButton("Triangulation rule…")
        rule.setToolTip("How many modes and sources a finding needs for each badge")
        rule.clicked.connect(self.edit_thresholds)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.set_zoom(self.zoom + 2))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.set_zoom(self.zoom - 2))
        hint = QLabel("Click a finding to edit it.")
        hint.setObjectName("hint")
        bar = QHBoxLayout()
        bar.addWidget(self.show_empty)
        bar.addStretch(1)
        bar.addWidget(hint)
        bar.addWidget(smaller)
        bar.addWidget(larger)
        bar.addWidget(rule)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        session.changed.connect(self.staleness.mark_stale)

    def refresh(self) -> None:
        self.staleness.refreshed()
        self.result = rollup(self.session.cf, inbox_limit=INBOX_SHOWN)
        position = self.browser.verticalScrollBar().value()
        self.browser.setHtml(
            rollup_html(self.result, show_empty_standards=self.show_empty.isChecked())
        )
        self.browser.verticalScrollBar().setValue(position)

    def set_zoom(self, zoom: int) -> None:
        zoom = max(-4, min(16, zoom))
        delta = zoom - self.zoom
        if delta > 0:
            self.browser.zoomIn(delta)
        elif delta < 0:
            self.browser.zoomOut(-delta)
        self.zoom = zoom

    def _open(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("finding:") and self.window_ is not None:
            self.window_.go_to(Ref("finding", text.split(":", 1)[1]))

    def edit_thresholds(self) -> None:
        current = triangulation.thresholds(self.session.cf)
        value = ThresholdsDialog.ask(self, current)
        if value is not None and value != current:
            thresholds.set_triangulation_rule(self.session, value)
