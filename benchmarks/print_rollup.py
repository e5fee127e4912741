"""Issue 12 figure: the print preview of the standard workload's roll-up, next to Qt printing
the same HTML itself, measured in the same run.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.print_rollup [--runs N]

preview = what File › Print… › Roll-up does before the preview shows: build the roll-up
          (core.rollup) and its HTML, open QPrintPreviewDialog, lay out and paint every
          page through peernotes.ui.letter.printing.paint (header band, page n of m)
raw     = QTextDocument.setHtml(the same HTML) + QTextDocument.print_ to a PDF printer
Target: preview <= 1 s. Figures are medians over --runs runs after one warm-up.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import median_seconds, verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication

    from benchmarks.workloads import workload
    from peernotes.core.store import ChallengeFile
    from peernotes.ui.letter import printables, printing

    app = QApplication.instance() or QApplication([])
    cf = ChallengeFile.open(workload("standard"), readonly=True)
    pages = [0]
    try:
        html = printables.rollup_printable(cf).html

        def preview() -> None:
            dialog = printing.preview_dialog(None, printables.rollup_printable(cf))
            widget = dialog.findChild(QPrintPreviewWidget)
            widget.updatePreview()
            pages[0] = widget.pageCount()
            dialog.deleteLater()
            app.processEvents()

        with tempfile.TemporaryDirectory() as folder:

            def raw() -> None:
                printer = printing.new_printer(Path(folder) / "raw.pdf")
                document = QTextDocument()
                document.setHtml(html)
                document.print_(printer)

            t_preview = median_seconds(preview, args.runs)
            t_raw = median_seconds(raw, args.runs)
    finally:
        cf.close()
    print(
        f"standard roll-up: {pages[0]} pages; preview {t_preview * 1000:.0f} ms, "
        f"raw QTextDocument.print_ {t_raw * 1000:.0f} ms, ratio {t_preview / t_raw:.2f}x"
    )
    print(f"target: preview <= 1 s -> {verdict(t_preview <= 1)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
