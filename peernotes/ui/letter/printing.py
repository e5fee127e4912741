"""File › Print… (Ctrl+P): choose what to print, see it in Qt's print preview, print it or
save it as PDF -- one painting path for paper, preview and PDF.

`paint(printer, printable)` lays the printable's HTML out on the printer's page, less a
header band, and draws page by page: the header (the title, "Internal — not for
publication" when the printout names people, page n of m) then that page's slice of the
document. The preview and "Save as PDF…" call the same function, so what is previewed is
what comes out. Tests answer the chooser through `ask_what`, and the preview through
`show_preview`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from peernotes.core import findings
from peernotes.core.records import read_models
from peernotes.core.store import ChallengeFile
from peernotes.ui.letter import printables
from peernotes.ui.letter.printables import INTERNAL, Printable

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow

HEADER_MM = 12.0


def new_printer(pdf: Path | None = None) -> QPrinter:
    """An A4 portrait printer with 15 mm margins; to a PDF file when `pdf` is given."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    if pdf is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
    return printer


def layout_document(printer: QPrinter, printable: Printable) -> tuple[QTextDocument, float]:
    """The document laid out for the printer's page less the header; returns it and the
    header's height in device pixels."""
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    header = HEADER_MM / 25.4 * printer.resolution()
    document = QTextDocument()
    document.documentLayout().setPaintDevice(printer)
    document.setHtml(printable.html)
    document.setPageSize(QSizeF(page.width(), page.height() - header))
    return document, header


def paint(printer: QPrinter, printable: Printable) -> int:
    """Print `printable` on `printer` (paper, preview or PDF); returns the page count."""
    document, header = layout_document(printer, printable)
    pages = document.pageCount()
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    height = page.height() - header
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    font = QFont("Arial")
    font.setPointSizeF(8.5)
    try:
        for number in range(pages):
            if number:
                printer.newPage()
            painter.setFont(font)
            band = QRectF(0, 0, page.width(), header * 0.7)
            painter.drawText(band, int(Qt.AlignmentFlag.AlignLeft), printable.title)
            right = f"Page {number + 1} of {pages}"
            if printable.internal:
                font.setBold(True)
                painter.setFont(font)
                painter.drawText(band, int(Qt.AlignmentFlag.AlignHCenter), INTERNAL)
                font.setBold(False)
                painter.setFont(font)
            painter.drawText(band, int(Qt.AlignmentFlag.AlignRight), right)
            painter.save()
            painter.translate(0, header - number * height)
            document.drawContents(painter, QRectF(0, number * height, page.width(), height))
            painter.restore()
    finally:
        painter.end()
    return pages


def save_pdf(printable: Printable, target: Path) -> int:
    """Print to a PDF file through the same path as paper; returns the page count."""
    return paint(new_printer(target), printable)


# ------------------------------------------------------------------------ choosing
@dataclass(frozen=True)
class PrintChoice:
    what: str  # programme | rollup | finding | letter
    peer_id: str | None = None  # programme: one peer, or None for the whole team
    finding_id: str | None = None
    pdf: bool = False  # save as PDF instead of the preview
    day: str | None = None  # programme: one day (ISO date), or None for every day


def build(cf: ChallengeFile, choice: PrintChoice) -> Printable:
    if choice.what == "programme":
        return printables.programme(cf, choice.peer_id, choice.day)
    if choice.what == "finding" and choice.finding_id:
        return printables.finding(cf, choice.finding_id)
    if choice.what == "letter":
        return printables.letter_preview(cf)
    return printables.rollup_printable(cf)


class PrintDialog(QDialog):
    """What to print: the programme (team or one peer), the roll-up, one finding, the letter."""

    def __init__(self, cf: ChallengeFile, finding_id: str | None, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle("Print")
        self.group = QButtonGroup(self)
        grid = QGridLayout(self)
        options = [
            ("programme", "The day's &programme"),
            ("rollup", "The &roll-up (evening wash-up)"),
            ("finding", "One &finding with its evidence"),
            ("letter", "The &letter preview"),
        ]
        self.buttons: dict[str, QRadioButton] = {}
        for row, (key, label) in enumerate(options):
            button = QRadioButton(label)
            self.group.addButton(button, row)
            self.buttons[key] = button
            grid.addWidget(button, row, 0)
        self.peer = QComboBox()
        self.peer.setAccessibleName("Programme for")
        self.peer.addItem("Whole team", None)
        for peer in read_models.team_members(cf):
            self.peer.addItem(peer.name, peer.id)
        grid.addWidget(self.peer, 0, 1)
        self.day = QComboBox()
        self.day.setAccessibleName("Programme day")
        self.day.addItem("Every day", None)
        for day in printables.programme_days(cf):
            self.day.addItem(day, day)
        grid.addWidget(self.day, 0, 2)
        self.finding = QComboBox()
        self.finding.setAccessibleName("Finding")
        for finding in findings.finding_choices(cf):
            self.finding.addItem(finding.statement[:80], finding.id)
        if finding_id is not None:
            self.finding.setCurrentIndex(max(0, self.finding.findData(finding_id)))
        grid.addWidget(self.finding, 2, 1, 1, 2)
        self.buttons["finding"].setEnabled(self.finding.count() > 0)
        self.buttons["rollup"].setChecked(True)
        note = QLabel(f"Printouts that name people say “{INTERNAL}” at the top of each page.")
        note.setWordWrap(True)
        grid.addWidget(note, len(options), 0, 1, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        preview = buttons.addButton("Pre&view and print…", QDialogButtonBox.ButtonRole.AcceptRole)
        pdf = buttons.addButton("Save as P&DF…", QDialogButtonBox.ButtonRole.ActionRole)
        preview.setDefault(True)
        self.pdf = False
        pdf.clicked.connect(self._pdf)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid.addWidget(buttons, len(options) + 1, 0, 1, 3)

    def _pdf(self) -> None:
        self.pdf = True
        self.accept()

    def choice(self) -> PrintChoice:
        what = next(k for k, b in self.buttons.items() if b.isChecked())
        return PrintChoice(
            what,
            self.peer.currentData(),
            self.finding.currentData(),
            self.pdf,
            self.day.currentData(),
        )


def ask_what(
    parent: QWidget | None, cf: ChallengeFile, finding_id: str | None
) -> PrintChoice | None:
    dialog = PrintDialog(cf, finding_id, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_pdf_path(parent: QWidget | None, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save as PDF", str(suggested), "PDF (*.pdf)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def preview_dialog(parent: QWidget | None, printable: Printable) -> QPrintPreviewDialog:
    printer = new_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print preview – {printable.title}")
    # The dialog does not own the printer: the connection keeps it alive as long as the dialog.
    dialog.paintRequested.connect(lambda target, _keep=printer: paint(target, printable))
    return dialog


def show_preview(parent: QWidget | None, printable: Printable) -> None:
    preview_dialog(parent, printable).exec()


def print_from(window: MainWindow) -> None:
    """File › Print…: choose, then preview (and print) or save as PDF."""
    session = window.session
    if session is None:
        return
    current = window.current_finding_id()
    choice = ask_what(window, session.cf, current)
    if choice is None:
        return
    printable = build(session.cf, choice)
    if choice.pdf:
        folder = session.cf.path.parent if session.cf.path else Path.home()
        target = ask_pdf_path(window, folder / f"{printable.title}.pdf")
        if target is not None:
            save_pdf(printable, target)
            window.say(f"Saved {target}", 10)
        return
    show_preview(window, printable)
