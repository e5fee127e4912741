"""Make the per-user Windows installer from dist/PeerNotes/ with NSIS (makensis).

    python packaging/windows/installer.py [--out dist/PeerNotes-0.1.0-setup.exe]
    python packaging/windows/installer.py --stand-in      # Linux CI: compile against the
                                                          # Linux folder, uncompressed
The installer lists every file it installs, so its uninstaller deletes exactly those and
nothing a user saved (peernotes.nsi). The version comes from peernotes/__init__.py; signing
uses the same --sign-command/$PEERNOTES_SIGN_COMMAND as packaging/build.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "packaging")]

from peernotes import __version__  # noqa: E402

from build import version_tuple  # noqa: E402

SCRIPT = Path(__file__).resolve().parent / "peernotes.nsi"


def nsis_text(text: str) -> str:
    return text.replace("$", "$$").replace('"', '$\\"')


def file_lists(source: Path) -> tuple[str, str]:
    """NSIS lines that install every file of `source`, and lines that remove exactly those
    files and then the folders, deepest first, only where they are left empty."""
    install: list[str] = []
    remove: list[str] = []
    folders: set[Path] = set()
    current: Path | None = None
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        relative = path.relative_to(source)
        folder = relative.parent
        if folder != current:
            install.append(f'SetOutPath "$INSTDIR\\{nsis_text(str(folder)).replace("/", chr(92))}"')
            current = folder
        install.append(f'File "{nsis_text(str(path))}"')
        windows_name = nsis_text(str(relative)).replace("/", "\\")
        remove.append(f'Delete "$INSTDIR\\{windows_name}"')
        folders.update(p for p in relative.parents if p != Path("."))
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        remove.append(f'RMDir "$INSTDIR\\{nsis_text(str(folder)).replace("/", chr(92))}"')
    install.append('SetOutPath "$INSTDIR"')
    return "\n".join(install) + "\n", "\n".join(remove) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "dist" / "PeerNotes")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "dist" / f"PeerNotes-{__version__}-setup.exe"
    )
    parser.add_argument("--stand-in", action="store_true", help="uncompressed, for a compile check")
    parser.add_argument("--sign-command", default=os.environ.get("PEERNOTES_SIGN_COMMAND", ""))
    args = parser.parse_args(argv)
    makensis = shutil.which("makensis")
    if makensis is None:
        print("installer: makensis (NSIS 3) is not installed.", file=sys.stderr)
        return 1
    if not args.source.is_dir():
        print(
            f"installer: {args.source} does not exist; run packaging/build.py first.",
            file=sys.stderr,
        )
        return 1
    install, remove = file_lists(args.source)
    with tempfile.TemporaryDirectory() as folder:
        files, unfiles = Path(folder) / "files.nsh", Path(folder) / "unfiles.nsh"
        files.write_text(install, encoding="utf-8")
        unfiles.write_text(remove, encoding="utf-8")
        defines = {
            "VERSION": __version__,
            "VERSION4": ".".join(map(str, version_tuple(__version__))),
            "SOURCE": str(args.source),
            "FILES": str(files),
            "UNFILES": str(unfiles),
            "ROOT": str(ROOT),
            "OUTFILE": str(args.out.resolve()),
        }
        if args.stand_in:
            defines["STAND_IN"] = "1"
        if args.sign_command:
            defines["SIGN_COMMAND"] = args.sign_command.replace("{file}", '"%1"')
        command = [makensis, "-V2", *(f"-D{k}={v}" for k, v in defines.items()), str(SCRIPT)]
        result = subprocess.run(command)
    if result.returncode != 0:
        print("installer: makensis failed (its messages are above).", file=sys.stderr)
        return result.returncode
    size = args.out.stat().st_size / 1_000_000
    print(f"installer: {args.out} ({size:.0f} MB){' (Linux stand-in)' if args.stand_in else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
