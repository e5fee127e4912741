"""The non-attribution guard: find names of people met, and labels that identify one person,
in the text bound for the letter -- before it is written.

Peer challenges run under the Chatham House rule: the file knows who said what, the letter
names no interviewee. `scan(cf, letter)` reads every block of the built letter and returns
one `NameHit` per thing found and place found, with the matched text, what it points at and
where it is (section, finding, field), so the user can fix it or allow it item by item.

What counts:
  * a person met, by full name ("Sam Okafor", "Sam J. Okafor", "S. Okafor", "Cllr Okafor"),
    and by surname alone when the surname is distinctive (not an everyday word, not shared
    with the team or the clients, not a word of the council's or framework's own names);
    a distinctive first name alone when it is written with a capital;
  * the name of a single-person stakeholder group ("the Chair of the Board");
  * a role that points at one person: the job title of someone met in a single-person group
    or whose title no one else has, and phrases such as "the Chief Executive" or
    "the Director of Adult Social Services".
Matching ignores case, accents and possessives ("OKAFOR's").

Expected names pass: the team, and anyone named in the clients, signatory or contact
details. Blocks meant to carry names (team list, acknowledgements, signature, contacts)
are not scanned. Everything else the user confirms with the allow-list.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from peernotes.core.letter import Source
from peernotes.core.letter_settings import LetterSettings
from peernotes.core.seen_text import see
from peernotes.core.store import ChallengeFile, Row

KIND_LABELS = {
    "name": "name of someone the team met",
    "surname": "surname of someone the team met",
    "first_name": "first name of someone the team met",
    "group": "a group of one person",
    "role": "a role held by one person",
}

HONORIFICS = (
    "cllr",
    "councillor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "revd",
    "lord",
    "lady",
    "baroness",
    "baron",
)
_SUFFIXES = {"obe", "mbe", "cbe", "jr", "jnr", "snr", "sr", "qc", "kc", "phd"}
_PARTICLES = {
    "de",
    "da",
    "di",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "le",
    "la",
    "du",
    "ten",
    "ter",
    "st",
    "bin",
    "ibn",
    "al",
    "el",
    "mac",
}

# Everyday words that are also first names or surnames: alone, they are not evidence of a
# name (matched only as part of a full name or after a title).
COMMON_WORDS = frozenset(
    """
    able adult adults amber angel april archer art august autumn baker banks bay bell berry
    best better bill bird bishop black board bond booth born bright brook brooks brown buck
    burns bush butler cain care carer carers carter case chance chancellor chase child church
    clay clear cliff close coates cole collier constable cook cooper cotton council court cross
    crown dale dawn day dean dear drew duke early east english faith fair field fields fine
    fisher fleming ford forest fox frank free frost fuller gale gardener gay glass glen gold good
    grace grant gray green grey guy hale hall hardy harmony hart hay head health heath hill hills
    holly home hope house howard hunt hunter iris ivy jack jade jay joy judge june just keen key
    king knight lake lamb lane law lead leader little long lord love major mann march mark
    marsh mason may mayor member mercy mill miller mills moor moore moss nash new noble north
    oak officer page park parker parks partner patience peace pearl penny person pool porter
    power price prince pride read reader reed rich rivers robin rock rose ross ruby sage salt
    sandy service services shepherd short sharp singer skinner smart snow social south spring
    staff steel stone storm strong summer sunny swift taylor trust turner unity victor violet
    wade walker wall walls ward ware waters way well wells west white will winter wise wood
    woods worth wren young
    """.split()
)

_WORD = re.compile(r"\w+")
# The guard builds a few patterns per person met: over re's own cache of 512 with ~150 people,
# so every scan recompiled them all (most of an export's time). Compiled once per pattern.
_compiled = functools.lru_cache(maxsize=8192)(re.compile)
_BOUNDARY_L = r"(?<![\w'])"
_BOUNDARY_R = r"(?![\w])"
_POSSESSIVE = r"(?:'s|s')?"


class Scannable(Protocol):
    """What the guard reads: the letter, or the feedback deck (peernotes.core.deck) -- every
    text bound for the document with where it came from, and the settings naming who may
    be named (team, clients, signatory, contacts, the allow-list)."""

    @property
    def settings(self) -> LetterSettings: ...

    def texts(self) -> list[tuple[str, Source | None]]: ...


@dataclass(frozen=True)
class NameHit:
    """One name (or identifying label) found in one place of the letter."""

    matched: str
    kind: str  # 'name' | 'surname' | 'first_name' | 'group' | 'role'
    who: str  # the person or group it points at (internal: shown only in the app)
    source: Source | None
    context: str
    count: int = 1

    @property
    def key(self) -> str:
        """What the allow-list stores for this item: the matched text, folded."""
        return allow_key(self.matched)

    @property
    def where(self) -> str:
        return self.source.where() if self.source else "Letter"

    def describe(self) -> str:
        times = f" ({self.count} times)" if self.count > 1 else ""
        return f"“{self.matched}” – {KIND_LABELS.get(self.kind, self.kind)} ({self.who}) – in {self.where}{times}"


@dataclass
class _Target:
    who: str
    kind_of: str  # 'person' | 'group' | 'role'
    pattern: re.Pattern[str]
    kinds: tuple[str, ...]  # the kind of each alternative group, in order
    case_sensitive_groups: frozenset[int] = field(default_factory=frozenset)
    needs: frozenset[str] = field(default_factory=frozenset)  # words a text must contain


# ------------------------------------------------------------------- folding
_FOLD_CACHE: dict[str, str] = {}


def _fold_char(char: str) -> str:
    folded = _FOLD_CACHE.get(char)
    if folded is None:
        base = unicodedata.normalize("NFKD", char)[:1] or char
        lower = base.lower()
        folded = lower if len(lower) == 1 else base
        if folded in "\u2019\u2018\u02bc`":
            folded = "'"
        _FOLD_CACHE[char] = folded
    return folded


def fold(text: str) -> str:
    """Lower case, accents off, curly apostrophes straight -- and the same length as `text`,
    so a match in the folded text is the same span in the original."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def allow_key(text: str) -> str:
    folded = " ".join(_WORD.findall(fold(see(text).text).replace("'s ", " ")))
    return re.sub(r"( s|')$", "", folded).strip()


def name_tokens(name: str) -> list[str]:
    """'Cllr Sam J. Okafor OBE' -> ['sam', 'j', 'okafor'] (folded, titles dropped)."""
    tokens = [t.strip(".,;:()") for t in fold(name).split()]
    tokens = [t for t in tokens if t]
    while tokens and tokens[0].rstrip(".") in HONORIFICS:
        tokens.pop(0)
    while tokens and tokens[-1].rstrip(".") in _SUFFIXES:
        tokens.pop()
    return tokens


def _surname(tokens: list[str]) -> list[str]:
    if len(tokens) < 2:
        return tokens
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1] in _PARTICLES:
        start -= 1
    return tokens[start:]


def _phrase(tokens: Iterable[str]) -> str:
    return r"[\s\u00a0]+".join(re.escape(t) for t in tokens)


# ------------------------------------------------------------------- targets
class _Guard:
    def __init__(self, cf: ChallengeFile, settings: LetterSettings):
        self.cf = cf
        self.settings = settings
        team = cf.rows("peer")
        self.expected_text = fold(
            "\n".join(
                [
                    *(p["name"] for p in team),
                    str(settings.clients or ""),
                    str(settings.signatory_name or ""),
                    str(settings.contacts or ""),
                ]
            )
        )
        self.expected_tokens = set(_WORD.findall(self.expected_text))
        challenge = cf.challenge()
        vocabulary = [challenge["council"], challenge["programme_title"]]
        vocabulary += [r["name"] for r in cf.rows("heading")]
        vocabulary += [r["name"] for r in cf.rows("stakeholder_group")]
        vocabulary += [r["name"] for r in cf.rows("recommendation_group")]
        self.vocabulary = set(_WORD.findall(fold(" ".join(vocabulary))))
        self.targets: list[_Target] = []
        self.index: dict[str, list[_Target]] = {}
        self.always: list[_Target] = []
        self._people()
        self._groups_and_roles()

    def _expected(self, tokens: list[str]) -> bool:
        return (
            bool(tokens)
            and _compiled(_BOUNDARY_L + _phrase(tokens) + _BOUNDARY_R).search(self.expected_text)
            is not None
        )

    def _distinctive(self, token: str) -> bool:
        """A name part that on its own points to one person. Not if an expected name has it:
        a client called O'Connell makes "O'Connell" alone ambiguous (the apostrophe means the
        word-split expected tokens never hold "o'connell" itself, hence the phrase search)."""
        return (
            len(token) >= 2
            and not token.isdigit()
            and token not in COMMON_WORDS
            and token not in self.expected_tokens
            and token not in self.vocabulary
            and not self._expected([token])
        )

    def _people(self) -> None:
        groups = {g["id"]: g for g in self.cf.rows("stakeholder_group")}
        people = self.cf.rows("person")
        titles: dict[str, int] = {}
        for person in people:
            key = " ".join(fold(person["job_title"] or "").split())
            if key:
                titles[key] = titles.get(key, 0) + 1
        for person in people:
            tokens = name_tokens(person["name"])
            if not tokens or self._expected(tokens):
                continue
            self._add_name(person["name"], tokens)
            group = groups.get(person["group_id"] or "")
            self._add_role(person, single=bool(group and group["single_person"]), titles=titles)

    def _add_name(self, name: str, tokens: list[str]) -> None:
        """The ways a person's name is written: first name and surname, initial, honorific
        and surname, and the surname or first name alone when distinctive enough."""
        surname = _surname(tokens)
        given = tokens[: len(tokens) - len(surname)]
        alternatives: list[tuple[str, str]] = []
        surname_re = _phrase(surname).replace(r"\-", r"[\-\s]?")
        if given:
            first = re.escape(given[0])
            alternatives.append(("name", rf"{first}(?:[\s\u00a0]+\w+\.?)?[\s\u00a0]+{surname_re}"))
            alternatives.append(
                ("name", rf"{re.escape(given[0][0])}(?:\.[\s\u00a0]*|[\s\u00a0]+){surname_re}")
            )
        honorific = "|".join(HONORIFICS)
        alternatives.append(("name", rf"(?:{honorific})\.?[\s\u00a0]+{surname_re}"))
        case_sensitive: set[int] = set()
        if all(self._distinctive(t) for t in surname):
            if len("".join(surname)) <= 3:
                case_sensitive.add(len(alternatives))
            alternatives.append(("surname", surname_re))
        if given and len(given[0]) >= 3 and self._distinctive(given[0]):
            case_sensitive.add(len(alternatives))
            alternatives.append(("first_name", re.escape(given[0])))
        pattern = _compiled(
            _BOUNDARY_L
            + "(?:"
            + "|".join(f"({body})" for _, body in alternatives)
            + ")"
            + _POSSESSIVE
            + _BOUNDARY_R
        )
        kinds = tuple(kind for kind, _ in alternatives)
        target = _Target(name, "person", pattern, kinds, frozenset(case_sensitive))
        self.targets.append(target)
        for token in {*surname, *given[:1]}:
            for part in re.split(r"[-']", token):
                if part:
                    self.index.setdefault(part, []).append(target)

    def _add_role(self, person: Row, *, single: bool, titles: dict[str, int]) -> None:
        """A job title that points at this one person (their group has one member, or the
        title is singular and held by nobody else met)."""
        title_key = " ".join(fold(person["job_title"] or "").split())
        if not title_key or len(title_key.split()) < 2 or self._expected(title_key.split()):
            return
        if not (single or (titles.get(title_key) == 1 and _SINGULAR_ROLE.match(title_key))):
            return
        pattern = re.compile(
            _BOUNDARY_L
            + r"((?:the[\s\u00a0]+)?"
            + _phrase(title_key.split())
            + ")"
            + _POSSESSIVE
            + _BOUNDARY_R
        )
        self.always.append(
            _Target(
                f"{person['job_title']} – {person['name']}",
                "role",
                pattern,
                ("role",),
                needs=frozenset(_WORD.findall(title_key)),
            )
        )

    def _groups_and_roles(self) -> None:
        for group in self.cf.rows("stakeholder_group", "single_person = 1"):
            tokens = _WORD.findall(fold(group["name"]))
            if tokens and tokens[0] == "the":
                tokens = tokens[1:]
            if not tokens:
                continue
            self.always.append(
                _Target(
                    f"stakeholder group “{group['name']}”",
                    "group",
                    re.compile(
                        _BOUNDARY_L
                        + r"((?:the[\s\u00a0]+)?"
                        + _phrase(tokens)
                        + ")"
                        + _POSSESSIVE
                        + _BOUNDARY_R
                    ),
                    ("group",),
                    needs=frozenset(tokens),
                )
            )

    # ----------------------------------------------------------------- scanning
    def scan_text(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, kind, who) for everything found in one text, overlaps resolved.

        The text is read as a person sees it (peernotes.core.seen_text: invisible characters
        dropped, look-alike letters folded, spaced letters joined, addresses opened); each
        span is then mapped back to the original text, where Go to lands."""
        seen = see(text)
        return [
            (*seen.span(start, end), kind, who)
            for start, end, kind, who in self._scan_seen(seen.text)
        ]

    def _scan_seen(self, text: str) -> list[tuple[int, int, str, str]]:
        folded = fold(text)
        found: list[tuple[int, int, str, str]] = []
        tokens = set(_WORD.findall(folded))
        candidates: dict[int, _Target] = {}
        for token in tokens:
            for target in self.index.get(token, ()):
                candidates[id(target)] = target
        always = [t for t in self.always if t.needs <= tokens]  # skip what cannot match
        for target in [*candidates.values(), *always]:
            for match in target.pattern.finditer(folded):
                group_index = next(i for i, g in enumerate(match.groups()) if g is not None)
                start, end = match.span(group_index + 1)
                if (
                    group_index in target.case_sensitive_groups
                    and not text[start : start + 1].isupper()
                    and not _SPEAKS.match(folded, match.end())
                ):
                    continue  # "a rose garden" -- but "priya said" is still a name
                found.append((start, match.end(), target.kinds[group_index], target.who))
        for regex in (_GENERIC_ROLE, _BARE_ROLE):
            for match in regex.finditer(text):
                phrase = match.group(0)
                core = re.sub(r"^(?:the|his|her|their|our|its)\s+", "", fold(phrase))
                if core and self._expected(core.split()):
                    continue  # a role named in the contacts ("ADASS" is not "DASS")
                found.append((match.start(), match.end(), "role", phrase.strip()))
        return _resolve(found)


_SINGULAR_ROLE = re.compile(
    r"^(?:interim |acting |independent |deputy |vice[- ]|assistant |executive )?"
    r"(?:chair|chief|director|leader|mayor|head of|portfolio holder|cabinet member|lead member|"
    r"principal|monitoring officer|president|commissioner|dass|dcs)\b"
)

# Roles that point at one person wherever they occur. The role word is matched in any case;
# what it is "of" must be written as a name (capitalised) or be a single body ("the board").
_BODY = r"(?:[A-Z][\w&'’\-]*(?:\s+(?:and\s+|&\s+|of\s+|for\s+|the\s+|in\s+)*[A-Z][\w&'’\-]*)*|(?:the\s+)?(?:board|council|partnership|trust|committee|panel|forum))"
_GENERIC_ROLE = re.compile(
    r"(?<![\w'])(?:(?i:the)\s+)?(?:"
    r"(?:(?i:independent|interim|acting|deputy|vice)[\s\-]+)?(?i:chair(?:man|woman|person)?)\s+(?:of|for)\s+(?:the\s+)?"
    + _BODY
    + r"|"
    r"(?:(?i:interim|acting|deputy)\s+)?(?i:chief\s+executive)|"
    r"(?i:leader\s+of\s+the\s+council)|(?:(?i:deputy)\s+)?(?i:leader)(?=\s+and\s+(?i:chief))|"
    r"(?i:the\s+mayor)|"
    r"(?i:portfolio\s+holder|cabinet\s+member|lead\s+member)\s+for\s+" + _BODY + r"|"
    r"(?:(?i:interim|acting|deputy|assistant|executive)\s+)?(?i:director)\s+(?:of|for)\s+(?!Services?\b)"
    + _BODY
    + r"|"
    r"(?:(?i:interim|acting)\s+)?(?i:head)\s+of\s+(?!Services?\b)" + _BODY + r"|"
    r"(?i:principal\s+social\s+worker)|(?i:monitoring\s+officer)|"
    r"(?i:director\s+of\s+public\s+health)|\bDASS\b|\bDCS\b|\bDPH\b"
    r")(?:'s|’s)?(?![\w])"
)


# A lower-case name followed by one of these is someone speaking ("priya said").
_SPEAKS = re.compile(
    r"(?:'s|s')?\s+(?:\w+\s+)?(?:said|says|told|tells|explained|mentioned|noted|felt|feels|"
    r"thinks|thought|reported|described|commented|added|agreed|argued|stated|suggested|asked|"
    r"claimed|complained|raised|shared)\b"
)

# A single-person role without "of/for": "the new Portfolio holder", "his Deputy".
_BARE_ROLE = re.compile(
    r"(?<![\w'])(?i:the|his|her|their|our|its)\s+(?:"
    r"(?:(?i:new|interim|acting|former|current|outgoing|incoming|previous)\s+)*"
    r"(?i:portfolio\s+holder|deputy(?:\s+leader)?|chair(?:man|woman|person)?|head|lead\s+member)"
    r"|(?:(?i:new|interim|acting|former|outgoing|incoming|previous)\s+)+"
    r"(?i:leader|cabinet\s+member|director|chief\s+executive)"
    r")(?:'s|’s)?(?![\w])(?!\s+(?i:of|for)\b)"
)


def _resolve(found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Keep the longest match where matches overlap; one entry per span, naming everyone it
    could point at ("Sam Okafor or Kim Okafor")."""
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, str]] = []
    for start, end, kind, who in found:
        if kept and start < kept[-1][1]:
            last = kept[-1]
            if (start, end) == (last[0], last[1]) and who not in last[3].split(" or "):
                kept[-1] = (last[0], last[1], last[2], f"{last[3]} or {who}")
            continue
        kept.append((start, end, kind, who))
    return kept


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    """The match with a few words either side, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    snippet = ("…" if start > width else "") + left + text[start:end] + right
    snippet += "…" if end + width < len(text) else ""
    return " ".join(snippet.split())


def scan(cf: ChallengeFile, letter: Scannable, allowed: Iterable[str] = ()) -> list[NameHit]:
    """Everything in the letter (or deck) that names or identifies someone the team met, in letter
    order, minus what the user has allowed (the settings' allow-list plus `allowed`)."""
    guard = _Guard(cf, letter.settings)
    allowed_keys = {allow_key(a) for a in [*letter.settings.allowed_names, *allowed] if a}
    hits: dict[tuple[str, str, str], NameHit] = {}
    for text, source in letter.texts():
        if source is not None and source.names_expected:
            continue
        for start, end, kind, who in guard.scan_text(text):
            matched = text[start:end]
            key = allow_key(matched)
            if key in allowed_keys or allow_key(who) in allowed_keys:
                continue
            where = source.where() if source else ""
            existing = hits.get((key, who, where))
            if existing is not None:
                hits[(key, who, where)] = NameHit(
                    existing.matched,
                    existing.kind,
                    existing.who,
                    existing.source,
                    existing.context,
                    existing.count + 1,
                )
                continue
            hits[(key, who, where)] = NameHit(
                matched, kind, who, source, _context(text, start, end)
            )
    return list(hits.values())


def report(hits: list[NameHit]) -> str:
    """The hits as plain lines, for the command line."""
    return "\n".join(f"  - {hit.describe()}" for hit in hits)
