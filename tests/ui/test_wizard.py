"""The New challenge wizard: what it asks, what it refuses, and the file it writes."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWizard

from peernotes.core import records
from peernotes.core.frameworks import builtin_frameworks
from peernotes.ui.wizard import NewChallengeWizard, create_challenge_file, default_path


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
    qtbot.keyClicks(page.title, "Home Care Peer Challenge")
    assert next_button.isEnabled()
    page.start.setDate(QDate(2026, 11, 12))
    page.end.setDate(QDate(2026, 11, 10))
    assert not next_button.isEnabled()
    assert "before the first" in page.problem.text()


def test_team_page_needs_someone(qtbot):
    """A challenge without a team cannot be created (the letter lists the team)."""
    wizard = _wizard(qtbot)
    qtbot.keyClicks(wizard.challenge.council, "A")
    qtbot.keyClicks(wizard.challenge.title, "B")
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
    qtbot.keyClicks(page.title, "Safeguarding Peer Challenge")
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
        labels = [records.heading_label(h) for h in records.headings(cf)]
        assert labels == [
            "1 Leadership",
            "2 Partnerships",
            "3 Voice of the person",
            "Q1 Are referrals handled well?",
            "Q2 Do partners share data?",
        ]
        assert cf.get("peer", cf.peer_id)["name"] == "Rowan Hale"
        assert len(records.team(cf)) == 1  # the empty second row is not a team member
    finally:
        cf.close()


def test_default_file_name_never_overwrites(private_data_dir):
    """A second challenge with the same name gets its own file, never the first one's."""
    first = default_path("Ashcombe", "Peer Challenge")
    first.write_bytes(b"")
    second = default_path("Ashcombe", "Peer Challenge")
    assert second != first and second.name == "Ashcombe - Peer Challenge (2).peernotes"
    assert default_path("A/B: C", "D?").name == "A B C - D.peernotes"
