"""Identity of records: random UUIDs, and deterministic ones for links.

Rows are never identified by integer ids or names, so two laptops can create records
independently and merge them later without collisions.
"""

from __future__ import annotations

import uuid

_LINK_NAMESPACE = uuid.UUID("6f1b8f3e-62a4-4d55-9d47-1f0c2a7f5e10")


def new_id() -> str:
    return uuid.uuid4().hex


def link_id(table: str, *ends: str) -> str:
    """The same link made on two laptops gets the same id, so merging does not duplicate it."""
    return uuid.uuid5(_LINK_NAMESPACE, "|".join((table, *ends))).hex
