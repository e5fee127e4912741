"""The headless commands: `peernotes demo`, `peernotes export`, `peernotes import`.

Run in-process through `main([...])`, plus real subprocesses for `python -m peernotes --help`
and the installed `peernotes demo` script. Failures exit 2 with one line naming the problem.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest

from peernotes.cli import main
from peernotes.core import interchange
from peernotes.core.schema import APPLICATION_ID
from peernotes.core.store import ChallengeFile

SMALL = ["--observations", "30", "--meetings", "6", "--people", "12", "--documents", "3"]


@pytest.fixture
def small_demo(tmp_path: Path) -> Path:
    path = tmp_path / "small.peernotes"
    assert main(["demo", "--out", str(path), *SMALL]) == 0
    return path


def _one_line_error(capsys: pytest.CaptureFixture[str], *expected: str) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    for part in expected:
        assert part in err, err
    return err


# --------------------------------------------------------------------------------- demo
def test_demo_writes_the_requested_sizes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`peernotes demo --out FILE --observations N` writes a challenge without a window."""
    target = tmp_path / "demo.peernotes"
    assert main(["demo", "--out", str(target), *SMALL]) == 0
    assert "30 observations" in capsys.readouterr().out
    with ChallengeFile.open(target, readonly=True) as cf:
        assert cf.count("observation") == 30 and cf.count("meeting") == 6


def test_demo_refuses_an_existing_file(
    small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = small_demo.read_bytes()
    capsys.readouterr()
    assert main(["demo", "--out", str(small_demo)]) == 2
    _one_line_error(capsys, "already exists")
    assert small_demo.read_bytes() == before


def test_demo_rejects_impossible_sizes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--out", str(tmp_path / "x.peernotes"), "--meetings", "1"]) == 2
    _one_line_error(capsys, "meetings")
    assert not (tmp_path / "x.peernotes").exists()


# ------------------------------------------------------------------------------- export
def test_export_json_to_a_file_and_to_stdout(
    small_demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON written is the interchange export; `--json -` prints the same text."""
    out = tmp_path / "out.json"
    capsys.readouterr()
    assert main(["export", str(small_demo), "--json", str(out)]) == 0
    with ChallengeFile.open(small_demo, readonly=True) as cf:
        expected = interchange.export_text(cf)
    assert out.read_text(encoding="utf-8") == expected
    capsys.readouterr()
    assert main(["export", str(small_demo), "--json", "-"]) == 0
    assert capsys.readouterr().out == expected


def test_export_needs_something_to_write(
    small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["export", str(small_demo)]) == 2
    _one_line_error(capsys, "--json", "--letter", "--evidence")


def test_export_never_overwrites_its_own_source(
    small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = small_demo.read_bytes()
    capsys.readouterr()
    assert main(["export", str(small_demo), "--json", str(small_demo)]) == 2
    _one_line_error(capsys, "the challenge file itself")
    assert small_demo.read_bytes() == before


def _too_new(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 99")
    conn.execute("CREATE TABLE meta (key TEXT)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p, "does not exist"),
        (lambda p: (p.write_text("hello", encoding="utf-8"), p)[1], "not a PeerNotes file"),
        (_too_new, "newer PeerNotes"),
    ],
    ids=["missing", "not-peernotes", "too-new"],
)
def test_export_refuses_files_it_cannot_read(
    make, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each refusal is one clear line and exit code 2; the file is left as it was."""
    source = make(tmp_path / "in.peernotes")
    before = source.read_bytes() if source.exists() else None
    assert main(["export", str(source), "--json", str(tmp_path / "out.json")]) == 2
    _one_line_error(capsys, expected)
    assert not (tmp_path / "out.json").exists()
    assert (source.read_bytes() if source.exists() else None) == before


def test_export_hands_word_outputs_to_the_letter_exporter(
    small_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--docx / --evidence-report / --allow reach the letter exporter unchanged."""
    seen = {}

    def export_letter(args) -> int:
        seen.update(docx=args.docx, report=args.evidence_report, allow=args.allow)
        return 0

    fake = types.ModuleType("peernotes.commands.letter_export")
    fake.export_letter = export_letter  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "peernotes.commands.letter_export", fake)
    code = main(
        [
            "export",
            str(small_demo),
            "--docx",
            "l.docx",
            "--evidence-report",
            "r.docx",
            "--allow",
            "Cllr A",
            "--allow",
            "Dr B",
        ]
    )
    assert code == 0
    assert seen == {"docx": Path("l.docx"), "report": Path("r.docx"), "allow": ["Cllr A", "Dr B"]}


def test_a_broken_install_is_one_line_and_a_log_not_a_traceback(
    small_demo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """A module of PeerNotes itself missing (a damaged install) is not an optional feature:
    the user gets one line naming the log, never a traceback and never a silent 'not
    available'."""
    monkeypatch.setenv("PEERNOTES_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setitem(sys.modules, "peernotes.commands.letter_export", None)
    capsys.readouterr()
    assert main(["export", str(small_demo), "--docx", str(tmp_path / "l.docx")]) == 3
    _one_line_error(capsys, "an unexpected error stopped the command", "peernotes-errors.log")
    assert not (tmp_path / "l.docx").exists()


# ------------------------------------------------------------------------------- import
@pytest.fixture
def exported(small_demo: Path, tmp_path: Path) -> Path:
    out = tmp_path / "challenge.json"
    assert main(["export", str(small_demo), "--json", str(out)]) == 0
    return out


def test_import_creates_a_new_file(
    exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.peernotes"
    capsys.readouterr()
    assert main(["import", str(exported), "--out", str(target)]) == 0
    assert "30 observations" in capsys.readouterr().out
    with ChallengeFile.open(target, readonly=True) as cf:
        assert interchange.export_text(cf) == exported.read_text(encoding="utf-8")


def test_import_reads_stdin(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(exported.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["import", "-", "--out", str(tmp_path / "piped.peernotes")]) == 0
    assert (tmp_path / "piped.peernotes").exists()


def _edit(path: Path, change) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _bad_mode(data: dict) -> None:
    data["tables"]["observation"][3]["mode"] = "smelt"


def _bad_time(data: dict) -> None:
    data["tables"]["meeting"][2]["start_time"] = "9.30"


def _newer(data: dict) -> None:
    data["schema_version"] = 999


@pytest.mark.parametrize(
    ("prepare", "expected"),
    [
        (
            lambda p: _edit(p, _bad_mode),
            "tables.observation[3].mode: 'smelt' is not one of: read, heard, seen",
        ),
        (lambda p: _edit(p, _bad_time), "tables.meeting[2].start_time: not a time: '9.30'"),
        (lambda p: _edit(p, _newer), "newer PeerNotes"),
        (
            lambda p: (p.write_text('{"format": "peernotes-challenge",,}', encoding="utf-8"), p)[1],
            "line 1, column 34",
        ),
        (
            lambda p: (p.write_text('{"name": "a spreadsheet"}', encoding="utf-8"), p)[1],
            "not a PeerNotes challenge export",
        ),
        (lambda p: p.with_name("missing.json"), "does not exist"),
    ],
    ids=["bad-enum", "bad-time", "too-new", "bad-syntax", "not-peernotes", "missing"],
)
def test_import_errors_are_one_line_and_write_nothing(
    prepare, expected: str, exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = prepare(exported)
    target = tmp_path / "new.peernotes"
    before = sorted(tmp_path.iterdir())
    capsys.readouterr()
    assert main(["import", str(source), "--out", str(target)]) == 2
    _one_line_error(capsys, "peernotes import: ", expected)
    assert sorted(tmp_path.iterdir()) == before


def test_import_never_overwrites(
    exported: Path, small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = small_demo.read_bytes()
    capsys.readouterr()
    assert main(["import", str(exported), "--out", str(small_demo)]) == 2
    _one_line_error(capsys, "already exists")
    assert small_demo.read_bytes() == before


@pytest.mark.parametrize("command", ["demo", "export", "import"])
def test_each_command_explains_itself(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"peernotes {command}" in capsys.readouterr().out


# ----------------------------------------------------------------- real processes
def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, PEERNOTES_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")


def test_python_m_peernotes_help_lists_the_commands(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peernotes", "--help"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    for command in ("demo", "export", "import"):
        assert command in done.stdout


def test_installed_peernotes_demo_command(tmp_path: Path) -> None:
    """The console script works as the README says (falls back to -m when not installed)."""
    script = Path(sys.executable).with_name("peernotes")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "peernotes"]
    target = tmp_path / "demo.peernotes"
    done = subprocess.run(
        [*launcher, "demo", "--out", str(target), *SMALL],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with ChallengeFile.open(target, readonly=True) as cf:
        assert cf.count("observation") == 30


# --------------------------------------------------- protected files (issue 7)
TEAM_PASS = "team file passphrase"
PEER_PASS = "peer file passphrase"


@pytest.fixture
def protected_pair(tmp_path: Path) -> tuple[Path, Path]:
    """A protected team file and a protected peer's copy holding one more observation."""
    from helpers import make_challenge

    from peernotes.core import encryption
    from peernotes.core.distribution import copy_for_peer
    from peernotes.core.records import observations, people

    team, peer = tmp_path / "team.peernotes", tmp_path / "peer.peernotes"
    cf = make_challenge(team, me=3)
    priya = next(p["id"] for p in people.team(cf) if p["name"] == "Priya Nair")
    copy_for_peer(cf, priya, peer, include_observations=True)
    cf.close()
    with ChallengeFile.open(peer) as theirs:
        observations.add_observation(theirs, "Heard on the peer's laptop")
    encryption.encrypt_file(team, TEAM_PASS)
    encryption.encrypt_file(peer, PEER_PASS)
    return team, peer


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _observations(path: Path, passphrase: str) -> set[str]:
    with ChallengeFile.open(path, readonly=True, passphrase=passphrase) as cf:
        return {o["text"] for o in cf.rows("observation")}


def test_merge_protected_files_with_a_passphrase_per_line(
    protected_pair: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """INTO's passphrase on the first line, then each protected FROM's, in argument order."""
    team, peer = protected_pair
    _stdin(monkeypatch, f"{TEAM_PASS}\n{PEER_PASS}\n")
    assert main(["merge", str(team), str(peer), "--passphrase-stdin"]) == 0
    assert "Priya Nair: 1 new" in capsys.readouterr().out
    assert "Heard on the peer's laptop" in _observations(team, TEAM_PASS)


def test_merge_one_line_serves_files_sharing_a_passphrase(
    protected_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from peernotes.core import encryption

    team, peer = protected_pair
    encryption.rekey_file(peer, PEER_PASS, TEAM_PASS)
    _stdin(monkeypatch, f"{TEAM_PASS}\n")
    assert main(["merge", str(team), str(peer), "--passphrase-stdin"]) == 0
    assert "Heard on the peer's laptop" in _observations(team, TEAM_PASS)


@pytest.mark.parametrize(
    ("flag", "stdin", "expected"),
    [
        ([], "", "give it on standard input with --passphrase-stdin"),
        (["--passphrase-stdin"], "", "standard input was empty"),
        (["--passphrase-stdin"], f"{TEAM_PASS}\nnot the peer's\n", "not right for"),
        (["--passphrase-stdin"], f"{TEAM_PASS}\n\n", "is empty"),
    ],
    ids=["no-flag", "no-lines", "wrong-for-source", "empty-line"],
)
def test_merge_without_the_right_passphrase_changes_nothing(
    protected_pair: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    flag: list[str],
    stdin: str,
    expected: str,
) -> None:
    """A missing, empty or wrong passphrase is one clear line and exit 2; nothing merged."""
    team, peer = protected_pair
    peer_before = peer.read_bytes()
    _stdin(monkeypatch, stdin)
    capsys.readouterr()
    assert main(["merge", str(team), str(peer), *flag]) == 2
    _one_line_error(capsys, "peernotes merge:", expected)
    assert "Heard on the peer's laptop" not in _observations(team, TEAM_PASS)
    assert peer.read_bytes() == peer_before


def test_export_json_and_word_from_a_protected_file(
    protected_pair: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--json, --docx and --evidence-report all work from a protected file given its
    passphrase once; a note says the outputs are not protected."""
    import docx

    team, _ = protected_pair
    outs = {name: tmp_path / name for name in ("out.json", "letter.docx", "evidence.docx")}
    _stdin(monkeypatch, f"{TEAM_PASS}\n")
    argv = ["export", str(team), "--json", str(outs["out.json"]), "--passphrase-stdin"]
    argv += ["--docx", str(outs["letter.docx"]), "--evidence-report", str(outs["evidence.docx"])]
    capsys.readouterr()
    assert main(argv) == 0
    err = capsys.readouterr().err
    data = json.loads(outs["out.json"].read_text(encoding="utf-8"))
    assert "Fernhill Borough Council" in json.dumps(data)
    letter = "\n".join(p.text for p in docx.Document(str(outs["letter.docx"])).paragraphs)
    assert "Fernhill Borough Council" in letter
    assert outs["evidence.docx"].stat().st_size > 0
    for name in outs:
        assert f"{name} is NOT protected" in err


@pytest.mark.parametrize("output", ["--json", "--docx"])
def test_export_of_a_protected_file_without_its_passphrase_is_refused(
    protected_pair: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    output: str,
) -> None:
    team, _ = protected_pair
    before = team.read_bytes()
    out = tmp_path / "out.file"
    _stdin(monkeypatch, "")
    capsys.readouterr()
    assert main(["export", str(team), output, str(out)]) == 2
    _one_line_error(capsys, "protected with a passphrase", "--passphrase-stdin")
    assert not out.exists()
    assert team.read_bytes() == before


def test_merge_help_says_how_passphrases_are_read(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["merge", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--passphrase-stdin" in help_text
    assert "one line per protected file in argument order (INTO first" in help_text


def test_export_of_a_protected_file_in_a_real_process(
    protected_pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """`printf 'PASS\\n' | peernotes export FILE --json - --passphrase-stdin` as a user runs it."""
    team, _ = protected_pair
    done = subprocess.run(
        [sys.executable, "-m", "peernotes", "export", str(team), "--json", "-"]
        + ["--passphrase-stdin"],
        input=f"{TEAM_PASS}\n",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Fernhill Borough Council" in done.stdout
    wrong = subprocess.run(
        [sys.executable, "-m", "peernotes", "export", str(team), "--json", "-"]
        + ["--passphrase-stdin"],
        input="Team file passphrase\n",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert wrong.returncode == 2
    assert "passphrase is not right" in wrong.stderr and not wrong.stdout
