"""Offloading footage: `lawdesk ingest` against copying with standard tools.

Generates a recorder-like card (a few large files, many small ones, GA/T 947 names, an id
file), then times on the same files:

  1. cp -r + sync                                  (a copy, nothing proven)
  2. cp -r + sync + sha256sum of source and copy   (a copy proven by hand)
  3. lawdesk ingest                                (one read of each file feeding SHA-256
                                                    and the staging file at once; the
                                                    staging file flushed and read back in
                                                    rounds behind the writer, through the
                                                    page cache or from the disk as the
                                                    setting footage.readback says, hashed
                                                    again and compared; linked read-only
                                                    into the store, probed, thumbnailed and
                                                    recorded as verified with its ledger
                                                    entries)

and prints the ratios and the ingest's peak memory (RSS). Then offloads several cards side
by side (several recorders plugged in at once). Page caches are dropped before each timed
run when the machine allows it (root on Linux), so every route reads from the disk.

On a busy machine the figures vary from run to run: ``--runs N`` times each route N times,
alternating, and reports the best of each (each ingest into a fresh data folder), and each
run's ingest against that run's cp; the load average is printed before and after. Memory is
the peak of the ingest's process and its media-probing process together.

    .venv/bin/python benchmarks/ingest.py --total-mb 2048 [--runs 3] [--readback disk]
                                          [--cards 2] [--workdir DIR]

Targets (issue 3): ingest <= 0.7x route 2, <= 1.3x route 1; memory < 300 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "bench-pass-1"
MIB = 1 << 20


def _video_head(directory: Path) -> bytes:
    """One second of real 320x240 MJPG video in AVI: each file starts with it, so opencv
    probes the files as the recordings they stand for."""
    import cv2
    import numpy as np
    path = directory / "head.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, (320, 240))
    rng = np.random.default_rng(0)
    for _ in range(30):
        writer.write(rng.integers(0, 255, (240, 320, 3), np.uint8))
    writer.release()
    data = path.read_bytes()
    path.unlink()
    return data


def make_card(root: Path, total: int, seed: int) -> int:
    """About ``total`` bytes: 70% in three large files, the rest in files of 1 to 8 MiB;
    each a real video followed by random bytes (what matters here is the size)."""
    rng = random.Random(seed)
    (root / "RECORD").mkdir(parents=True)
    (root / "DEVICE.TXT").write_text(f"SN=BENCH{seed:03d}\n")
    head = _video_head(root)
    sizes = [int(total * 0.7 / 3)] * 3
    rest = total - sum(sizes)
    while rest > 0:
        size = max(min(rest, rng.randint(1 * MIB, 8 * MIB)), len(head) + 65536)
        sizes.append(size)
        rest -= size
    written = 0
    block = os.urandom(4 * MIB)
    for index, size in enumerate(sizes, start=1):
        name = f"BENCH{seed:03d}_22010001_202606151{index % 60:02d}000_{index:04d}.AVI"
        with open(root / "RECORD" / name, "wb") as handle:
            handle.write(head)
            left = size - len(head)
            while left:
                piece = min(left, len(block))
                # A fresh prefix per chunk, so no two files or chunks are alike.
                handle.write(os.urandom(min(piece, 64)) + block[64:piece])
                left -= piece
        written += size
    return written


def drop_caches() -> bool:
    subprocess.run(["sync"], check=True)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def timed(commands: list[list[str]], *, env: dict | None = None) -> tuple[float, int]:
    """Wall time of running ``commands`` one after the other, and the largest peak memory
    (KiB) of any of them: on Linux the peak of the resident sets of the command and every
    process it starts, added up (sampled; the ingest probes media in a process of its own),
    elsewhere the peak RSS of the largest process alone."""
    start = time.perf_counter()
    peak = 0
    for command in commands:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        sampler = _TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode()}")
        peak = max(peak, usage.ru_maxrss, sampler.peak_kib)
    return time.perf_counter() - start, peak


class _TreeMemory:
    """Samples the resident memory of a process and its descendants every 20 ms."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kib = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        if Path("/proc/self/status").exists():
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak_kib = max(self.peak_kib, sum(_rss_kib(pid) for pid in _tree(self.pid)))

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def _tree(pid: int) -> list[int]:
    pids, index = [pid], 0
    while index < len(pids):
        for task in Path(f"/proc/{pids[index]}/task").glob("*/children"):
            try:
                pids.extend(int(child) for child in task.read_text().split())
            except OSError:
                pass
        index += 1
    return pids


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def files_of(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*") if p.is_file())


def lawdesk(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "lawdesk", "--data-dir", str(data), "--user", "admin", *args]


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _runs(times: list[float]) -> str:
    return f"best of {len(times)}: " + ", ".join(f"{t:.2f}" for t in times) \
        if len(times) > 1 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total-mb", type=int, default=1024, help="size of the card")
    parser.add_argument("--runs", type=int, default=1,
                        help="time each route this many times and report the best")
    parser.add_argument("--readback", choices=("cache", "disk"), default="cache",
                        help="the setting footage.readback for the ingest (default: cache)")
    parser.add_argument("--cards", type=int, default=2,
                        help="cards offloaded side by side in the last run")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where to make the files (default: a temporary folder)")
    options = parser.parse_args()
    total = options.total_mb * MIB
    scratch = Path(tempfile.mkdtemp(prefix="lawdesk-bench-", dir=options.workdir))
    env = {**os.environ, "LAWDESK_PASSWORD": PASSWORD, "PYTHONPATH": str(REPO)}
    try:
        card = scratch / "card"
        size = make_card(card, total, seed=1)
        count = len(files_of(card))
        print(f"card: {count} files, {size / MIB:.0f} MiB (3 large, {count - 4} small, id file)")
        print(f"load average before: {_load()}")

        cold = drop_caches()
        cp_times, sums_times, ingest_times, ingest_rss = [], [], [], 0
        data = scratch / "data"
        for _ in range(options.runs):
            drop_caches()
            cp_times.append(timed([["cp", "-r", str(card), str(scratch / "copy1")],
                                   ["sync"]])[0])
            shutil.rmtree(scratch / "copy1")
            drop_caches()
            sums_times.append(timed([["cp", "-r", str(card), str(scratch / "copy2")], ["sync"],
                                     ["sha256sum", *files_of(card)],
                                     ["sha256sum", *files_of(scratch / "copy2")]])[0])
            shutil.rmtree(scratch / "copy2")
            shutil.rmtree(data, ignore_errors=True)  # a fresh store: nothing to resume
            subprocess.run(lawdesk(data, "init", "--admin", "admin"), env=env, check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run(lawdesk(data, "settings", "set", "footage.readback",
                                   options.readback), env=env, check=True,
                           stdout=subprocess.DEVNULL)
            drop_caches()
            seconds, rss = timed([lawdesk(data, "ingest", str(card), "--json")], env=env)
            ingest_times.append(seconds)
            ingest_rss = max(ingest_rss, rss)
        cp_time, sums_time, ingest_time = min(cp_times), min(sums_times), min(ingest_times)
        startup, _ = timed([lawdesk(data, "footage", "sessions", "--limit", "1")], env=env)

        print(f"page caches dropped before each run: {'yes' if cold else 'no (not root)'}")
        print(f"cp -r + sync:                         {cp_time:7.2f} s "
              f"({size / MIB / cp_time:6.0f} MiB/s)  {_runs(cp_times)}")
        print(f"cp -r + sync + sha256sum (src, copy): {sums_time:7.2f} s  {_runs(sums_times)}")
        print(f"lawdesk ingest (read-back: {options.readback + '):':6} {ingest_time:7.2f} s "
              f"({size / MIB / ingest_time:6.0f} MiB/s; of which ~{startup:.2f} s is starting "
              f"the command and logging in)  {_runs(ingest_times)}")
        print(f"ratio ingest / (cp + sha256sum):      {ingest_time / sums_time:7.2f}  "
              "(target <= 0.7)")
        print(f"ratio ingest / cp:                    {ingest_time / cp_time:7.2f}  "
              "(target <= 1.3)")
        if options.runs > 1:
            # Each run's ingest against the cp of the same run, seconds apart: on a machine
            # whose disk or page cache speeds up and slows down (a virtual machine's), the
            # two bests above can come from different stretches.
            pairs = [i / c for i, c in zip(ingest_times, cp_times, strict=True)]
            print(f"  run by run: {', '.join(f'{r:.2f}' for r in pairs)} "
                  f"(median {statistics.median(pairs):.2f})")
        print(f"ingest peak memory (RSS, with its probing process): {ingest_rss / 1024:.0f} MiB "
              "(target < 300)")

        cards = []
        for n in range(options.cards):
            cards.append(scratch / f"side{n}")
            make_card(cards[-1], total // options.cards, seed=10 + n)
        drop_caches()
        start = time.perf_counter()
        children = [subprocess.Popen(lawdesk(data, "ingest", str(c), "--json"), env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                    for c in cards]
        samplers = [_TreeMemory(child.pid) for child in children]
        peaks, stored = [], 0
        for child, sampler in zip(children, samplers, strict=True):
            _, status, usage = os.wait4(child.pid, 0)
            sampler.stop()
            peaks.append(max(usage.ru_maxrss, sampler.peak_kib))
            report = json.loads(child.stdout.read())
            assert os.waitstatus_to_exitcode(status) == 0, child.stderr.read()
            stored += report["bytes_copied"]
        side = time.perf_counter() - start
        print(f"{options.cards} cards side by side:      {side:7.2f} s for {stored / MIB:.0f} MiB "
              f"({stored / MIB / side:.0f} MiB/s together; peak RSS "
              f"{max(peaks) / 1024:.0f} MiB each at most, with its probing process)")
        verify_time, _ = timed([[sys.executable, "-m", "lawdesk", "--data-dir", str(data),
                                 "verify"]], env=env)
        print(f"lawdesk verify (ledger + re-hash of the store): {verify_time:.2f} s")
        print(f"load average after: {_load()}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
