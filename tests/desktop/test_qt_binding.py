"""The Qt binding itself: a release that leaks references on every signal would make a
long-running window abort ("Fatal Python error: bool_dealloc") once the leaks add up. PySide6
6.12.0 dropped a reference to True on each signal delivered to a Python callable, queued or
direct; pyproject.toml excludes it, and this test keeps any release that does so out."""
from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_delivering_signals_leaks_no_references(qtbot):
    sender, heard = _Sender(), []
    sender.plain.connect(lambda: heard.append(1))
    sender.carrying.connect(lambda _value: heard.append(2))   # keeps no reference to it
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for _ in range(200):
        sender.plain.emit()
        sender.carrying.emit(None)
    worker = threading.Thread(target=lambda: [sender.carrying.emit(2) for _ in range(200)])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(heard) == 600)   # the queued ones, from the worker
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    # A few references may come and go with the test's own objects; 600 deliveries leaking
    # one each would show as hundreds.
    assert all(abs(a - b) < 20 for a, b in zip(after, before)), (before, after)
