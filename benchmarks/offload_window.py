"""Offloads several recorders at once from the window's Offload view, each in one of its
offload lanes (desktop.jobs.OFFLOADS_AT_ONCE), as an officer at a collection station does by
plugging them in one after the other; prints how long that took, as JSON.

Run by benchmarks/offload_devices.py (its "usb2x4win" configuration) inside its throttling
cgroup; not for people. The window (offscreen Qt) is opened and logged in first: a station's
window is already up when the recorders arrive, so the time counted runs from the first
offload's start to the last one's end, which includes each offload's own child process
starting (lawdesk.offload_process).

    python benchmarks/offload_window.py DATA_DIR SOURCE [SOURCE ...]
        (the password in LAWDESK_PASSWORD, the user "admin")
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.app import settle_heap  # noqa: E402
from desktop.jobs import JobRunner  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from desktop.session import UiSession  # noqa: E402
from lawdesk.workspace import Workspace  # noqa: E402


class _NoVolumes:
    """No automatic offloads: the driver starts each one itself."""

    def volumes(self) -> frozenset:
        return frozenset()


def main() -> int:
    data, sources = Path(sys.argv[1]), [Path(s) for s in sys.argv[2:]]
    app = QApplication([])
    workspace = Workspace.open(data)
    jobs = JobRunner()
    session = UiSession(workspace, workspace.login("admin", os.environ["LAWDESK_PASSWORD"]),
                        jobs, "zh_CN")
    window = MainWindow(session)
    window.footage.offload.watcher.source = _NoVolumes()
    window.show()
    settle_heap()
    app.processEvents()
    loop = QEventLoop()
    results: list[object] = []

    def finished(result: object) -> None:
        results.append(result)
        if len(results) == len(sources):
            loop.quit()

    started = time.perf_counter()
    for source in sources:
        window.footage.offload.start(source).finished.connect(finished)
    loop.exec()
    seconds = time.perf_counter() - started
    files = [{"source": o.source, "status": o.cli_status}
             for r in results if r is not None for o in r.files]
    print(json.dumps({"seconds": seconds, "offloads": len(results),
                      "failed_offloads": sum(r is None for r in results), "files": files}))
    window.close()
    jobs.shutdown()
    workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
