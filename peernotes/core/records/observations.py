"""Observations: one thing read, heard or seen, and the framework headings it is tagged with.

Operations validate their input, then write in one transaction. Saved (durably) on return.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from peernotes.core import validation as check
from peernotes.core import vocab
from peernotes.core.errors import ValidationError
from peernotes.core.ids import link_id
from peernotes.core.records.challenge import check_headings
from peernotes.core.records.programme import remove_link
from peernotes.core.store import ChallengeFile


def _observation_values(cf: ChallengeFile, values: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key == "text":
            cleaned[key] = check.text("text", value)
        elif key == "mode":
            cleaned[key] = check.choice("mode", value, vocab.MODES)
        elif key == "polarity":
            cleaned[key] = check.choice("polarity", value, vocab.POLARITIES)
        elif key == "is_quote":
            cleaned[key] = check.flag("is_quote", value)
        elif key == "observed_at":
            cleaned[key] = check.timestamp("observed_at", value)
        elif key in ("meeting_id", "document_id"):
            table = key[:-3]
            if value is not None and cf.get(table, value) is None:
                raise ValidationError(key, f"unknown {table}")
            cleaned[key] = value
        elif key == "recorded_by":
            if value is not None and cf.get("peer", value) is None:
                raise ValidationError(key, "unknown peer")
            cleaned[key] = value
        else:
            raise ValidationError(key, "is not an observation field")
    return cleaned


def add_observation(
    cf: ChallengeFile,
    text: str,
    *,
    mode: str = "heard",
    meeting_id: str | None = None,
    document_id: str | None = None,
    heading_ids: Sequence[str] = (),
    polarity: str = "neutral",
    is_quote: bool = False,
    observed_at: str | datetime | None = None,
    recorded_by: str | None = None,
) -> str:
    """Record one thing read, heard or seen. Saved (durably) when this returns."""
    values = _observation_values(
        cf,
        {
            "text": text,
            "mode": mode,
            "meeting_id": meeting_id,
            "document_id": document_id,
            "polarity": polarity,
            "is_quote": is_quote,
            "observed_at": observed_at or datetime.now(),
            "recorded_by": recorded_by or cf.peer_id,
        },
    )
    ids = check_headings(cf, heading_ids, "heading_ids")
    with cf.transaction():
        observation_id = cf.insert("observation", values)
        for heading_id in ids:  # a new note's links are new: no lookup (cf.link) needed
            cf.insert(
                "observation_heading",
                {"observation_id": observation_id, "heading_id": heading_id},
                row_id=link_id("observation_heading", observation_id, heading_id),
            )
    return observation_id


def update_observation(cf: ChallengeFile, observation_id: str, **changes: Any) -> bool:
    heading_ids = changes.pop("heading_ids", None)
    cleaned = _observation_values(cf, changes)
    with cf.transaction():
        changed = cf.update("observation", observation_id, cleaned) if cleaned else False
        if heading_ids is not None:
            changed = set_observation_headings(cf, observation_id, heading_ids) or changed
    return changed


def observation_heading_ids(cf: ChallengeFile, observation_id: str) -> list[str]:
    return [
        r["heading_id"]
        for r in cf.rows("observation_heading", "observation_id = ?", (observation_id,))
    ]


def observations_of_links(cf: ChallengeFile, link_ids: Iterable[str]) -> set[str]:
    """The observations that heading links (`observation_heading` ids, deleted ones too)
    belong to: a list re-reads just those notes when their tags change."""
    found = set()
    for one in link_ids:
        link = cf.get("observation_heading", one, include_deleted=True)
        if link:
            found.add(link["observation_id"])
    return found


def set_observation_headings(
    cf: ChallengeFile, observation_id: str, heading_ids: Sequence[str]
) -> bool:
    cf.get("observation", observation_id, required=True)
    wanted = check_headings(cf, heading_ids, "heading_ids")
    current = set(observation_heading_ids(cf, observation_id))
    changed = False
    with cf.transaction():
        for heading_id in wanted:
            if heading_id not in current:
                cf.link(
                    "observation_heading",
                    {"observation_id": observation_id, "heading_id": heading_id},
                    (observation_id, heading_id),
                )
                changed = True
        for heading_id in current - set(wanted):
            remove_link(cf, "observation_heading", observation_id, heading_id)
            changed = True
    return changed


def delete_observation(cf: ChallengeFile, observation_id: str) -> bool:
    return cf.delete("observation", observation_id)
