"""Field-level merge: two edits of different fields of one record both survive.

`versions.choose` finds a record's heads (branch tips of its version tree, see
docs/merge.md). When two or more of them are live, this module works out the record's
content field by field, as a pure function of the versions (so every merge order gives the
same row):

  claim     for each head and field, the version that last set the field on the head's
            branch (walking `base_hlc` up while the value stays the same)
  void      a claim a person has reviewed: a resolution marker covering the field (a partial
            marker lists `_fields`; a full marker covers every field) hangs off the branch
            between the head and its claim
  candidate a valid claim that no other valid claim descends from (an edit made on top of
            another supersedes it, whatever the clocks say)

One candidate, or several with the same value: the field merges cleanly. Several with
different values: the field is in *conflict*; the winning head's value is current (the
newest live head, whose stamp the current row carries; the newest candidate's when the
winner holds no candidate), and every head holding another candidate value lists the field
as conflicting with it. So the winning head is never on the losing side of a field.

A version edited from a marker (a reopened conflict, core/conflict_undo.py) claims the fields
that marker covered afresh, so the reviewed branch competes again for exactly those fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]

RESOLUTION_KEY = "_resolution"  # in a marker version's data: how the conflict was resolved
FIELDS_KEY = "_fields"  # in a partial marker's data: the fields reviewed (else: all of them)


def is_marker(version: Row) -> bool:
    return bool(version.get(RESOLUTION_KEY))


def is_partial(version: Row) -> bool:
    """A marker that reviewed some fields only: its branch still competes for the others."""
    return is_marker(version) and version.get(FIELDS_KEY) is not None


def covers(marker: Row, name: str) -> bool:
    if not is_marker(marker):
        return False
    fields = marker.get(FIELDS_KEY)
    return fields is None or name in fields


@dataclass(frozen=True)
class FieldMerge:
    """A record's merged content and, per head (by hlc), the fields in conflict with it."""

    content: Row
    conflicts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class _Tree:
    """The version tree of one record: parents, children, and the markers hanging off it."""

    def __init__(self, versions: Iterable[Row]) -> None:
        self.by_hlc: dict[str, Row] = {v["hlc"]: v for v in versions}
        self.markers: dict[str, list[Row]] = {}  # base hlc -> markers made on it
        for version in self.by_hlc.values():
            if is_marker(version) and version.get("base_hlc"):
                self.markers.setdefault(version["base_hlc"], []).append(version)

    def parent(self, version: Row) -> Row | None:
        base = version.get("base_hlc")
        return self.by_hlc.get(base) if base else None

    def chain(self, head: Row) -> list[Row]:
        """The head and its ancestors, nearest first (stops at a missing or repeated one)."""
        out, seen = [head], {head["hlc"]}
        parent = self.parent(head)
        while parent is not None and parent["hlc"] not in seen:
            out.append(parent)
            seen.add(parent["hlc"])
            parent = self.parent(parent)
        return out

    def claim(self, chain: Sequence[Row], name: str) -> int | None:
        """Index in `chain` of the version that set `name` on this branch; None when a person
        has reviewed it (a marker covering it hangs off the chain between head and claim)."""
        index = 0
        while index + 1 < len(chain):
            version, parent = chain[index], chain[index + 1]
            if covers(parent, name) or parent.get(name) != version.get(name):
                break
            index += 1
        for step in chain[: index + 1]:
            if any(covers(m, name) for m in self.markers.get(step["hlc"], ())):
                return None
        return index


def merge_fields(
    versions: Iterable[Row], heads: Sequence[Row], winner: Row, names: Sequence[str]
) -> FieldMerge:
    """Merge the live `heads` (`winner` among them) field by field (see the module
    docstring). Pure."""
    tree = _Tree(versions)
    chains = {h["hlc"]: tree.chain(h) for h in heads}
    ancestry = {hlc: {v["hlc"]: i for i, v in enumerate(c)} for hlc, c in chains.items()}
    content: Row = {}
    conflicts: dict[str, list[str]] = {}
    for name in names:
        claims = _claims(tree, chains, heads, name)
        stamps = {stamp for stamp, _ in claims.values()}
        live = {
            stamp
            for stamp in stamps
            if not any(_below(ancestry, claims, stamp, other) for other in stamps - {stamp})
        }
        if not live:
            content[name] = winner.get(name)
            continue
        values = {stamp: value for stamp, value in claims.values() if stamp in live}
        mine = claims.get(winner["hlc"])
        chosen = mine[1] if mine is not None and mine[0] in live else values[max(live)]
        content[name] = chosen
        for head_hlc, (stamp, value) in claims.items():
            if stamp in live and value != chosen:
                conflicts.setdefault(head_hlc, []).append(name)
    return FieldMerge(content, {h: tuple(f) for h, f in conflicts.items()})


def _claims(
    tree: _Tree, chains: Mapping[str, Sequence[Row]], heads: Sequence[Row], name: str
) -> dict[str, tuple[str, Any]]:
    """Each head's valid claim on a field: head hlc -> (claim hlc, value)."""
    claims: dict[str, tuple[str, Any]] = {}
    for head in heads:
        index = tree.claim(chains[head["hlc"]], name)
        if index is not None:
            claims[head["hlc"]] = (chains[head["hlc"]][index]["hlc"], head.get(name))
    return claims


def unreviewed(versions: Iterable[Row], head: Row, current: Row, names: Sequence[str]) -> list[str]:
    """The fields `head`'s own branch set (claims that are not ancestors of `current`) that
    no marker has covered yet."""
    tree = _Tree(versions)
    chain = tree.chain(head)
    shared = {v["hlc"] for v in tree.chain(current)}
    out = []
    for name in names:
        index = tree.claim(chain, name)
        if index is not None and chain[index]["hlc"] not in shared:
            out.append(name)
    return out


def _below(
    ancestry: Mapping[str, Mapping[str, int]],
    claims: Mapping[str, tuple[str, Any]],
    stamp: str,
    other: str,
) -> bool:
    """Is the claim `stamp` a strict ancestor of the claim `other` (so superseded by it)?"""
    for head_hlc, (claim, _) in claims.items():
        if claim != other:
            continue
        positions = ancestry[head_hlc]
        if stamp in positions and positions[stamp] > positions[other]:
            return True
    return False
