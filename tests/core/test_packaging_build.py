"""The application build's rules (packaging/): what the bundle leaves out, the version it
stamps, and the wheel check's message. The build itself runs in .ci/bundle."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from types import ModuleType

from peernotes import __version__

ROOT = Path(__file__).resolve().parents[2]


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = load("packaging_rules")


def test_bundle_keeps_what_the_window_needs_on_every_system():
    """Leaving out a display plugin would make the installed app fail to open its window on
    that system (xcb/Wayland on Linux, windows on Windows, cocoa on macOS, offscreen in CI)."""
    plugins = "PySide6/Qt/plugins"
    for needed in (
        f"{plugins}/platforms/libqxcb.so",
        f"{plugins}/platforms/libqwayland.so",
        f"{plugins}/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        f"{plugins}/platforms/libqcocoa.dylib",
        f"{plugins}/imageformats/libqsvg.so",
        f"{plugins}/iconengines/libqsvgicon.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "peernotes/resources/letter-template.docx",
    ):
        assert rules.keep_binary(needed) and rules.keep_data(needed), needed


def test_bundle_leaves_out_translations_and_unused_plugins():
    """Qt's 30 translations, SQL drivers and the GTK theme are most of the difference between
    a ~140 MB and a ~190 MB folder on a laptop."""
    for unused in (
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6\\plugins\\sqldrivers\\qsqlodbc.dll",
    ):
        assert not rules.keep_data(unused), unused


def test_libraries_only_a_dropped_plugin_needed_are_dropped_too():
    """The GTK theme's libraries (cairo, pango) go with it; a library the kept Qt libraries
    link to stays, and so does the Python library the executable loads at run time."""
    binaries = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/x/libQt6Gui.so.6", "BINARY"),
        ("libcairo.so.2", "/x/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/x/libpixman-1.so.0", "BINARY"),
        ("libfreetype.so.6", "/x/libfreetype.so.6", "BINARY"),
        ("libpython3.11.so.1.0", "/x/libpython3.11.so.1.0", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/x/QtGui.abi3.so", "BINARY"),
    ]
    links = {
        "/x/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/x/libqgtk3.so": ["libcairo.so.2", "libQt6Gui.so.6"],
        "/x/libcairo.so.2": ["libpixman-1.so.0", "libfreetype.so.6"],
        "/x/libQt6Gui.so.6": ["libfreetype.so.6"],
    }
    kept = {dest for dest, *_ in rules.prune_orphans(binaries, lambda p: links.get(p, []))}
    assert kept == {
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/QtGui.abi3.so",
        "libfreetype.so.6",
        "libpython3.11.so.1.0",
    }


def test_windows_version_resource_carries_the_package_version():
    """Explorer's Properties › Details and IT's inventory read this: it must say the same
    version as `peernotes --version`."""
    build = load("build")
    assert build.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert build.version_tuple("1.2rc1") == (1, 2, 0, 0)
    text = build.version_resource(__version__)
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert "filevers=(" in text and "PeerNotes.exe" in text


def test_wheel_check_names_the_dependency_without_a_wheel(monkeypatch, tmp_path):
    """When a dependency has no Windows arm64 wheel, CI says which one, for which system."""
    wheels = load("check_wheels")
    stderr = (
        "ERROR: Could not find a version that satisfies the requirement sqlcipher3==0.6.4\n"
        "ERROR: No matching distribution found for sqlcipher3==0.6.4\n"
    )

    def fake_run(command, **kwargs):
        assert "--only-binary=:all:" in command and "win_arm64" in command
        return subprocess.CompletedProcess(command, 1, "", stderr)

    monkeypatch.setattr(wheels.subprocess, "run", fake_run)
    message = wheels.check("win_arm64", "3.12", ["sqlcipher3>=0.5"], tmp_path / "pins.txt")
    assert message == "no wheel of sqlcipher3==0.6.4 for Windows arm64, Python 3.12."


def test_wheel_check_pins_the_installed_runtime_dependencies():
    """The check asks about the versions the Linux bundle is built and tested with."""
    wheels = load("check_wheels")
    pins = wheels.installed_pins(wheels.runtime_requirements())
    names = {pin.split("==")[0] for pin in pins}
    expected = {"sqlite-utils", "python-docx", "lxml"}
    if importlib.util.find_spec("PySide6") is not None:  # not in CI's no-Qt core run
        expected.add("pyside6-essentials")
    assert expected <= names


def test_uninstaller_removes_only_the_files_it_installed(tmp_path):
    """A challenge file saved into the program folder survives uninstalling: the uninstaller
    deletes the installed files by name and removes folders only when they are empty."""
    installer = load_windows("installer")
    (tmp_path / "PySide6" / "plugins").mkdir(parents=True)
    (tmp_path / "PeerNotes.exe").write_bytes(b"x")
    (tmp_path / "PySide6" / "plugins" / "qwindows.dll").write_bytes(b"x")
    install, remove = installer.file_lists(tmp_path)
    assert install.count("File ") == 2
    assert 'Delete "$INSTDIR\\PySide6\\plugins\\qwindows.dll"' in remove
    assert remove.index('RMDir "$INSTDIR\\PySide6\\plugins"') < remove.index(
        'RMDir "$INSTDIR\\PySide6"'
    )
    script = (ROOT / "packaging" / "windows" / "peernotes.nsi").read_text(encoding="utf-8")
    for text in (install, remove, script):
        assert "RMDir /r" not in text and "Delete $INSTDIR\\*" not in text
    assert "RequestExecutionLevel user" in script


def test_ci_builds_and_runs_the_bundle():
    """CI is where the Linux bundle is proved: .ci/run must call .ci/bundle."""
    assert any(
        line.strip() == ".ci/bundle" for line in (ROOT / ".ci" / "run").read_text().split("\n")
    )


def load_windows(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        name, ROOT / "packaging" / "windows" / f"{name}.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pillow_stays_for_the_deck_but_its_extras_go():
    """python-pptx imports Pillow for every deck: leaving it out would break export
    --feedback in the built app; its AVIF/WebP codecs and OpenSSL are not needed."""
    excluded = set(rules.EXCLUDED_MODULES)
    assert "PIL" not in excluded and "PIL.Image" not in excluded
    assert {"PIL._avif", "_ssl", "_hashlib"} <= excluded


def test_qt_libraries_only_a_dropped_plugin_linked_are_dropped():
    """Qt's EGLFS library goes with the EGLFS plugin; Qt's GUI library stays."""
    binaries = [
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "/x/eglfs", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/x/gui", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/x/QtGui.abi3.so", "BINARY"),
    ]
    links = {"/x/QtGui.abi3.so": ["libQt6Gui.so.6"]}
    kept = {dest for dest, *_ in rules.prune_orphans(binaries, lambda p: links.get(p, []))}
    assert kept == {"PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/QtGui.abi3.so"}
