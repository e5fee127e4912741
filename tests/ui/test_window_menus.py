"""The window's menus and title: every item has its own letter, items that need a file wait
for one, the title fits a taskbar, and choosing the file already open just shows it."""

from __future__ import annotations

from recording_helpers import open_window

from peernotes.core.records import observations
from peernotes.ui.main_window import MainWindow
from peernotes.ui.menus import all_clashes, mnemonic, with_mnemonic


def _menus(window: MainWindow):
    return [a.menu() for a in window.menuBar().actions() if a.menu() is not None]


def test_every_menu_has_unique_mnemonics_with_and_without_a_file(qtbot, challenge_path):
    """Alt+F, D opens what it says: no two items of one menu share a letter (Open demo and
    Challenge details did, so Alt+F, D, Enter opened the demo and closed your challenge)."""
    window = MainWindow()
    qtbot.addWidget(window)
    bar = [mnemonic(a.text()) for a in window.menuBar().actions()]
    assert None not in bar and len(set(bar)) == len(bar)
    assert all_clashes(_menus(window)) == []
    assert window.open_path(challenge_path)
    window.update_recent_menu()
    assert all_clashes(_menus(window)) == []
    window.close()


def test_mnemonics_are_given_to_titles_without_one():
    """A page title gets the first free letter, a word's start first."""
    used = {"p"}
    assert with_mnemonic("Programme", used) == "P&rogramme"
    assert with_mnemonic("People met", used) == "People &met"
    assert with_mnemonic("Re&ad", used) == "Re&ad" and "a" in used


def test_items_that_need_a_file_are_disabled_until_one_is_open(qtbot, challenge_path):
    """With no challenge open, exports, merge and details are greyed out; New, Open, the demo,
    Quit and Help stay usable."""
    window = MainWindow()
    qtbot.addWidget(window)
    file_menu = window.menu("&File")
    enabled = {a.text() for a in file_menu.actions() if not a.isSeparator() and a.isEnabled()}
    assert enabled == {"&New challenge…", "&Open…", "Open &recent", "Open &demo", "&Quit"}
    assert all(a.isEnabled() for a in window.menu("&Help").actions())
    assert not any(a.isEnabled() for a in window.menu("&Tools").actions())
    assert window.open_path(challenge_path)
    assert all(
        a.isEnabled()
        for a in file_menu.actions()
        if "Export" in a.text() or "Merge" in a.text() or "de&tails" in a.text()
    )
    window.close_challenge()
    assert not window.details_action.isEnabled()
    window.close()


def test_the_title_is_short_and_the_path_is_in_the_status_bar(qtbot, challenge_path):
    """The title bar says council — programme — PeerNotes; the full path is a tooltip away."""
    window = open_window(qtbot, challenge_path)
    assert window.windowTitle() == (
        "Fernhill Borough Council — Adult Social Care Peer Challenge — PeerNotes"
    )
    assert window.file_label.text() == challenge_path.name
    assert window.file_label.toolTip() == str(challenge_path)
    window.close()


def test_read_only_shows_in_the_title(qtbot, challenge_path, monkeypatch):
    """A second window on the same file says (read-only) in its title."""
    first = open_window(qtbot, challenge_path)
    second = MainWindow()
    qtbot.addWidget(second)

    shown = []
    from peernotes.ui.dialogs import messages

    monkeypatch.setattr(messages, "inform", lambda *a: shown.append(a))
    monkeypatch.setattr(messages, "error", lambda *a: None)
    assert second.open_path(challenge_path)
    assert second.windowTitle().endswith("(read-only) — PeerNotes")
    assert "already open" in shown[0][2]  # the second window still gets the clear refusal
    second.close()
    first.close()


def test_choosing_the_file_already_open_here_keeps_it_writable(qtbot, challenge_path):
    """File › Open recent on the file this window has open just shows it, still writable
    (it used to reopen it read-only, blaming this same window, and refused new notes)."""
    window = open_window(qtbot, challenge_path)
    session = window.session
    recent = window.recent_menu.actions()[0]
    assert recent.toolTip() == str(challenge_path.resolve())
    recent.trigger()
    assert window.session is session
    assert not window.session.cf.readonly
    assert "(read-only)" not in window.windowTitle()
    observations.add_observation(window.session.cf, "Still writable after reopening")
    assert window.open_path(challenge_path)  # the Welcome list's route too
    assert not window.session.cf.readonly
    window.close()
