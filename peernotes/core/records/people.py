"""The people of a challenge: the peer team, the people met and their groups, documents read.

Operations validate their input, then write in one transaction; they raise ValidationError
naming the field.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from peernotes.core import validation as check
from peernotes.core import vocab
from peernotes.core.errors import ValidationError
from peernotes.core.store import ChallengeFile, Row


# ----------------------------------------------------------------------- team
def peer_values(peer: dict[str, Any], prefix: str = "peer") -> dict[str, Any]:
    return {
        "name": check.text(f"{prefix}.name", peer.get("name"), max_length=200),
        "role": check.choice(f"{prefix}.role", peer.get("role", "officer_peer"), vocab.PEER_ROLES),
        "job_title": check.text(f"{prefix}.job_title", peer.get("job_title"), required=False),
        "organisation": check.text(
            f"{prefix}.organisation", peer.get("organisation"), required=False
        ),
    }


def add_peer(
    cf: ChallengeFile,
    name: str,
    role: str = "officer_peer",
    job_title: str = "",
    organisation: str = "",
) -> str:
    values = peer_values(
        {"name": name, "role": role, "job_title": job_title, "organisation": organisation}
    )
    values["ordinal"] = cf.count("peer")
    return cf.insert("peer", values)


def team(cf: ChallengeFile) -> list[Row]:
    """The team in letter order: lead peer first, challenge manager last, otherwise as entered."""
    order = {"lead_peer": 0, "challenge_manager": 2}
    return sorted(
        cf.rows("peer", order_by="ordinal, created_at"), key=lambda r: order.get(r["role"], 1)
    )


def update_peer(cf: ChallengeFile, peer_id: str, **changes: Any) -> bool:
    current = cf.get("peer", peer_id, required=True)
    assert current is not None
    merged = peer_values({**current, **changes})
    return cf.update("peer", peer_id, {k: merged[k] for k in changes if k in merged})


def delete_peer(cf: ChallengeFile, peer_id: str) -> bool:
    """Remove someone from the team (and the meetings they attended); their notes are kept."""
    if peer_id == cf.peer_id:
        raise ValidationError(
            "peer", "this laptop records edits as this peer; they stay in the team"
        )
    with cf.transaction():
        for link in cf.rows("meeting_peer", "peer_id = ?", (peer_id,)):
            cf.delete("meeting_peer", link["id"])
        return cf.delete("peer", peer_id)


# --------------------------------------------------------------------- people
def normalise_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(folded.replace(".", " ").split())


def name_and_role(text: str) -> tuple[str, str]:
    """'Jo Reid (Carer lead)' -> ('Jo Reid', 'Carer lead'): how programmes and pasted lists
    give a person's role; text without brackets is all name."""
    match = re.match(r"^(.+?)\s*\(([^()]+)\)$", text.strip())
    return (match[1].strip(), match[2].strip()) if match else (text.strip(), "")


def people_named(cf: ChallengeFile, name: str) -> list[Row]:
    """Existing people whose name matches (ignoring case, accents, spacing): offer, don't duplicate."""
    wanted = normalise_name(name)
    return [p for p in cf.rows("person") if normalise_name(p["name"]) == wanted]


def add_stakeholder_group(cf: ChallengeFile, name: str, *, single_person: bool = False) -> str:
    name = check.text("name", name, max_length=200)
    if any(normalise_name(g["name"]) == normalise_name(name) for g in cf.rows("stakeholder_group")):
        raise ValidationError("name", f"there is already a stakeholder group called {name!r}")
    return cf.insert(
        "stakeholder_group",
        {
            "name": name,
            "single_person": int(single_person),
            "ordinal": cf.count("stakeholder_group"),
        },
    )


def add_person(
    cf: ChallengeFile,
    name: str,
    *,
    group_id: str | None = None,
    job_title: str = "",
    organisation: str = "",
    allow_duplicate: bool = False,
) -> str:
    name = check.text("name", name, max_length=200)
    if group_id is not None and cf.get("stakeholder_group", group_id) is None:
        raise ValidationError("group_id", "unknown stakeholder group")
    if not allow_duplicate and people_named(cf, name):
        raise ValidationError(
            "name",
            f"someone called {name!r} is already recorded: pick them, or confirm a new person",
        )
    return cf.insert(
        "person",
        {
            "name": name,
            "group_id": group_id,
            "job_title": check.text("job_title", job_title, required=False),
            "organisation": check.text("organisation", organisation, required=False),
        },
    )


def stakeholder_groups(cf: ChallengeFile) -> list[Row]:
    return cf.rows("stakeholder_group", order_by="ordinal, name")


def update_person(cf: ChallengeFile, person_id: str, **changes: Any) -> bool:
    cleaned: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            cleaned[key] = check.text("name", value, max_length=200)
        elif key in ("job_title", "organisation"):
            cleaned[key] = check.text(key, value, required=False)
        elif key == "group_id":
            if value is not None and cf.get("stakeholder_group", value) is None:
                raise ValidationError("group_id", "unknown stakeholder group")
            cleaned[key] = value
        else:
            raise ValidationError(key, "is not a person field")
    return cf.update("person", person_id, cleaned)


def delete_person(cf: ChallengeFile, person_id: str) -> bool:
    """Delete a person and their place in meetings (observations never name people)."""
    with cf.transaction():
        for link in cf.rows("meeting_person", "person_id = ?", (person_id,)):
            cf.delete("meeting_person", link["id"])
        return cf.delete("person", person_id)


# ------------------------------------------------------------------ documents
def add_document(
    cf: ChallengeFile, title: str, *, provided_by: str = "", doc_date: str | date | None = None
) -> str:
    return cf.insert(
        "document",
        {
            "title": check.text("title", title, max_length=1000),
            "provided_by": check.text("provided_by", provided_by, required=False),
            "doc_date": check.iso_date("doc_date", doc_date, required=False),
        },
    )


def update_document(cf: ChallengeFile, document_id: str, **changes: Any) -> bool:
    cleaned: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "title":
            cleaned[key] = check.text("title", value, max_length=1000)
        elif key == "provided_by":
            cleaned[key] = check.text(key, value, required=False)
        elif key == "doc_date":
            cleaned[key] = check.iso_date(key, value, required=False)
        else:
            raise ValidationError(key, "is not a document field")
    return cf.update("document", document_id, cleaned)


def delete_document(cf: ChallengeFile, document_id: str) -> list[str]:
    """Delete a document; observations that cite it keep their text but lose the source.
    Returns the ids of those observations."""
    affected = [r["id"] for r in cf.rows("observation", "document_id = ?", (document_id,))]
    with cf.transaction():
        for observation_id in affected:
            cf.update("observation", observation_id, {"document_id": None})
        cf.delete("document", document_id)
    return affected
