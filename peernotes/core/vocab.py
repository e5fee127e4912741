"""The fixed vocabularies of a peer challenge, as stored values and the words users see."""

from __future__ import annotations

PEER_ROLES: dict[str, str] = {
    "lead_peer": "Lead peer",
    "officer_peer": "Officer peer",
    "member_peer": "Member peer",
    "health_peer": "Health peer",
    "expert_by_experience": "Expert by experience",
    "challenge_manager": "Challenge manager",
    "other": "Other",
}

MEETING_TYPES: dict[str, str] = {
    "interview": "Interview",
    "focus_group": "Focus group",
    "site_visit": "Site visit",
    "phone_call": "Phone call",
    "workshop": "Workshop",
    "document_review": "Document review",
    "other": "Other",
}

MODES: dict[str, str] = {"read": "Read", "heard": "Heard", "seen": "Seen"}

POLARITIES: dict[str, str] = {
    "strength": "Strength",
    "area": "Area for consideration",
    "neutral": "Neutral",
}

FINDING_KINDS: dict[str, str] = {
    "strength": "Strength",
    "area": "Area for consideration",
    "recommendation": "Recommendation",
}

EVIDENCE_RELATIONS: dict[str, str] = {"supports": "Supports", "contradicts": "Contradicts"}

# (name, single_person): the editable starting list of stakeholder groups for a new challenge.
DEFAULT_STAKEHOLDER_GROUPS: list[tuple[str, bool]] = [
    ("Councillor", False),
    ("Senior leader", False),
    ("Manager", False),
    ("Frontline staff", False),
    ("Partner", False),
    ("Provider", False),
    ("Voluntary sector", False),
    ("Person who uses services", False),
    ("Carer", False),
    ("Other", False),
]


# What a stakeholder group is called in the plural, in a letter or a headcount chip.
_GROUP_PLURALS = {
    "councillor": "councillors",
    "senior leader": "senior leaders",
    "manager": "managers",
    "frontline staff": "frontline staff",
    "partner": "partners",
    "provider": "providers",
    "voluntary sector": "voluntary sector organisations",
    "person who uses services": "people who use services",
    "carer": "carers",
}


def group_plural(name: str) -> str:
    """'Carer' -> 'carers', 'Person who uses services' -> 'people who use services'."""
    key = name.strip().casefold()
    if key in _GROUP_PLURALS:
        return _GROUP_PLURALS[key]
    words = name.strip()
    if len(words) > 1 and words[1].islower():
        words = words[0].lower() + words[1:]
    last = words.split()[-1].lower() if words.split() else ""
    if last.endswith(("s", "staff", "people", "sector", "team", "board")):
        return words
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return words[:-1] + "ies"
    if last.endswith(("ch", "sh", "x")):
        return words + "es"
    return words + "s"
