"""Undoing a conflict review: the branch a person reviewed competes again, as an open conflict.

Resolving a conflict writes a *marker* version on the losing branch (see conflicts.py); the
marker may already have been merged into a peer's file, so undo cannot simply remove it --
history is append-only and merged as a union. Instead undo carries that branch on: a new
version of the other side's content, edited from the marker, is a branch tip again, so it
competes with the current version exactly as before the review. The current version is then
written again (same content) so it stays the newest and current, on this laptop and on every
laptop the file is merged into. Nothing is deleted; the reopened conflict has a new id
(conflicts are keyed by their losing version).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from peernotes.core import versions
from peernotes.core.errors import NotFound
from peernotes.core.store import ChallengeFile, Row, utc_now


def reopen(
    cf: ChallengeFile,
    table: str,
    row_id: str,
    reviewed_hlc: str,
    restore: Mapping[tuple[str, str], Row | None] | None = None,
    fields: Sequence[str] | None = None,
) -> str:
    """Undo the review of the conflicting version `reviewed_hlc` of a record, in one
    transaction. `restore` holds rows to put back as they were before the review (what
    "use the other version" or "combine" changed). Returns the stamp of the reopened
    conflicting version (its conflict is `versions.conflict_id(table, row_id, stamp)`).
    `fields` names the fields of a per-field decision: the marker that covered them is the
    one undone, and only those fields compete again."""
    found = versions.versions_of(cf, table, row_id)
    markers = [
        v
        for v in found.values()
        if versions.is_marker(v)
        and v.get("base_hlc") == reviewed_hlc
        and v.get(versions.RESOLUTION_KEY) != versions.SETTLED
        and (fields is None or set(fields) <= set(v.get(versions.FIELDS_KEY) or ()))
    ]
    reviewed = found.get(reviewed_hlc)
    if not markers or reviewed is None:
        raise NotFound("That conflict was not reviewed in this file, so there is nothing to undo.")
    marker = max(markers, key=lambda v: v["hlc"])
    stamp = cf.clock.now()
    reopened = dict(
        reviewed,
        base_hlc=marker["hlc"],
        hlc=stamp,
        modified_at=utc_now(),
        modified_by=cf.peer_id,
    )
    reopened.pop(versions.RESOLUTION_KEY, None)
    reopened.pop(versions.FIELDS_KEY, None)
    with cf.transaction():
        cf.record_history(table, reopened)
        cf.observe_stamp(stamp)
        for (other_table, other_id), state in (restore or {}).items():
            cf.restore_version(other_table, other_id, state)
        current = cf.get(table, row_id, include_deleted=True)
        if current is not None and current["hlc"] < stamp:
            _stamp_again(cf, table, current)
        versions.refresh(cf, table, row_id)
    return stamp


def _stamp_again(cf: ChallengeFile, table: str, current: Row) -> None:
    """The current version written again, unchanged, so it is newer than the reopened one
    (the newest live head is current, see versions.choose)."""
    stamp = cf.clock.now()
    cf.record_history(table, current)
    again = dict(current, hlc=stamp, base_hlc=current["hlc"], modified_by=cf.peer_id)
    cf.write_verbatim(table, dict(again, modified_at=utc_now()))
    cf.observe_stamp(stamp)
