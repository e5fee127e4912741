"""What the PyInstaller build leaves out of dist/PeerNotes/, as data the spec and tests share.

PyInstaller's Qt hooks bundle only the Qt modules PeerNotes imports, but with them every
plugin of a kind (SQL drivers, QML tooling, display servers PeerNotes never runs on) and
Qt's translations in 30 languages; PeerNotes is English-only. Dropping them is most of
the difference between a 200 MB and a ~100 MB folder. A pattern here must never match
something the app needs: the bundle smoke test (.ci/bundle) opens the window, writes a
letter, merges and checks from the built folder.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterable
from fnmatch import fnmatch
from pathlib import Path

# Python modules nobody in the app imports, but which a build venv may have lying around.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc_data",
    "pytest",
    "_pytest",
    "hypothesis",
    "IPython",
    "numpy",
    "readline",  # the interactive prompt's line editor (and ncurses): no prompt here
    # Pillow stays (python-pptx and openpyxl import it for picture sizes); its optional
    # codecs and toolkits go: AVIF alone brings a 4.7 MB library.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingmath",
    "PIL.ImageMath",
    "PIL._imagingmorph",
    "PIL.ImageMorph",
    "PIL.ImageQt",
    "PIL._imagingft",  # text measuring (python-pptx's fit_text, unused): FreeType, HarfBuzz
    # Nothing goes over a network: without _ssl and _hashlib, OpenSSL (5 MB) stays out;
    # hashlib falls back to Python's built-in hashes, and http/urllib/asyncio import ssl
    # only if it is there.
    "ssl",
    "_ssl",
    "_hashlib",
    "lxml.objectify",  # python-docx and python-pptx use lxml.etree only
    "lxml.html",
    "lxml.isoschematron",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtSql",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtDBus",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtHelp",
]

# Paths inside the bundle (forward slashes), matched with fnmatch.
DROPPED = [
    "PySide6/Qt/translations/*",
    "PySide6/translations/*",
    "*/plugins/sqldrivers/*",
    "*/plugins/qmltooling/*",
    "*/plugins/qmllint/*",
    "*/plugins/designer/*",
    "*/plugins/generic/*",
    "*/plugins/networkinformation/*",
    "*/plugins/egldeviceintegrations/*",
    "*/plugins/wayland-graphics-integration-server/*",
    "*/plugins/platforms/*qvnc*",
    "*/plugins/platforms/*qlinuxfb*",
    "*/plugins/platforms/*qeglfs*",
    "*/plugins/platforms/*qminimalegl*",
    "*/plugins/platforms/*qvkkhrdisplay*",
    "*/plugins/platforms/*qdirect2d*",
    "*/plugins/platformthemes/*qgtk3*",  # PeerNotes draws with Fusion; GTK pulls in ~10 MB
    "*/plugins/tls/*",  # nothing goes over a network
    "*/plugins/imageformats/*qtiff*",
    "*/plugins/imageformats/*qwebp*",
    "*/plugins/imageformats/*qtga*",
    "*/plugins/imageformats/*qwbmp*",
    "*/plugins/imageformats/*qpdf*",
    # CUPS is the one system library the bundle must not carry: the print plugin stays and
    # loads the machine's own libcups, which has to match the local print server anyway
    # (exactly what a pip-installed PySide6 does). Bundling it dragged in GnuTLS, Kerberos,
    # Avahi and friends, ~10 MB. Linux only; Windows prints through its own plugin.
    "libcups.so*",
    # East Asian codecs (~0.9 MB): a timetable is read as UTF-8 or Windows-1252 (core/sheets.py);
    # an unknown encoding gets the same clear message as from a checkout without them.
    "*/lib-dynload/_codecs_*",
    "*/lib-dynload/_multibytecodec*",
    "*/plugins/imageformats/*qicns*",  # Apple icon files
]


def dropped(path: str) -> bool:
    normal = path.replace("\\", "/")
    return any(fnmatch(normal, pattern) for pattern in DROPPED)


def keep_binary(path: str) -> bool:
    return not dropped(path)


def keep_data(path: str) -> bool:
    return not dropped(path)


def prune_orphans(
    binaries: list[tuple[str, str, str]], imports: Callable[[str], Iterable[str]]
) -> list[tuple[str, str, str]]:
    """Drop the shared libraries that only a dropped plugin needed.

    PyInstaller collects a plugin's dependencies as separate top-level entries, so filtering
    out the plugin leaves them behind (GTK, cairo, pango for the GTK theme; Qt's EGLFS
    libraries). A top-level or Qt/lib library stays only while a kept binary still links to
    it; plugins and Python extensions are loaded by name and always stay, and so does the
    Python library (the executable loads it at run time, it does not link to it).
    """
    kept = [entry for entry in binaries if keep_binary(entry[0])]
    while True:
        needed = {Path(name).name for entry in kept for name in imports(entry[1])}
        orphans = [entry for entry in kept if _orphan(entry[0], needed)]
        if not orphans:
            return kept
        kept = [entry for entry in kept if entry not in orphans]


def direct_links(path: str) -> list[str] | None:
    """The libraries an ELF binary links to itself (its DT_NEEDED), or None off Linux.

    PyInstaller's own lookup on Linux is ldd, which lists the whole closure: a kept plugin
    then seems to need everything its dropped dependency needed (the CUPS plugin "needed"
    GnuTLS through libcups), and nothing could ever be pruned. objdump is already required
    by PyInstaller on Linux. Windows (pefile) and macOS (macholib) lookups are direct.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        out = subprocess.run(
            ["objdump", "-p", path], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def _orphan(dest: str, needed: set[str]) -> bool:
    name = dest.replace("\\", "/")
    linked_only = "/" not in name or "/Qt/lib/" in f"/{name}"  # never loaded by name
    base = Path(name).name
    return linked_only and not base.startswith(("libpython", "python")) and base not in needed
