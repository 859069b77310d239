"""Cold start of the installed (or frozen) LawDesk: launch to the login window drawn.

    .venv/bin/python benchmarks/cold_start.py [--lawdesk /usr/bin/lawdesk] [--runs 5]
                                              [--drop-caches]

Target (issue 21): within 3 s on this kind of machine. Each run starts the program as the
desktop entry would, up to the login window (`gui --login-window --screenshot`, offscreen
when there is no display), and takes the time until the window is up from the moment the
window reports it (LAWDESK_READY_FILE, as benchmarks/startup.py does for the main window).
The data folder is made once, by the same program, before the runs.

"Cold" means a new process each time. --drop-caches (root) also empties the kernel's page
cache before each run, so the program's files come from disk as after a reboot; it slows
everything else on the machine for a moment, so it is off by default, and runs without it
measure a start with the files already in memory (a second start after logging in).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_S = 3.0
PASSWORD = "bench-pass-1"
CANDIDATES = (Path("/usr/bin/lawdesk"), REPO / "build" / "frozen" / "lawdesk" / "lawdesk")


def find_program(given: str | None) -> Path:
    if given:
        return Path(given)
    for path in CANDIDATES:
        if path.exists():
            return path
    raise SystemExit("no installed or frozen LawDesk: install the .deb or run "
                     "installers/build-deb.sh, or name one with --lawdesk")


def environment() -> dict[str, str]:
    """A clean environment, as a desktop session starts programs (no LAWDESK_ variables,
    nothing of the development tree)."""
    env = {name: os.environ[name] for name in ("HOME", "PATH", "LANG", "DISPLAY",
                                                "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR")
           if name in os.environ}
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def drop_caches() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def one_start(program: Path, data_dir: Path, scratch: Path) -> float:
    ready = scratch / "ready.txt"
    ready.unlink(missing_ok=True)
    env = dict(environment(), LAWDESK_READY_FILE=str(ready))
    start = time.time()
    process = subprocess.Popen([str(program), "--data-dir", str(data_dir), "gui",
                                "--login-window", "--screenshot", str(scratch / "login.png")],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise RuntimeError("the login window never came up") from None
    if process.returncode != 0 or not ready.exists():
        raise RuntimeError(f"exit {process.returncode}: {err.decode(errors='replace')}")
    return float(ready.read_text()) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lawdesk", help="the program (default: the installed one, else "
                        "build/frozen/lawdesk/lawdesk)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--drop-caches", action="store_true",
                        help="empty the page cache before each run (root)")
    args = parser.parse_args()
    program = find_program(args.lawdesk)
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True,
                             env=environment(), check=True).stdout.strip()
    scratch = Path(tempfile.mkdtemp(prefix="lawdesk-cold-"))
    try:
        data_dir = scratch / "data"
        subprocess.run([str(program), "--data-dir", str(data_dir), "init", "--admin", "admin"],
                       env=dict(environment(), LAWDESK_PASSWORD=PASSWORD), check=True,
                       capture_output=True)
        times = []
        for run in range(1, args.runs + 1):
            if args.drop_caches:
                drop_caches()
            seconds = one_start(program, data_dir, scratch)
            times.append(seconds)
            print(f"run {run}: {seconds:.2f} s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    kind = "page cache dropped before each run" if args.drop_caches else "files in page cache"
    load = os.getloadavg()[0]
    print(f"{program} ({version}), launch to login window drawn, {kind}, load {load:.1f} on "
          f"{os.cpu_count()} cores: median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s over {len(times)} runs "
          f"(target {TARGET_S:.0f} s)")


if __name__ == "__main__":
    main()
