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
