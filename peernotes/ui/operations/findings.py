"""Findings: create, edit, move and delete them, their evidence, and the recommendation
groups (undoable). Typing a statement or narrative merges into one undo step per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peernotes.core import findings
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable

if TYPE_CHECKING:
    from peernotes.ui.operations.inputs import NewFindingValues

# The undo label of each field edited on the Findings page.
FIELD_LABELS = {
    "statement": "Edit finding",
    "narrative": "Edit narrative",
    "kind": "Change kind",
    "heading_id": "Change heading",
    "group_id": "Change recommendation group",
    "key_message": "Key message",
    "notable": "Notable practice",
    "prose_only": "Prose only",
}
TYPED_FIELDS = ("statement", "narrative")  # typing merges into one step


def create_finding(
    session: Session, values: NewFindingValues, observation_ids: Sequence[str] = ()
) -> str:
    """A new finding, from the selected observations (their evidence) or blank; its id."""
    ids = list(observation_ids)
    label = f"New finding from {len(ids)} observation{'s' if len(ids) != 1 else ''}"
    return run_undoable(
        session,
        label if ids else "New finding",
        lambda cf: findings.create_finding(cf, observation_ids=ids, **values),
    )


def edit_finding(session: Session, finding_id: str, field: str, value: Any) -> bool:
    """One field of a finding, as edited on the Findings page."""
    return run_undoable(
        session,
        FIELD_LABELS.get(field, "Edit finding"),
        lambda cf: findings.update_finding(cf, finding_id, **{field: value}),
        merge_key=f"finding-{field}-{finding_id}" if field in TYPED_FIELDS else None,
    )


def edit_from_letter(session: Session, finding_id: str, field: str, text: str) -> bool:
    """A statement or narrative rewritten where it appears in the letter's preview."""
    return run_undoable(
        session,
        "Edit finding",
        lambda cf: findings.update_finding(cf, finding_id, **{field: text}),
    )


def delete_finding(session: Session, finding_id: str) -> bool:
    return run_undoable(
        session, "Delete finding", lambda cf: findings.delete_finding(cf, finding_id)
    )


def move_finding(session: Session, finding_id: str, steps: int) -> bool:
    """Up (negative) or down within its heading and kind; False at either end."""
    return run_undoable(session, "Move finding", lambda cf: findings.move(cf, finding_id, steps))


def move_finding_to(
    session: Session, finding_id: str, heading_id: str | None, kind: str, index: int
) -> bool:
    """Dropped under another heading or kind, at `index`."""
    return run_undoable(
        session,
        "Move finding",
        lambda cf: findings.move_to(cf, finding_id, heading_id=heading_id, kind=kind, index=index),
    )


def add_evidence(
    session: Session, finding_id: str, observation_ids: Sequence[str], relation: str = "supports"
) -> int:
    """The observations become the finding's evidence; how many were added."""
    label = "Add contradicting evidence" if relation == "contradicts" else "Add evidence"
    return run_undoable(
        session,
        label,
        lambda cf: findings.add_evidence(cf, finding_id, observation_ids, relation),
    )


def mark_evidence(
    session: Session, finding_id: str, observation_ids: Sequence[str], relation: str
) -> int:
    """Evidence already linked switched to supporting or contradicting."""
    label = "Mark as contradicting" if relation == "contradicts" else "Mark as supporting"
    return run_undoable(
        session,
        label,
        lambda cf: findings.add_evidence(cf, finding_id, observation_ids, relation),
    )


def remove_evidence(session: Session, finding_id: str, observation_ids: Sequence[str]) -> int:
    return run_undoable(
        session,
        "Remove evidence",
        lambda cf: findings.remove_evidence(cf, finding_id, observation_ids),
    )


def add_group(session: Session, name: str) -> str:
    """A recommendation group; its id."""
    return run_undoable(
        session,
        "Add recommendation group",
        lambda cf: findings.add_recommendation_group(cf, name),
    )


def rename_group(session: Session, group_id: str, name: str) -> bool:
    return run_undoable(
        session,
        "Rename recommendation group",
        lambda cf: findings.rename_recommendation_group(cf, group_id, name),
    )


def delete_group(session: Session, group_id: str) -> list[str]:
    """Its recommendations stay, ungrouped; their ids."""
    return run_undoable(
        session,
        "Delete recommendation group",
        lambda cf: findings.delete_recommendation_group(cf, group_id),
    )


def move_group(session: Session, group_id: str, steps: int) -> bool:
    return run_undoable(
        session,
        "Move recommendation group",
        lambda cf: findings.move_recommendation_group(cf, group_id, steps),
    )
