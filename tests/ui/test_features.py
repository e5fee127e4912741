"""Features declare their pages and actions, and their screens load only when needed (issue 18)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from recording_helpers import WORKFLOW_PAGES

from peernotes.ui.features import FEATURE_MODULES, Feature, features
from peernotes.ui.main_window import MainWindow

PACKAGES = ["recording", "synthesis", "letter", "team", "safety"]

# What install_features() may load from the feature packages: menu actions, never a screen.
ACTION_MODULES = {
    "peernotes.ui.letter.deck_actions",
    "peernotes.ui.letter.print_actions",
    "peernotes.ui.safety.actions",
    "peernotes.ui.safety.passphrase_dialog",  # opening a file asks for one: safety needs it
}

_PROBE = f"""
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])

def loaded():
    return sorted(
        name for name in sys.modules
        if name.count(".") == 3 and name.split(".")[2] in {PACKAGES!r}
    )

import importlib
for package in {PACKAGES!r}:
    importlib.import_module("peernotes.ui." + package)
after_import = loaded()
from peernotes.ui.main_window import MainWindow
window = MainWindow(defer_features=True)
window.install_features()
print(json.dumps({{"import": after_import, "install": loaded()}}))
"""


def _modules_loaded_by_a_fresh_window() -> dict[str, list[str]]:
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_listed_feature_declares_itself():
    """If this fails, a feature's pages or menu items are missing from the window (a package
    listed in FEATURE_MODULES without its FEATURE = Feature(...))."""
    declared = features()
    assert all(isinstance(feature, Feature) for feature in declared)
    assert [f"peernotes.ui.{package}" for package in PACKAGES] == FEATURE_MODULES[:5]
    keys = [feature.key for feature in declared]
    assert len(keys) == len(set(keys)) == len(FEATURE_MODULES)


def test_no_screen_loads_before_a_file_is_open():
    """If this fails, PeerNotes takes longer to appear and to fill its menus: a feature
    package's __init__ (or its menu actions) imports a page's module, which should load only
    when a file opens or the page is first shown. Run in a fresh process, so other tests'
    imports cannot hide it."""
    loaded = _modules_loaded_by_a_fresh_window()
    assert loaded["import"] == []
    assert set(loaded["install"]) <= ACTION_MODULES, set(loaded["install"]) - ACTION_MODULES


def test_the_navigation_lists_every_page_in_workflow_order(qtbot, challenge_path):
    """If this fails, a screen is missing from the navigation on the left, or the screens are
    no longer in the order of the work (Alt+1, Alt+2 … follow it)."""
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(challenge_path)
    items = [window.nav.item(row) for row in range(window.nav.count())]
    assert [item.data(Qt.ItemDataRole.UserRole) for item in items] == list(WORKFLOW_PAGES)
    assert [item.text().rstrip(" ✎") for item in items] == [
        "Programme",
        "Capture",
        "People",
        "Documents",
        "Observations",
        "Findings",
        "Roll-up",
        "Coverage",
        "Letter",
        "Merge",
    ]
    # Only the first page and Capture are built on opening; the rest when first shown.
    assert {key for key, page in window.pages.items() if page.built} == {"programme", "capture"}
    window.close()
