"""Merging through the window: pick peers' files, read the report, resolve a conflict, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_challenge
from PySide6.QtCore import Qt

from peernotes.core import conflicts, merge
from peernotes.core.clock import HybridClock
from peernotes.core.distribution import copy_for_peer
from peernotes.core.records import observations, people
from peernotes.core.store import ChallengeFile
from peernotes.ui import team as team_feature
from peernotes.ui.session import Session
from peernotes.ui.team import merge_dialog
from peernotes.ui.team.conflicts_dialog import ConflictsDialog
from peernotes.ui.team.history_dialog import HistoryDialog
from peernotes.ui.team.merge_dialog import MergeDialog
from peernotes.ui.team.models import conflicts_model, history_model, report_model
from peernotes.ui.undo import run_undoable


@pytest.fixture
def setup(tmp_path: Path, qapp):
    """The manager's open file with one shared note, and Priya's and Tom's copies of it."""
    cf = make_challenge(tmp_path / "manager.peernotes", me=3)
    shared = observations.add_observation(cf, "Waiting lists are long", mode="heard")
    session = Session(cf)
    files = {}
    for name, device in (("Priya Nair", "priya"), ("Cllr Tom Birch", "tom")):
        peer_id = next(p["id"] for p in people.team(cf) if p["name"] == name)
        path = tmp_path / f"{device}.peernotes"
        copy_for_peer(cf, peer_id, path, include_observations=True)
        copy = ChallengeFile.open(path)
        copy.clock = HybridClock(device)
        copy.clock.observe(copy.local("hlc_high"))
        observations.add_observation(copy, f"{name} heard this", mode="heard")
        observations.update_observation(copy, shared, text=f"Waiting lists are long, says {name}")
        copy.close()
        files[device] = path
    yield session, shared, files
    session.close()


def test_merge_two_peers_files_through_the_dialog_and_resolve_a_conflict(setup, qtbot, monkeypatch):
    """The manager merges Priya's and Tom's files, sees what each brought, and picks
    Priya's wording for the note they both edited; Undo puts Tom's back."""
    session, shared, files = setup
    monkeypatch.setattr(merge_dialog, "choose_files", lambda parent: [files["priya"], files["tom"]])
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_files()
    assert dialog.files.count() == 2
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    report = dialog.report
    assert report is not None and report.conflicts == 1
    rows = {
        dialog.report_view.model().index(r, 0).data(): r
        for r in range(dialog.report_view.model().rowCount())
    }
    assert {"Priya Nair", "Cllr Tom Birch"} <= set(rows)
    new_column = 1
    assert dialog.report_view.model().index(rows["Priya Nair"], new_column).data() == "1"
    assert not dialog.conflicts_button.isHidden()
    assert "conflict" in dialog.result_label.text()

    current = session.cf.get("observation", shared)["text"]
    review = ConflictsDialog(session)
    qtbot.addWidget(review)
    assert review.model.rowCount() == 1
    other = review.selected().other["text"]
    assert {current, other} == {
        "Waiting lists are long, says Priya Nair",
        "Waiting lists are long, says Cllr Tom Birch",
    }
    qtbot.mouseClick(review.swap_button, Qt.MouseButton.LeftButton)
    assert session.cf.get("observation", shared)["text"] == other
    assert review.model.rowCount() == 0
    assert conflicts.open_conflicts(session.cf) == []

    session.undo_stack.undo()
    assert session.cf.get("observation", shared)["text"] == current


def test_combining_text_in_the_dialog(setup, qtbot):
    """Both peers' wording can be kept, edited together in the dialog."""
    session, shared, files = setup
    merge.merge(session.cf, [files["priya"], files["tom"]])
    review = ConflictsDialog(session)
    qtbot.addWidget(review)
    box = review.field_boxes["text"]
    box.combined.setPlainText("Waiting lists are long, say Priya and Tom")
    qtbot.mouseClick(box.combine_button, Qt.MouseButton.LeftButton)
    assert (
        session.cf.get("observation", shared)["text"] == "Waiting lists are long, say Priya and Tom"
    )


def test_undo_still_works_after_a_merge_for_local_edits(setup, qtbot):
    """An edit made before merging can still be undone when the merge did not touch it;
    when the merge did change that record, undo history is cleared rather than letting
    Undo overwrite a peer's newer words."""
    session, shared, files = setup
    mine = observations.add_observation(session.cf, "Manager's draft", mode="read")
    run_undoable(
        session,
        "Edit",
        lambda cf: observations.update_observation(cf, mine, text="Manager's final"),
    )
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([files["priya"]])
    dialog.run_merge()
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.cf.get("observation", mine)["text"] == "Manager's draft"

    run_undoable(
        session,
        "Edit shared",
        lambda cf: observations.update_observation(cf, shared, text="Manager's words"),
    )
    tom = ChallengeFile.open(files["tom"])
    tom.clock = HybridClock("tom")
    tom.clock.observe(session.cf.get("observation", shared)["hlc"])  # Tom edits later still
    observations.update_observation(tom, shared, text="Tom's later words")
    tom.close()
    dialog.add_paths([files["tom"]])
    dialog.run_merge()
    assert session.cf.get("observation", shared)["text"] == "Tom's later words"
    assert session.undo_stack.count() == 0
    assert "Undo history was cleared" in dialog.result_label.text()


def test_a_refused_file_is_explained_and_changes_nothing(setup, qtbot, tmp_path, monkeypatch):
    session, _, _ = setup
    other = make_challenge(tmp_path / "other.peernotes")
    other.close()
    told = []
    monkeypatch.setattr(
        merge_dialog.messages, "error", lambda parent, title, text: told.append(text)
    )
    before = session.cf.count("observation")
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path / "other.peernotes"])
    dialog.run_merge()
    assert told and "different challenge" in told[0]
    assert session.cf.count("observation") == before
    assert dialog.report is None


def test_history_dialog_lists_versions_and_restores_one(setup, qtbot):
    """ "History…" shows who changed a note and when, and brings an earlier wording back."""
    session, shared, files = setup
    merge.merge(session.cf, [files["priya"], files["tom"]])
    dialog = HistoryDialog(session, "observation", shared)
    qtbot.addWidget(dialog)
    whats = [dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())]
    assert whats[0] == "Created"
    assert any("(current)" in w for w in whats)
    dialog.view.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert session.cf.get("observation", shared)["text"] == "Waiting lists are long"


def test_team_models_pass_the_qt_model_tester(setup, qtmodeltester):
    session, shared, files = setup
    report = merge.merge(session.cf, [files["priya"], files["tom"]])
    model = report_model(report)
    qtmodeltester.check(model, force_py=True)
    listed = conflicts_model()
    listed.set_items(conflicts.open_conflicts(session.cf))
    qtmodeltester.check(listed, force_py=True)
    versions = history_model()
    versions.set_items(conflicts.record_history(session.cf, "observation", shared))
    qtmodeltester.check(versions, force_py=True)


def test_the_window_offers_copy_merge_and_conflicts(qtbot, qapp):
    from peernotes.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    file_actions = [a.text() for a in window.menu("&File").actions()]
    assert "Cop&y for a peer…" in file_actions and "&Merge from…" in file_actions
    assert "&Conflicts…" in [a.text() for a in window.menu("&Tools").actions()]
    # The Merge page is offered when a file is open, and built only when first shown.
    pages = team_feature.FEATURE.create_pages(None, window)
    assert [page.key for page in pages] == ["merge"] and not pages[0].built


def test_a_protected_peer_file_asks_for_its_passphrase(setup, qtbot, monkeypatch):
    """Priya's file is protected: the dialog asks for its passphrase (again after a typo),
    then merges it like any other; Tom's plain file is not asked about."""
    from peernotes.core import encryption
    from peernotes.ui.safety.passphrase_dialog import PassphraseDialog

    session, _, files = setup
    encryption.encrypt_file(files["priya"], "priya's long passphrase")
    asked = []
    answers = iter(["priya's long Passphrase", "priya's long passphrase"])

    def unlock(parent, path, *, wrong=False, purpose="open the challenge"):
        asked.append((path.name, wrong))
        assert "merge" in purpose  # the prompt says why it asks, not "to open"
        return next(answers)

    monkeypatch.setattr(PassphraseDialog, "unlock", unlock)
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([files["priya"], files["tom"]])
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert asked == [("priya.peernotes", False), ("priya.peernotes", True)]
    assert dialog.report is not None and len(dialog.report.parts) == 2
    texts = {o["text"] for o in session.cf.rows("observation")}
    assert {"Priya Nair heard this", "Cllr Tom Birch heard this"} <= texts


def test_cancelling_the_passphrase_merges_nothing(setup, qtbot, monkeypatch):
    """Cancelling the passphrase of one file merges none of the files, and says so."""
    from peernotes.core import encryption
    from peernotes.ui.safety.passphrase_dialog import PassphraseDialog

    session, _, files = setup
    encryption.encrypt_file(files["tom"], "tom's long passphrase")
    monkeypatch.setattr(PassphraseDialog, "unlock", lambda parent, path, **_: None)
    told = []
    monkeypatch.setattr(merge_dialog.messages, "error", lambda p, title, text: told.append(text))
    before = session.cf.count("observation")
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([files["priya"], files["tom"]])
    dialog.run_merge()
    assert session.cf.count("observation") == before
    assert dialog.report is None and not told
    assert "Nothing was merged" in dialog.result_label.text()
    assert dialog.files.count() == 2  # still listed, to try again


def test_merge_into_a_protected_file(tmp_path, qtbot, qapp):
    """The open file is protected: a peer's file merges into it, and the backup taken
    before the merge is protected too."""
    from peernotes.core import encryption

    manager = tmp_path / "manager.peernotes"
    cf = make_challenge(manager, me=3)
    priya = next(p["id"] for p in people.team(cf) if p["name"] == "Priya Nair")
    copy_for_peer(cf, priya, tmp_path / "priya.peernotes", include_observations=True)
    cf.close()
    with ChallengeFile.open(tmp_path / "priya.peernotes") as copy:
        observations.add_observation(copy, "Priya heard this", mode="heard")
    encryption.encrypt_file(manager, "the manager's passphrase")
    session = Session(ChallengeFile.open(manager, passphrase="the manager's passphrase"))
    try:
        dialog = MergeDialog(session)
        qtbot.addWidget(dialog)
        dialog.add_paths([tmp_path / "priya.peernotes"])
        dialog.run_merge()
        assert dialog.report is not None and dialog.report.backup is not None
        assert encryption.is_encrypted(Path(dialog.report.backup))
        assert "Priya heard this" in {o["text"] for o in session.cf.rows("observation")}
    finally:
        session.close()
    assert encryption.is_encrypted(manager)
    assert b"Priya heard this" not in manager.read_bytes()


def test_a_copy_with_damaged_text_is_named_not_a_generic_error(setup, qtbot, monkeypatch):
    """A peer's copy holding one undecodable byte: the window says which file and which
    record is damaged and how to save the rest, and merges nothing (it showed the generic
    "something went wrong" dialog)."""
    import sqlite3

    session, _, files = setup
    conn = sqlite3.connect(files["priya"])
    note = conn.execute("SELECT id FROM observation WHERE text LIKE '%Priya%'").fetchone()[0]
    conn.execute("UPDATE observation SET text = CAST(? AS TEXT) WHERE id = ?", (b"\xff", note))
    conn.commit()
    conn.close()
    told: list[str] = []
    monkeypatch.setattr(
        merge_dialog.messages, "error", lambda parent, title, text: told.append(text)
    )
    before = session.cf.count("observation")
    dialog = MergeDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([files["priya"]])
    dialog.run_merge()
    assert len(told) == 1
    assert "priya.peernotes" in told[0] and "cannot be decoded" in told[0] and note in told[0]
    assert session.cf.count("observation") == before and dialog.report is None
