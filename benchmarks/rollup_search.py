"""Issue 4 figures: the roll-up and full-text search on the large file, each next to raw SQL.

    python -m benchmarks.rollup_search [--runs N] [--path FILE]

(a) rollup.rollup(cf) -- headings in framework order, every finding with its triangulation and
    evidence by mode, recommendation groups, the inbox count and its first 200 notes -- next to
    the equivalent raw SQL aggregates run in the same process on the same file (the same
    numbers computed by GROUP BY / count(DISTINCT) and fetched, without building Python
    objects). Targets: ratio <= 1.5x and <= 150 ms.
(b) search.search_observations for a rare and a common word, next to the raw FTS5 query
    (MATCH, ORDER BY rank, snippet(), LIMIT 50) on the same index. Target: ratio <= 1.5x.
(c) hostile pastes: 10,000 characters of the file's own most common words, and of words
    from its notes, in the search box (search.search) and the observation lists' filter
    (read_models.observation_ids): no baseline; each must answer well under a second (one such
    paste once took 118 s).
Also shown: triangulation.assess_all and coverage.coverage (no raw baseline; for scale).
Figures are medians over --runs runs after one warm-up run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.timing import median_ms
from peernotes.core import coverage, rollup, search, triangulation
from peernotes.core.records import read_models
from peernotes.core.store import ChallengeFile

RAW_ROLLUP = [
    # headings in order (challenge.headings orders them in Python: same query)
    "SELECT * FROM heading WHERE deleted = 0 AND framework_id = "
    "(SELECT framework_id FROM challenge WHERE deleted = 0) ORDER BY ordinal, created_at",
    # every finding with its triangulation counts and evidence by mode
    """
    WITH ev AS (
      SELECT fe.finding_id, fe.relation, o.mode, o.meeting_id, o.recorded_by,
        CASE WHEN o.mode = 'read' AND o.document_id IS NOT NULL THEN 'd' || o.document_id
             WHEN o.meeting_id IS NOT NULL THEN 'm' || o.meeting_id
             WHEN o.document_id IS NOT NULL THEN 'd' || o.document_id
             ELSE 'u' || coalesce(o.recorded_by, '') END AS src
      FROM finding_evidence fe JOIN observation o ON o.id = fe.observation_id
      JOIN finding f ON f.id = fe.finding_id
      WHERE fe.deleted = 0 AND o.deleted = 0 AND f.deleted = 0)
    SELECT f.id, f.statement, f.narrative, f.kind, f.heading_id, f.group_id, f.notable,
      f.key_message, f.ordinal,
      sum(ev.relation = 'supports'), sum(ev.relation = 'contradicts'),
      count(DISTINCT CASE WHEN ev.relation = 'supports' THEN ev.mode END),
      count(DISTINCT CASE WHEN ev.relation = 'supports' THEN ev.src END),
      count(DISTINCT CASE WHEN ev.relation = 'supports' THEN ev.recorded_by END),
      sum(ev.relation = 'supports' AND ev.mode = 'read'),
      sum(ev.relation = 'supports' AND ev.mode = 'heard'),
      sum(ev.relation = 'supports' AND ev.mode = 'seen'),
      (SELECT count(DISTINCT p.group_id) FROM ev e2
         JOIN meeting_person mp ON mp.meeting_id = e2.meeting_id AND mp.deleted = 0
         JOIN person p ON p.id = mp.person_id AND p.deleted = 0
         JOIN stakeholder_group g ON g.id = p.group_id AND g.deleted = 0
        WHERE e2.finding_id = f.id AND e2.relation = 'supports')
    FROM finding f LEFT JOIN ev ON ev.finding_id = f.id
    WHERE f.deleted = 0 GROUP BY f.id ORDER BY f.heading_id, f.kind, f.ordinal
    """,
    # tagged observations per heading: live links, less those of deleted observations
    # (the planner picks its indexes: schema v4's covering ones)
    "SELECT heading_id, count(*) FROM observation_heading WHERE deleted = 0 GROUP BY heading_id",
    "SELECT oh.heading_id, count(*) FROM observation o CROSS JOIN observation_heading oh "
    "ON oh.observation_id = o.id WHERE o.deleted = 1 AND oh.deleted = 0 GROUP BY oh.heading_id",
    "SELECT id, name FROM recommendation_group WHERE deleted = 0 ORDER BY ordinal",
    """
    SELECT count(*) FROM observation o WHERE o.deleted = 0
      AND NOT EXISTS (SELECT 1 FROM observation_heading oh WHERE oh.observation_id = o.id AND oh.deleted = 0
                      AND oh.heading_id NOT IN (SELECT id FROM heading WHERE deleted = 1))
      AND NOT EXISTS (SELECT 1 FROM finding_evidence fe JOIN finding f ON f.id = fe.finding_id
                      WHERE fe.observation_id = o.id AND fe.deleted = 0 AND f.deleted = 0)
    """,
    """
    SELECT o.id, o.text, o.mode, m.title, m.date, d.title, p.name FROM observation o
      LEFT JOIN meeting m ON m.id = o.meeting_id LEFT JOIN document d ON d.id = o.document_id
      LEFT JOIN peer p ON p.id = o.recorded_by
    WHERE o.deleted = 0
      AND NOT EXISTS (SELECT 1 FROM observation_heading oh WHERE oh.observation_id = o.id AND oh.deleted = 0)
      AND NOT EXISTS (SELECT 1 FROM finding_evidence fe WHERE fe.observation_id = o.id AND fe.deleted = 0)
    ORDER BY o.observed_at DESC LIMIT 200
    """,
    "SELECT count(*) FROM observation WHERE deleted = 0",
]

RAW_SEARCH = (
    "SELECT rowid, bm25(observation_fts), "
    "snippet(observation_fts, 0, char(2), char(3), '…', 16) "
    "FROM observation_fts WHERE observation_fts MATCH ? ORDER BY rank LIMIT 50"
)


def raw_rollup(cf: ChallengeFile) -> None:
    for sql in RAW_ROLLUP:
        cf.conn.execute(sql).fetchall()


def pick_terms(cf: ChallengeFile) -> tuple[str, int, str, int]:
    """The rarest word that is in a few notes (2+) and the most common word, from the index."""
    cf.conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.obs_vocab USING fts5vocab(main, observation_fts, 'row')"
    )
    rare = cf.conn.execute(
        "SELECT term, doc FROM temp.obs_vocab WHERE doc >= 2 AND length(term) > 4 "
        "AND term GLOB '[a-z]*' ORDER BY doc, term LIMIT 1"
    ).fetchone()
    common = cf.conn.execute(
        "SELECT term, doc FROM temp.obs_vocab WHERE length(term) > 3 ORDER BY doc DESC LIMIT 1"
    ).fetchone()
    return rare[0], rare[1], common[0], common[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--path", type=Path, help="a challenge file (default: the large workload)")
    args = parser.parse_args()
    if args.path is None:
        from benchmarks.workloads import workload

        args.path = workload("large")
    cf = ChallengeFile.open(args.path)
    try:
        observations = cf.count("observation")
        result = rollup.rollup(cf)
        print(
            f"file: {args.path.name}: {observations:,} observations, "
            f"{len(result.finding_entries())} findings, {len(result.headings)} headings, "
            f"inbox {result.inbox_total:,}"
        )
        ours = median_ms(lambda: rollup.rollup(cf), args.runs)
        raw = median_ms(lambda: raw_rollup(cf), args.runs)
        print(
            f"(a) roll-up: rollup.rollup {ours:.1f} ms | raw SQL aggregates {raw:.1f} ms | "
            f"ratio {ours / raw:.2f}x (target <= 1.5x and <= 150 ms)"
        )
        print(
            f"    for scale: triangulation.assess_all {median_ms(lambda: triangulation.assess_all(cf), args.runs):.1f} ms, "
            f"coverage.coverage {median_ms(lambda: coverage.coverage(cf), args.runs):.1f} ms"
        )

        rare, rare_docs, common, common_docs = pick_terms(cf)
        for label, term, docs in (("rare", rare, rare_docs), ("common", common, common_docs)):
            query = search.fts_query(term, prefix=False)
            ours = median_ms(
                lambda t=term: search.search_observations(cf, t + " ", limit=50), args.runs
            )
            raw = median_ms(lambda q=query: cf.conn.execute(RAW_SEARCH, (q,)).fetchall(), args.runs)
            print(
                f"(b) search {label} word {term!r} (in {docs:,} notes): search_observations "
                f"{ours:.2f} ms | raw FTS5 {raw:.2f} ms | ratio {ours / raw:.2f}x (target <= 1.5x)"
            )

        common_words = [
            r[0]
            for r in cf.conn.execute(
                "SELECT term FROM temp.obs_vocab ORDER BY doc DESC, term LIMIT 40"
            )
        ]
        note_words = " ".join(
            r[0] for r in cf.conn.execute("SELECT text FROM observation LIMIT 100")
        ).split()
        for label, words in (("common words", common_words), ("words of notes", note_words)):
            paste = (" ".join(words) + " ") * (10_000 // len(" ".join(words)) + 1)
            paste = paste[:10_000]
            box = median_ms(lambda p=paste: search.search(cf, p), max(3, args.runs // 5))
            lists = median_ms(
                lambda p=paste: read_models.observation_ids(
                    cf, read_models.ObservationFilter(text=p)
                ),
                max(3, args.runs // 5),
            )
            print(
                f"(c) 10,000-character paste of {label}: search.search {box:.1f} ms | "
                f"lists filter {lists:.1f} ms (target: well under 1 s)"
            )
    finally:
        cf.close()


if __name__ == "__main__":
    main()
