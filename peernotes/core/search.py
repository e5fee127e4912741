"""Full-text search over observations and findings: SQLite FTS5, ranked by bm25, with snippets.

Whatever a user types becomes a safe query: it is cut into words, each word is quoted as an
FTS5 string (so `AND`, `NEAR(`, `*`, `-`, quotes and brackets are just words), all words must
match, each as the start of a word, so results appear while typing. Nothing typed can
raise a syntax error or reach SQL as code. The indexes are kept in step with the rows by
triggers in the same transaction as every edit; tombstoned rows leave them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peernotes.core.store import ChallengeFile

MAX_WORDS = 32  # a pasted paragraph still searches (for its first words) and stays fast
MAX_WORD_LENGTH = 64
_WORD = re.compile(r"\w+", re.UNICODE)
# Markers around matched words in snippets: control characters no note contains.
HIT_START, HIT_END = "\x02", "\x03"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Hit:
    kind: str  # 'observation' | 'finding'
    id: str
    rank: float  # bm25: lower is better
    snippet: str  # plain text with HIT_START/HIT_END around the matched words

    @property
    def plain(self) -> str:
        return self.snippet.replace(HIT_START, "").replace(HIT_END, "")

    def html(self, start: str = "<b>", end: str = "</b>") -> str:
        """The snippet as HTML-escaped text with the matched words marked up."""
        import html  # only screens showing hits need it, not every list that filters

        return html.escape(self.snippet).replace(HIT_START, start).replace(HIT_END, end)


def words(text: str) -> list[str]:
    """The distinct words of a user's input (letters and digits in any script), in order,
    each cut to MAX_WORD_LENGTH characters, at most MAX_WORDS of them.

    Why distinct: a word twice finds the same notes as once but costs FTS5 a second pass
    over its postings; a pasted essay of common words ("the ... and ... that ...") would
    otherwise make 32 passes over most of the index (0.4 s rather than 0.15 s at 50,000)."""
    if not isinstance(text, str):
        return []
    found: dict[str, str] = {}  # casefolded -> as typed, first spelling wins
    for match in _WORD.finditer(text):
        word = match.group()[:MAX_WORD_LENGTH]
        if not word.strip("_"):
            continue
        found.setdefault(word.casefold(), word)
        if len(found) == MAX_WORDS:
            break
    return list(found.values())


def fts_query(text: str, *, prefix: bool = True) -> str | None:
    """A safe FTS5 MATCH expression for any input, or None when it holds no word at all.

    Every word must match; with `prefix`, each word of two or more letters also matches as
    the start of a word (results while typing), except a last word followed by a space. The one query builder of
    PeerNotes: the search box, the findings page and the observation lists' filter
    (read_models.observation_ids) all use it, so they agree on what a typed text finds."""
    if not isinstance(text, str):
        return None
    found = words(text)
    if not found:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in found]
    if prefix:
        # Every word is the start of a word ("resp car" finds "respite carers"), except a
        # finished last word (typed space) and one-letter words, whose expansion to every word
        # starting with that letter is slow on a large file and finds nearly everything anyway.
        last = len(quoted) - 1
        finished = text[-1:].isspace()
        quoted = [
            q + "*" if len(w) > 1 and not (finished and i == last) else q
            for i, (q, w) in enumerate(zip(quoted, found, strict=True))
        ]
    return " ".join(quoted)


def search_observations(cf: ChallengeFile, text: str, *, limit: int = 50) -> list[Hit]:
    query = fts_query(text)
    if query is None:
        return []
    rows = cf.conn.execute(
        "SELECT o.id, bm25(observation_fts) AS rank, "
        f"snippet(observation_fts, 0, '{HIT_START}', '{HIT_END}', '{ELLIPSIS}', 16) "
        "FROM observation_fts JOIN observation o ON o.rowid = observation_fts.rowid "
        "WHERE observation_fts MATCH ? AND o.deleted = 0 ORDER BY rank LIMIT ?",
        (query, int(limit)),
    ).fetchall()
    return [Hit("observation", r[0], r[1], r[2]) for r in rows]


def search_findings(cf: ChallengeFile, text: str, *, limit: int = 50) -> list[Hit]:
    """Findings ranked with the statement weighted above the narrative; the snippet comes
    from the statement unless only the narrative matched."""
    query = fts_query(text)
    if query is None:
        return []
    rows = cf.conn.execute(
        "SELECT f.id, bm25(finding_fts, 2.0, 1.0) AS rank, "
        f"snippet(finding_fts, 0, '{HIT_START}', '{HIT_END}', '{ELLIPSIS}', 16), "
        f"snippet(finding_fts, 1, '{HIT_START}', '{HIT_END}', '{ELLIPSIS}', 16) "
        "FROM finding_fts JOIN finding f ON f.rowid = finding_fts.rowid "
        "WHERE finding_fts MATCH ? AND f.deleted = 0 ORDER BY rank LIMIT ?",
        (query, int(limit)),
    ).fetchall()
    return [
        Hit("finding", r[0], r[1], r[2] if HIT_START in (r[2] or "") or not r[3] else r[3])
        for r in rows
    ]


def search(cf: ChallengeFile, text: str, *, limit: int = 50) -> list[Hit]:
    """Observations and findings together, best first (at most `limit` of each kind)."""
    hits = search_findings(cf, text, limit=limit) + search_observations(cf, text, limit=limit)
    return sorted(hits, key=lambda h: h.rank)


def matching_observation_ids(cf: ChallengeFile, text: str) -> list[str] | None:
    """Every live observation matching `text`, best first; None when `text` has no words
    (meaning: no search, show everything)."""
    query = fts_query(text)
    if query is None:
        return None
    return [
        r[0]
        for r in cf.conn.execute(
            "SELECT o.id FROM observation_fts JOIN observation o "
            "ON o.rowid = observation_fts.rowid "
            "WHERE observation_fts MATCH ? AND o.deleted = 0 ORDER BY rank",
            (query,),
        )
    ]


def matching_finding_ids(cf: ChallengeFile, text: str) -> set[str] | None:
    query = fts_query(text)
    if query is None:
        return None
    return {
        r[0]
        for r in cf.conn.execute(
            "SELECT f.id FROM finding_fts JOIN finding f ON f.rowid = finding_fts.rowid "
            "WHERE finding_fts MATCH ? AND f.deleted = 0",
            (query,),
        )
    }
