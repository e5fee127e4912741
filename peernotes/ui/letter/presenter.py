"""The presenter view: the feedback deck full screen inside PeerNotes, no PowerPoint needed.

F5 (View › Present feedback) builds the deck from the roll-up, runs the same
non-attribution guard as the export, and shows the slides:

  * with a second screen attached (a projector, extended -- not mirrored), the audience
    sees the slide full screen there, and the laptop shows the presenter console: the
    current slide, the next one, the speaker notes, the slide number;
  * on a single screen, or when the screens mirror each other (same geometry), only the
    slide is shown, full screen, and the notes never are.

Keys, on either window: Right/Down/Page Down/Space next, Left/Up/Page Up/Backspace back,
Home/End first/last, Esc ends the show. Slides are drawn on a 16:9 page of 960 × 540
points, like the .pptx: titles 36 pt, body 24 pt, scaled with the window (body text is
then 48 px at 1920 × 1080, 36 pt at 96 dpi).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from peernotes.core.deck import Deck, Slide

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow

PAGE_W, PAGE_H = 960.0, 540.0  # points, as the 13.333 × 7.5 in template
TITLE_PT, BODY_PT, SUBTITLE_PT = 36.0, 24.0, 28.0
MARGIN_PT = 44.0
ACCENT = QColor("#1F4E79")
TEXT = QColor("#1B1B1B")

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
BACK_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}


class SlideView(QWidget):
    """Draws one slide, letterboxed to 16:9, scaled to the widget."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.slide: Slide | None = None
        self.caption = ""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(160, 90)

    def set_slide(self, slide: Slide | None, caption: str = "") -> None:
        self.slide, self.caption = slide, caption
        self.setAccessibleName(slide.title if slide else "End of the presentation")
        self.update()

    def page_rect(self) -> QRectF:
        width, height = float(self.width()), float(self.height())
        scale = min(width / PAGE_W, height / PAGE_H)
        w, h = PAGE_W * scale, PAGE_H * scale
        return QRectF((width - w) / 2, (height - h) / 2, w, h)

    def scale(self) -> float:
        """Pixels per slide point."""
        return self.page_rect().width() / PAGE_W

    def body_pixel_size(self) -> int:
        return round(BODY_PT * self.scale())

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("black"))
        page = self.page_rect()
        slide = self.slide
        if slide is None:
            painter.fillRect(page, QColor("black"))
            self._text(painter, page, "End of the presentation. Esc to close.", 20, "white")
            return
        k = self.scale()
        margin = MARGIN_PT * k
        inner = page.adjusted(margin, 0, -margin, 0)
        if slide.layout == "title":
            painter.fillRect(page, ACCENT)
            self._paint_title_slide(painter, slide, page, inner)
        else:
            painter.fillRect(page, QColor("white"))
            self._paint_content_slide(painter, slide, page, inner)
        if self.caption:
            self._text(
                painter,
                page.adjusted(0, page.height() - 28 * k, -12 * k, 0),
                self.caption,
                12,
                "#777777",
                Qt.AlignmentFlag.AlignRight,
            )

    def _paint_title_slide(
        self, painter: QPainter, slide: Slide, page: QRectF, inner: QRectF
    ) -> None:
        """White title and subtitle a third of the way down the accent-coloured page."""
        k = self.scale()
        top = QRectF(inner.left(), page.top() + page.height() * 0.34, inner.width(), 0)
        bottom = self._paragraph(painter, top, slide.title, TITLE_PT + 8, "white", True)
        self._paragraph(
            painter,
            QRectF(inner.left(), bottom + 24 * k, inner.width(), 0),
            slide.subtitle,
            SUBTITLE_PT,
            "white",
            False,
        )

    def _paint_content_slide(
        self, painter: QPainter, slide: Slide, page: QRectF, inner: QRectF
    ) -> None:
        """An accent band, the title, then the bullets: level 0 is a label in the accent
        colour, deeper levels are indented with a bullet mark."""
        k = self.scale()
        painter.fillRect(QRectF(page.left(), page.top(), page.width(), 13 * k), ACCENT)
        y = self._paragraph(
            painter,
            QRectF(inner.left(), page.top() + 36 * k, inner.width(), 0),
            slide.title,
            TITLE_PT,
            ACCENT,
            True,
        )
        y += 18 * k
        for bullet in slide.bullets:
            label = bullet.level == 0
            indent = (0 if label else 26 * bullet.level) * k
            if not label:
                mark = QRectF(inner.left() + indent - 20 * k, y, 20 * k, 0)
                self._paragraph(painter, mark, "•", BODY_PT, TEXT, False)
            text = QRectF(inner.left() + indent, y, inner.width() - indent, 0)
            colour = ACCENT if label else TEXT
            y = self._paragraph(painter, text, bullet.text, BODY_PT, colour, label) + 6 * k

    def _font(self, points: float, bold: bool) -> QFont:
        font = QFont("Arial")
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPixelSize(max(1, round(points * self.scale())))
        font.setBold(bold)
        return font

    def _paragraph(
        self, painter: QPainter, rect: QRectF, text: str, points: float, colour: Any, bold: bool
    ) -> float:
        """Draw wrapped text from rect's top-left; returns the y just below it."""
        font = self._font(points, bold)
        metrics = QFontMetricsF(font)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        bound = metrics.boundingRect(
            QRectF(rect.left(), rect.top(), rect.width(), 10_000), flags, text
        )
        painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), bound.height()), flags, text)
        return rect.top() + bound.height()

    def _text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        points: float,
        colour: str,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
    ) -> None:
        painter.setFont(self._font(points, False))
        painter.setPen(QColor(colour))
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)


class _KeyWindow(QWidget):
    """A top-level window of the show that passes navigation keys to the controller."""

    def __init__(self, controller: Presentation, name: str):
        super().__init__(None, Qt.WindowType.Window)
        self.controller = controller
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if not self.controller.handle_key(event.key()):
            super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        self.controller.close()
        super().closeEvent(event)


class AudienceWindow(_KeyWindow):
    """What the room sees: the slide and nothing else."""

    def __init__(self, controller: Presentation):
        super().__init__(controller, "audienceWindow")
        self.setWindowTitle("Feedback presentation")
        self.view = SlideView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)


class ConsoleWindow(_KeyWindow):
    """The presenter's laptop: current and next slide, speaker notes, position."""

    def __init__(self, controller: Presentation):
        super().__init__(controller, "presenterConsole")
        self.setWindowTitle("Presenter view")
        self.current = SlideView()
        self.next = SlideView()
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setObjectName("speakerNotes")
        self.notes.setAccessibleName("Speaker notes")
        font = self.notes.font()
        font.setPointSize(16)
        self.notes.setFont(font)
        self.position = QLabel()
        self.position.setObjectName("slidePosition")
        hint = QLabel("→ / Page Down next · ← / Page Up back · Home / End · Esc ends the show")
        left = QVBoxLayout()
        left.addWidget(self.current, 3)
        left.addWidget(self.position)
        right = QVBoxLayout()
        right.addWidget(QLabel("Next"))
        right.addWidget(self.next, 2)
        right.addWidget(QLabel("Speaker notes (this screen only)"))
        right.addWidget(self.notes, 3)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(hint)
        for widget in (self.current, self.next, self.notes):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def distinct_screens() -> list[Any]:
    """The attached screens, mirrored ones (same geometry) counted once, primary first."""
    primary = QGuiApplication.primaryScreen()
    seen: list[QRect] = []
    screens = []
    for screen in [primary, *[s for s in QGuiApplication.screens() if s is not primary]]:
        if screen is None or screen.geometry() in seen:
            continue
        seen.append(screen.geometry())
        screens.append(screen)
    return screens


class Presentation(QObject):
    """The show: one deck, the current slide, the audience window and (on a second screen)
    the presenter console."""

    finished = Signal()

    def __init__(self, deck: Deck, parent: QObject | None = None):
        super().__init__(parent)
        self.deck = deck
        self.index = 0
        self._closing = False
        screens = distinct_screens()
        self.audience = AudienceWindow(self)
        self.console: ConsoleWindow | None = None
        if len(screens) >= 2:
            self.console = ConsoleWindow(self)
            self._place(self.console, screens[0])
            self._place(self.audience, screens[1])
        elif screens:
            self._place(self.audience, screens[0])
        self.show_slide(0)

    @staticmethod
    def _place(window: QWidget, screen: Any) -> None:
        window.setScreen(screen)
        window.setGeometry(screen.geometry())

    def start(self) -> None:
        self.audience.showFullScreen()
        if self.console is not None:
            self.console.showFullScreen()
            self.console.activateWindow()
            self.console.setFocus()
        else:
            self.audience.activateWindow()
            self.audience.setFocus()

    @property
    def slides(self) -> list[Slide]:
        return self.deck.slides

    def show_slide(self, index: int) -> None:
        """Go to slide `index`; one past the last is the black "end" slide."""
        self.index = max(0, min(index, len(self.slides)))
        current = self.slides[self.index] if self.index < len(self.slides) else None
        self.audience.view.set_slide(current)
        if self.console is not None:
            following = self.index + 1
            nxt = self.slides[following] if following < len(self.slides) else None
            caption = f"Slide {min(self.index + 1, len(self.slides))} of {len(self.slides)}"
            self.console.current.set_slide(current)
            self.console.next.set_slide(nxt)
            # one paragraph per finding, a blank line between: read at a glance
            notes = "\n\n".join(n.text for n in current.notes) if current else ""
            self.console.notes.setPlainText(notes)
            self.console.position.setText(caption)

    def handle_key(self, key: int) -> bool:
        if key in NEXT_KEYS:
            self.show_slide(self.index + 1)
        elif key in BACK_KEYS:
            self.show_slide(self.index - 1)
        elif key == Qt.Key.Key_Home:
            self.show_slide(0)
        elif key == Qt.Key.Key_End:
            self.show_slide(len(self.slides) - 1)
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            return False
        return True

    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        for window in (self.audience, self.console):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.finished.emit()


def present(window: MainWindow) -> Presentation | None:
    """F5: build and guard the deck, then start the show (None if the guard stopped it)."""
    from peernotes.ui.letter.deck_export import guarded_deck

    session = window.session
    if session is None:
        return None
    deck = guarded_deck(window, session, "Presentation not shown")
    if deck is None:
        return None
    show = Presentation(deck, window)
    window.presentation = show

    def ended() -> None:
        from peernotes.ui.letter.feedback_changes import offer_record

        window.presentation = None
        offer_record(window, session, deck.finding_ids(), len(deck.slides), "presented")

    show.finished.connect(ended)
    show.start()
    return show
