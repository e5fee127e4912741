"""The presenter view: F5 from the Roll-up, keys to move, Esc to end; notes only on the
laptop when a second (not mirrored) screen is attached; body text large enough to read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from letter_data import build_letter_scene
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from peernotes.core.deck import build_deck
from peernotes.ui.letter.presenter import Presentation, SlideView
from peernotes.ui.main_window import MainWindow
from peernotes.ui.session import Session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_recording(monkeypatch):
    """Ending a show or an export asks whether to record the feedback: answer no."""
    from peernotes.ui.letter import feedback_changes

    monkeypatch.setattr(feedback_changes, "ask_record", lambda parent, occasion: False)


@pytest.fixture
def window(qtbot):
    scene = build_letter_scene(None)
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_session(Session(scene.cf, window))
    window.show()
    qtbot.waitExposed(window)
    yield window
    show = getattr(window, "presentation", None)
    if show is not None:
        show.close()
    window.close()


def test_f5_on_the_roll_up_presents_and_keys_move_through_the_slides(window, qtbot):
    """On the Roll-up, F5 starts the show at the title slide; arrows, Page Up/Down, Home and
    End move; Esc ends it. On one screen there is no presenter console (no notes)."""
    window.show_page("rollup")
    window.activateWindow()
    qtbot.keyClick(window.page_widget("rollup"), Qt.Key.Key_F5)
    show: Presentation = window.presentation
    assert show is not None and show.audience.isVisible()
    assert show.console is None
    total = len(show.slides)
    audience = show.audience
    assert audience.view.slide.title == "Adult Social Care Peer Challenge"
    qtbot.keyClick(audience, Qt.Key.Key_Right)
    assert show.index == 1 and audience.view.slide.title == "The challenge"
    qtbot.keyClick(audience, Qt.Key.Key_PageDown)
    assert show.index == 2
    qtbot.keyClick(audience, Qt.Key.Key_Left)
    qtbot.keyClick(audience, Qt.Key.Key_PageUp)
    assert show.index == 0
    qtbot.keyClick(audience, Qt.Key.Key_End)
    assert audience.view.slide.title == "Thank you" and show.index == total - 1
    qtbot.keyClick(audience, Qt.Key.Key_Home)
    assert show.index == 0
    assert not audience.findChildren(QPlainTextEdit)  # the notes are nowhere on this screen
    qtbot.keyClick(audience, Qt.Key.Key_Escape)
    assert window.presentation is None
    assert not audience.isVisible()


def test_body_text_is_at_least_24_points_at_1920_by_1080(qtbot):
    """Full screen at 1920 × 1080 the body text is drawn at 24 pt or more (at the screen's
    dots per inch), readable from the back of the room."""
    view = SlideView()
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    points = view.body_pixel_size() * 72 / view.logicalDpiY()
    assert points >= 24, points


SCRIPT = r"""
import json, sys
sys.path[:0] = [{root!r}, {tests!r}]
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication([])
from letter_data import build_letter_scene
from peernotes.core.deck import build_deck
from peernotes.ui.letter.presenter import Presentation
scene = build_letter_scene(None)
show = Presentation(build_deck(scene.cf))
show.start()
show.handle_key(0x01000014)  # Right: the challenge slide, which has speaker notes
app.processEvents()
out = {{
    "screens": [s.name() for s in app.screens()],
    "audience_screen": show.audience.screen().name(),
    "audience_notes": [w.toPlainText() for w in show.audience.findChildren(QPlainTextEdit)],
    "console": show.console is not None,
}}
if show.console is not None:
    out["console_screen"] = show.console.screen().name()
    out["console_notes"] = show.console.notes.toPlainText()
print(json.dumps(out))
"""


def _run_on_screens(tmp_path: Path, screens: list[dict]) -> dict:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": screens}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    script = SCRIPT.format(root=str(ROOT), tests=str(ROOT / "tests"))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _screen(name: str, x: int) -> dict:
    return {"name": name, "x": x, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}


def test_with_two_screens_the_notes_stay_on_the_laptop(tmp_path):
    """With a projector attached, the slide goes full screen on the projector and the
    presenter console (with the notes) on the laptop; the audience never sees the notes."""
    result = _run_on_screens(tmp_path, [_screen("laptop", 0), _screen("projector", 1920)])
    assert result["console"] is True
    assert result["audience_screen"] == "projector"
    assert result["console_screen"] == "laptop"
    assert result["audience_notes"] == []
    assert "lower bounds" in result["console_notes"]


def test_mirrored_screens_never_show_the_notes(tmp_path):
    """Two screens showing the same picture (mirrored) count as one: no console, no notes."""
    result = _run_on_screens(tmp_path, [_screen("laptop", 0), _screen("mirror", 0)])
    assert result["console"] is False
    assert result["audience_notes"] == []


def test_the_end_slide_and_back(qtbot):
    """Past the last slide the show goes black (End of the presentation) and Left comes back."""
    scene = build_letter_scene(None)
    show = Presentation(build_deck(scene.cf))
    show.show_slide(len(show.slides) - 1)
    show.handle_key(Qt.Key.Key_Right)
    assert show.audience.view.slide is None
    show.handle_key(Qt.Key.Key_Left)
    assert show.audience.view.slide.title == "Thank you"
    show.close()
    QApplication.processEvents()
    scene.cf.close()


def test_a_broken_template_says_so_and_shows_nothing(window, monkeypatch, tmp_path):
    """F5 with the slide template missing: one message naming the file, no show."""
    from peernotes.export import pptx_deck
    from peernotes.ui.dialogs import messages

    monkeypatch.setattr(pptx_deck, "template_path", lambda: tmp_path / "gone.pptx")
    said = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text: said.append((title, text)))
    window.present_action.trigger()
    assert getattr(window, "presentation", None) is None
    assert said and said[0][0] == "Presentation not shown" and "gone.pptx" in said[0][1]
