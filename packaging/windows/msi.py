"""Make the per-machine MSI from dist/PeerNotes/ with WiX Toolset 5 (`wix`, a .NET tool).

    dotnet tool install --global wix --version 5.0.2
    wix extension add --global WixToolset.UI.wixext/5.0.2
    python packaging/windows/msi.py [--out dist/PeerNotes-0.1.0.msi]

Windows only (WiX runs on Windows). The version comes from peernotes/__init__.py; signing
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
sys.path.insert(0, str(ROOT))

from peernotes import __version__  # noqa: E402

SOURCE = Path(__file__).resolve().parent / "peernotes.wxs"


def licence_rtf(text: str) -> str:
    """The licence as the minimal RTF WiX's licence page wants (one paragraph per line)."""
    escaped = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
    lines = "\\par\n".join(escaped.splitlines())
    return "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Segoe UI;}}\\fs18\n" + lines + "\\par\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "dist" / "PeerNotes")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / f"PeerNotes-{__version__}.msi")
    parser.add_argument("--sign-command", default=os.environ.get("PEERNOTES_SIGN_COMMAND", ""))
    args = parser.parse_args(argv)
    wix = shutil.which("wix")
    if wix is None:
        print(
            "msi: the WiX Toolset (`wix`) is not installed; see this script's help.",
            file=sys.stderr,
        )
        return 1
    licence = (ROOT / "resources" / "licenses" / "LICENSE.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        rtf = Path(folder) / "licence.rtf"
        rtf.write_text(licence_rtf(licence), encoding="ascii", errors="replace")
        defines = {"Version": __version__, "Source": args.source, "Root": ROOT, "LicenceRtf": rtf}
        command = [wix, "build", "-arch", "x64", "-ext", "WixToolset.UI.wixext"]
        for key, value in defines.items():
            command += ["-d", f"{key}={value}"]
        result = subprocess.run([*command, "-o", str(args.out), str(SOURCE)])
    if result.returncode != 0:
        print("msi: wix build failed (its messages are above).", file=sys.stderr)
        return result.returncode
    if args.sign_command:
        signing = args.sign_command.replace("{file}", f'"{args.out}"')
        subprocess.run(signing, shell=True, check=True)
    print(f"msi: {args.out} ({args.out.stat().st_size / 1_000_000:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
