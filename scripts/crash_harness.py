"""Crash harness: kill PeerNotes with SIGKILL while it saves, and check nothing acknowledged is lost.

A child process opens a challenge file and saves observations as fast as it can -- through the
Qt-free core (`--mode core`), or through the real main window running offscreen (`--mode
window`): new observations, and edits of earlier ones. After each save call has *returned*, it
prints the id (and for edits the version) on stdout: that line is the acknowledgement, the
moment a user would see the observation in the list. The parent kills the child with SIGKILL at
a random moment (sometimes while it is still opening the file), reopens the file and checks:

  corrupt   PRAGMA integrity_check is not "ok", or the file no longer opens
  lost      an acknowledged observation is missing, or an acknowledged edit was rolled back

    python scripts/crash_harness.py --kills 500            # the figures in docs/reliability.md
    python scripts/crash_harness.py --kills 50 --mode window

SIGKILL tests a process crash (the OS keeps what was written). Power loss is covered by
synchronous=FULL (each commit is fsynced before the save returns), which a harness cannot cut.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODES = ("core", "window")


@dataclass
class Result:
    kills: int = 0
    acknowledged: int = 0  # saves acknowledged across all runs (adds and edits)
    lost: int = 0
    corrupt: int = 0
    killed_while_opening: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"kills: {self.kills}  acknowledged saves: {self.acknowledged}  "
            f"killed while opening: {self.killed_while_opening}  lost: {self.lost}  "
            f"corrupt: {self.corrupt}"
        )


# ----------------------------------------------------------------------- child side
def _observation_text(n: int, version: int = 0) -> str:
    return (
        f"Saved observation {n} v{version}: the carers we met said that respite is hard "
        "to book and that the online form times out before it can be sent."
    )


def child_core(path: Path) -> None:
    """Save observations in a loop through the core; acknowledge each after it returns."""
    from peernotes.core.records import observations
    from peernotes.core.store import ChallengeFile

    cf = ChallengeFile.open(path)
    _ack("ready")
    saver = _Saver(lambda text: observations.add_observation(cf, text, mode="heard"))
    saver.edit = lambda oid, text: observations.update_observation(cf, oid, text=text)
    while True:
        saver.step()


def child_window(path: Path) -> None:
    """The real main window, offscreen, saving through the UI's undoable command path."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from peernotes.core.records import observations
    from peernotes.ui.app import make_application
    from peernotes.ui.main_window import MainWindow
    from peernotes.ui.undo import run_undoable

    class NoDialogs:
        """A message box in the child would wait for ever: report it and stop instead."""

        def __getattr__(self, name):
            def refuse(parent, title, text, *args, **kwargs):
                print(f"unexpected dialog ({name}): {title}: {text}", file=sys.stderr, flush=True)
                os._exit(4)

            return refuse

    from peernotes.ui.dialogs import messages

    for name in ("confirm", "error", "inform", "choose", "save_path"):
        setattr(messages, name, getattr(NoDialogs(), name))
    app = make_application([sys.argv[0]])
    window = MainWindow()
    window.show()
    if not window.open_path(path):
        raise SystemExit(3)
    session = window.session
    assert session is not None
    _ack("ready")
    saver = _Saver(
        lambda text: run_undoable(
            session, "Add observation", lambda cf: observations.add_observation(cf, text)
        )
    )
    saver.edit = lambda oid, text: run_undoable(
        session, "Edit observation", lambda cf: observations.update_observation(cf, oid, text=text)
    )
    timer = QTimer()
    timer.timeout.connect(saver.step)
    timer.start(0)  # one save per event-loop turn: the window keeps painting in between
    app.exec()


class _Saver:
    """Adds observations, and every fifth step edits an earlier one (acknowledging versions)."""

    def __init__(self, add):
        self.add = add
        self.edit = None
        self.made: list[str] = []
        self.versions: dict[str, int] = {}
        self.n = 0
        self.rng = random.Random(os.getpid())

    def step(self) -> None:
        if os.getppid() != _PARENT:  # the harness itself was stopped: do not save for ever
            os._exit(0)
        self.n += 1
        if self.made and self.n % 5 == 0:
            oid = self.rng.choice(self.made)
            version = self.versions.get(oid, 0) + 1
            self.edit(oid, _observation_text(self.n, version))
            self.versions[oid] = version
            _ack(f"edit {oid} {version}")
        else:
            oid = self.add(_observation_text(self.n))
            self.made.append(oid)
            _ack(f"add {oid}")


_PARENT = os.getppid()


def _ack(line: str) -> None:
    os.write(1, (line + "\n").encode())  # unbuffered: the line is out before the next save


# ---------------------------------------------------------------------- parent side
def make_file(path: Path) -> None:
    sys.path.insert(0, str(REPO / "tests"))
    from helpers import make_challenge

    make_challenge(path).close()


def run(
    kills: int,
    *,
    mode: str = "core",
    seed: int = 0,
    workdir: Path | None = None,
    jobs: int = 1,
    kills_per_file: int = 25,
    max_delay: float = 0.25,
    progress: bool = False,
) -> Result:
    """Kill `kills` children at random moments, `jobs` files at a time; return the counts."""
    own_dir = None
    if workdir is None:
        own_dir = tempfile.TemporaryDirectory(prefix="peernotes-crash-")
        workdir = Path(own_dir.name)
    jobs = max(1, min(jobs, kills))
    shares = [kills // jobs + (1 if i < kills % jobs else 0) for i in range(jobs)]
    total = Result()
    lock = threading.Lock()

    def share(index: int) -> Result:
        folder = workdir / f"job-{index}"
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(seed * 1000 + index)
        return _run_share(
            shares[index], mode, rng, folder, kills_per_file, max_delay, progress, total, lock
        )

    try:
        with ThreadPoolExecutor(jobs) as pool:
            results = list(pool.map(share, range(jobs)))
    finally:
        if own_dir is not None:
            own_dir.cleanup()
    merged = Result()
    for part in results:
        merged.kills += part.kills
        merged.acknowledged += part.acknowledged
        merged.lost += part.lost
        merged.corrupt += part.corrupt
        merged.killed_while_opening += part.killed_while_opening
        merged.problems += part.problems
    return merged


def _run_share(
    kills: int,
    mode: str,
    rng: random.Random,
    workdir: Path,
    kills_per_file: int,
    max_delay: float,
    progress: bool,
    total: Result,
    lock: threading.Lock,
) -> Result:
    result = Result()
    env = dict(os.environ, PYTHONUNBUFFERED="1", QT_QPA_PLATFORM="offscreen")
    env.setdefault("PEERNOTES_DATA_DIR", str(workdir / "data"))
    path = workdir / "crash-0.peernotes"
    adds: set[str] = set()
    edits: dict[str, int] = {}
    for kill in range(kills):
        if kill % kills_per_file == 0:
            path = workdir / f"crash-{kill // kills_per_file}.peernotes"
            make_file(path)
            adds, edits = set(), {}
        child_mode = mode if mode in MODES else MODES[kill % 2]
        lines, opened = _run_and_kill(path, child_mode, rng, env, max_delay)
        result.kills += 1
        result.killed_while_opening += not opened
        acknowledged = 0
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "add":
                adds.add(rest)
                acknowledged += 1
            elif kind == "edit":
                oid, _, version = rest.partition(" ")
                edits[oid] = max(edits.get(oid, 0), int(version))
                acknowledged += 1
        result.acknowledged += acknowledged
        lost, corrupt, problem = check(path, adds, edits)
        result.lost += lost
        result.corrupt += corrupt
        if problem:
            result.problems.append(f"{path.name} ({child_mode}): {problem}")
        with lock:
            total.kills += 1
            total.acknowledged += acknowledged
            total.lost += lost
            total.corrupt += corrupt
            total.killed_while_opening += not opened
            if progress and total.kills % 25 == 0:
                print(f"  after {total.kills:>4} kills: {total.line()}", flush=True)
    return result


def _run_and_kill(
    path: Path, mode: str, rng: random.Random, env: dict[str, str], max_delay: float
) -> tuple[list[str], bool]:
    """Start a child, SIGKILL it at a random moment; return its complete acknowledgement lines."""
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=str(REPO),
    )
    chunks: list[bytes] = []
    ready = threading.Event()
    first_save = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for raw in iter(lambda: child.stdout.readline(), b""):
            chunks.append(raw)
            if raw == b"ready\n":
                ready.set()
            elif raw.startswith(b"add "):
                first_save.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.1:  # sometimes kill it while it opens (recovery, checkpoint, backup)
        time.sleep(rng.uniform(0.0, 0.3))
    else:
        deadline = time.monotonic() + 60
        while not first_save.wait(0.02) and child.poll() is None and time.monotonic() < deadline:
            pass
        if child.poll() is not None:  # it stopped by itself: PeerNotes refused or crashed
            reader.join(timeout=10)
            stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
            raise RuntimeError(f"the {mode} child stopped before it was killed:\n{stderr[-3000:]}")
        time.sleep(rng.uniform(0.0, max_delay))  # a random moment: mid-save, mid-commit...
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(timeout=10)
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    lines = [c.decode().rstrip("\n") for c in chunks if c.endswith(b"\n")]
    if not ready.is_set() and stderr.strip() and "Traceback" in stderr:
        raise RuntimeError(f"the {mode} child failed before it was killed:\n{stderr}")
    return lines, ready.is_set()


def check(path: Path, adds: set[str], edits: dict[str, int]) -> tuple[int, int, str]:
    """(lost, corrupt, description) for the file after a kill."""
    try:
        # Read-only, as a second reader would: the -wal stays for the next child to recover.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchall()
            present = {row[0]: row[1] for row in conn.execute("SELECT id, text FROM observation")}
        finally:
            conn.close()
    except sqlite3.Error as error:
        return 0, 1, f"file does not open: {error}"
    if verdict != [("ok",)]:
        return 0, 1, f"integrity_check: {verdict[:3]}"
    missing = [oid for oid in adds if oid not in present]
    rolled_back = [
        oid for oid, version in edits.items() if _version(present.get(oid, "")) < version
    ]
    lost = len(missing) + len(rolled_back)
    problem = ""
    if lost:
        problem = f"{len(missing)} acknowledged observations missing, {len(rolled_back)} edits rolled back"
    return lost, 0, problem


def _version(text: str) -> int:
    marker = text.split(":", 1)[0].rsplit(" v", 1)
    try:
        return int(marker[1])
    except (IndexError, ValueError):
        return -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=50, help="how many SIGKILLs (default 50)")
    parser.add_argument(
        "--mode", choices=[*MODES, "both"], default="both", help="what the child runs"
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument(
        "--max-delay", type=float, default=0.25, help="longest run before a kill (s)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="files hammered in parallel")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("file", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.path.insert(0, str(REPO))
        (child_core if args.child == "core" else child_window)(Path(args.file))
        return 0
    seed = args.seed if args.seed is not None else int(time.time())
    print(f"crash harness: {args.kills} SIGKILLs, mode {args.mode}, seed {seed}", flush=True)
    started = time.perf_counter()
    result = run(
        args.kills,
        mode=args.mode,
        seed=seed,
        jobs=args.jobs,
        max_delay=args.max_delay,
        progress=True,
    )
    print(result.line())
    print(f"lost: {result.lost}")
    print(f"corrupt: {result.corrupt}")
    print(f"time: {time.perf_counter() - started:.1f} s")
    for problem in result.problems:
        print("PROBLEM", problem)
    return 1 if result.lost or result.corrupt else 0


if __name__ == "__main__":
    sys.exit(main())
