"""A form that scrolls when the window is too short for it, and only then.

On a 1366x768 laptop at 150 % a page has about 390 logical pixels of height. A form that
wraps (chips, tag buttons, a long legend) needs its wrapped height reserved, or rows are
drawn over each other; QScrollArea asks the form for its height at the width it is given
(heightForWidth) and scrolls the rest. This area also says how tall it would like to be
(the whole form at the current width), so with room to spare nothing scrolls, and it keeps
the field with the keyboard focus in view (a shortcut such as Ctrl+T can focus a field
that has scrolled out of sight, and rows above the note box grow as people are added).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QStyle, QWidget

FOCUS_MARGIN = 8  # pixels shown around the focused field


class FormScroll(QScrollArea):
    """Vertical scrolling only: the form wraps to the width instead of scrolling sideways."""

    def __init__(self, form: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the area
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        form.setAutoFillBackground(False)
        form.installEventFilter(self)  # a row that grows (chips loaded) must not hide the focus
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _form_height(self, width: int) -> int:
        form = self.form
        if form.hasHeightForWidth():
            return form.heightForWidth(width)
        return form.sizeHint().height()

    def _bar_width(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def sizeHint(self) -> QSize:  # noqa: N802
        form = self.form
        width = self.viewport().width() if self.isVisible() else form.sizeHint().width()
        frame = 2 * self.frameWidth()
        wide = form.minimumSizeHint().width() + self._bar_width() + frame
        return QSize(wide, self._form_height(width) + frame)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As narrow as the form can wrap (plus a scroll bar), as short as a few lines."""
        form = self.form
        frame = 2 * self.frameWidth()
        width = form.minimumSizeHint().width() + self._bar_width() + frame
        height = min(self.fontMetrics().lineSpacing() * 4, self._form_height(width)) + frame
        return QSize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the wrapped height changed with the width

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.form and event.type() == QEvent.Type.Resize:
            self._focus_changed(None, QApplication.focusWidget())
        return super().eventFilter(watched, event)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        form = self.form
        if now is not None and form.isAncestorOf(now):
            # after the layouts still pending (a page just shown): then the place is final
            QTimer.singleShot(0, self, self._keep_focus_in_view)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self, self._keep_focus_in_view)  # the page shown, focus kept

    def _keep_focus_in_view(self) -> None:
        """The whole focused field in view (ensureWidgetVisible would settle for a text box's
        cursor line: the lines typed below it would go out of sight)."""
        now, form = QApplication.focusWidget(), self.form
        if now is None or not form.isAncestorOf(now):
            return
        top = now.mapTo(form, QPoint(0, 0)).y() - FOCUS_MARGIN
        bottom = top + now.height() + 2 * FOCUS_MARGIN
        bar, height = self.verticalScrollBar(), self.viewport().height()
        if top < bar.value() or bottom - top > height:
            bar.setValue(top)
        elif bottom > bar.value() + height:
            bar.setValue(bottom - height)
