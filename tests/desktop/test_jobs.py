"""The job runner's lanes: offloads run side by side without holding up the window's reads,
and a job cancelled while it waits for its lane never runs."""
from __future__ import annotations

import threading

import pytest

from core.priority import thread_nice
from desktop.jobs import OFFLOADS_AT_ONCE


def test_offloads_run_side_by_side_and_reads_still_run_meanwhile(qtbot, runner):
    release = threading.Event()
    running = threading.Semaphore(0)

    def offload(progress, cancel):  # noqa: ANN001, ANN202 - stands in for a long offload
        running.release()
        release.wait(30)
        return "offloaded"

    finished: list[str] = []
    for _ in range(OFFLOADS_AT_ONCE):
        runner.submit(offload, on_success=finished.append, lane="offload")
    try:
        for _ in range(OFFLOADS_AT_ONCE):  # all of them at once, none waiting its turn
            assert running.acquire(timeout=10)
        runner.submit(lambda progress, cancel: "listed", on_success=finished.append)
        qtbot.waitUntil(lambda: finished == ["listed"], timeout=5_000)  # offloads still run
    finally:
        release.set()
    qtbot.waitUntil(lambda: len(finished) == OFFLOADS_AT_ONCE + 1, timeout=10_000)


def test_a_job_cancelled_while_it_waits_never_runs(qtbot, runner):
    release = threading.Event()
    runner.submit(lambda progress, cancel: release.wait(30), writes=True)  # holds the lane
    ran, ended = [], []
    waiting = runner.submit(lambda progress, cancel: ran.append("ran"), writes=True,
                            on_started=lambda: ran.append("started"),
                            on_success=lambda result: ended.append("succeeded"),
                            on_cancelled=lambda: ended.append("cancelled"))
    waiting.cancel()
    release.set()
    qtbot.waitUntil(lambda: ended == ["cancelled"], timeout=5_000)
    assert ran == []
    qtbot.waitUntil(lambda: runner.active == 0, timeout=5_000)


@pytest.mark.skipif(thread_nice() is None, reason="per-thread nice: Linux")
def test_every_lane_runs_at_the_window_s_own_priority(qtbot, runner):
    # A lowered worker holding the interpreter lock kept the window's thread waiting for it
    # while other programs had the CPU (core.priority).
    seen: dict[str, int] = {}
    for lane in ("read", "write", "sync", "offload"):
        runner.submit(lambda progress, cancel: thread_nice(), lane=lane,
                      on_success=lambda nice, lane=lane: seen.__setitem__(lane, nice))
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=5_000)
    assert set(seen.values()) == {thread_nice()}
