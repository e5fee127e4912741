"""Draw the PeerNotes icon and write resources/icons/peernotes.{png,ico,icns}.

Run once when the design changes: `python scripts/make_icon.py` (needs Pillow). Drawn in code (a notepad
with three lines and a tick, in the app's navy and teal) so it can be re-drawn at any size
without a design tool; the .ico and .icns are what the Windows installer and macOS .app need.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAVY, TEAL, PAPER = QColor("#1f3a5f"), QColor("#2a9d8f"), QColor("#fdfcf7")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    back = QPainterPath()
    back.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    p.fillPath(back, NAVY)
    page = QPainterPath()
    page.addRoundedRect(QRectF(60 * s, 44 * s, 136 * s, 172 * s), 14 * s, 14 * s)
    p.fillPath(page, PAPER)
    p.setPen(QPen(NAVY, 12 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (90, 124, 158):
        p.drawLine(int(84 * s), int(y * s), int(172 * s), int(y * s))
    p.setPen(QPen(TEAL, 22 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    tick = QPainterPath()
    tick.moveTo(136 * s, 186 * s)
    tick.lineTo(162 * s, 212 * s)
    tick.lineTo(214 * s, 150 * s)
    p.drawPath(tick)
    p.end()
    return image


def write_ico(png: Path, ico: Path) -> bool:
    """Windows picks a size per place (16 in a list, 256 in a large view): Pillow writes all
    of them into one .ico, which Qt's writer cannot."""
    from PIL import Image

    sizes = [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
    Image.open(png).save(ico, sizes=sizes)
    return True


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    ok = big.save(str(OUT / "peernotes.png"))
    ok &= write_ico(OUT / "peernotes.png", OUT / "peernotes.ico")
    ok &= draw(512).save(str(OUT / "peernotes.icns"))
    print("\n".join(f"{f.name}: {f.stat().st_size} bytes" for f in sorted(OUT.iterdir())))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
