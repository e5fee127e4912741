"""The Qt binding itself must be safe to run for a whole on-site day.

PySide6-Essentials 6.12.0 loses one reference to `True` on every `.emit()` from Python; on
Python 3.11 the interpreter aborts with "bool_dealloc" after a few thousand emits, i.e. a peer's
window would crash mid-meeting. pyproject.toml keeps that release out; this test fails (or
aborts) if a leaking release comes back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    text = Signal(str)


def test_emitting_signals_from_python_keeps_reference_counts() -> None:
    emitter = _Emitter()
    received: list[str] = []
    emitter.bare.connect(lambda: received.append(""))
    emitter.text.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(300):
        emitter.bare.emit()
        emitter.text.emit(str(n))
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 600
    assert after == before
