"""Domain operations on a challenge file: each validates its input, then writes in one transaction.

The UI, the CLI, the JSON import and the demo generator all go through these, so every rule
(an observation has text and a mode, a meeting ends after it starts...) lives in one place.
Functions return ids (or a `Saved` with warnings) and raise ValidationError naming the field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from peernotes.core import validation as check
from peernotes.core import vocab
from peernotes.core.errors import ValidationError
from peernotes.core.frameworks import FrameworkTemplate, builtin, default_groups, prompts
from peernotes.core.search import fts_query  # the one query builder: lists filter as search finds
from peernotes.core.store import ChallengeFile, Row


@dataclass
class Saved:
    """An id plus anything the user should be told although the save went ahead."""

    id: str
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ challenge
def new_challenge(
    cf: ChallengeFile,
    *,
    council: str,
    programme_title: str,
    framework: str | FrameworkTemplate,
    onsite_start: str | date | None = None,
    onsite_end: str | date | None = None,
    scope: str = "",
    scope_questions: Sequence[str] = (),
    peers: Sequence[dict[str, Any]] = (),
    me: int | None = None,
    stakeholder_groups: Sequence[tuple[str, bool]] | None = None,
) -> str:
    """Fill an empty file with a challenge: its framework, groups, team and who is editing.
    The groups default to the framework's usual ones (a corporate challenge gets no carers)."""
    council = check.text("council", council)
    programme_title = check.text("programme_title", programme_title)
    start = check.iso_date("onsite_start", onsite_start, required=False)
    end = check.iso_date("onsite_end", onsite_end, required=False)
    if start and end and end < start:
        raise ValidationError("onsite_end", "the on-site days end before they start")
    template = builtin(framework) if isinstance(framework, str) else framework
    if stakeholder_groups is None:
        stakeholder_groups = default_groups(template)
    if cf.rows("challenge"):
        raise ValidationError("challenge", "this file already holds a challenge")
    for index, peer in enumerate(peers):
        _peer_values(peer, f"peers[{index}]")
    with cf.transaction():
        framework_id = install_framework(cf, template)
        challenge_id = cf.insert(
            "challenge",
            {
                "council": council,
                "programme_title": programme_title,
                "scope": check.text("scope", scope, required=False),
                "onsite_start": start,
                "onsite_end": end,
                "framework_id": framework_id,
            },
        )
        cf.conn.execute("INSERT INTO meta(key, value) VALUES ('challenge_id', ?)", (challenge_id,))
        for index, (name, single) in enumerate(stakeholder_groups):
            cf.insert(
                "stakeholder_group",
                {"name": name, "single_person": int(single), "ordinal": index},
            )
        for number, question in enumerate(scope_questions, start=1):
            add_heading(cf, question, kind="scope", number=f"Q{number}")
        peer_ids = [add_peer(cf, **peer) for peer in peers]
        if me is not None:
            cf.set_current_peer(peer_ids[me])
    return challenge_id


def install_framework(cf: ChallengeFile, template: FrameworkTemplate) -> str:
    """Copy a template's domains and standards into the file, in framework order."""
    with cf.transaction():
        framework_id = cf.insert(
            "framework",
            {
                "name": template.name,
                "kind": template.kind,
                "builtin_id": template.id,
                "domain_label": template.domain_label,
                "standard_label": template.standard_label,
                "score_scale": _json(list(template.score_scale)) if template.score_scale else None,
            },
        )
        install_headings(cf, framework_id, template)
    return framework_id


def install_headings(cf: ChallengeFile, framework_id: str, template: FrameworkTemplate) -> None:
    """A template's domains and standards as headings of a framework row, in order (also
    used by the JSON import, when a framework row names a built-in framework)."""
    with cf.transaction():
        for d_index, domain in enumerate(template.domains):
            domain_id = cf.insert(
                "heading",
                {
                    "framework_id": framework_id,
                    "parent_id": None,
                    "kind": "domain",
                    "number": str(d_index + 1),
                    "name": domain.name,
                    "ordinal": d_index,
                },
            )
            for s_index, standard in enumerate(domain.standards):
                cf.insert(
                    "heading",
                    {
                        "framework_id": framework_id,
                        "parent_id": domain_id,
                        "kind": "standard",
                        "number": str(standard.number),
                        "name": standard.name,
                        "ordinal": s_index,
                    },
                )


def update_challenge(cf: ChallengeFile, **changes: Any) -> bool:
    current = cf.challenge()
    cleaned: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("council", "programme_title"):
            cleaned[key] = check.text(key, value)
        elif key == "scope":
            cleaned[key] = check.text(key, value, required=False)
        elif key in ("onsite_start", "onsite_end"):
            cleaned[key] = check.iso_date(key, value, required=False)
        else:
            raise ValidationError(key, "is not a challenge field that can be edited")
    start = cleaned.get("onsite_start", current["onsite_start"])
    end = cleaned.get("onsite_end", current["onsite_end"])
    if start and end and end < start:
        raise ValidationError("onsite_end", "the on-site days end before they start")
    return cf.update("challenge", current["id"], cleaned)


# -------------------------------------------------------------------- headings
def headings(cf: ChallengeFile) -> list[Row]:
    """Live headings of the challenge's framework in framework order: each domain, then its
    standards; then the challenge's own headings and scoping questions. Each row gets `depth`
    and `prompt` (the built-in framework's question for a domain, shown when tagging)."""
    framework_id = cf.challenge()["framework_id"]
    rows = cf.rows("heading", "framework_id = ?", (framework_id,), order_by="ordinal, created_at")
    top = [r for r in rows if r["parent_id"] is None]
    kind_order = {"domain": 0, "custom": 1, "scope": 2}
    top.sort(key=lambda r: (kind_order.get(r["kind"], 1), r["ordinal"]))
    children: dict[str, list[Row]] = {}
    for row in rows:
        if row["parent_id"] is not None:
            children.setdefault(row["parent_id"], []).append(row)
    framework = cf.get("framework", framework_id) if top else None
    questions = prompts(framework["builtin_id"]) if framework else {}
    ordered: list[Row] = []
    for parent in top:
        prompt = questions.get(parent["name"], "") if parent["kind"] == "domain" else ""
        ordered.append(dict(parent, depth=0, prompt=prompt))
        for child in children.get(parent["id"], []):
            ordered.append(dict(child, depth=1, prompt=""))
    return ordered


def heading_label(row: Row) -> str:
    """How a heading is shown and picked: '4 Coproduced with people...' or 'Q1 ...'."""
    number = row.get("number") or ""
    return f"{number} {row['name']}".strip()


def add_heading(
    cf: ChallengeFile,
    name: str,
    *,
    parent_id: str | None = None,
    kind: str = "custom",
    number: str = "",
) -> str:
    """A heading of the challenge's own (custom) or a scoping question, after the built-in ones."""
    name = check.text("name", name, max_length=500)
    check.choice("kind", kind, ("domain", "standard", "custom", "scope"))
    framework_id = cf.challenge()["framework_id"]
    if parent_id is not None:
        parent = cf.get("heading", parent_id)
        if parent is None:
            raise ValidationError("parent_id", "unknown heading")
        kind = "standard"
    siblings = cf.rows(
        "heading",
        "framework_id = ? AND parent_id IS ?" + ("" if parent_id else " AND kind = ?"),
        (framework_id, parent_id) if parent_id else (framework_id, None, kind),
    )
    ordinal = max((r["ordinal"] for r in siblings), default=-1) + 1
    if kind == "scope" and not number:
        number = f"Q{len(siblings) + 1}"
    return cf.insert(
        "heading",
        {
            "framework_id": framework_id,
            "parent_id": parent_id,
            "kind": kind,
            "number": number,
            "name": name,
            "ordinal": ordinal,
        },
    )


def _check_headings(cf: ChallengeFile, heading_ids: Iterable[str], field_name: str) -> list[str]:
    ids = list(dict.fromkeys(heading_ids))
    if not ids:
        return ids
    framework_id = cf.challenge()["framework_id"]
    marks = ",".join("?" for _ in ids)
    known = {
        r["id"]
        for r in cf.query(
            f"SELECT id FROM heading WHERE deleted = 0 AND framework_id = ? AND id IN ({marks})",
            (framework_id, *ids),
        )
    }
    for index, heading_id in enumerate(ids):
        if heading_id not in known:
            raise ValidationError(
                f"{field_name}[{index}]", f"unknown framework heading {heading_id!r}"
            )
    return ids


# ----------------------------------------------------------------------- team
def _peer_values(peer: dict[str, Any], prefix: str = "peer") -> dict[str, Any]:
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
    values = _peer_values(
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


# ------------------------------------------------------------------- meetings
def _meeting_values(cf: ChallengeFile, values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key == "date":
            cleaned[key] = check.iso_date("date", value)
        elif key in ("start_time", "end_time"):
            cleaned[key] = check.clock_time(key, value)
        elif key == "title":
            cleaned[key] = check.text("title", value, max_length=500)
        elif key == "type":
            cleaned[key] = check.choice("type", value, vocab.MEETING_TYPES)
        elif key in ("location", "notes"):
            cleaned[key] = check.text(key, value, required=False)
        else:
            raise ValidationError(key, "is not a meeting field")
    return cleaned, []


def _meeting_warnings(cf: ChallengeFile, meeting: dict[str, Any]) -> list[str]:
    start, end = meeting.get("start_time"), meeting.get("end_time")
    if start and end and end <= start:
        raise ValidationError("end_time", f"the meeting ends ({end}) before it starts ({start})")
    warnings = []
    challenge = cf.challenge()
    first, last = challenge["onsite_start"], challenge["onsite_end"]
    day = meeting.get("date")
    if day and first and last and not (first <= day <= last):
        warnings.append(
            f"{day} is outside the on-site days ({first} to {last}); the meeting was saved anyway."
        )
    return warnings


def add_meeting(
    cf: ChallengeFile,
    *,
    date: str | date,
    title: str,
    type: str = "interview",
    start_time: str | None = None,
    end_time: str | None = None,
    location: str = "",
    notes: str = "",
    peer_ids: Sequence[str] = (),
    person_ids: Sequence[str] = (),
) -> Saved:
    values, _ = _meeting_values(
        cf,
        {
            "date": date,
            "title": title,
            "type": type,
            "start_time": start_time,
            "end_time": end_time,
            "location": location,
            "notes": notes,
        },
    )
    warnings = _meeting_warnings(cf, values)
    with cf.transaction():
        meeting_id = cf.insert("meeting", values)
        for peer_id in peer_ids:
            add_peer_to_meeting(cf, meeting_id, peer_id)
        for person_id in person_ids:
            add_person_to_meeting(cf, meeting_id, person_id)
    return Saved(meeting_id, warnings)


def update_meeting(cf: ChallengeFile, meeting_id: str, **changes: Any) -> Saved:
    current = cf.get("meeting", meeting_id, required=True)
    assert current is not None
    cleaned, _ = _meeting_values(cf, changes)
    warnings = _meeting_warnings(cf, {**current, **cleaned})
    cf.update("meeting", meeting_id, cleaned)
    return Saved(meeting_id, warnings)


def add_peer_to_meeting(cf: ChallengeFile, meeting_id: str, peer_id: str) -> str:
    cf.get("meeting", meeting_id, required=True)
    cf.get("peer", peer_id, required=True)
    return cf.link(
        "meeting_peer", {"meeting_id": meeting_id, "peer_id": peer_id}, (meeting_id, peer_id)
    )


def add_person_to_meeting(cf: ChallengeFile, meeting_id: str, person_id: str) -> str:
    cf.get("meeting", meeting_id, required=True)
    cf.get("person", person_id, required=True)
    return cf.link(
        "meeting_person",
        {"meeting_id": meeting_id, "person_id": person_id},
        (meeting_id, person_id),
    )


def remove_link(cf: ChallengeFile, table: str, left: str, right: str) -> bool:
    from peernotes.core.ids import link_id

    return cf.delete(table, link_id(table, left, right))


def meeting_people(cf: ChallengeFile, meeting_id: str) -> list[Row]:
    return cf.query(
        "SELECT p.* FROM person p JOIN meeting_person mp ON mp.person_id = p.id "
        "WHERE mp.meeting_id = ? AND mp.deleted = 0 AND p.deleted = 0 ORDER BY p.name",
        (meeting_id,),
    )


def meeting_peers(cf: ChallengeFile, meeting_id: str) -> list[Row]:
    return cf.query(
        "SELECT p.* FROM peer p JOIN meeting_peer mp ON mp.peer_id = p.id "
        "WHERE mp.meeting_id = ? AND mp.deleted = 0 AND p.deleted = 0 ORDER BY p.ordinal",
        (meeting_id,),
    )


def visit_days(cf: ChallengeFile) -> list[str]:
    """The on-site days, first to last (ISO dates; [] when the challenge has none set)."""
    challenge = cf.challenge()
    first, last = challenge["onsite_start"], challenge["onsite_end"]
    if not first or not last or last < first:
        return []
    start = date.fromisoformat(first).toordinal()
    return [
        date.fromordinal(n).isoformat()
        for n in range(start, date.fromisoformat(last).toordinal() + 1)
    ]


def meeting_now(cf: ChallengeFile, at: datetime | None = None) -> Row | None:
    """The meeting happening at `at` (default: now by this laptop's clock), else the next one
    today, else the latest one that has started. Used to default the capture pane."""
    at = at or datetime.now()
    day, clock = at.date().isoformat(), at.strftime("%H:%M")
    today = cf.rows("meeting", "date = ?", (day,), order_by="start_time, title")
    for meeting in today:
        if (meeting["start_time"] or "00:00") <= clock < (meeting["end_time"] or "23:59"):
            return meeting
    upcoming = [m for m in today if (m["start_time"] or "") > clock]
    if upcoming:
        return upcoming[0]
    if today:
        return today[-1]
    return None


def delete_meeting(
    cf: ChallengeFile, meeting_id: str, *, observations: str = "delete", move_to: str | None = None
) -> list[str]:
    """Delete a meeting and decide what happens to its observations: 'delete' them with it,
    or 'move' them to `move_to`. Returns the ids of the observations affected."""
    check.choice("observations", observations, ("delete", "move"))
    if observations == "move":
        if not move_to or cf.get("meeting", move_to) is None or move_to == meeting_id:
            raise ValidationError("move_to", "choose another meeting to move the observations to")
    affected = [r["id"] for r in cf.rows("observation", "meeting_id = ?", (meeting_id,))]
    with cf.transaction():
        for observation_id in affected:
            if observations == "move":
                cf.update("observation", observation_id, {"meeting_id": move_to})
            else:
                cf.delete("observation", observation_id)
        cf.delete("meeting", meeting_id)
    return affected


# --------------------------------------------------------------- observations
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
    ids = _check_headings(cf, heading_ids, "heading_ids")
    with cf.transaction():
        observation_id = cf.insert("observation", values)
        for heading_id in ids:
            cf.link(
                "observation_heading",
                {"observation_id": observation_id, "heading_id": heading_id},
                (observation_id, heading_id),
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


def set_observation_headings(
    cf: ChallengeFile, observation_id: str, heading_ids: Sequence[str]
) -> bool:
    cf.get("observation", observation_id, required=True)
    wanted = _check_headings(cf, heading_ids, "heading_ids")
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


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# ------------------------------------------------------ lists for the recording window
# Read helpers for the UI's table models: ids in the order asked, then the display rows of a
# page of ids, so a list of 50,000 observations never builds more rows than it shows.
OBSERVATION_ORDER: dict[str, str] = {
    "observed_at": "o.observed_at",
    "text": "o.text COLLATE NOCASE",
    "mode": "o.mode",
    "polarity": "o.polarity",
    "source": "coalesce(m.date || ' ' || coalesce(m.start_time, ''), d.title) COLLATE NOCASE",
    "recorded_by": "p.name COLLATE NOCASE",
    "is_quote": "o.is_quote",
}


@dataclass
class ObservationFilter:
    """What the observation lists are narrowed to; None/empty means 'any'."""

    text: str = ""
    meeting_id: str | None = None
    document_id: str | None = None
    recorded_by: str | None = None
    mode: str | None = None
    polarity: str | None = None
    heading_id: str | None = None


def observation_ids(
    cf: ChallengeFile,
    where: ObservationFilter | None = None,
    *,
    order_by: str = "observed_at",
    descending: bool = False,
) -> list[str]:
    """Ids of the live observations matching `where`, in the order asked (then by time)."""
    where = where or ObservationFilter()
    clauses, params = ["o.deleted = 0"], []
    for column in ("meeting_id", "document_id", "recorded_by", "mode", "polarity"):
        value = getattr(where, column)
        if value:
            clauses.append(f"o.{column} = ?")
            params.append(value)
    if where.heading_id:
        clauses.append(
            "o.id IN (SELECT oh.observation_id FROM observation_heading oh JOIN heading h "
            "ON h.id = oh.heading_id WHERE oh.deleted = 0 AND (h.id = ? OR h.parent_id = ?))"
        )
        params += [where.heading_id, where.heading_id]
    query = fts_query(where.text)
    if query:
        clauses.append(
            "o.rowid IN (SELECT rowid FROM observation_fts WHERE observation_fts MATCH ?)"
        )
        params.append(query)
    elif where.text.strip():
        return []
    order = OBSERVATION_ORDER.get(order_by, OBSERVATION_ORDER["observed_at"])
    direction = "DESC" if descending else "ASC"
    joins = ""
    if order_by == "source":
        joins = " LEFT JOIN meeting m ON m.id = o.meeting_id LEFT JOIN document d ON d.id = o.document_id"
    elif order_by == "recorded_by":
        joins = " LEFT JOIN peer p ON p.id = o.recorded_by"
    sql = (
        f"SELECT o.id FROM observation o{joins} WHERE {' AND '.join(clauses)} "
        f"ORDER BY {order} {direction}, o.observed_at {direction}, o.rowid {direction}"
    )
    # One string from SQLite rather than a row per id: the query then runs in one call that
    # lets other threads run (the UI, while a background thread filters 50,000 notes).
    joined = cf.conn.execute(f"SELECT group_concat(id, ' ') FROM ({sql})", params).fetchone()[0]
    return joined.split(" ") if joined else []


def observation_summaries(cf: ChallengeFile, ids: Sequence[str]) -> dict[str, Row]:
    """Display rows for some observations: the row plus `source` (meeting or document),
    `recorded_by_name` and `headings` (labels in framework order)."""
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = cf.query(
        "SELECT o.*, m.title AS meeting_title, m.date AS meeting_date, "
        "m.start_time AS meeting_start, m.type AS meeting_type, d.title AS document_title, "
        "p.name AS recorded_by_name FROM observation o LEFT JOIN meeting m ON m.id = o.meeting_id "
        "LEFT JOIN document d ON d.id = o.document_id LEFT JOIN peer p ON p.id = o.recorded_by "
        f"WHERE o.id IN ({marks})",
        list(ids),
    )
    labels: dict[str, list[str]] = {}
    for link in cf.query(
        "SELECT oh.observation_id, h.id AS heading_id, h.number, h.name FROM observation_heading oh "
        "JOIN heading h ON h.id = oh.heading_id "
        f"WHERE oh.deleted = 0 AND h.deleted = 0 AND oh.observation_id IN ({marks}) "
        "ORDER BY h.kind = 'scope', h.number, h.name",
        list(ids),
    ):
        labels.setdefault(link["observation_id"], []).append(heading_label(link))
    result = {}
    for row in rows:
        if row["meeting_id"]:
            start = f" {row['meeting_start']}" if row["meeting_start"] else ""
            row["source"] = f"{row['meeting_date']}{start} {row['meeting_title']}"
        elif row["document_id"]:
            row["source"] = row["document_title"] or ""
        else:
            row["source"] = ""
        row["headings"] = labels.get(row["id"], [])
        result[row["id"]] = row
    return result


def meeting_list(cf: ChallengeFile) -> list[Row]:
    """The programme in time order, each meeting with its counts and the peers present."""
    rows = cf.query(
        "SELECT m.*, "
        "(SELECT count(*) FROM observation o WHERE o.meeting_id = m.id AND o.deleted = 0) "
        "AS observation_count, "
        "(SELECT count(*) FROM meeting_person mp JOIN person p ON p.id = mp.person_id "
        " WHERE mp.meeting_id = m.id AND mp.deleted = 0 AND p.deleted = 0) AS people_count, "
        "(SELECT group_concat(name, ', ') FROM (SELECT p.name FROM meeting_peer mp "
        " JOIN peer p ON p.id = mp.peer_id WHERE mp.meeting_id = m.id AND mp.deleted = 0 "
        " AND p.deleted = 0 ORDER BY p.ordinal)) AS peer_names "
        "FROM meeting m WHERE m.deleted = 0 ORDER BY m.date, m.start_time, m.title"
    )
    for row in rows:
        row["peer_names"] = row["peer_names"] or ""
    return rows


def person_list(cf: ChallengeFile) -> list[Row]:
    """People met, each with their stakeholder group's name and how many meetings they were in."""
    rows = cf.query(
        "SELECT p.*, g.name AS group_name, "
        "(SELECT count(*) FROM meeting_person mp JOIN meeting m ON m.id = mp.meeting_id "
        " WHERE mp.person_id = p.id AND mp.deleted = 0 AND m.deleted = 0) AS meeting_count "
        "FROM person p LEFT JOIN stakeholder_group g ON g.id = p.group_id "
        "WHERE p.deleted = 0 ORDER BY p.name COLLATE NOCASE"
    )
    for row in rows:
        row["group_name"] = row["group_name"] or ""
    return rows


def document_list(cf: ChallengeFile) -> list[Row]:
    """Documents read, each with how many observations cite it."""
    return cf.query(
        "SELECT d.*, (SELECT count(*) FROM observation o WHERE o.document_id = d.id "
        "AND o.deleted = 0) AS observation_count FROM document d WHERE d.deleted = 0 "
        "ORDER BY d.title COLLATE NOCASE"
    )


def stakeholder_groups(cf: ChallengeFile) -> list[Row]:
    return cf.rows("stakeholder_group", order_by="ordinal, name")


# ------------------------------------------------ edits for the recording window's lists
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


def update_peer(cf: ChallengeFile, peer_id: str, **changes: Any) -> bool:
    current = cf.get("peer", peer_id, required=True)
    assert current is not None
    merged = _peer_values({**current, **changes})
    return cf.update("peer", peer_id, {k: merged[k] for k in changes if k in merged})


def delete_observation(cf: ChallengeFile, observation_id: str) -> bool:
    return cf.delete("observation", observation_id)


def set_meeting_members(
    cf: ChallengeFile,
    meeting_id: str,
    *,
    peer_ids: Sequence[str] | None = None,
    person_ids: Sequence[str] | None = None,
) -> None:
    """Make the meeting's peers present / people met exactly these (one transaction)."""
    with cf.transaction():
        if peer_ids is not None:
            current = {p["id"] for p in meeting_peers(cf, meeting_id)}
            for peer_id in peer_ids:
                if peer_id not in current:
                    add_peer_to_meeting(cf, meeting_id, peer_id)
            for peer_id in current - set(peer_ids):
                remove_link(cf, "meeting_peer", meeting_id, peer_id)
        if person_ids is not None:
            current = {p["id"] for p in meeting_people(cf, meeting_id)}
            for person_id in person_ids:
                if person_id not in current:
                    add_person_to_meeting(cf, meeting_id, person_id)
            for person_id in current - set(person_ids):
                remove_link(cf, "meeting_person", meeting_id, person_id)


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
