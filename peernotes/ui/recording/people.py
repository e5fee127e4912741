"""People: the peer team, and the people met (name, stakeholder group, job, organisation)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from peernotes.core.records import read_models
from peernotes.core.records.values import Peer, Person, StakeholderGroup
from peernotes.ui.dialogs import messages
from peernotes.ui.dialogs.peer import PeerDialog
from peernotes.ui.dialogs.person import PersonDialog
from peernotes.ui.models.records import PeerTableModel, PersonTableModel
from peernotes.ui.operations import people, team
from peernotes.ui.operations.inputs import PeerData, PersonData
from peernotes.ui.recording.list_page import ListPage
from peernotes.ui.session import Session
from peernotes.ui.workspace import Workspace


class PeopleMetList(ListPage[Person]):
    noun = "person"
    nouns = "people"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(
            session,
            PersonTableModel(session),
            "People met",
            "Everyone the team met, by stakeholder group. Names never appear in the letter.",
            parent,
        )
        self.add_button.setText("Add person…")
        self.fit_columns({0: 200, 1: 170, 2: 220, 3: 220})

    def _groups(self) -> list[StakeholderGroup]:
        return read_models.groups(self.session.cf)

    def add(self) -> None:
        def save(data: PersonData) -> str:
            matches = read_models.people_named(self.session.cf, data.name)
            if matches and not messages.confirm(
                self,
                "Already recorded?",
                f"Someone called {data.name} is already recorded. Add another person with the "
                "same name?",
                "Add another",
            ):
                return matches[0].id
            person_id = people.add_person(self.session, data, allow_duplicate=bool(matches))
            self.select_id(person_id)
            return person_id

        PersonDialog.ask(self, self._groups(), None, save)

    def edit(self, row_id: str) -> None:
        person = self.model.row(row_id)
        if person is None:
            return
        initial = PersonData(person.name, person.group_id, person.job_title, person.organisation)

        def save(data: PersonData) -> bool:
            return people.edit_person(self.session, row_id, data)

        PersonDialog.ask(self, self._groups(), initial, save)

    def delete(self, row_id: str) -> None:
        person = self.model.row(row_id)
        if person is None:
            return
        meetings = person.meeting_count
        extra = f" They will be removed from {meetings} meeting(s)." if meetings else ""
        if messages.confirm(self, "Delete person", f"Delete {person.name}?{extra}", "Delete"):
            people.delete_person(self.session, row_id)


class TeamList(ListPage[Peer]):
    noun = "team member"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(
            session,
            PeerTableModel(session),
            "Peer team",
            "The team in letter order: lead peer first, challenge manager last.",
            parent,
        )
        self.add_button.setText("Add team member…")
        self.add_button.setShortcut("")
        self.filter.hide()
        self.table.setSortingEnabled(False)
        self.fit_columns({0: 200, 1: 170, 2: 220})

    def add(self) -> None:
        def save(data: PeerData) -> str:
            return team.add_peer(self.session, data)

        PeerDialog.ask(self, None, save)

    def edit(self, row_id: str) -> None:
        peer = self.model.row(row_id)
        if peer is None:
            return
        initial = PeerData(peer.name, peer.role, peer.job_title, peer.organisation)

        def save(data: PeerData) -> bool:
            return team.edit_peer(self.session, row_id, data)

        PeerDialog.ask(self, initial, save)

    def delete(self, row_id: str) -> None:
        if row_id == self.session.cf.peer_id:
            messages.error(
                self,
                "Not deleted",
                "You are recording as this peer on this laptop, so they stay in the team.",
            )
            return
        peer = self.model.row(row_id)
        if peer and messages.confirm(
            self,
            "Remove team member",
            f"Remove {peer.name} from the team? Their notes are kept.",
            "Remove",
        ):
            team.remove_peer(self.session, row_id)


class PeoplePage(QWidget):
    def __init__(
        self, session: Session, window: Workspace | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.people = PeopleMetList(session)
        self.team = TeamList(session)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.people)
        splitter.addWidget(self.team)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
