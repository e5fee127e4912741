"""The window's safety features: bad-file messages, recovery, restore, passphrases, errors."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from helpers import make_challenge

from peernotes.core import backups, encryption, locking
from peernotes.core.records import observations
from peernotes.core.store import ChallengeFile
from peernotes.ui import error_dialog, opening
from peernotes.ui.dialogs import messages
from peernotes.ui.main_window import MainWindow
from peernotes.ui.safety.backup_dialog import BackupDialog, BackupTableModel
from peernotes.ui.safety.passphrase_dialog import PassphraseDialog

PASS = "a long enough passphrase"


class Recorder:
    """Stands in for message boxes: records what the user was told, answers as scripted."""

    def __init__(self, answers: list[str | None] | None = None, save_to: Path | None = None):
        self.shown: list[tuple[str, str, str]] = []
        self.answers = list(answers or [])
        self.save_to = save_to

    def error(self, parent, title, text):
        self.shown.append(("error", title, text))

    def inform(self, parent, title, text):
        self.shown.append(("inform", title, text))

    def choose(self, parent, title, text, choices, default):
        self.shown.append(("choose", title, text))
        return self.answers.pop(0) if self.answers else None

    def save_path(self, parent, title, suggested):
        return self.save_to

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Recorder:
        """Answer the UI's message service (peernotes.ui.dialogs.messages) instead of the user."""
        for name in ("error", "inform", "choose", "save_path"):
            monkeypatch.setattr(messages, name, getattr(self, name))
        return self

    def texts(self) -> str:
        return "\n".join(text for _, _, text in self.shown)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return Recorder().install(monkeypatch)


@pytest.fixture
def window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_bad_file_message_is_shown_in_the_window(window, told, tmp_path) -> None:
    """A file that is not a challenge gets a clear message; the window stays on its welcome."""
    bad = tmp_path / "notes.peernotes"
    bad.write_bytes(b"These are not the notes you are looking for." * 20)
    before = bad.read_bytes()
    assert not window.open_path(bad)
    assert told.shown[0][0] == "error"
    assert told.shown[0][1] == opening.REFUSED_TITLE
    assert "not a PeerNotes file" in told.shown[0][2]
    assert window.session is None and bad.read_bytes() == before


def test_damaged_file_offers_to_save_what_can_be_read(window, monkeypatch, tmp_path) -> None:
    """A damaged challenge is not just refused: PeerNotes offers to copy out what it can read."""
    path = tmp_path / "damaged.peernotes"
    cf = make_challenge(path)
    for n in range(300):
        observations.add_observation(cf, f"Marker-{n:04d} what the social workers told us")
    cf.close()
    data = bytearray(path.read_bytes())
    page = data.find(b"Marker-0150") // 4096
    data[page * 4096 : (page + 1) * 4096] = random.Random(2).randbytes(4096)
    path.write_bytes(bytes(data))
    target = tmp_path / "recovered.peernotes"
    told = Recorder([opening.RECOVER], save_to=target)
    told.install(monkeypatch)
    assert not window.open_path(path)
    assert told.shown[0][1] == "This challenge file is damaged"
    assert told.shown[-1][1] == "Recovered"
    with ChallengeFile.open(target) as recovered:
        assert 250 < recovered.count("observation") < 300
        assert recovered.integrity_ok()


def test_passphrase_prompt_retries_after_a_wrong_passphrase(
    window, told, monkeypatch, tmp_path
) -> None:
    """A protected file asks for its passphrase, says when it is wrong, and opens with the right one."""
    path = tmp_path / "protected.peernotes"
    make_challenge(path).close()
    encryption.encrypt_file(path, PASS)
    asked: list[bool] = []
    answers = iter(["not it", PASS])

    def unlock(parent, file, *, wrong=False):
        asked.append(wrong)
        return next(answers)

    monkeypatch.setattr(PassphraseDialog, "unlock", unlock)
    assert window.open_path(path)
    assert asked == [False, True]
    assert encryption.passphrase_of(window.session.cf.conn) == PASS
    assert told.shown == []


def test_cancelling_the_passphrase_prompt_opens_nothing(
    window, told, monkeypatch, tmp_path
) -> None:
    path = tmp_path / "protected.peernotes"
    make_challenge(path).close()
    encryption.encrypt_file(path, PASS)
    monkeypatch.setattr(PassphraseDialog, "unlock", lambda *a, **k: None)
    assert not window.open_path(path)
    assert window.session is None


def test_passphrase_dialog_checks_what_is_typed(qtbot) -> None:
    """Protecting needs the passphrase twice, the same, and long enough."""
    dialog = PassphraseDialog(None, "protect", Path("c.peernotes"))
    qtbot.addWidget(dialog)
    dialog.new.setText("short")
    dialog.repeat.setText("short")
    assert "at least" in dialog.problem_text()
    dialog.new.setText(PASS)
    dialog.repeat.setText(PASS + "!")
    assert dialog.problem_text() == "The two passphrases are different."
    dialog.repeat.setText(PASS)
    assert dialog.problem_text() is None
    assert dialog.new.echoMode() == dialog.new.EchoMode.Password
    dialog.show_text.setChecked(True)
    assert dialog.new.echoMode() == dialog.new.EchoMode.Normal


def test_protect_from_the_menu_encrypts_the_open_file(
    window, told, monkeypatch, challenge_path
) -> None:
    """File › Protect with passphrase… leaves the challenge open, now unreadable on disk."""
    assert window.open_path(challenge_path)
    assert any(b.reason == "open" for b in backups.list_backups(challenge_path))
    monkeypatch.setattr(PassphraseDialog, "protect", lambda *a, **k: PASS)
    window.safety.update_actions()
    assert window.safety.protect_action.text() == "Protect with &passphrase…"
    window.safety.protect_action.trigger()
    assert window.session is not None
    assert encryption.is_encrypted(challenge_path)
    assert all(b.encrypted for b in backups.list_backups(challenge_path))
    assert "now protected" in told.texts()
    window.safety.update_actions()
    assert window.safety.protect_action.text() == "Change &passphrase…"
    monkeypatch.setattr(PassphraseDialog, "change", lambda *a, **k: (PASS, PASS + " two"))
    window.safety.protect_action.trigger()
    window.set_session(None)
    with ChallengeFile.open(challenge_path, passphrase=PASS + " two") as cf:
        assert cf.count("peer") == 4


def test_restore_dialog_lists_backups_with_dates_and_counts(qtbot, challenge_path) -> None:
    """The restore list shows each backup's time, counts and reason, newest first."""
    with ChallengeFile.open(challenge_path) as cf:
        backups.backup(cf, "open")
        observations.add_observation(cf, "after the first backup")
        backups.backup(cf, "interval")
    dialog = BackupDialog(None, challenge_path, backups.list_backups(challenge_path))
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 2
    assert model.index(0, 1).data() == "1" and model.index(1, 1).data() == "0"
    assert model.index(0, 4).data() == "while editing"
    assert dialog.selected() is model.infos[0]


def test_backup_model_passes_the_model_tester(qtmodeltester, challenge_path) -> None:
    with ChallengeFile.open(challenge_path) as cf:
        backups.backup(cf, "open")
    qtmodeltester.check(BackupTableModel(backups.list_backups(challenge_path)))


def test_restore_from_the_menu_brings_the_old_notes_back(
    window, told, monkeypatch, challenge_path
) -> None:
    """File › Restore from backup… puts back the chosen backup, and the window shows it."""
    assert window.open_path(challenge_path)
    observations.add_observation(window.session.cf, "kept")
    good = backups.backup(window.session.cf, "manual")
    observations.add_observation(window.session.cf, "a mistake")
    chosen = next(b for b in backups.list_backups(challenge_path) if b.path == good)
    monkeypatch.setattr(BackupDialog, "choose", classmethod(lambda cls, parent, path: chosen))
    window.menu("&File").aboutToShow.emit()  # the user opens the File menu
    assert window.safety.restore_action.isEnabled()
    window.safety.restore_action.trigger()
    assert window.session is not None
    assert [o["text"] for o in window.session.cf.rows("observation")] == ["kept"], told.shown
    assert "Backup restored" in [title for _, title, _ in told.shown]


def test_second_window_on_the_same_file_is_read_only(qtbot, told, challenge_path) -> None:
    """Two windows editing one file would undo each other's work: the second one only reads."""
    first = MainWindow()
    second = MainWindow()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.open_path(challenge_path)
    assert second.open_path(challenge_path)
    assert not first.session.cf.readonly and second.session.cf.readonly
    assert "already open" in told.shown[-1][2]
    first.set_session(None)
    second.set_session(None)
    assert not locking.held_here(challenge_path)


def test_interval_backup_only_when_something_changed(window, told, challenge_path) -> None:
    """The timer's backup skips when nothing was saved since the last one."""
    assert window.open_path(challenge_path)
    count = len(backups.list_backups(challenge_path))
    window.safety.backup_now()
    assert len(backups.list_backups(challenge_path)) == count
    observations.add_observation(window.session.cf, "new")
    window.safety.backup_now()
    assert len(backups.list_backups(challenge_path)) == count + 1
    assert window.safety.timer.isActive()


def test_unexpected_error_shows_details_and_writes_a_log(
    qtbot, monkeypatch, private_data_dir
) -> None:
    """An exception in the UI must not vanish: a dialog with details, and a log file."""
    shown: list[tuple[str, Path | None]] = []
    monkeypatch.setattr(
        error_dialog.ErrorDialog,
        "show_error",
        classmethod(lambda cls, parent, details, log: shown.append((details, log))),
    )
    try:
        raise RuntimeError("the roll-up could not be drawn")
    except RuntimeError:
        error_dialog.handle_exception(*sys.exc_info())
    details, log = shown[0]
    assert "RuntimeError: the roll-up could not be drawn" in details
    assert log is not None and log.is_relative_to(private_data_dir)
    assert "the roll-up could not be drawn" in log.read_text()
    dialog = error_dialog.ErrorDialog(None, details, log)
    qtbot.addWidget(dialog)
    dialog.copy()
    from PySide6.QtGui import QGuiApplication

    assert "RuntimeError" in QGuiApplication.clipboard().text()


def test_the_unlock_prompt_says_what_the_passphrase_is_for(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    from peernotes.ui.safety.passphrase_dialog import PassphraseDialog

    opening = PassphraseDialog(None, "unlock", tmp_path / "mine.peernotes")
    merging = PassphraseDialog(
        None, "unlock", tmp_path / "priya.peernotes", purpose="merge its notes into this challenge"
    )
    for dialog in (opening, merging):
        qtbot.addWidget(dialog)
    texts = [" ".join(label.text() for label in d.findChildren(QLabel)) for d in (opening, merging)]
    assert "to open the challenge" in texts[0]
    assert "to merge its notes into this challenge" in texts[1]


def test_a_file_on_a_read_only_drive_offers_a_copy(
    tmp_path: Path, told: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A challenge on a write-protected stick: the window says it is a read-only drive (not
    damage) and "Save a copy…" gives an editable copy with every observation."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
    from disks import remount_readonly, small_disk

    with small_disk(tmp_path / "stick") as stick:
        source = stick / "challenge.peernotes"
        make_challenge(source).close()
        with ChallengeFile.open(source) as original:
            observations.add_observation(original, "Carers described long waits for assessments.")
            wanted = original.count("observation")
        remount_readonly(stick)
        told.answers = [opening.SAVE_COPY]
        told.save_to = tmp_path / "copy.peernotes"
        cf = opening.open_file(None, source)
        assert cf is not None
        try:
            assert "read-only drive" in told.texts() and "damaged" not in told.texts()
            assert cf.path == told.save_to and not cf.readonly
            assert cf.count("observation") == wanted
            observations.add_observation(cf, "Edited on the copy.")
        finally:
            cf.close()


def test_a_file_with_damaged_text_opens_and_shows_the_rest(
    qtbot, tmp_path: Path, told: Recorder
) -> None:
    """One invalid UTF-8 byte in one note: the window opens the file and lists every note,
    the damaged one with U+FFFD, instead of failing on that row, and says why."""
    import sqlite3

    path = tmp_path / "rotten.peernotes"
    with make_challenge(path) as cf:
        note = observations.add_observation(cf, "placeholder")
        observations.add_observation(cf, "Carers described long waits for assessments.")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE observation SET text = CAST(? AS TEXT) WHERE id = ?", (b"a \xff b", note))
    conn.commit()
    conn.close()
    cf = opening.open_file(None, path)
    assert cf is not None
    try:
        texts = {o["id"]: o["text"] for o in cf.rows("observation")}
        assert texts[note] == "a \ufffd b" and len(texts) == 2
        qtbot.waitUntil(lambda: opening.DAMAGED_TEXT_TITLE in [t for _, t, _ in told.shown])
    finally:
        cf.close()


def test_the_window_says_once_when_text_was_damaged(
    qtbot, tmp_path: Path, told: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a file whose notes hold damaged bytes: the user is told, once, that the �
    they see is damage and how to find it, instead of wondering at a stray symbol."""
    import sqlite3

    path = tmp_path / "rotten.peernotes"
    with make_challenge(path) as cf:
        first = observations.add_observation(cf, "placeholder")
        second = observations.add_observation(cf, "another placeholder")
    conn = sqlite3.connect(path)
    for note in (first, second):
        conn.execute("UPDATE observation SET text = CAST(? AS TEXT) WHERE id = ?", (b"\xff", note))
    conn.commit()
    conn.close()
    monkeypatch.setattr(MainWindow, "choose_peer", lambda self: None)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path)
    window.show_page("observations")  # the list shows both damaged notes
    qtbot.waitUntil(lambda: opening.DAMAGED_TEXT_TITLE in [t for _, t, _ in told.shown])
    window.show_page("capture")
    qtbot.wait(20)
    warned = [t for _, t, _ in told.shown if t == opening.DAMAGED_TEXT_TITLE]
    assert len(warned) == 1 and "rotten.peernotes" in told.texts() and "\ufffd" in told.texts()


def test_a_sound_file_says_nothing_about_damaged_text(qtbot, challenge_path, told) -> None:
    """The damaged-text message never appears for a sound file (it would be a false alarm)."""
    cf = opening.open_file(None, challenge_path)
    assert cf is not None
    try:
        cf.rows("observation")
        qtbot.wait(20)
        assert opening.DAMAGED_TEXT_TITLE not in [t for _, t, _ in told.shown]
    finally:
        cf.close()
