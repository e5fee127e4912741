"""Qt models for the synthesis screens: an observation browser, the findings tree, evidence.

Models hold plain data from the core (ids, ObservationInfo, Rollup entries) and never run SQL:
the browser asks peernotes.core.evidence for the rows it is about to show, a page at a time,
so a list of 50,000 observations builds only what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from peernotes.core import vocab
from peernotes.core.evidence import ObservationInfo
from peernotes.core.rollup import FindingEntry, HeadingEntry, Rollup
from peernotes.core.triangulation import Triangulation
from peernotes.ui import palette
from peernotes.ui.models.base import FixedColumnsModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3  # HTML snippet of a search hit, when searching

# The badge colours (strong to weak) come from the light or dark set matching the palette:
# peernotes.ui.palette. These are the light ones, for HTML meant for paper (the roll-up).
LEVEL_COLOURS: dict[str, str] = palette.LIGHT.level_text
LEVEL_TINTS: dict[str, str] = palette.LIGHT.level_tint
SHORT_KINDS = {"strength": "Strength", "area": "Area", "recommendation": "Recommendation"}
MODE_LETTERS = {"read": "R", "heard": "H", "seen": "S"}

_icons: dict[tuple[str, bool], QIcon] = {}


def level_icon(level: str) -> QIcon:
    """A small filled circle in the level's colour (made once per appearance)."""
    c = palette.colours()
    key = (level, c.dark)
    if key not in _icons:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(c.level_text.get(level, "#6b6b6b")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _icons[key] = QIcon(pixmap)
    return _icons[key]


def mode_counts(counts: dict[str, int] | object) -> str:
    """'R1 H3 S0' -- evidence by mode in a fixed order (short: the statement needs the room)."""
    get = getattr(counts, "get", lambda _k, _d=0: 0)
    return " ".join(f"{MODE_LETTERS[m]}{get(m, 0)}" for m in vocab.MODES)


SHORT_POLARITIES = {"strength": "Strength", "area": "Area", "neutral": "Neutral"}
INBOX_TIP = "In the inbox: no heading and in no finding yet"


def is_inbox(info: ObservationInfo) -> bool:
    return not info.findings and not info.headings


def heading_cell(info: ObservationInfo) -> str:
    """Short heading numbers ('2.1, 3'), 'Inbox' for a note nobody has sorted, or '—'."""
    if info.heading_labels:
        return ", ".join(label.split(" ", 1)[0] for label in info.heading_labels)
    return "Inbox" if is_inbox(info) else "—"


def _one_line(text: str, limit: int = 240) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# --------------------------------------------------------------- observations
class ObservationBrowserModel(FixedColumnsModel):
    """Observations by id; the visible rows are described on demand through `describe`."""

    HEADERS = (
        "Observation",
        "Polarity",
        "Heading",
        "Mode",
        "Recorded by",
        "Source",
        "Groups present",
        "Used",
    )
    TEXT, POLARITY, HEADING, MODE, RECORDER, SOURCE, GROUPS, FINDINGS = range(8)
    PAGE = 200

    def __init__(
        self, describe: Callable[[Sequence[str]], dict[str, ObservationInfo]], parent=None
    ):
        super().__init__(parent)
        self._describe = describe
        self._ids: list[str] = []
        self._cache: dict[str, ObservationInfo] = {}
        self._snippets: dict[str, str] = {}

    # ---- content
    def set_ids(self, ids: Sequence[str], snippets: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self._snippets = dict(snippets or {})
        self.endResetModel()

    def invalidate(self) -> None:
        """Rows' facts changed (e.g. how many findings use them): re-read when shown."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.HEADERS) - 1)
            )

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, observation_id: str) -> int:
        try:
            return self._ids.index(observation_id)
        except ValueError:
            return -1

    def info(self, row: int) -> ObservationInfo | None:
        if not 0 <= row < len(self._ids):
            return None
        observation_id = self._ids[row]
        if observation_id not in self._cache:
            start = (row // self.PAGE) * self.PAGE
            page = self._ids[start : start + self.PAGE]
            self._cache.update(self._describe(page))
        return self._cache.get(observation_id)

    # ---- Qt
    def row_total(self) -> int:
        return len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        info = self.info(index.row())
        if info is None:
            return (
                "(deleted)" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
            )
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                _one_line(info.text),
                SHORT_POLARITIES.get(info.polarity, info.polarity),
                heading_cell(info),
                vocab.MODES.get(info.mode, info.mode),
                info.recorded_by or "—",
                info.source or "—",
                ", ".join(info.groups) or "—",
                str(info.findings) if info.findings else "",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TEXT:
                return info.text
            if column == self.POLARITY:
                return vocab.POLARITIES.get(info.polarity, info.polarity)
            if column == self.HEADING:
                return "\n".join(info.heading_labels) or INBOX_TIP
            if column == self.FINDINGS:
                return f"Used as evidence in {info.findings} finding(s)"
            if column == self.RECORDER:
                return f"Recorded by {info.recorded_by}" if info.recorded_by else "Recorded by —"
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == SNIPPET_ROLE and column == self.TEXT:
            return self._snippets.get(info.id)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.FINDINGS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.HEADING and is_inbox(info):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [OBSERVATION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = list(dict.fromkeys(self._ids[i.row()] for i in indexes if i.isValid()))
        mime = QMimeData()
        mime.setData(OBSERVATION_MIME, QByteArray("\n".join(ids).encode()))
        return mime


OBSERVATION_MIME = "application/x-peernotes-observation-ids"
FINDING_MIME = "application/x-peernotes-finding-id"


# ------------------------------------------------------------------- findings
class FindingsTreeModel(QAbstractItemModel):
    """Headings (top level, framework order) with their findings (strengths, areas,
    recommendations, each in the user's order). Dragging a finding within a heading or onto
    another one asks the page to move it (`moveRequested`); dropping observations on a finding
    asks to add them (`evidenceDropped`). The model itself never writes."""

    COLUMNS = ("Finding", "Kind", "Triangulation", "Evidence", "Against")
    moveRequested = Signal(str, object, str, int)  # finding id, heading id, kind, index in section
    evidenceDropped = Signal(str, list)  # finding id, observation ids

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headings: list[HeadingEntry] = []
        self.show_empty = False
        self._rollup: Rollup | None = None

    def set_rollup(self, rollup: Rollup) -> None:
        self.beginResetModel()
        self._rollup = rollup
        wanted = {h.id for h in rollup.headings if self.show_empty or h.findings}
        wanted |= {h.parent_id for h in rollup.headings if h.id in wanted and h.parent_id}
        self._headings = [h for h in rollup.headings if h.id in wanted]
        self.endResetModel()

    def set_show_empty(self, show: bool) -> None:
        self.show_empty = show
        if self._rollup is not None:
            self.set_rollup(self._rollup)

    # ---- lookups
    def heading_at(self, index: Index) -> HeadingEntry | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._headings[index.row()]
        return self._headings[index.internalId() - 1]

    def finding_at(self, index: Index) -> FindingEntry | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._headings[index.internalId() - 1].findings[index.row()]

    def index_of_finding(self, finding_id: str, column: int = 0) -> QModelIndex:
        for h_row, heading in enumerate(self._headings):
            for f_row, entry in enumerate(heading.findings):
                if entry.id == finding_id:
                    return self.createIndex(f_row, column, h_row + 1)
        return QModelIndex()

    def index_of_heading(self, heading_id: str | None) -> QModelIndex:
        for h_row, heading in enumerate(self._headings):
            if heading.id == heading_id:
                return self.createIndex(h_row, 0, 0)
        return QModelIndex()

    # ---- structure
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._headings) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        if row >= len(self._headings[parent.row()].findings):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    # QAbstractItemModel.parent(index) overloads QObject.parent(); the stubs cannot say both.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._headings)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._headings[parent.row()].findings)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.COLUMNS):
                return self.COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if index.internalId() == 0:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.finding_at(index)
        if entry is None:
            heading = self.heading_at(index)
            return None if heading is None else _heading_data(heading, index.column(), role)
        return _finding_data(entry, index.column(), role)

    # ---- drag and drop
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [FINDING_MIME, OBSERVATION_MIME]

    # Qt takes a null QMimeData as "nothing to drag"; the stubs say it is never null.
    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]  # noqa: N802
        entries = [e for e in (self.finding_at(i) for i in indexes) if e is not None]
        if not entries:
            return None
        mime = QMimeData()
        mime.setData(FINDING_MIME, QByteArray(entries[0].id.encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if data.hasFormat(OBSERVATION_MIME):
            return self.finding_at(parent) is not None
        return data.hasFormat(FINDING_MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if data.hasFormat(OBSERVATION_MIME):
            target = self.finding_at(parent)
            if target is None:
                return False
            ids = [i for i in bytes(data.data(OBSERVATION_MIME).data()).decode().split("\n") if i]
            self.evidenceDropped.emit(target.id, ids)
            return False  # the page changes the file; the model is rebuilt from it
        if not data.hasFormat(FINDING_MIME) or self._rollup is None:
            return False
        finding_id = bytes(data.data(FINDING_MIME).data()).decode()
        moving = self._rollup.finding(finding_id)
        if moving is None:
            return False
        onto = self.finding_at(parent)
        if onto is not None:  # dropped on a finding: take its place
            heading = self.heading_at(parent)
            section = heading.by_kind(moving.kind) if heading else ()
            index = next((n for n, f in enumerate(section) if f.id == onto.id), len(section))
        else:
            heading = self.heading_at(parent) if parent.isValid() else None
            if heading is None:
                return False
            section = heading.by_kind(moving.kind)
            if 0 <= row:
                # row counts all kinds under the heading; convert to a place in this kind
                before = heading.findings[:row]
                index = sum(1 for f in before if f.kind == moving.kind)
            else:
                index = len(section)
        if heading is None:
            return False
        self.moveRequested.emit(finding_id, heading.id, moving.kind, index)
        return False


# The tree's cells, by row kind: a heading row, a finding row.
def _heading_data(heading: HeadingEntry, column: int, role: int) -> object:
    if role == Qt.ItemDataRole.DisplayRole:
        if column != 0:
            return None
        count = len(heading.findings)
        counted = f"  ({count} finding{'s' if count != 1 else ''})" if count else ""
        return ("\u2003\u2003" if heading.depth else "") + heading.label + counted
    if role == Qt.ItemDataRole.FontRole and column == 0:
        font = QFont()
        font.setBold(heading.depth == 0)
        return font
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(palette.colours().heading_text))
    if role == ID_ROLE:
        return heading.id
    return None


def _finding_text(entry: FindingEntry, column: int) -> str:
    t: Triangulation = entry.triangulation
    if column == 0:
        marks = ("★ " if entry.key_message else "") + ("◆ " if entry.notable else "")
        return marks + " ".join(entry.statement.split())
    if column == 1:
        return SHORT_KINDS[entry.kind]
    if column == 2:
        return t.label
    if column == 3:
        return mode_counts(entry.evidence_by_mode)
    return str(entry.contradicting) if entry.contradicting else ""


def _finding_tip(entry: FindingEntry, column: int) -> str | None:
    t: Triangulation = entry.triangulation
    if column == 1:
        return None
    if column == 2:
        return t.explanation
    if column == 3:
        return f"Supporting notes by mode: read, heard, seen.\n{t.explanation}"
    if column == 4:
        return f"{entry.contradicting} observation(s) contradict this finding"
    extras = [
        e
        for e, on in (("key message", entry.key_message), ("notable practice", entry.notable))
        if on
    ]
    return entry.statement + (f"\n({', '.join(extras)})" if extras else "")


def _finding_data(entry: FindingEntry, column: int, role: int) -> object:
    t: Triangulation = entry.triangulation
    colours = palette.colours()
    if role == Qt.ItemDataRole.DisplayRole:
        return _finding_text(entry, column)
    if role == Qt.ItemDataRole.ToolTipRole:
        return _finding_tip(entry, column)
    if role == ID_ROLE:
        return entry.id
    if role == LEVEL_ROLE:
        return t.level
    if column == 2:
        if role == Qt.ItemDataRole.DecorationRole:
            return level_icon(t.level)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(colours.level_tint[t.level]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(colours.level_text[t.level]))
    if role == Qt.ItemDataRole.ForegroundRole and column == 4 and entry.contradicting:
        return QBrush(QColor(colours.against))
    return None


# ------------------------------------------------------------------- evidence
class EvidenceTableModel(FixedColumnsModel):
    """A finding's supporting (or contradicting) observations."""

    HEADERS = ("Observation", "Mode", "Source", "Groups present", "Recorded by")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ObservationInfo] = []

    def set_rows(self, rows: Sequence[ObservationInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def info(self, row: int) -> ObservationInfo:
        return self._rows[row]

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                evidence_text(info),
                vocab.MODES.get(info.mode, info.mode),
                info.source or "—",
                ", ".join(info.groups) or "—",
                evidence_recorder(info),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 0:
                return f"{info.text}\n\n{info.pairing}" if info.pairing else info.text
            return self.data(index)
        if role == ID_ROLE:
            return info.id
        return None


def evidence_text(info: ObservationInfo) -> str:
    """A note's line in a finding's evidence, with the team's mark beside another peer's
    note of the meeting (core/finding_evidence.py): a same-point twin is indented under the
    first note of the pair, a disagreement is marked ≠; the tooltip says it in words."""
    text = _one_line(info.text)
    if info.pairing.startswith("Same point as"):
        return f"↳ {text}"
    if info.pairing.startswith("Disagrees"):
        return f"≠ {text}"
    return text


def evidence_recorder(info: ObservationInfo) -> str:
    """'Priya Nair (same point)': who recorded it, and how the team marked it."""
    name = info.recorded_by or "—"
    if info.pairing.startswith("Same point as"):
        return f"{name} (same point)"
    if info.pairing.startswith("Same point also"):
        return f"{name} (also noted by {info.pairing.rsplit(' by ', 1)[-1]})"
    if info.pairing.startswith("Disagrees"):
        return f"{name} (disagrees)"
    return name
