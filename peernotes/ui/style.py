"""The window's look: Qt's Fusion style, the system's palette, and a few named widgets styled.

Colours come from peernotes.ui.palette: text and backgrounds from the palette the system
gives (light, dark, high contrast), our own accents from the light or dark set that matches
it. The style sheet is rebuilt at start and whenever the system's appearance changes. Sizes
are in points so the window stays readable at 125 % and 150 % scaling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from peernotes.ui.palette import Colours, colours, dark_palette

STYLE = """
QWidget#workspace, QWidget#welcomePage {{ {workspace_rule} }}
QListWidget#navigation {{
    background: #1f3a5f; color: #e8eef6; border: none; font-size: 11pt; outline: none;
    padding-top: 8px;
}}
QListWidget#navigation::item {{ padding: 9px 14px; border-left: 3px solid transparent; }}
QListWidget#navigation::item:selected {{ background: #2d5183; color: white; border-left: 3px solid #f2b134; }}
QListWidget#navigation::item:hover:!selected {{ background: #284a75; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: 600; color: {title}; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: 600; color: {title}; }}
QLabel#hint {{ color: {hint}; }}
QLabel#legend {{ color: {hint}; font-size: 8pt; }}
QLabel#fieldLabel {{ color: {label}; font-weight: 600; }}
QLabel#problemText {{ color: {problem}; font-weight: 600; }}
QLabel#captureMessage {{ color: {success}; font-weight: 600; }}
QLabel#captureMessage[problem="true"] {{ color: {problem}; }}
QLabel#modeHint {{ color: {warning}; font-weight: 600; }}
QListView#myDay::item {{ padding: 5px 8px; }}
QFrame#captureCard, QFrame#welcomeCard {{
    background: {card}; border: 1px solid {card_border}; border-radius: 8px;
}}
QFrame#captureCard QLabel, QFrame#welcomeCard QLabel {{ background: transparent; }}
QLabel#welcomeTitle {{ font-size: 22pt; font-weight: 700; color: {title}; }}
QLabel#welcomeTagline {{ font-size: 11pt; color: {label}; }}
QPushButton#welcomeButton {{ font-size: 11pt; text-align: left; padding: 6px 14px; }}
QListWidget#recentFiles {{ border: 1px solid {card_border}; border-radius: 4px; }}
QListWidget#recentFiles::item {{ padding: 6px 8px; border-bottom: 1px solid {grid}; }}
QListWidget#recentFiles::item:selected {{ background: #2d5183; color: white; }}
QWizard QListWidget::item, QDialog QListWidget::item {{ padding: 4px 6px; }}
QPlainTextEdit[invalid="true"] {{ border: 2px solid {problem}; }}
QToolButton#segment {{
    padding: 4px 10px; border: 1px solid {control_border}; background: {control};
    color: palette(button-text); min-height: 1.4em;
}}
QToolButton#segment:checked {{ background: #1f3a5f; color: white; border-color: #1f3a5f; }}
QToolButton#segment:focus {{ border: 2px solid #f2b134; }}
QToolButton#chip {{
    padding: 2px 8px; border: 1px solid {chip_border}; border-radius: 10px; background: {chip};
    color: {chip_text};
}}
QToolButton#chip:hover, QToolButton#chip:focus {{ background: {chip_hover}; border-color: {chip_text}; }}
QLabel#savedState {{ color: {success}; padding: 0 8px; }}
QLabel#savedState[problem="true"] {{ color: {problem}; font-weight: 600; }}
QLabel#peerState {{ padding: 0 8px; }}
QTableView {{ gridline-color: {grid}; selection-background-color: #2d5183; selection-color: white; }}
QHeaderView {{ font-weight: 600; }}
QHeaderView::section {{ padding: 4px 6px; }}
"""


def style_sheet(c: Colours) -> str:
    """The style sheet for one appearance."""
    values = {k: v for k, v in vars(c).items() if isinstance(v, str)}
    values["workspace_rule"] = f"background: {c.workspace};" if c.workspace else ""
    return STYLE.format(**values)


def _follow_system(app: QApplication) -> None:
    """Match the system's light or dark choice (where Qt's platform theme does not)."""
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())
    elif scheme == Qt.ColorScheme.Light:
        app.setPalette(app.style().standardPalette())
    restyle(app)


def restyle(app: QApplication) -> None:
    """Rebuild the style sheet for the palette now in use (after the palette changed)."""
    app.setStyleSheet(style_sheet(colours(app.palette())))


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    _follow_system(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
