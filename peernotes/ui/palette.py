"""Colours that follow the system's appearance: a light set and a dark set, never both.

Text and backgrounds come from the application palette (what Windows dark mode or a
high-contrast theme hands Qt); the few colours of our own -- titles, hints, the triangulation
badges, warnings -- come from the set that matches that palette's background, chosen at start
and again when the system switches. Each pair used for text meets WCAG AA (4.5:1); the test
renders every page under light, dark and high-contrast palettes to prove it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Colours:
    """One appearance's own colours (hex). Text colours are for the window background."""

    dark: bool
    workspace: str  # the page background ('' = the palette's window colour)
    title: str
    hint: str
    label: str
    success: str
    problem: str
    warning: str
    card: str
    card_border: str
    control: str  # unchecked segment buttons
    control_border: str
    chip: str
    chip_text: str
    chip_border: str
    chip_hover: str
    grid: str
    heading_text: str  # headings in the findings tree
    against: str  # contradicting-evidence counts
    level_text: dict[str, str] = field(default_factory=dict)
    level_tint: dict[str, str] = field(default_factory=dict)


LIGHT = Colours(
    dark=False,
    workspace="#f6f7f9",
    title="#1f3a5f",
    hint="#4f5967",
    label="#333333",
    success="#276b2b",
    problem="#b00020",
    warning="#7a4b00",
    card="#ffffff",
    card_border="#d8dde4",
    control="#fdfdfd",
    control_border="#b8c0cc",
    chip="#e7eef7",
    chip_text="#1f3a5f",
    chip_border="#9fb3cc",
    chip_hover="#d2e0f1",
    grid="#e3e6ea",
    heading_text="#1d3557",
    against="#a4262c",
    # Strong to weak; distinct for the common colour blindnesses and always paired with a word.
    level_text={
        "triangulated": "#14694a",
        "corroborated": "#2c5fa8",
        "single_source": "#8f4700",
        "no_evidence": "#555555",
    },
    level_tint={
        "triangulated": "#dff3ea",
        "corroborated": "#e1eafa",
        "single_source": "#fdebd6",
        "no_evidence": "#ececec",
    },
)

DARK = Colours(
    dark=True,
    workspace="",
    title="#9cc3f5",
    hint="#b9c1cc",
    label="#e4e4e4",
    success="#81c784",
    problem="#ff8a80",
    warning="#ffc46b",
    card="#2b2d31",
    card_border="#4a4f57",
    control="#33363b",
    control_border="#6b7380",
    chip="#2a3b52",
    chip_text="#dce7f5",
    chip_border="#5b7aa0",
    chip_hover="#35506f",
    grid="#3c4048",
    heading_text="#a9c8f0",
    against="#ff8a80",
    level_text={
        "triangulated": "#7fdcb3",
        "corroborated": "#a9c6f5",
        "single_source": "#ffb774",
        "no_evidence": "#c8c8c8",
    },
    level_tint={
        "triangulated": "#17372b",
        "corroborated": "#1c2b45",
        "single_source": "#3d2a14",
        "no_evidence": "#333333",
    },
)


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the palette's windows are dark (dark mode, most high-contrast themes)."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colours(palette: QPalette | None = None) -> Colours:
    """The set matching the palette in use (the application's, unless one is given)."""
    return DARK if is_dark(palette) else LIGHT


def dark_palette() -> QPalette:
    """A dark palette for platforms whose Qt theme does not supply one (Fusion on Linux)."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, value in (
        (role.Window, "#202225"),
        (role.WindowText, "#e8e8e8"),
        (role.Base, "#17181b"),
        (role.AlternateBase, "#24262a"),
        (role.ToolTipBase, "#2b2d31"),
        (role.ToolTipText, "#e8e8e8"),
        (role.PlaceholderText, "#9aa0a8"),
        (role.Text, "#e8e8e8"),
        (role.Button, "#2d3035"),
        (role.ButtonText, "#e8e8e8"),
        (role.BrightText, "#ffffff"),
        (role.Highlight, "#2d5183"),
        (role.HighlightedText, "#ffffff"),
        (role.Link, "#8ab4f8"),
        (role.Light, "#3a3d43"),
        (role.Midlight, "#33363b"),
        (role.Mid, "#26282c"),
        (role.Dark, "#151618"),
        (role.Shadow, "#000000"),
    ):
        p.setColor(r, QColor(value))
    for r, value in (
        (role.WindowText, "#8a8f96"),
        (role.Text, "#8a8f96"),
        (role.ButtonText, "#8a8f96"),
    ):
        p.setColor(group.Disabled, r, QColor(value))
    return p


def paper(widget: QWidget) -> None:
    """Dark text on white for a document preview, whatever the appearance (like a Word page)."""
    p = widget.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Base, QColor("#ffffff"))
        p.setColor(group, QPalette.ColorRole.Text, QColor("#1b1b1b"))
    widget.setPalette(p)


def relative_luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio between two colours (1 to 21; 4.5 is AA for body text)."""
    la, lb = relative_luminance(QColor(a)), relative_luminance(QColor(b))
    high, low = max(la, lb), min(la, lb)
    return (high + 0.05) / (low + 0.05)
