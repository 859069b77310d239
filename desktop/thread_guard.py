"""A check that the window never calls the database from its UI thread.

Installed on the workspace's database when a window's session starts: each session the
database opens asks whether it is on the Qt application's main thread with window code
(a ``desktop`` module) on the stack. If so the window would freeze for as long as the call
takes (up to SQLite's busy timeout behind an offload's commit), so it is reported, with
the stack, to the ``lawdesk.ui_thread`` logger. The tests fail on any such report
(tests/desktop/conftest.py); in the field it goes to the log file.

Code that runs before the window (opening the folder, deciding between first run and
login) is not window code, and test code arranging data calls services directly: neither
has a ``desktop`` frame above it and neither is reported."""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication

from db.database import Database

log = logging.getLogger("lawdesk.ui_thread")
_OURS = "desktop."
_starting = threading.local()


@contextmanager
def before_the_window() -> Iterator[None]:
    """Start-up's own decisions (is the folder set up? log in the user the command line
    named): made before any window is on screen, so there is nothing to freeze."""
    _starting.active = True
    try:
        yield
    finally:
        _starting.active = False


def _window_frame() -> str | None:
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith(_OURS) and module != __name__:
            return f"{module}:{frame.f_lineno} in {frame.f_code.co_name}"
        frame = frame.f_back
    return None


def check() -> None:
    # The Qt application's thread is Python's main thread; pool workers are not.
    if QCoreApplication.instance() is None or threading.current_thread() is not \
            threading.main_thread():
        return
    if getattr(_starting, "active", False):
        return
    where = _window_frame()
    if where is not None:
        log.warning("database called on the UI thread from %s\n%s", where,
                    "".join(traceback.format_stack(limit=25)))


def install(database: Database) -> None:
    database.on_session = check
