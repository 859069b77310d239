"""The job runner's lanes: offloads run side by side without holding up the window's reads."""
from __future__ import annotations

import threading

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
