"""The New challenge wizard: what it asks, what it refuses, and the file it writes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QWizard

from peernotes.core.frameworks import builtin_frameworks
from peernotes.core.records import challenge, observations, people
from peernotes.ui.new_challenge import create_challenge_file, default_path
from peernotes.ui.wizard import NewChallengeWizard


def _wizard(qtbot) -> NewChallengeWizard:
    wizard = NewChallengeWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_offers_every_built_in_framework_and_own_headings(qtbot):
    """A team can start from any shipped framework, or type its own headings."""
    wizard = _wizard(qtbot)
    combo = wizard.challenge.framework
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == [*builtin_frameworks(), "custom"]


def test_next_needs_a_council_title_and_sensible_dates(qtbot):
    """The wizard will not go on without a council and title, or with days that end before
    they start, and says so."""
    wizard = _wizard(qtbot)
    page = wizard.challenge
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    qtbot.keyClicks(page.council, "Ashcombe District Council")
    qtbot.keyClicks(page.programme_title, "Home Care Peer Challenge")
    assert next_button.isEnabled()
    page.start.setDate(QDate(2026, 11, 12))
    page.end.setDate(QDate(2026, 11, 10))
    assert not next_button.isEnabled()
    assert "before the first" in page.problem.text()


def test_team_page_needs_someone(qtbot):
    """A challenge without a team cannot be created (the letter lists the team)."""
    wizard = _wizard(qtbot)
    qtbot.keyClicks(wizard.challenge.council, "A")
    qtbot.keyClicks(wizard.challenge.programme_title, "B")
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.team
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.team.set_member(0, "Rowan Hale", "lead_peer")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_custom_headings_and_scope_questions_become_the_framework(qtbot, private_data_dir):
    """Own headings and scoping questions are what observations can then be tagged with."""
    wizard = _wizard(qtbot)
    page = wizard.challenge
    qtbot.keyClicks(page.council, "Ashcombe District Council")
    qtbot.keyClicks(page.programme_title, "Safeguarding Peer Challenge")
    page.framework.setCurrentIndex(page.framework.findData("custom"))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.custom.setPlainText("Leadership\nPartnerships\n\nVoice of the person")
    wizard.next()
    wizard.scope.questions.setPlainText("- Are referrals handled well?\n- Do partners share data?")
    wizard.next()
    wizard.team.set_member(0, "Rowan Hale", "lead_peer", "Director", "Westshire County Council")
    wizard.next()
    wizard.you.list.setCurrentRow(0)
    data = wizard.data()
    assert (
        data.path
        == private_data_dir / "Ashcombe District Council - Safeguarding Peer Challenge.peernotes"
    )
    cf = create_challenge_file(data)
    try:
        labels = [challenge.heading_label(h) for h in challenge.headings(cf)]
        assert labels == [
            "1 Leadership",
            "2 Partnerships",
            "3 Voice of the person",
            "Q1 Are referrals handled well?",
            "Q2 Do partners share data?",
        ]
        assert cf.get("peer", cf.peer_id)["name"] == "Rowan Hale"
        assert len(people.team(cf)) == 1  # the empty second row is not a team member
    finally:
        cf.close()


def test_default_file_name_never_overwrites(private_data_dir):
    """A second challenge with the same name gets its own file, never the first one's."""
    first = default_path("Ashcombe", "Peer Challenge")
    first.write_bytes(b"")
    second = default_path("Ashcombe", "Peer Challenge")
    assert second != first and second.name == "Ashcombe - Peer Challenge (2).peernotes"
    assert default_path("A/B: C", "D?").name == "A B C - D.peernotes"


def _to_last_page(qtbot) -> NewChallengeWizard:
    wizard = _wizard(qtbot)
    qtbot.keyClicks(wizard.challenge.council, "Ashcombe District Council")
    qtbot.keyClicks(wizard.challenge.programme_title, "Home Care Peer Challenge")
    wizard.next()
    wizard.next()
    wizard.team.set_member(0, "Rowan Hale", "lead_peer", "Director", "Westshire County Council")
    wizard.next()
    wizard.you.list.setCurrentRow(0)
    assert wizard.currentPage() is wizard.you
    return wizard


def test_protect_with_a_passphrase_creates_an_encrypted_file(qtbot, tmp_path):
    """Ticking "Protect this file" asks for the passphrase twice, says inline what is wrong
    (too short, different), and the file is encrypted from its first byte."""
    from peernotes.core import encryption
    from peernotes.core.errors import EncryptedFile
    from peernotes.core.store import ChallengeFile

    wizard = _to_last_page(qtbot)
    you = wizard.you
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    path = tmp_path / "protected.peernotes"
    you.path.setText(str(path))
    assert finish.isEnabled() and not you.passphrase.isEnabled()
    qtbot.mouseClick(
        you.protect, Qt.MouseButton.LeftButton, pos=QPoint(4, you.protect.height() // 2)
    )
    assert you.protect.isChecked() and you.passphrase.isEnabled()
    assert not finish.isEnabled()  # nothing typed yet
    qtbot.keyClicks(you.passphrase, "short")
    assert "at least 8 characters" in you.protect_problem.text()
    qtbot.keyClicks(you.passphrase, " river otter")
    qtbot.keyClicks(you.repeat, "short river oter")
    assert "different" in you.protect_problem.text()
    assert not finish.isEnabled()
    you.repeat.clear()
    qtbot.keyClicks(you.repeat, "short river otter")
    assert you.protect_problem.text() == ""
    assert finish.isEnabled()
    assert you.passphrase.echoMode() == you.passphrase.EchoMode.Password

    data = wizard.data()
    assert data.passphrase == "short river otter"
    assert "short river otter" not in repr(data)
    cf = create_challenge_file(data)
    try:
        on_disk = b"".join(
            p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("protected")
        )
        assert b"Ashcombe" not in on_disk and b"Rowan Hale" not in on_disk  # -wal included
        observations.add_observation(cf, "Said in confidence")
    finally:
        cf.close()
    assert encryption.is_encrypted(path)
    assert b"Said in confidence" not in path.read_bytes()
    with pytest.raises(EncryptedFile):
        ChallengeFile.open(path)
    with ChallengeFile.open(path, passphrase="short river otter") as reopened:
        assert reopened.challenge()["council"] == "Ashcombe District Council"
        assert reopened.get("peer", reopened.peer_id)["name"] == "Rowan Hale"


def test_without_protection_the_file_is_plain(qtbot, tmp_path):
    """Protection is optional: unticked (even with something typed), no passphrase is used."""
    from peernotes.core import encryption

    wizard = _to_last_page(qtbot)
    you = wizard.you
    you.path.setText(str(tmp_path / "plain.peernotes"))
    you.protect.setChecked(True)
    qtbot.keyClicks(you.passphrase, "typed then changed my mind")
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    you.protect.setChecked(False)
    assert you.protect_problem.text() == ""
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    data = wizard.data()
    assert data.passphrase is None
    create_challenge_file(data).close()
    assert not encryption.is_encrypted(tmp_path / "plain.peernotes")


def test_typing_through_the_wizard_does_not_wear_out_python(qtbot, tmp_path):
    """PySide6 6.12's Signal.emit() drops a reference to True on every call; a page that
    emitted completeChanged on each keystroke would, after a few thousand keys, abort the
    whole app ("Fatal Python error: bool_dealloc"). The wizard only chains signals in Qt."""
    import gc
    import sys

    wizard = _to_last_page(qtbot)
    wizard.back()
    wizard.back()
    wizard.back()
    page = wizard.challenge
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(20):
        qtbot.keyClicks(page.council, "abcde")
        page.end.setDate(page.end.date().addDays(1))
        page.framework.setCurrentIndex((page.framework.currentIndex() + 1) % 3)
    wizard.next()
    wizard.next()
    for row in range(10):
        wizard.team.add_member(name=f"Member {row}")
        wizard.team.table.item(row, 2).setText("Officer")
    wizard.next()
    wizard.you.protect.setChecked(True)
    for _ in range(30):
        qtbot.keyClicks(wizard.you.passphrase, "abcd")
        qtbot.keyClicks(wizard.you.repeat, "abcd")
        wizard.you.list.setCurrentRow(-1)
        wizard.you.list.setCurrentRow(0)
    gc.collect()
    assert sys.getrefcount(True) >= before - 20  # about 500 signals went by


def test_wizard_shows_the_frameworks_groups_and_keeps_the_teams_edits(qtbot, private_data_dir):
    """The scope page lists the chosen framework's groups before the first meeting; a
    corporate challenge gets no carers, and the team's own list is what the file gets."""
    wizard = _wizard(qtbot)
    page = wizard.challenge
    qtbot.keyClicks(page.council, "Ashcombe District Council")
    qtbot.keyClicks(page.programme_title, "Corporate Peer Challenge")
    page.framework.setCurrentIndex(page.framework.findData("lga-cpc-core"))
    wizard.next()
    shown = wizard.scope.group_names()
    assert "Councillor" in shown and "Carer" not in shown
    wizard.scope.groups.setPlainText("Councillor\nSenior leader\nStaff\nHousing association")
    wizard.back()
    wizard.next()
    assert wizard.scope.group_names()[-1] == "Housing association", "edits survive Back"
    wizard.next()
    wizard.team.set_member(0, "Rowan Hale", "lead_peer", "Chief Executive", "Westshire")
    wizard.next()
    wizard.you.list.setCurrentRow(0)
    cf = create_challenge_file(wizard.data())
    try:
        names = [g["name"] for g in people.stakeholder_groups(cf)]
    finally:
        cf.close()
    assert names == ["Councillor", "Senior leader", "Staff", "Housing association"]
