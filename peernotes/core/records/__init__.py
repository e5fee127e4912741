"""Domain operations on a challenge file, by noun; each validates its input, then writes in one
transaction.

The UI, the CLI, the JSON import and the demo generator all go through these, so every rule
(an observation has text and a mode, a meeting ends after it starts...) lives in one place.
Operations return ids (or a `Saved` with warnings) and raise ValidationError naming the field.

    challenge     the challenge, its framework and headings
    people        the peer team, people met and their groups, documents
    programme     meetings and who was in them
    observations  observations and their headings
    read_models   the lists' ids and display records (typed values for the UI)

New code imports the noun module (`from peernotes.core.records import observations`). The names
below are re-exported so the many `records.add_observation(...)` callers (tests above all) keep
working while they move over; add nothing new here.
"""

from peernotes.core.records.challenge import (
    add_heading,
    check_headings,
    heading_label,
    headings,
    install_framework,
    install_headings,
    new_challenge,
    update_challenge,
)
from peernotes.core.records.observations import (
    add_observation,
    delete_observation,
    observation_heading_ids,
    set_observation_headings,
    update_observation,
)
from peernotes.core.records.people import (
    add_document,
    add_peer,
    add_person,
    add_stakeholder_group,
    delete_document,
    delete_peer,
    delete_person,
    name_and_role,
    normalise_name,
    peer_values,
    people_named,
    stakeholder_groups,
    team,
    update_document,
    update_peer,
    update_person,
)
from peernotes.core.records.programme import (
    Saved,
    add_meeting,
    add_peer_to_meeting,
    add_person_to_meeting,
    delete_meeting,
    meeting_now,
    meeting_peers,
    meeting_people,
    remove_link,
    set_meeting_members,
    update_meeting,
    visit_days,
)
from peernotes.core.records.read_models import (
    OBSERVATION_ORDER,
    ObservationFilter,
    document_list,
    meeting_list,
    observation_ids,
    observation_summaries,
    person_list,
)

__all__ = [
    "OBSERVATION_ORDER",
    "ObservationFilter",
    "Saved",
    "add_document",
    "add_heading",
    "add_meeting",
    "add_observation",
    "add_peer",
    "add_peer_to_meeting",
    "add_person",
    "add_person_to_meeting",
    "add_stakeholder_group",
    "check_headings",
    "delete_document",
    "delete_meeting",
    "delete_observation",
    "delete_peer",
    "delete_person",
    "document_list",
    "heading_label",
    "headings",
    "install_framework",
    "install_headings",
    "meeting_list",
    "meeting_now",
    "meeting_peers",
    "meeting_people",
    "name_and_role",
    "new_challenge",
    "normalise_name",
    "observation_heading_ids",
    "observation_ids",
    "observation_summaries",
    "peer_values",
    "people_named",
    "person_list",
    "remove_link",
    "set_meeting_members",
    "set_observation_headings",
    "stakeholder_groups",
    "team",
    "update_challenge",
    "update_document",
    "update_meeting",
    "update_observation",
    "update_peer",
    "update_person",
    "visit_days",
]
