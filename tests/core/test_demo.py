"""The demo challenge: the stated sizes, realistic structure, determinism, and scaling."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from peernotes.core import demo, interchange, vocab
from peernotes.core.demo import write_demo
from peernotes.core.errors import FileRefused, ValidationError
from peernotes.core.records import challenge as challenge_records
from peernotes.core.records import people as people_records
from peernotes.core.records import programme
from peernotes.core.store import ChallengeFile


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo, written once for the module (in a private data folder)."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PEERNOTES_DATA_DIR", str(folder / "data"))
        return write_demo(folder / "demo.peernotes")


@pytest.fixture
def cf(demo_file: Path):
    handle = ChallengeFile.open(demo_file, readonly=True)
    yield handle
    handle.close()


def test_default_demo_has_the_stated_counts(cf: ChallengeFile) -> None:
    """The demo shows a realistic challenge: ~40 meetings, ~90 people, ~30 documents, ~300
    observations, a team of 7 (if not, the app's first impression is a toy)."""
    assert cf.count("peer") == 7
    assert cf.count("meeting") == 40
    assert cf.count("person") == 90
    assert cf.count("document") == 30
    assert cf.count("observation") == 300
    challenge = cf.challenge()
    assert challenge["council"] == "Northmoor Borough Council"
    assert challenge["programme_title"] == "Adult Social Care Peer Challenge"
    assert (challenge["onsite_start"], challenge["onsite_end"]) == ("2026-11-10", "2026-11-13")
    framework = cf.get("framework", challenge["framework_id"])
    assert framework is not None and framework["builtin_id"] == "cfbo-previous"
    scope = [h for h in challenge_records.headings(cf) if h["kind"] == "scope"]
    assert len(scope) == 2


def test_team_has_every_role_a_real_team_has(cf: ChallengeFile) -> None:
    """The letter's team list needs a lead peer first and a challenge manager last."""
    roles = Counter(p["role"] for p in cf.rows("peer"))
    for role in (
        "lead_peer",
        "member_peer",
        "health_peer",
        "expert_by_experience",
        "challenge_manager",
    ):
        assert roles[role] == 1, role
    assert roles["officer_peer"] >= 1
    team = people_records.team(cf)
    assert team[0]["role"] == "lead_peer" and team[-1]["role"] == "challenge_manager"
    assert all(p["job_title"] and p["organisation"] for p in team)
    assert cf.peer_id == team[-1]["id"]  # the demo opens as the challenge manager


def test_programme_runs_over_four_days_with_parallel_meetings(cf: ChallengeFile) -> None:
    """Pairs of peers split up, so several meetings run at once; all within the on-site days."""
    meetings = cf.rows("meeting")
    assert {m["date"] for m in meetings} == {"2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"}
    starts = Counter((m["date"], m["start_time"]) for m in meetings)
    assert max(starts.values()) >= 2
    assert all(m["start_time"] < m["end_time"] for m in meetings)
    assert {m["type"] for m in meetings} >= {"interview", "focus_group", "site_visit", "phone_call"}
    for meeting in meetings:
        assert programme.meeting_peers(cf, meeting["id"]), meeting["title"]
        assert programme.meeting_people(cf, meeting["id"]), meeting["title"]
    # peers in meetings at the same time are never double-booked
    for (day, start), count in starts.items():
        if count < 2:
            continue
        same = [m for m in meetings if (m["date"], m["start_time"]) == (day, start)]
        present = [p["id"] for m in same for p in programme.meeting_peers(cf, m["id"])]
        assert len(present) == len(set(present))


def test_people_come_from_every_stakeholder_group_and_are_all_met(cf: ChallengeFile) -> None:
    """Triangulation by stakeholder group needs every group represented (and met)."""
    groups = {g["id"]: g["name"] for g in cf.rows("stakeholder_group")}
    people = cf.rows("person")
    assert {groups[p["group_id"]] for p in people} == set(groups.values())
    met = {r["person_id"] for r in cf.rows("meeting_person")}
    assert met == {p["id"] for p in people}


def test_no_two_people_share_a_name(cf: ChallengeFile) -> None:
    """Two people with one name would look like a duplicate the app should have merged."""
    names = [people_records.normalise_name(p["name"]) for p in cf.rows("person")]
    names += [people_records.normalise_name(p["name"]) for p in cf.rows("peer")]
    assert len(names) == len(set(names))


def test_modes_match_their_sources(cf: ChallengeFile) -> None:
    """Read comes from documents, heard from meetings, seen from site visits; recorded by a
    peer who was there."""
    meetings = {m["id"]: m for m in cf.rows("meeting")}
    present = {(r["meeting_id"], r["peer_id"]) for r in cf.rows("meeting_peer")}
    observations = cf.rows("observation")
    assert {o["mode"] for o in observations} == set(vocab.MODES)
    for obs in observations:
        if obs["mode"] == "read":
            assert obs["document_id"] and obs["meeting_id"] is None
        else:
            assert obs["meeting_id"] and obs["document_id"] is None
            assert (obs["meeting_id"], obs["recorded_by"]) in present
            assert obs["observed_at"].startswith(meetings[obs["meeting_id"]]["date"])
        if obs["mode"] == "seen":
            assert meetings[obs["meeting_id"]]["type"] == "site_visit"
        assert obs["created_by"] == obs["recorded_by"]


def test_observations_read_as_english_and_cover_every_domain(cf: ChallengeFile) -> None:
    """Observations are varied sentences, tagged to one or two headings, covering every domain
    of the framework with strengths and areas; a few are verbatim quotes."""
    observations = cf.rows("observation")
    texts = [o["text"] for o in observations]
    assert len(set(texts)) > 0.8 * len(texts)
    assert all(t[0].isupper() or t[0] == "“" for t in texts)
    assert all(t.endswith((".", "”")) for t in texts)
    assert "lorem" not in " ".join(texts).lower()
    quotes = [o for o in observations if o["is_quote"]]
    assert 3 <= len(quotes) < len(observations) / 5
    assert all(q["text"].startswith("“") and q["mode"] == "heard" for q in quotes)
    tags = Counter(r["observation_id"] for r in cf.rows("observation_heading"))
    assert set(tags) == {o["id"] for o in observations}
    assert set(tags.values()) <= {1, 2}
    headings = {h["id"]: h for h in challenge_records.headings(cf)}
    tagged_domains: dict[str, set[str]] = {}
    polarity = {o["id"]: o["polarity"] for o in observations}
    for link in cf.rows("observation_heading"):
        heading = headings[link["heading_id"]]
        domain = heading["parent_id"] or heading["id"]
        tagged_domains.setdefault(domain, set()).add(polarity[link["observation_id"]])
    for heading in headings.values():
        if heading["kind"] == "domain":
            assert {"strength", "area"} <= tagged_domains.get(heading["id"], set()), heading["name"]


def _evidence(cf: ChallengeFile, finding_id: str) -> list[dict]:
    return cf.query(
        "SELECT o.*, fe.relation FROM finding_evidence fe JOIN observation o ON o.id = fe.observation_id "
        "WHERE fe.finding_id = ? AND fe.deleted = 0",
        (finding_id,),
    )


def test_draft_findings_are_linked_to_evidence_at_every_level(cf: ChallengeFile) -> None:
    """The demo shows triangulation at work: findings resting on several modes and sources,
    others on a single source ("to test"), some with contradicting evidence."""
    headings = {h["id"]: h for h in challenge_records.headings(cf)}
    findings = cf.rows("finding")
    per_domain = Counter(
        headings[f["heading_id"]]["name"]
        for f in findings
        if f["heading_id"] and headings[f["heading_id"]]["kind"] == "domain"
    )
    assert len(per_domain) == 4 and all(2 <= n <= 4 for n in per_domain.values())
    groups = cf.rows("recommendation_group", order_by="ordinal")
    assert [g["name"] for g in groups] == [
        "The presenting issue",
        "The wider strategy",
        "Quick wins",
    ]
    recommendations = [f for f in findings if f["kind"] == "recommendation"]
    assert recommendations and all(
        f["group_id"] and f["heading_id"] is None for f in recommendations
    )
    assert any(f["key_message"] for f in findings) and any(f["notable"] for f in findings)
    levels = Counter()
    for finding in findings:
        evidence = _evidence(cf, finding["id"])
        assert 2 <= len(evidence) <= 6, finding["statement"]
        supporting = [e for e in evidence if e["relation"] == "supports"]
        if finding["kind"] != "recommendation":
            assert {e["polarity"] for e in supporting} == {finding["kind"]}
        modes = {e["mode"] for e in supporting}
        sources = {e["meeting_id"] or e["document_id"] for e in supporting}
        if len(modes) >= 2 and len(sources) >= 2:
            levels["triangulated"] += 1
        elif len(sources) >= 2:
            levels["corroborated"] += 1
        else:
            levels["single"] += 1
        levels["contradicted"] += any(e["relation"] == "contradicts" for e in evidence)
    assert levels["triangulated"] >= 3 and levels["single"] >= 2 and levels["corroborated"] >= 2
    assert levels["contradicted"] >= 2
    for (heading_id, kind), count in Counter(
        (f["heading_id"], f["kind"]) for f in findings if f["kind"] != "recommendation"
    ).items():
        ordinals = sorted(
            f["ordinal"] for f in findings if (f["heading_id"], f["kind"]) == (heading_id, kind)
        )
        assert ordinals == [float(i) for i in range(count)]


def test_demo_passes_the_import_checks(cf: ChallengeFile) -> None:
    """The generator skips the per-call checks for speed; the importer's full validation
    proves every value and reference in it is valid."""
    interchange.validate(interchange.export_json(cf))


def test_counts_scale_with_the_parameters(tmp_path: Path) -> None:
    """The benchmark workloads come from the same generator: sizes follow the parameters,
    smaller than the programme bank and larger than it."""
    small = write_demo(
        tmp_path / "small.peernotes",
        observations=40,
        meetings=6,
        people=12,
        documents=3,
        peers=3,
        seed=5,
    )
    big = write_demo(
        tmp_path / "big.peernotes",
        observations=150,
        meetings=60,
        people=150,
        documents=50,
        peers=12,
        seed=5,
        with_findings=False,
    )
    with ChallengeFile.open(small, readonly=True) as cf:
        assert [cf.count(t) for t in ("peer", "meeting", "person", "document", "observation")] == [
            3,
            6,
            12,
            3,
            40,
        ]
        assert {p["role"] for p in cf.rows("peer")} >= {"lead_peer", "challenge_manager"}
        groups = {p["group_id"] for p in cf.rows("person")}
        assert len(groups) == 10  # every group, even with 12 people
    with ChallengeFile.open(big, readonly=True) as cf:
        assert [cf.count(t) for t in ("peer", "meeting", "person", "document", "observation")] == [
            12,
            60,
            150,
            50,
            150,
        ]
        assert cf.count("finding") == 0
        titles = [m["title"] for m in cf.rows("meeting")]
        assert len(set(titles)) == len(titles)
        names = [
            people_records.normalise_name(p["name"]) for p in cf.rows("person") + cf.rows("peer")
        ]
        assert len(names) == len(set(names))


def _content(path: Path) -> list[tuple]:
    """Everything a user reads in the demo's notes and evidence, without the random ids."""
    with ChallengeFile.open(path, readonly=True) as cf:
        return cf.conn.execute(
            """SELECT f.statement, e.relation, o.text, o.mode, o.observed_at,
                      coalesce(m.title, d.title), p.name
               FROM observation o
               JOIN peer p ON p.id = o.recorded_by
               LEFT JOIN meeting m ON m.id = o.meeting_id
               LEFT JOIN document d ON d.id = o.document_id
               LEFT JOIN finding_evidence e ON e.observation_id = o.id
               LEFT JOIN finding f ON f.id = e.finding_id
               ORDER BY 1, 3, 5"""
        ).fetchall()


def test_same_seed_same_content(tmp_path: Path) -> None:
    """A seed gives the same challenge every time, so benchmarks and screenshots repeat: ids
    are random, but what the notes say, when, where, by whom and which findings they back
    are not (sorting notes by the peers' random ids once made the findings' evidence vary)."""
    content = _content

    sizes = {"observations": 60, "meetings": 10, "people": 20, "documents": 5}
    first = content(write_demo(tmp_path / "a.peernotes", seed=7, **sizes))
    again = content(write_demo(tmp_path / "b.peernotes", seed=7, **sizes))
    other = content(write_demo(tmp_path / "c.peernotes", seed=8, **sizes))
    assert first == again
    assert first != other


def test_bad_sizes_leave_no_file(tmp_path: Path) -> None:
    """A demo that cannot be made leaves nothing behind to be mistaken for one."""
    target = tmp_path / "bad.peernotes"
    with pytest.raises(ValidationError, match="meetings"):
        write_demo(target, meetings=1)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    """Writing a demo never overwrites someone's challenge."""
    target = tmp_path / "mine.peernotes"
    target.write_bytes(b"precious")
    with pytest.raises(FileRefused):
        write_demo(target, observations=10, meetings=3, people=5, documents=1)
    assert target.read_bytes() == b"precious"


def test_runs_as_a_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m peernotes.core.demo --out FILE` writes the file and says what is in it."""
    target = tmp_path / "script.peernotes"
    code = demo.main(
        [
            "--out",
            str(target),
            "--observations",
            "25",
            "--meetings",
            "5",
            "--people",
            "10",
            "--documents",
            "2",
        ]
    )
    assert code == 0 and target.exists()
    assert "25 observations" in capsys.readouterr().out
    assert demo.main(["--out", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_bulk_rows_are_stamped_like_single_inserts(tmp_path: Path) -> None:
    """The demo writes observations in bulk (ChallengeFile.insert_many); those rows must carry
    the same bookkeeping, reach search and listeners, and refuse unknown columns."""
    from helpers import make_challenge

    cf = make_challenge(tmp_path / "bulk.peernotes")
    heard = []
    cf.subscribe(heard.append)
    meeting = programme.add_meeting(cf, date="2026-11-10", title="Focus group: carers").id
    values = {
        "text": "",
        "mode": "heard",
        "meeting_id": meeting,
        "observed_at": "2026-11-10T10:00:00",
    }
    ids = cf.insert_many(
        "observation",
        [dict(values, text="Carers value the new form."), dict(values, text="Waits are long.")],
    )
    single = cf.insert("observation", dict(values, text="One more."))
    rows = {r["id"]: r for r in cf.rows("observation")}
    for row_id in ids:
        for column in ("created_at", "modified_at", "hlc", "created_by", "modified_by"):
            assert rows[row_id][column] is not None, column
        assert rows[row_id]["created_by"] == cf.peer_id and rows[row_id]["deleted"] == 0
    assert rows[ids[0]]["hlc"] < rows[ids[1]]["hlc"] < rows[single]["hlc"]
    assert ids[0] in heard[-2].tables["observation"]
    found = cf.conn.execute(
        "SELECT count(*) FROM observation_fts WHERE observation_fts MATCH 'carers'"
    )
    assert found.fetchone()[0] == 1
    with pytest.raises(ValueError):
        cf.insert_many("observation", [dict(values, text="x", colour="red")])
    cf.close()


def test_demo_letter_settings_are_complete(cf: ChallengeFile) -> None:
    """The demo letter exports as a finished draft: clients, scope, feedback date, thanks,
    next steps and contacts are all typed in, so exporting it warns about nothing a user
    would have to fix only because it is a demo, and names nobody the team met."""
    from peernotes.core import attribution, letter_settings
    from peernotes.core.letter import build_letter

    settings = letter_settings.load(cf)
    for name in ("clients", "purpose", "scope", "acknowledgements", "next_steps", "contacts"):
        assert name in settings.stored and settings.values[name].strip(), name
    assert settings.feedback_date == cf.challenge()["onsite_end"]
    assert len(settings.lines("clients")) == 2
    assert "Chief Executive" in settings.clients
    assert "@example.org" in settings.contacts
    assert settings.signatory_name == people_records.team(cf)[0]["name"]  # the default: lead peer
    letter = build_letter(cf)
    assert letter.warnings == []
    assert attribution.scan(cf, letter) == []
