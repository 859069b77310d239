"""Lowering work's CPU priority (core.priority): the calling thread only, never raised
back, and never a reason to fail."""
from __future__ import annotations

import os
import sys
import threading

import pytest

from core import priority
from core.priority import BACKGROUND_NICE, lower_this_thread, thread_nice

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="per-thread nice: Linux")


def _in_a_thread(work):  # noqa: ANN001, ANN202
    result: list = []
    thread = threading.Thread(target=lambda: result.append(work()))
    thread.start()
    thread.join(10)
    return result[0]


@linux_only
def test_the_calling_thread_alone_is_lowered():
    before = thread_nice()

    def lowered() -> int:
        lower_this_thread()
        return thread_nice()

    assert _in_a_thread(lowered) == max(before, BACKGROUND_NICE)
    assert thread_nice() == before


@linux_only
def test_a_thread_already_lower_is_never_raised():
    def lowered_twice() -> tuple[int, int]:
        lower_this_thread(BACKGROUND_NICE + 5)
        lower_this_thread(BACKGROUND_NICE)
        return thread_nice(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert _in_a_thread(lowered_twice) == (BACKGROUND_NICE + 5,) * 2


def test_a_system_that_refuses_is_no_failure(monkeypatch):
    def refuse(*_):  # noqa: ANN002, ANN202
        raise PermissionError("not allowed")

    monkeypatch.setattr(priority.os, "setpriority", refuse, raising=False)
    monkeypatch.setattr(priority.os, "getpriority", lambda *_: 0, raising=False)
    _in_a_thread(lambda: lower_this_thread(BACKGROUND_NICE))  # returns; nothing raised
    _in_a_thread(lambda: priority.lower_this_process(BACKGROUND_NICE))
