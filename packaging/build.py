"""Build the PeerNotes application folder: `python packaging/build.py` → dist/PeerNotes/.

One command for maintainers and CI (see README "Build"). It stamps the version from
peernotes/__init__.py into the Windows version resource, runs PyInstaller on
packaging/peernotes.spec, signs the executables when asked (Windows, a certificate the
organisation supplies; never one kept in the repository) and prints the folder's size,
against --target-mb, failing only over --max-mb (a ceiling that catches a build gone
wrong, e.g. Qt's translations back in, without failing CI for every new dependency).

    python packaging/build.py [--target-mb 150] [--max-mb 200] [--sign-command "... {file}"]

Needs PyInstaller in the running Python: pip install '.[build]'.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from peernotes import __version__  # noqa: E402

SPEC = ROOT / "packaging" / "peernotes.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
COMPANY = "The PeerNotes contributors"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers; "0.1.0" becomes (0, 1, 0, 0), "1.2rc1" (1, 2, 0, 0)."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version)
    numbers = [int(n) for n in match.groups(default="0")] if match else [0, 0, 0, 0]
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_resource(version: str) -> str:
    """PyInstaller's version-file text: what Explorer shows under Properties › Details."""
    numbers = version_tuple(version)
    fields = {
        "CompanyName": COMPANY,
        "FileDescription": "PeerNotes",
        "FileVersion": version,
        "InternalName": "PeerNotes",
        "LegalCopyright": f"© {COMPANY}. MIT licence.",
        "OriginalFilename": "PeerNotes.exe",
        "ProductName": "PeerNotes",
        "ProductVersion": version,
    }
    strings = ",\n".join(f"            StringStruct({k!r}, {v!r})" for k, v in fields.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080904B0', [
{strings}
    ])]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def sign(files: list[Path], command: str) -> None:
    """Run the organisation's signing command on each executable ({file} is replaced)."""
    for file in files:
        subprocess.run(command.replace("{file}", f'"{file}"'), shell=True, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-mb", type=float, help="say whether the folder meets this size")
    parser.add_argument("--max-mb", type=float, help="fail if the folder is larger than this")
    parser.add_argument(
        "--sign-command",
        default=os.environ.get("PEERNOTES_SIGN_COMMAND", ""),
        help="signing command with {file} (default: $PEERNOTES_SIGN_COMMAND; none: unsigned)",
    )
    args = parser.parse_args(argv)
    WORK.mkdir(exist_ok=True)
    (WORK / "version_info.txt").write_text(version_resource(__version__), encoding="utf-8")
    pyinstaller = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    paths = ["--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller")]
    result = subprocess.run([*pyinstaller, *paths, str(SPEC)], cwd=ROOT)
    if result.returncode != 0:
        print("build: PyInstaller failed (its messages are above).", file=sys.stderr)
        return result.returncode
    folder = DIST / "PeerNotes"
    if args.sign_command:
        sign(sorted(folder.glob("*.exe")), args.sign_command)
    size_mb = folder_size(folder) / 1_000_000
    verdict = ""
    if args.target_mb:
        met = "met" if size_mb <= args.target_mb else "NOT met"
        verdict = f" (target <= {args.target_mb:.0f} MB: {met})"
    print(f"build: PeerNotes {__version__} in {folder}: {size_mb:.0f} MB unpacked{verdict}")
    if args.max_mb and size_mb > args.max_mb:
        print(f"build: the folder is over the {args.max_mb:.0f} MB target.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
