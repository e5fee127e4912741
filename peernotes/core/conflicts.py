"""Reviewing what a merge set aside: open conflicts, their resolution, a record's history.

Resolving a conflict never deletes a version. It writes a *marker* version on the losing
branch (in `history`, carrying the decision) so that branch stops competing -- on this laptop
and on every laptop this file is merged into -- and, for "use the other version" or "combine",
a normal edit of the record. Every operation is one transaction; run it through
`run_undoable` in the UI so the record edit can be undone like any other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from peernotes.core import versions
from peernotes.core.errors import NotFound, ValidationError
from peernotes.core.store import ChallengeFile, Row

KEEP, SWAP, COMBINE = "kept current", "used other version", "combined"

# Fields shown to identify a record, per table (first non-empty wins).
_LABEL_FIELDS = {
    "observation": ("text",),
    "finding": ("statement",),
    "meeting": ("title",),
    "person": ("name",),
    "peer": ("name",),
    "document": ("title",),
    "heading": ("number", "name"),
    "challenge": ("council", "programme_title"),
    "stakeholder_group": ("name",),
    "recommendation_group": ("name",),
    "setting": ("key",),
    "framework": ("name",),
}
TABLE_LABELS = {
    "observation": "Observation",
    "finding": "Finding",
    "meeting": "Meeting",
    "person": "Person",
    "peer": "Team member",
    "document": "Document",
    "heading": "Heading",
    "challenge": "Challenge",
    "stakeholder_group": "Stakeholder group",
    "recommendation_group": "Recommendation group",
    "setting": "Setting",
    "framework": "Framework",
    "meeting_peer": "Peer at a meeting",
    "meeting_person": "Person at a meeting",
    "observation_heading": "Observation under a heading",
    "finding_evidence": "Evidence for a finding",
    "merge_log": "Merge record",
    "feedback_snapshot": "Feedback as presented",
    "headcount": "Unnamed people at a meeting",
    "note_pair": "Two notes of one meeting, marked",
}


def describe_record(table: str, row: Row | None) -> str:
    """'Observation: "Staff said waiting lists…"' — enough to recognise a record."""
    label = TABLE_LABELS.get(table, table.replace("_", " ").capitalize())
    if not row:
        return label
    parts = [str(row.get(f) or "") for f in _LABEL_FIELDS.get(table, ())]
    text = " ".join(p for p in parts if p).strip()
    if len(text) > 80:
        text = text[:79] + "…"
    return f"{label}: {text}" if text else label


@dataclass
class Conflict:
    """One open conflict as the review screen shows it."""

    id: str
    table: str
    row_id: str
    current: Row
    other: Row
    other_by: str
    current_by: str
    fields: list[str] = field(default_factory=list)  # the fields in conflict

    @property
    def title(self) -> str:
        return describe_record(self.table, self.current)

    @property
    def kind(self) -> str:
        if self.other["deleted"] and not self.current["deleted"]:
            return "deleted elsewhere, kept here"
        if self.current["deleted"] and not self.other["deleted"]:
            return "edited elsewhere, deleted here"
        return "edited on two laptops"

    @property
    def whole_record(self) -> bool:
        """A deletion against an edit: decided for the whole record, not field by field."""
        return bool(self.other["deleted"]) != bool(self.current["deleted"]) or bool(
            self.other["deleted"]
        )

    def text_fields(self) -> list[str]:
        """Differing fields whose values are text, so they can be combined."""
        return [
            f
            for f in self.fields
            if isinstance(self.current.get(f), str) and isinstance(self.other.get(f), str)
        ]


def differing_fields(cf: ChallengeFile, table: str, a: Row, b: Row) -> list[str]:
    return [c for c in versions.content_columns(cf.columns(table)) if a.get(c) != b.get(c)]


def peer_name(cf: ChallengeFile, peer_id: str | None) -> str:
    if not peer_id:
        return "someone (no peer chosen)"
    row = cf.conn.execute("SELECT name FROM peer WHERE id = ?", (peer_id,)).fetchone()
    return row[0] if row else "an unknown peer"


def open_conflicts(cf: ChallengeFile) -> list[Conflict]:
    """Open conflicts, oldest record first; each lists only the fields in conflict (worked
    out from the record's versions: fields changed on one side only are merged already)."""
    result = []
    outcomes: dict[tuple[str, str], versions.Outcome] = {}
    for row in cf.query(
        "SELECT * FROM conflict WHERE status = 'open' AND deleted = 0 ORDER BY table_name, created_at"
    ):
        table, row_id = row["table_name"], row["row_id"]
        current = cf.get(table, row_id, include_deleted=True)
        if current is None:
            continue
        if (table, row_id) not in outcomes:
            found = versions.versions_of(cf, table, row_id)
            outcomes[(table, row_id)] = versions.choose(found.values(), cf.columns(table))
        other = json.loads(row["loser_data"])
        fields = list(outcomes[(table, row_id)].fields.get(row["loser_hlc"], ()))
        if not fields:
            continue  # settled since the cache was written (an edit here, a review)
        result.append(
            Conflict(
                id=row["id"],
                table=table,
                row_id=row_id,
                current=current,
                other=other,
                other_by=peer_name(cf, other.get("modified_by")),
                current_by=peer_name(cf, current.get("modified_by")),
                fields=fields,
            )
        )
    return result


def get_conflict(cf: ChallengeFile, conflict_id: str) -> Conflict:
    for conflict in open_conflicts(cf):
        if conflict.id == conflict_id:
            return conflict
    raise NotFound("That conflict has already been resolved (perhaps on another laptop).")


# ------------------------------------------------------------------ resolving
def keep_current(cf: ChallengeFile, conflict_id: str) -> None:
    """The current version stays; the other one stays in the record's history."""
    conflict = get_conflict(cf, conflict_id)
    if conflict.whole_record:
        with cf.transaction():
            _close(cf, conflict, KEEP)
        return
    mine = {name: conflict.current.get(name) for name in conflict.fields}
    resolve_fields(cf, conflict_id, mine, KEEP)


def use_other(cf: ChallengeFile, conflict_id: str) -> None:
    """The other version's values become current, for every field in conflict (fields
    changed on one side only are merged already); a deletion against an edit swaps whole."""
    conflict = get_conflict(cf, conflict_id)
    if conflict.whole_record:
        with cf.transaction():
            cf.restore_version(conflict.table, conflict.row_id, conflict.other)
            _close(cf, conflict, SWAP)
        return
    theirs = {name: conflict.other.get(name) for name in conflict.fields}
    resolve_fields(cf, conflict_id, theirs, SWAP)


def combine_text(cf: ChallengeFile, conflict_id: str, values: dict[str, str]) -> None:
    """Keep both: write `values` (e.g. {'text': both texts edited together}) as a new edit;
    any other field in conflict keeps its current value."""
    conflict = get_conflict(cf, conflict_id)
    bad = set(values) - set(conflict.text_fields())
    if bad:
        raise ValidationError(sorted(bad)[0], "is not a text field that differs in this conflict")
    if conflict.whole_record:
        with cf.transaction():
            if conflict.current["deleted"]:
                cf.undelete(conflict.table, conflict.row_id)
            cf.update(conflict.table, conflict.row_id, values)
            _close(cf, conflict, COMBINE)
        return
    choices: dict[str, Any] = {name: conflict.current.get(name) for name in conflict.fields}
    choices.update(values)
    resolve_fields(cf, conflict_id, choices, COMBINE)


def resolve_fields(cf: ChallengeFile, conflict_id: str, choices: dict[str, Any], how: str) -> None:
    """Decide some conflicting fields of one conflict: each field in `choices` gets its value
    (mine, theirs, or a combination), in one transaction. The other side's branch gets a
    partial marker for those fields (they stop competing, on every laptop the file reaches);
    fields still in conflict stay open. Undo: core/conflict_undo.py."""
    conflict = get_conflict(cf, conflict_id)
    if conflict.whole_record:
        raise ValidationError("field", "a deletion against an edit is resolved as a whole")
    unknown = set(choices) - set(conflict.fields)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not in conflict in this record")
    with cf.transaction():
        versions.write_marker(cf, conflict.table, conflict.other, how, list(choices))
        changes = {k: v for k, v in choices.items() if conflict.current.get(k) != v}
        if changes:
            cf.update(conflict.table, conflict.row_id, changes)
        versions.refresh(cf, conflict.table, conflict.row_id)


def decide_field(
    cf: ChallengeFile, conflict_id: str, name: str, how: str, text: str | None = None
) -> None:
    """One field of a conflict decided: KEEP mine (the current value), SWAP to theirs, or
    COMBINE into `text` (text fields only). The conflict's other fields stay open."""
    conflict = get_conflict(cf, conflict_id)
    if how == KEEP:
        value = conflict.current.get(name)
    elif how == SWAP:
        value = conflict.other.get(name)
    elif name in conflict.text_fields() and text is not None:
        value = text
    else:
        raise ValidationError(name, "only text can be combined")
    resolve_fields(cf, conflict_id, {name: value}, how)


# Columns that point at another record: shown by that record's name, not its id.
_REFERENCES = {
    "meeting_id": "meeting",
    "document_id": "document",
    "heading_id": "heading",
    "group_id": "recommendation_group",
    "recorded_by": "peer",
    "framework_id": "framework",
    "person_id": "person",
    "peer_id": "peer",
    "observation_id": "observation",
    "finding_id": "finding",
    "stakeholder_group_id": "stakeholder_group",
}
_YES_NO = frozenset({"notable", "key_message", "is_quote", "single_person"})


def field_label(name: str) -> str:
    """'heading_id' -> 'Heading', 'key_message' -> 'Key message'."""
    if name == "recorded_by":
        return "Recorded by"
    if name == "group_id":
        return "Recommendation group"
    return name.removesuffix("_id").replace("_", " ").capitalize()


def shown_value(cf: ChallengeFile, name: str, value: Any) -> str:
    """A field's value as a person reads it: a linked record by its name, yes/no, text."""
    if value is None or value == "":
        return "(empty)"
    table = _REFERENCES.get(name)
    if table is not None:
        row = cf.get(table, str(value), include_deleted=True)
        if row is None:
            return "(a record this file does not hold)"
        label = describe_record(table, row).split(": ", 1)[-1]
        return f"{label} (deleted)" if row["deleted"] else label
    if name in _YES_NO or name == "deleted":
        return ("deleted" if value else "kept") if name == "deleted" else ("Yes" if value else "No")
    return str(value)


def suggested_combination(conflict: Conflict, field_name: str) -> str:
    """Both texts, current first, the other appended unless it is already contained."""
    mine = conflict.current.get(field_name) or ""
    theirs = conflict.other.get(field_name) or ""
    if theirs in mine:
        return mine
    if mine in theirs:
        return theirs
    return f"{mine}\n\n{theirs}"


def _close(cf: ChallengeFile, conflict: Conflict, how: str) -> None:
    """A marker version on the losing branch: that branch has been reviewed."""
    versions.write_marker(cf, conflict.table, conflict.other, how)
    versions.refresh(cf, conflict.table, conflict.row_id)


# -------------------------------------------------------------------- history
@dataclass
class HistoryEntry:
    """One version of a record as "History…" lists it."""

    hlc: str
    when: str
    who: str
    what: str
    data: Row
    current: bool = False
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # field, before, after


def record_history(cf: ChallengeFile, table: str, row_id: str) -> list[HistoryEntry]:
    """Every known version of a record, oldest first: who, when, and what changed."""
    found = versions.versions_of(cf, table, row_id)
    if not found:
        raise NotFound(f"No {table.replace('_', ' ')} with id {row_id} in this challenge.")
    current = cf.get(table, row_id, include_deleted=True)
    columns = versions.content_columns(cf.columns(table))
    entries = []
    for hlc in sorted(found):
        data = found[hlc]
        base = found.get(data.get("base_hlc") or "")
        changes = []
        if base is not None:
            changes = [(c, base.get(c), data.get(c)) for c in columns if base.get(c) != data.get(c)]
        entries.append(
            HistoryEntry(
                hlc=hlc,
                when=data.get("modified_at") or "",
                who=peer_name(cf, data.get("modified_by")),
                what=_what(data, base, changes),
                data=data,
                current=current is not None and current["hlc"] == hlc,
                changes=changes,
            )
        )
    return entries


def _what(data: Row, base: Row | None, changes: list[tuple[str, Any, Any]]) -> str:
    resolution = data.get(versions.RESOLUTION_KEY)
    if resolution:
        return f"Conflict reviewed: {resolution}"
    if data.get("base_hlc") is None:
        return "Created (deleted)" if data.get("deleted") else "Created"
    if base is None:
        return "Edited"
    if data.get("deleted") and not base.get("deleted"):
        return "Deleted"
    if base.get("deleted") and not data.get("deleted"):
        return "Restored"
    names = [c.replace("_", " ") for c, _, _ in changes if c != "deleted"]
    return "Changed " + ", ".join(names) if names else "Saved again (no change)"


def restore_from_history(cf: ChallengeFile, table: str, row_id: str, hlc: str) -> None:
    """Make an earlier version current again, as a new edit (so it merges like any other)."""
    found = versions.versions_of(cf, table, row_id)
    if hlc not in found:
        raise NotFound("That version is not in this file.")
    with cf.transaction():
        cf.restore_version(table, row_id, found[hlc])
