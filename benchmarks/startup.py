"""How fast LawDesk starts.

Targets (issue 2): `lawdesk --version` within 0.3 s; main window ready within 1.5 s of launch.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
PASSWORD = "bench-pass-1"


def lawdesk(*args: str, env: dict | None = None) -> list[str]:
    return [sys.executable, "-m", "lawdesk", *args]


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def window_ready(data_dir: Path, env: dict) -> float:
    ready = data_dir / "ready.txt"
    ready.unlink(missing_ok=True)
    child_env = dict(env, LAWDESK_READY_FILE=str(ready), LAWDESK_PASSWORD=PASSWORD)
    start = time.time()
    process = subprocess.Popen(lawdesk("--data-dir", str(data_dir), "--user", "admin", "gui"),
                               env=child_env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 30
        while not ready.exists() or not ready.read_text().strip():
            if time.time() > deadline or process.poll() is not None:
                raise RuntimeError("the window never came up")
            time.sleep(0.01)
        return float(ready.read_text()) - start
    finally:
        process.terminate()
        process.wait(10)


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    version = [timed(lawdesk("--version"), env) for _ in range(RUNS)]
    print(f"lawdesk --version: median {statistics.median(version) * 1000:.0f} ms, "
          f"max {max(version) * 1000:.0f} ms over {RUNS} runs (target 300 ms)")
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        subprocess.run(lawdesk("--data-dir", str(data_dir), "init", "--admin", "admin"),
                       env=dict(env, LAWDESK_PASSWORD=PASSWORD), check=True,
                       capture_output=True)
        ready = [window_ready(data_dir, env) for _ in range(RUNS)]
    print(f"launch to main window drawn (log-in included): median "
          f"{statistics.median(ready) * 1000:.0f} ms, max {max(ready) * 1000:.0f} ms "
          f"over {RUNS} runs (target 1500 ms)")


if __name__ == "__main__":
    main()
