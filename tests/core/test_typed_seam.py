"""The core→UI seam is typed: no UI function takes or returns a generic `dict[str, Any]` row.

Screens read the core's frozen records (`core/records/values.py`, `core/rollup.py`), so a
column typo is caught by mypy instead of surfacing as a KeyError in front of a council. This
check reads the UI's source (no Qt needed) and fails on a signature that brings a generic row
back across the seam.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "peernotes" / "ui"


def _generic_row(annotation: ast.expr | None) -> bool:
    """`Row`, `dict[str, Any]` or `Mapping[str, Any]` anywhere inside an annotation."""
    if annotation is None:
        return False
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        annotation = ast.parse(annotation.value, mode="eval").body
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name) and node.id == "Row":
            return True
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) in (
            "dict",
            "Dict",
            "Mapping",
            "MutableMapping",
        ):
            args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if [ast.unparse(a) for a in args] == ["str", "Any"]:
                return True
    return False


def generic_row_signatures(source: str, name: str) -> list[str]:
    """'file:line function(parameter)' for each parameter or return typed as a generic row."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        arguments += [a for a in (node.args.vararg, node.args.kwarg) if a is not None]
        for argument in arguments:
            if _generic_row(argument.annotation):
                found.append(f"{name}:{node.lineno} {node.name}({argument.arg})")
        if _generic_row(node.returns):
            found.append(f"{name}:{node.lineno} {node.name} returns a generic row")
    return found


def test_no_ui_signature_takes_or_returns_a_generic_row():
    """A screen that takes `dict[str, Any]` rows again would read them by string keys, where a
    misspelt column shows the user a crash instead of failing the type check."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += generic_row_signatures(path.read_text(encoding="utf-8"), path.name)
    assert found == [], "typed records (core/records/values.py) instead of rows:\n" + "\n".join(
        found
    )


def test_the_check_catches_each_kind_of_generic_row():
    """The check itself: it must see a planted Row parameter, a dict[str, Any] return, a
    string annotation and a keyword-only Mapping[str, Any], and pass typed records."""
    planted = (
        "def a(row: Row) -> None: ...\n"
        "def b(x: int) -> dict[str, Any]: ...\n"
        "def c(rows: 'list[Row] | None') -> None: ...\n"
        "def d(*, options: Mapping[str, Any]) -> None: ...\n"
        "def e(meeting: Meeting, values: Mapping[str, object]) -> list[Person]: ...\n"
    )
    assert [f.split(" ", 1)[1] for f in generic_row_signatures(planted, "x.py")] == [
        "a(row)",
        "b returns a generic row",
        "c(rows)",
        "d(options)",
    ]


def enum_less_listeners(source: str, name: str) -> list[str]:
    """'file:line' for each listener that names a table by string (`touches("meeting")`) or
    reads the store's raw record of a Change (`change.tables`, `change.bulk`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("touches", "ids", "is_bulk") and any(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args
            ):
                found.append(f"{name}:{node.lineno} {node.func.attr}() by string")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("tables", "bulk")
            and isinstance(node.value, ast.Name)
            and node.value.id in ("change", "changed")
        ):
            found.append(f"{name}:{node.lineno} change.{node.attr}")
    return found


def test_ui_listeners_name_tables_by_the_enum():
    """A screen watching `touches("meeting ")` (a typo) would silently stop refreshing; by
    `Table.MEETING` the typo fails at import and in mypy."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += enum_less_listeners(path.read_text(encoding="utf-8"), path.name)
    assert found == [], "use Table members and Change's accessors:\n" + "\n".join(found)


def test_the_listener_check_catches_strings_and_raw_reads():
    """The check itself sees a string table name and a raw read, and passes the enum."""
    planted = (
        "change.touches('meeting')\n"
        "change.touches(Table.MEETING)\n"
        "ids = change.tables.get('observation')\n"
        "self.tables = ()\n"
    )
    assert [f.split(" ", 1)[1] for f in enum_less_listeners(planted, "x.py")] == [
        "touches() by string",
        "change.tables",
    ]


def status_bar_writers(source: str, name: str) -> list[str]:
    """'file:line' for each call of Qt's `showMessage` (the status bar's passing note)."""
    return [
        f"{name}:{node.lineno}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "showMessage"
    ]


def test_status_bar_notes_go_through_the_window():
    """Pages leave a passing note with `Workspace.say`; only the status line writes to Qt's bar.
    A page reaching for `window.statusBar()` again would break the day the bar moves or a test
    window has none, and the note would be lost."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.relative_to(UI).as_posix() != "status_line.py":
            found += status_bar_writers(path.read_text(encoding="utf-8"), path.name)
    assert found == [], "say it through the Workspace (window.say):\n" + "\n".join(found)


def test_the_status_bar_check_catches_a_direct_note():
    """The check itself sees a direct call, however the bar was reached, and passes `say`."""
    planted = (
        "window.statusBar().showMessage('Saved', 8000)\n"
        "bar = self.statusBar()\n"
        "bar.showMessage(text)\n"
        "self.window.say('Saved', 8)\n"
    )
    assert status_bar_writers(planted, "x.py") == ["x.py:1", "x.py:3"]


# What a UI module may not ask the store for: these return generic rows read by string key.
STORE_ROW_READS = ("rows", "row", "get", "query", "challenge")


def _is_store(node: ast.expr) -> bool:
    receiver = ast.unparse(node)
    return receiver == "cf" or receiver.endswith(".cf")


def store_row_reads(source: str, name: str) -> list[str]:
    """'file:line cf.rows' for each generic-row read of the store (`cf.get(...)`,
    `session.cf.rows(...)`, `cf.challenge()`...) and each statement run on its connection
    (`cf.conn.execute`); passing `cf.conn` to a core function is the core's business."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr in STORE_ROW_READS and _is_store(node.value):
            found.append(f"{name}:{node.lineno} cf.{node.attr}")
        elif (
            isinstance(node.value, ast.Attribute)
            and node.value.attr == "conn"
            and _is_store(node.value.value)
        ):
            found.append(f"{name}:{node.lineno} cf.conn.{node.attr}")
    return sorted(found, key=lambda f: int(f.split(":")[1].split()[0]))


def test_screens_read_typed_records_not_store_rows():
    """A screen reading `cf.get("peer", id)["name"]` fails with a KeyError in front of a
    council when a column is renamed; a read model's `Peer.name` fails mypy instead."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += store_row_reads(path.read_text(encoding="utf-8"), path.name)
    assert found == [], "a read model (core/records/read_models.py) instead:\n" + "\n".join(found)


def test_the_store_read_check_catches_each_way_in():
    """The check itself sees each way a screen could reach rows, and passes typed reads and
    dictionaries that are not the store."""
    planted = (
        "row = cf.get('peer', peer_id)\n"
        "names = {p['name'] for p in self.session.cf.rows('person')}\n"
        "first = session.cf.challenge()['onsite_start']\n"
        "cf.conn.execute('SELECT 1')\n"
        "key = passphrase_of(cf.conn)\n"
        "peer = read_models.peer(cf, peer_id)\n"
        "value = settings.get('numbered')\n"
    )
    assert [f.split(" ", 1)[1] for f in store_row_reads(planted, "x.py")] == [
        "cf.get",
        "cf.rows",
        "cf.challenge",
        "cf.conn.execute",
    ]


def _navigates_by_name(call: ast.Call) -> bool:
    """`getattr(window, "pages")`, `hasattr(page, "select_finding")`, `getattr(page.widget,
    "flush")`: a window or page asked for an attribute by string (the window asks a page
    through the protocols in ui/workspace.py instead)."""
    if not (isinstance(call.func, ast.Name) and call.func.id in ("getattr", "hasattr")):
        return False
    if len(call.args) < 2:
        return False
    target, name = ast.unparse(call.args[0]), call.args[1]
    if isinstance(name, ast.Constant) and name.value == "pages":
        return True
    return target.split(".")[-1] in ("window", "window_", "parent", "page", "widget", "workspace")


def string_navigation(source: str, name: str) -> list[str]:
    """'file:line' for each getattr/hasattr on a window, parent or page."""
    lines = {
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and _navigates_by_name(node)
    }
    return [f"{name}:{line}" for line in sorted(lines)]


def test_screens_navigate_through_the_workspace_not_by_attribute_names():
    """'Go to' once reached the Findings page by `getattr(window, "pages", {})` and a renamed
    method made it land nowhere, silently; `Workspace.go_to`/`page_widget` are checked."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += string_navigation(path.read_text(encoding="utf-8"), path.name)
    assert found == [], "use the Workspace protocol (ui/workspace.py):\n" + "\n".join(found)


def test_the_navigation_check_catches_getattr_on_a_window():
    """The check itself sees the old patterns and passes getattr on other things."""
    planted = (
        "page = getattr(window, 'pages', {}).get('findings')\n"
        "ok = hasattr(page, 'select_finding')\n"
        "w = getattr(getattr(parent, 'pages', {}).get('letter'), 'widget', None)\n"
        "call = getattr(page.widget, hook, None)\n"
        "value = getattr(where, column)\n"
    )
    assert string_navigation(planted, "x.py") == ["x.py:1", "x.py:2", "x.py:3", "x.py:4"]
