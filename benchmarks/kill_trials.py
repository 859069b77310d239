"""Kill `lawdesk ingest` with SIGKILL at random moments, many times, and check after every
kill that `lawdesk verify` finds nothing wrong (issue: a crash must never make verify cry
tampering). Prints how many trials killed the ingest mid-run, how many left manifests for
the next ingest to record (verify's notes), and every trial whose verify failed.

    .venv/bin/python benchmarks/kill_trials.py --trials 100

Linux or macOS (SIGKILL). Each trial: a card of a few files (a new seed each time, so
most of every card is new), one ingest killed after a random delay, one `verify --json`.
At the end one ingest runs to completion and verify must still be clean.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-pass-1"


def lawdesk(data: Path, *args: str, wait: bool = True):  # noqa: ANN201
    command = [sys.executable, "-m", "lawdesk", "--data-dir", str(data), "--user", "admin",
               *args]
    env = {**os.environ, "LAWDESK_PASSWORD": PASSWORD, "QT_QPA_PLATFORM": "offscreen"}
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)


def make_card(folder: Path, rng: random.Random, files: int, size: int) -> None:
    for i in range(files):
        path = folder / "DCIM" / f"clip{i:03d}.mp4"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(size + rng.randrange(4096)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--file-kb", type=int, default=2048)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"seed {args.seed}")
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        init = subprocess.run([sys.executable, "-m", "lawdesk", "--data-dir", str(data), "init",
                               "--admin", "admin"], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "LAWDESK_PASSWORD": PASSWORD})
        if init.returncode:
            print(init.stderr)
            return 1
        # How long a whole ingest takes, to spread the kills over it.
        card = Path(scratch) / "card-0"
        make_card(card, rng, args.files, args.file_kb * 1024)
        started = time.monotonic()
        lawdesk(data, "ingest", str(card))
        whole = time.monotonic() - started
        print(f"one whole ingest: {whole:.2f} s")
        killed = notes = 0
        failures = []
        for trial in range(1, args.trials + 1):
            card = Path(scratch) / f"card-{trial}"
            make_card(card, rng, args.files, args.file_kb * 1024)
            child = lawdesk(data, "ingest", str(card), wait=False)
            time.sleep(rng.uniform(0.05, whole * 1.1))
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
                killed += 1
            child.wait()
            checked = lawdesk(data, "verify", "--json")
            report = json.loads(checked.stdout) if checked.stdout else {}
            notes += bool(report.get("store", {}).get("notes"))
            if checked.returncode != 0:
                failures.append((trial, checked.stdout[-2000:] + checked.stderr[-2000:]))
        final = lawdesk(data, "ingest", str(card))
        end = lawdesk(data, "verify", "--json")
        print(f"trials: {args.trials}; killed mid-run: {killed}; verify noted a crashed "
              f"session's manifests after {notes}; verify failed after {len(failures)}")
        print(f"final ingest exit {final.returncode}; final verify exit {end.returncode}")
        for trial, text in failures:
            print(f"--- trial {trial} ---\n{text}")
        return 0 if not failures and end.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
