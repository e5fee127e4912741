"""People met: add, edit and delete them, and who was in which meeting (undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peernotes.core.records import people, programme
from peernotes.core.store import ChallengeFile
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable

if TYPE_CHECKING:
    from peernotes.ui.operations.inputs import PersonData


def add_person(session: Session, data: PersonData, *, allow_duplicate: bool = False) -> str:
    """Record someone met; `allow_duplicate` once the user chose to keep a repeated name.
    Returns their id."""
    return run_undoable(
        session,
        "Add person",
        lambda cf: people.add_person(
            cf,
            data.name,
            group_id=data.group_id,
            job_title=data.job_title,
            organisation=data.organisation,
            allow_duplicate=allow_duplicate,
        ),
    )


def edit_person(session: Session, person_id: str, data: PersonData) -> bool:
    return run_undoable(
        session,
        "Edit person",
        lambda cf: people.update_person(
            cf,
            person_id,
            name=data.name,
            group_id=data.group_id,
            job_title=data.job_title,
            organisation=data.organisation,
        ),
    )


def delete_person(session: Session, person_id: str) -> bool:
    """Delete someone and their place in meetings (observations never name people)."""
    return run_undoable(session, "Delete person", lambda cf: people.delete_person(cf, person_id))


def add_new_to_meeting(
    session: Session, meeting_id: str, data: PersonData, duplicate_of: str | None = None
) -> str:
    """Create a person and add them to the meeting, as one undo step. A name the peer was
    warned about (`duplicate_of`) and kept is allowed to repeat. Returns their id."""

    def operation(cf: ChallengeFile) -> str:
        person_id = people.add_person(
            cf,
            data.name,
            group_id=data.group_id,
            job_title=data.job_title,
            organisation=data.organisation,
            allow_duplicate=duplicate_of is not None
            and people.normalise_name(data.name) == people.normalise_name(duplicate_of),
        )
        programme.add_person_to_meeting(cf, meeting_id, person_id)
        return person_id

    return run_undoable(session, f"Add {data.name} to the meeting", operation)


def add_to_meeting(session: Session, meeting_id: str, person_id: str) -> None:
    """Someone already recorded was in this meeting too."""
    run_undoable(
        session,
        "Add person to the meeting",
        lambda cf: programme.add_person_to_meeting(cf, meeting_id, person_id),
    )


def remove_from_meeting(session: Session, meeting_id: str, person_id: str) -> None:
    run_undoable(
        session,
        "Remove person from the meeting",
        lambda cf: programme.remove_link(cf, "meeting_person", meeting_id, person_id),
    )
