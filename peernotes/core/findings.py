"""Findings, their evidence and recommendation groups: validated operations, one transaction each.

A finding is a statement the team will make -- a strength, an area for consideration or a
recommendation -- under a heading of the framework, backed (or contradicted) by observations.
Its place in the letter is its *section* (heading, kind) and its `ordinal` within that section,
which the user controls (move up/down, drag). Ordinals are unique across the kinds of one
heading (a new finding goes after all of them, a reorder within a kind reuses the places that
kind held), so the author's order across kinds -- the order a section's paragraphs print in --
survives (`reorder_heading`; the shared order is in peernotes.core.rollup). Recommendations also belong to a user-defined
recommendation group ("Quick wins"...). Deleting tombstones, so deletions merge and undo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peernotes.core import validation as check
from peernotes.core import vocab
from peernotes.core.errors import ValidationError
from peernotes.core.ids import link_id
from peernotes.core.store import ChallengeFile, Row

STATEMENT_MAX = 2_000
NARRATIVE_MAX = 50_000


@dataclass(frozen=True)
class EvidenceLink:
    observation_id: str
    relation: str  # 'supports' | 'contradicts'


@dataclass(frozen=True)
class FindingChoice:
    """A finding as a picker offers it (File › Print…'s "one finding")."""

    id: str
    statement: str


# ------------------------------------------------------------------ reading
def finding(cf: ChallengeFile, finding_id: str) -> Row:
    row = cf.get("finding", finding_id, required=True)
    assert row is not None
    return row


def holds(cf: ChallengeFile, finding_id: str, field: str, value: object) -> bool:
    """Whether the finding's `field` already holds `value`: leaving an editor's box unchanged
    is not an edit. The row stays in the core; the editor names the field it edited."""
    return bool(finding(cf, finding_id)[field] == value)


def findings(cf: ChallengeFile) -> list[Row]:
    """Live findings in section order (heading, then kind, then the user's order)."""
    return cf.rows("finding", order_by="heading_id, kind, ordinal, created_at")


def finding_choices(cf: ChallengeFile) -> list[FindingChoice]:
    """Live findings to pick from, in the user's order (their ordinals), statements whole."""
    return [
        FindingChoice(row["id"], row["statement"])
        for row in cf.rows("finding", order_by="ordinal, created_at, id")
    ]


def section(cf: ChallengeFile, heading_id: str | None, kind: str) -> list[Row]:
    """The findings of one heading and kind, in the user's order."""
    return cf.rows(
        "finding",
        "heading_id IS ? AND kind = ?",
        (heading_id, kind),
        order_by="ordinal, created_at, id",
    )


def evidence_links(cf: ChallengeFile, finding_id: str) -> list[EvidenceLink]:
    """The live observations linked to a finding, oldest link first."""
    return [
        EvidenceLink(r["observation_id"], r["relation"])
        for r in cf.query(
            "SELECT fe.observation_id, fe.relation FROM finding_evidence fe "
            "JOIN observation o ON o.id = fe.observation_id "
            "WHERE fe.finding_id = ? AND fe.deleted = 0 AND o.deleted = 0 "
            "ORDER BY fe.created_at, fe.rowid",
            (finding_id,),
        )
    ]


def findings_using(cf: ChallengeFile, observation_id: str) -> list[Row]:
    """Findings that an observation supports or contradicts (with `relation`)."""
    return cf.query(
        "SELECT f.*, fe.relation FROM finding f JOIN finding_evidence fe ON fe.finding_id = f.id "
        "WHERE fe.observation_id = ? AND fe.deleted = 0 AND f.deleted = 0 "
        "ORDER BY f.statement",
        (observation_id,),
    )


# ------------------------------------------------------------------ validating
def _check_heading(cf: ChallengeFile, heading_id: str | None) -> str | None:
    if heading_id is None:
        return None
    framework_id = cf.challenge()["framework_id"]
    row = cf.get("heading", heading_id)
    if row is None or row["framework_id"] != framework_id:
        raise ValidationError("heading_id", "unknown framework heading")
    return heading_id


def _check_group(cf: ChallengeFile, group_id: str | None) -> str | None:
    if group_id is not None and cf.get("recommendation_group", group_id) is None:
        raise ValidationError("group_id", "unknown recommendation group")
    return group_id


def _check_observations(cf: ChallengeFile, ids: Sequence[str], field: str) -> list[str]:
    wanted = list(dict.fromkeys(ids))
    for index, observation_id in enumerate(wanted):
        if cf.get("observation", observation_id) is None:
            raise ValidationError(f"{field}[{index}]", "unknown or deleted observation")
    return wanted


def _values(cf: ChallengeFile, values: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key == "statement":
            cleaned[key] = check.text("statement", value, max_length=STATEMENT_MAX)
        elif key == "narrative":
            cleaned[key] = check.text("narrative", value, required=False, max_length=NARRATIVE_MAX)
        elif key == "kind":
            cleaned[key] = check.choice("kind", value, vocab.FINDING_KINDS)
        elif key == "heading_id":
            cleaned[key] = _check_heading(cf, value)
        elif key == "group_id":
            cleaned[key] = _check_group(cf, value)
        elif key in ("notable", "key_message", "prose_only"):
            cleaned[key] = check.flag(key, value)
        else:
            raise ValidationError(key, "is not a finding field that can be edited")
    return cleaned


def _next_ordinal(cf: ChallengeFile, heading_id: str | None, kind: str) -> float:
    """After every finding of the heading, whatever its kind (recommendations: of their kind,
    since they print by group)."""
    args: tuple[str | None, ...]
    if kind == "recommendation":
        sql, args = "heading_id IS ? AND kind = ?", (heading_id, kind)
    else:
        sql, args = "heading_id IS ? AND kind != 'recommendation'", (heading_id,)
    row = cf.conn.execute(
        f"SELECT max(ordinal) FROM finding WHERE deleted = 0 AND {sql}", args
    ).fetchone()
    return 0.0 if row[0] is None else float(int(row[0]) + 1)


# ------------------------------------------------------------------ findings
def create_finding(
    cf: ChallengeFile,
    statement: str,
    *,
    kind: str = "strength",
    heading_id: str | None = None,
    narrative: str = "",
    group_id: str | None = None,
    notable: bool = False,
    key_message: bool = False,
    observation_ids: Sequence[str] = (),
    contradicting_ids: Sequence[str] = (),
) -> str:
    """A new finding at the end of its section, optionally from selected observations."""
    values = _values(
        cf,
        {
            "statement": statement,
            "narrative": narrative,
            "kind": kind,
            "heading_id": heading_id,
            "group_id": group_id,
            "notable": notable,
            "key_message": key_message,
        },
    )
    if values["kind"] != "recommendation":
        values["group_id"] = None
    supporting = _check_observations(cf, observation_ids, "observation_ids")
    contradicting = _check_observations(cf, contradicting_ids, "contradicting_ids")
    with cf.transaction():
        values["ordinal"] = _next_ordinal(cf, values["heading_id"], values["kind"])
        finding_id = cf.insert("finding", values)
        _link(cf, finding_id, supporting, "supports")
        _link(cf, finding_id, [o for o in contradicting if o not in supporting], "contradicts")
    return finding_id


def update_finding(cf: ChallengeFile, finding_id: str, **changes: Any) -> bool:
    """Edit a finding. Moving it to another heading or kind puts it at the end there;
    a finding that stops being a recommendation leaves its recommendation group."""
    current = finding(cf, finding_id)
    cleaned = _values(cf, changes)
    kind = str(cleaned.get("kind") or current["kind"])
    heading_id = cleaned.get("heading_id", current["heading_id"])
    if kind != "recommendation":
        cleaned["group_id"] = None
    with cf.transaction():
        if (kind, heading_id) != (current["kind"], current["heading_id"]):
            cleaned["ordinal"] = _next_ordinal(cf, heading_id, kind)
        return cf.update("finding", finding_id, cleaned)


def delete_finding(cf: ChallengeFile, finding_id: str) -> bool:
    """Delete a finding and its evidence links (the observations themselves stay)."""
    finding(cf, finding_id)
    with cf.transaction():
        for link in cf.rows("finding_evidence", "finding_id = ?", (finding_id,)):
            cf.delete("finding_evidence", link["id"])
        return cf.delete("finding", finding_id)


def reorder(
    cf: ChallengeFile, heading_id: str | None, kind: str, ordered_ids: Sequence[str]
) -> bool:
    """Put a section's findings in this order (ids not named keep their order, after them)."""
    rows = section(cf, heading_id, kind)
    known = {r["id"]: r for r in rows}
    wanted = list(dict.fromkeys(ordered_ids))
    for index, finding_id in enumerate(wanted):
        if finding_id not in known:
            raise ValidationError(
                f"ordered_ids[{index}]", "is not a finding of this heading and kind"
            )
    order = wanted + [r["id"] for r in rows if r["id"] not in set(wanted)]
    places = sorted(r["ordinal"] for r in rows)
    if len(set(places)) != len(places):  # ties: number afresh
        places = [float(i) for i in range(len(rows))]
    return _set_ordinals(cf, order, places, known)


def reorder_heading(cf: ChallengeFile, heading_id: str | None, ordered_ids: Sequence[str]) -> bool:
    """The author's order of a heading's strengths and areas across kinds (the order its
    paragraphs print in): the findings named first, the others after them in their order."""
    rows = [
        r
        for r in cf.rows(
            "finding",
            "heading_id IS ? AND kind != 'recommendation'",
            (heading_id,),
            order_by="ordinal, created_at, id",
        )
    ]
    rank = {k: i for i, k in enumerate(vocab.FINDING_KINDS)}
    rows.sort(key=lambda r: (r["ordinal"], rank.get(r["kind"], 9)))
    known = {r["id"]: r for r in rows}
    wanted = list(dict.fromkeys(ordered_ids))
    for index, finding_id in enumerate(wanted):
        if finding_id not in known:
            raise ValidationError(
                f"ordered_ids[{index}]", "is not a strength or area of this heading"
            )
    order = wanted + [r["id"] for r in rows if r["id"] not in set(wanted)]
    return _set_ordinals(cf, order, [float(i) for i in range(len(order))], known)


def _set_ordinals(
    cf: ChallengeFile, order: Sequence[str], places: Sequence[float], known: dict[str, Row]
) -> bool:
    changed = False
    with cf.transaction():
        for finding_id, place in zip(order, places, strict=True):
            if known[finding_id]["ordinal"] != place:
                cf.update("finding", finding_id, {"ordinal": float(place)})
                changed = True
    return changed


def move(cf: ChallengeFile, finding_id: str, steps: int) -> bool:
    """Move a finding up (steps < 0) or down within its section; False at either end."""
    current = finding(cf, finding_id)
    order = [r["id"] for r in section(cf, current["heading_id"], current["kind"])]
    index = order.index(finding_id)
    target = max(0, min(len(order) - 1, index + steps))
    if target == index:
        return False
    order.insert(target, order.pop(index))
    return reorder(cf, current["heading_id"], current["kind"], order)


def move_up(cf: ChallengeFile, finding_id: str) -> bool:
    return move(cf, finding_id, -1)


def move_down(cf: ChallengeFile, finding_id: str) -> bool:
    return move(cf, finding_id, +1)


def move_to(
    cf: ChallengeFile,
    finding_id: str,
    *,
    heading_id: str | None,
    kind: str | None = None,
    index: int | None = None,
) -> bool:
    """Drop a finding into a section at a position (drag and drop): one transaction."""
    current = finding(cf, finding_id)
    kind = kind or current["kind"]
    with cf.transaction():
        changed = update_finding(cf, finding_id, heading_id=heading_id, kind=kind)
        order = [r["id"] for r in section(cf, heading_id, kind) if r["id"] != finding_id]
        position = len(order) if index is None else max(0, min(len(order), index))
        order.insert(position, finding_id)
        return reorder(cf, heading_id, kind, order) or changed


# ------------------------------------------------------------------ evidence
def _link(cf: ChallengeFile, finding_id: str, observation_ids: Sequence[str], relation: str) -> int:
    changed = 0
    for observation_id in observation_ids:
        row_id = link_id("finding_evidence", finding_id, observation_id)
        before = cf.get("finding_evidence", row_id)
        if before is not None and before["relation"] == relation:
            continue
        cf.link(
            "finding_evidence",
            {"finding_id": finding_id, "observation_id": observation_id, "relation": relation},
            (finding_id, observation_id),
        )
        changed += 1
    return changed


def add_evidence(
    cf: ChallengeFile,
    finding_id: str,
    observation_ids: Sequence[str],
    relation: str = "supports",
) -> int:
    """Link observations to a finding as supporting or contradicting it. An observation
    already linked switches to `relation`. Returns how many links were made or changed."""
    finding(cf, finding_id)
    check.choice("relation", relation, vocab.EVIDENCE_RELATIONS)
    wanted = _check_observations(cf, observation_ids, "observation_ids")
    with cf.transaction():
        return _link(cf, finding_id, wanted, relation)


def remove_evidence(cf: ChallengeFile, finding_id: str, observation_ids: Sequence[str]) -> int:
    """Unlink observations from a finding. Returns how many links were removed."""
    finding(cf, finding_id)
    removed = 0
    with cf.transaction():
        for observation_id in dict.fromkeys(observation_ids):
            if cf.delete(
                "finding_evidence", link_id("finding_evidence", finding_id, observation_id)
            ):
                removed += 1
    return removed


def set_relation(cf: ChallengeFile, finding_id: str, observation_id: str, relation: str) -> bool:
    """Turn a linked observation from supporting into contradicting (or back)."""
    check.choice("relation", relation, vocab.EVIDENCE_RELATIONS)
    row = cf.get("finding_evidence", link_id("finding_evidence", finding_id, observation_id))
    if row is None:
        raise ValidationError("observation_id", "is not evidence for this finding")
    return cf.update("finding_evidence", row["id"], {"relation": relation})


# ------------------------------------------------------- recommendation groups
def recommendation_groups(cf: ChallengeFile) -> list[Row]:
    return cf.rows("recommendation_group", order_by="ordinal, created_at, id")


def add_recommendation_group(cf: ChallengeFile, name: str) -> str:
    name = _group_name(cf, name)
    row = cf.conn.execute(
        "SELECT max(ordinal) FROM recommendation_group WHERE deleted = 0"
    ).fetchone()
    ordinal = 0.0 if row[0] is None else float(int(row[0]) + 1)
    return cf.insert("recommendation_group", {"name": name, "ordinal": ordinal})


def rename_recommendation_group(cf: ChallengeFile, group_id: str, name: str) -> bool:
    cf.get("recommendation_group", group_id, required=True)
    return cf.update("recommendation_group", group_id, {"name": _group_name(cf, name, group_id)})


def delete_recommendation_group(cf: ChallengeFile, group_id: str) -> list[str]:
    """Delete a group; its recommendations stay, outside any group. Returns their ids."""
    cf.get("recommendation_group", group_id, required=True)
    members = [r["id"] for r in cf.rows("finding", "group_id = ?", (group_id,))]
    with cf.transaction():
        for finding_id in members:
            cf.update("finding", finding_id, {"group_id": None})
        cf.delete("recommendation_group", group_id)
    return members


def move_recommendation_group(cf: ChallengeFile, group_id: str, steps: int) -> bool:
    order = [r["id"] for r in recommendation_groups(cf)]
    if group_id not in order:
        raise ValidationError("group_id", "unknown recommendation group")
    index = order.index(group_id)
    target = max(0, min(len(order) - 1, index + steps))
    if target == index:
        return False
    order.insert(target, order.pop(index))
    with cf.transaction():
        for position, row_id in enumerate(order):
            cf.update("recommendation_group", row_id, {"ordinal": float(position)})
    return True


def _group_name(cf: ChallengeFile, name: str, own_id: str | None = None) -> str:
    name = check.text("name", name, max_length=200)
    for row in recommendation_groups(cf):
        if row["id"] != own_id and row["name"].casefold() == name.casefold():
            raise ValidationError(
                "name", f"there is already a recommendation group called {name!r}"
            )
    return name


def proposed_kind(polarities: Sequence[str]) -> str | None:
    """The kind a new finding most likely is, from its evidence's polarities.

    All strengths (neutral notes aside) propose a strength, all areas an area for
    consideration; mixed or no signal proposes nothing, so the person is asked rather than
    handed a silent 'Strength' that turns an area into praise in the letter.
    """
    signal = {p for p in polarities if p in ("strength", "area")}
    return signal.pop() if len(signal) == 1 else None
