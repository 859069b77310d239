"""Garbage is collected on the UI thread only (desktop.ui_thread_gc): a Qt object left in a
reference cycle and freed by a collection on a worker was destroyed there, and that
deadlocked the worker against the UI thread. Cycles a worker leaves behind are freed, on
the UI thread, soon after."""
from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from desktop import ui_thread_gc


class _Cyclic(QObject):
    destroyed_on: list[bool] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self  # a reference cycle: only a collection frees it

    def __del__(self) -> None:
        _Cyclic.destroyed_on.append(threading.current_thread() is threading.main_thread())


def test_with_a_job_runner_collection_is_the_ui_threads(qtbot, runner):
    assert not gc.isenabled()  # the runner switched automatic collection off

    def make_garbage(progress, cancel):  # noqa: ANN001, ANN202 - a job on a worker
        made = _Cyclic()
        alive = weakref.ref(made)
        del made
        # Objects kept: the interpreter's count of them passes the youngest threshold.
        kept = [[] for _ in range(3 * gc.get_threshold()[0])]
        return alive, kept

    done: list[tuple[weakref.ref, list]] = []
    runner.submit(make_garbage, on_success=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    qtbot.waitUntil(lambda: done[0][0]() is None, timeout=5_000)  # freed, by the timer
    assert _Cyclic.destroyed_on == [True]


def test_the_interpreter_collects_again_once_every_runner_is_shut_down(qapp):
    from desktop.jobs import JobRunner
    first, second = JobRunner(), JobRunner()
    assert not gc.isenabled()
    assert first.shutdown() and first.shutdown()  # twice: counted once
    assert not gc.isenabled()
    assert second.shutdown()
    assert gc.isenabled()


def test_the_collection_due_follows_the_interpreters_thresholds(runner):
    collector = ui_thread_gc.install()
    ui_thread_gc.release()
    gc.collect()
    assert collector.collect_due() == 0  # nothing due just after a full collection
    threshold = gc.get_threshold()[0]
    garbage = []
    for _ in range(threshold + 1):
        cycle: list = []
        cycle.append(cycle)
        garbage.append(cycle)
    garbage.clear()
    assert collector.collect_due() >= threshold  # the cycles, found by a young collection
