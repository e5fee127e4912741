"""A heat map of evidence per heading, by mode and by stakeholder group, painted by hand.

PeerNotes installs PySide6-Essentials, which has no Qt Charts module (that ships in the much
larger PySide6-Addons). A heat map is a grid of coloured cells, so a QPainter widget does it
in little code, prints the counts in the cells (a chart must be readable without colour) and
costs no extra dependency.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from peernotes.core import vocab
from peernotes.core.coverage import Coverage, HeadingCoverage

# Sequential blues (light to dark) for "more evidence"; a warm tint flags an empty cell.
RAMP = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
EMPTY = "#fbe3e1"
EMPTY_TEXT = "#b3261e"
THIN_BAND = "#fff1d6"
THIN_TEXT = "#8a4b00"
DOMAIN_BAND = "#eef1f5"


def shade(count: int, top: int) -> QColor:
    """The ramp colour for `count` on a scale up to `top` (the busiest cell of its block)."""
    if count <= 0 or top <= 0:
        return QColor(EMPTY)
    step = 1 + round((len(RAMP) - 2) * min(count, top) / top)
    return QColor(RAMP[min(step, len(RAMP) - 1)])


@dataclass(frozen=True)
class _Fonts:
    """The chart's three fonts, from the widget's own (so it follows the user's size)."""

    base: QFont
    bold: QFont
    small: QFont

    @classmethod
    def of(cls, font: QFont) -> _Fonts:
        base = QFont(font)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        return cls(base, bold, small)


def _paint_cell(painter: QPainter, cell: QRect, count: int, top: int) -> None:
    """One count on its shade; a 0 greyed, dark shades with white text."""
    colour = shade(count, top)
    painter.fillRect(cell, colour)
    if count == 0:
        painter.setPen(QColor(EMPTY_TEXT))
    else:
        painter.setPen(QColor("white") if colour.lightness() < 140 else QColor("#1b1b1b"))
    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(count))


class CoverageHeatMap(QWidget):
    """Rows: headings in framework order. Columns: total, read/heard/seen, each stakeholder
    group, findings. A darker blue cell = more evidence; a pink cell = none."""

    headingActivated = Signal(str)  # a row was double-clicked: heading id

    LABEL_WIDTH = 250  # the last column fits at 1366 px; long names are elided, full on hover
    NUMBER_WIDTH = 50
    GROUP_WIDTH = 64
    ROW_HEIGHT = 24
    HEADER_HEIGHT = 52
    GAP = 10
    LEGEND_HEIGHT = 46

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: Coverage | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Coverage heat map")

    def set_coverage(self, data: Coverage) -> None:
        self.data = data
        self.updateGeometry()
        self.setMinimumSize(self.sizeHint())
        self.update()

    # ------------------------------------------------------------ geometry
    def _columns(self) -> list[tuple[str, str, int]]:
        """(key, title, x) for every column after the label column."""
        if self.data is None:
            return []
        columns = []
        x = self.LABEL_WIDTH
        columns.append(("total", "Total", x))
        x += self.NUMBER_WIDTH + self.GAP
        for mode in vocab.MODES:
            columns.append((f"mode:{mode}", vocab.MODES[mode], x))
            x += self.NUMBER_WIDTH
        x += self.GAP
        for group_id, name in self.data.groups:
            columns.append((f"group:{group_id}", name, x))
            x += self.GROUP_WIDTH
        x += self.GAP
        columns.append(("findings", "Findings", x))
        return columns

    def _width_of(self, key: str) -> int:
        return self.GROUP_WIDTH if key.startswith("group:") else self.NUMBER_WIDTH

    def sizeHint(self) -> QSize:  # noqa: N802
        if self.data is None:
            return QSize(600, 200)
        columns = self._columns()
        key, _title, x = columns[-1]
        width = x + self._width_of(key) + 8
        height = (
            self.HEADER_HEIGHT + self.ROW_HEIGHT * len(self.data.headings) + self.LEGEND_HEIGHT + 12
        )
        return QSize(width, height)

    def _cell_at(self, x: int, y: int) -> tuple[HeadingCoverage, str] | None:
        if self.data is None or y < self.HEADER_HEIGHT:
            return None
        row = (y - self.HEADER_HEIGHT) // self.ROW_HEIGHT
        if not 0 <= row < len(self.data.headings):
            return None
        heading = self.data.headings[row]
        if x < self.LABEL_WIDTH:
            return heading, "label"
        for key, _title, left in self._columns():
            if left <= x < left + self._width_of(key):
                return heading, key
        return None

    @staticmethod
    def value(heading: HeadingCoverage, key: str) -> int:
        if key == "total":
            return heading.total
        if key == "findings":
            return heading.findings
        kind, _, ident = key.partition(":")
        return (heading.by_mode if kind == "mode" else heading.by_group).get(ident, 0)

    # ------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.data is None:
            return
        fonts = _Fonts.of(self.font())
        columns = self._columns()
        self._paint_header(painter, fonts, columns)
        self._paint_rows(painter, fonts, columns)
        y = self.HEADER_HEIGHT + len(self.data.headings) * self.ROW_HEIGHT + 12
        self._paint_legend(painter, fonts.small, y, self.data.thin_below)
        painter.end()

    def _scales(self, data: Coverage, columns: list[tuple[str, str, int]]) -> dict[str, int]:
        """The busiest cell of each block (total, mode, group, findings) sets its scale."""
        tops = {"total": 0, "mode": 0, "group": 0, "findings": 0}
        standards = [h for h in data.headings if h.depth == 1] or list(data.headings)
        for heading in standards:
            for key, _t, _x in columns:
                block = key.split(":")[0]
                tops[block] = max(tops[block], self.value(heading, key))
        return tops

    def _paint_header(
        self, painter: QPainter, fonts: _Fonts, columns: list[tuple[str, str, int]]
    ) -> None:
        """Column titles (groups not heard from yet greyed), "Heading", the block titles."""
        assert self.data is not None
        unheard = {g for g, _ in self.data.unheard_groups}
        painter.setFont(fonts.small)
        for key, title, x in columns:
            width = self._width_of(key)
            rect = QRect(x + 2, 2, width - 4, self.HEADER_HEIGHT - 6)
            is_unheard = key.startswith("group:") and key[6:] in unheard
            painter.setPen(QColor(EMPTY_TEXT if is_unheard else "#333333"))
            text = title + ("\n(none yet)" if is_unheard else "")
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignBottom
                | Qt.TextFlag.TextWordWrap,
                text,
            )
        painter.setPen(QColor("#333333"))
        painter.setFont(fonts.bold)
        painter.drawText(
            QRect(4, 2, self.LABEL_WIDTH - 8, self.HEADER_HEIGHT - 6),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            "Heading",
        )
        block_titles = (("By mode", "mode:"), ("By stakeholder group met", "group:"))
        painter.setFont(fonts.small)
        painter.setPen(QColor("#666666"))
        for title, prefix in block_titles:
            xs = [x for key, _t, x in columns if key.startswith(prefix)]
            if xs:
                last_key = next(k for k, _t, x in columns if x == xs[-1])
                span = QRect(xs[0], 0, xs[-1] + self._width_of(last_key) - xs[0], 14)
                painter.drawText(
                    span, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, title
                )

    def _paint_rows(
        self, painter: QPainter, fonts: _Fonts, columns: list[tuple[str, str, int]]
    ) -> None:
        """One row per heading: its label (a domain banded, a thin one marked), its cells."""
        assert self.data is not None
        tops = self._scales(self.data, columns)
        for row, heading in enumerate(self.data.headings):
            y = self.HEADER_HEIGHT + row * self.ROW_HEIGHT
            label_rect = QRect(0, y, self.LABEL_WIDTH - 4, self.ROW_HEIGHT)
            if heading.depth == 0:
                painter.fillRect(QRect(0, y, self.width(), self.ROW_HEIGHT), QColor(DOMAIN_BAND))
            if heading.thin:
                painter.fillRect(label_rect, QColor(THIN_BAND))
            indent = 8 if heading.depth == 0 else 24
            font = fonts.bold if heading.depth == 0 else fonts.base
            painter.setFont(font)
            painter.setPen(QColor(THIN_TEXT if heading.thin else "#1b1b1b"))
            suffix = "  ▲ thin" if heading.thin else ""
            fm = QFontMetrics(font)
            available = self.LABEL_WIDTH - indent - 20 - fm.horizontalAdvance(suffix)
            label = fm.elidedText(heading.label, Qt.TextElideMode.ElideRight, available) + suffix
            painter.drawText(
                label_rect.adjusted(indent, 0, 0, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            painter.setFont(fonts.base)
            for key, _title, x in columns:
                cell = QRect(x + 1, y + 1, self._width_of(key) - 2, self.ROW_HEIGHT - 2)
                _paint_cell(painter, cell, self.value(heading, key), tops[key.split(":")[0]])
            painter.setPen(QPen(QColor("#dddddd")))
            painter.drawLine(0, y + self.ROW_HEIGHT - 1, self.width(), y + self.ROW_HEIGHT - 1)

    def _paint_legend(self, painter: QPainter, small: QFont, y: int, thin_below: int) -> None:
        """The colour ramp, what 0 and the thin mark mean, and how counts are scaled."""
        painter.setFont(small)
        painter.setPen(QColor("#333333"))
        x = 8
        painter.drawText(QRect(x, y, 120, 18), Qt.AlignmentFlag.AlignVCenter, "Fewer")
        x += 40
        for step in RAMP[1:]:
            painter.fillRect(QRect(x, y + 2, 26, 14), QColor(step))
            x += 28
        painter.drawText(
            QRect(x + 4, y, 200, 18), Qt.AlignmentFlag.AlignVCenter, "More observations"
        )
        x += 150
        painter.fillRect(QRect(x, y + 2, 26, 14), QColor(EMPTY))
        painter.setPen(QColor(EMPTY_TEXT))
        painter.drawText(QRect(x, y + 2, 26, 14), Qt.AlignmentFlag.AlignCenter, "0")
        painter.setPen(QColor("#333333"))
        painter.drawText(QRect(x + 32, y, 160, 18), Qt.AlignmentFlag.AlignVCenter, "None yet")
        x += 130
        painter.fillRect(QRect(x, y + 2, 26, 14), QColor(THIN_BAND))
        painter.setPen(QColor(THIN_TEXT))
        painter.drawText(
            QRect(x + 32, y, 460, 18),
            Qt.AlignmentFlag.AlignVCenter,
            f"▲ thin: fewer than {thin_below} observations under the heading",
        )
        painter.setPen(QColor("#555555"))
        painter.drawText(
            QRect(8, y + 20, self.width() - 16, 18),
            Qt.AlignmentFlag.AlignVCenter,
            "Each colour block is scaled to its busiest standard. A group's count: observations from meetings where someone from that group was met.",
        )

    # ------------------------------------------------------------ interaction
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.data is not None:
            hit = self._cell_at(int(event.pos().x()), int(event.pos().y()))
            if hit is None:
                QToolTip.hideText()
                return True
            QToolTip.showText(event.globalPos(), self.tooltip(*hit), self)
            return True
        return super().event(event)

    def tooltip(self, heading: HeadingCoverage, key: str) -> str:
        if self.data is None:  # no cell to point at before the first refresh
            return ""
        if key == "label":
            text = (
                f"{heading.label}: {heading.total} observation(s), {heading.findings} finding(s)."
            )
            if heading.thin:
                text += f" Thin: fewer than {self.data.thin_below} observations."
            unheard = [self.data.group_name(g) for g in heading.unheard]
            if unheard:
                text += " Not heard from here: " + ", ".join(unheard) + "."
            return text + " Double-click to list its observations."
        count = self.value(heading, key)
        if key == "total":
            return (
                f"{heading.label}: {count} observation(s) tagged with it or used in its findings."
            )
        if key == "findings":
            return f"{heading.label}: {count} finding(s)."
        kind, _, ident = key.partition(":")
        if kind == "mode":
            return f"{heading.label}: {count} observation(s) {vocab.MODES[ident].lower()}."
        return (
            f"{heading.label}: {count} observation(s) from meetings where "
            f"{self.data.group_name(ident)} were met."
        )

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        hit = self._cell_at(int(event.position().x()), int(event.position().y()))
        if hit is not None:
            self.headingActivated.emit(hit[0].id)
