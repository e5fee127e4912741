"""The window's look: Qt's Fusion style with a calm palette and a few named widgets styled.
Sizes are in points so the window stays readable at 125 % and 150 % scaling."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

STYLE = """
QWidget#workspace, QWidget#welcomePage { background: #f6f7f9; }
QListWidget#navigation {
    background: #1f3a5f; color: #e8eef6; border: none; font-size: 11pt; outline: none;
    padding-top: 8px;
}
QListWidget#navigation::item { padding: 9px 14px; border-left: 3px solid transparent; }
QListWidget#navigation::item:selected { background: #2d5183; color: white; border-left: 3px solid #f2b134; }
QListWidget#navigation::item:hover:!selected { background: #284a75; }
QLabel#pageTitle { font-size: 15pt; font-weight: 600; color: #1f3a5f; }
QLabel#sectionTitle { font-size: 11pt; font-weight: 600; color: #1f3a5f; }
QLabel#hint { color: #5b6573; }
QLabel#legend { color: #5b6573; font-size: 8pt; }
QLabel#fieldLabel { color: #333; font-weight: 600; }
QLabel#captureMessage { color: #2e7d32; font-weight: 600; }
QLabel#captureMessage[problem="true"] { color: #b00020; }
QLabel#modeHint { color: #a04a00; font-weight: 600; }
QFrame#captureCard, QFrame#welcomeCard {
    background: white; border: 1px solid #d8dde4; border-radius: 8px;
}
QFrame#captureCard QLabel, QFrame#welcomeCard QLabel { background: transparent; }
QLabel#welcomeTitle { font-size: 22pt; font-weight: 700; color: #1f3a5f; }
QLabel#welcomeTagline { font-size: 11pt; color: #333; }
QPushButton#welcomeButton { font-size: 11pt; text-align: left; padding: 6px 14px; }
QListWidget#recentFiles { border: 1px solid #d8dde4; border-radius: 4px; }
QListWidget#recentFiles::item { padding: 6px 8px; border-bottom: 1px solid #eef0f3; }
QListWidget#recentFiles::item:selected { background: #2d5183; color: white; }
QWizard QListWidget::item, QDialog QListWidget::item { padding: 4px 6px; }
QPlainTextEdit[invalid="true"] { border: 2px solid #b00020; }
QToolButton#segment {
    padding: 4px 10px; border: 1px solid #b8c0cc; background: #fdfdfd; min-height: 1.4em;
}
QToolButton#segment:checked { background: #1f3a5f; color: white; border-color: #1f3a5f; }
QToolButton#segment:focus { border: 2px solid #f2b134; }
QToolButton#chip {
    padding: 2px 8px; border: 1px solid #9fb3cc; border-radius: 10px; background: #e7eef7;
    color: #1f3a5f;
}
QToolButton#chip:hover, QToolButton#chip:focus { background: #d2e0f1; border-color: #1f3a5f; }
QLabel#savedState { color: #2e7d32; padding: 0 8px; }
QLabel#savedState[problem="true"] { color: #b00020; font-weight: 600; }
QLabel#peerState { padding: 0 8px; }
QTableView { gridline-color: #e3e6ea; selection-background-color: #2d5183; }
QHeaderView::section { padding: 4px 6px; font-weight: 600; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE)
