"""Every page opens the same way: its title and a one-line hint of what it is for.

Pages that draw their own header (a QLabel named "pageTitle") keep it; the window gives the
others one made from the navigation's title and hint, so a new page cannot forget it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget


def ensure_header(widget: QWidget, title: str, hint: str) -> None:
    """Put a title and hint at the top of `widget` unless it already has a page title."""
    if widget.findChild(QLabel, "pageTitle") is not None:
        return
    layout = widget.layout()
    if not isinstance(layout, QBoxLayout):
        return
    header = QWidget()
    header.setObjectName("pageHeader")
    heading = QLabel(title)
    heading.setObjectName("pageTitle")
    lines = QVBoxLayout(header)
    lines.setContentsMargins(2, 0, 2, 2)
    lines.setSpacing(0)
    lines.addWidget(heading)
    if hint:
        note = QLabel(hint)
        note.setObjectName("hint")
        note.setWordWrap(True)
        lines.addWidget(note)
    layout.insertWidget(0, header)
