"""Audio capture's CPU share and memory (issue 18, item 7: < 3 % of one core, flat memory).

Two runs through the real recorder (capture.audio.AudioRecorder: PortAudio callback, bounded
queue, writer thread, WAV flushed every 0.5 s, space watch) and the real store, over ALSA
"file" devices made for the run (as tests/capture/conftest.py does; no sound card needed):

1. A simulated 2-hour recording (``--hours``), faster than real time: the device reads a
   regular file, so PortAudio delivers frames as fast as they are taken. Prints RSS every
   10 % of the way and the process CPU seconds per recorded second (an upper bound on the
   real-time share: PortAudio's thread spins on a clockless device, and flushes are per
   wall-clock second, so fewer per recorded second than live).
2. A real-time recording (``--live-seconds``) over a named pipe fed at exactly the audio
   rate by a separate process: CPU % of one core of the recording process, as live.
Both then stored (hashed, read back, recorded); storing time is printed too.

Run: .venv/bin/python benchmarks/capture_audio.py [--hours 2] [--live-seconds 30] [--rate 44100]
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SYSTEM_ALSA = "/usr/share/alsa/alsa.conf"
FEEDER = r"""
import os, sys, time
fifo, raw, rate = sys.argv[1], open(sys.argv[2], "rb").read(), int(sys.argv[3])
while True:
    fd = os.open(fifo, os.O_WRONLY)
    start, sent = time.monotonic(), 0
    try:
        while True:
            os.write(fd, raw[sent % len(raw):][:4096].ljust(4096, b"\0"))
            sent += 4096
            ahead = start + sent / (2 * rate) - time.monotonic() - 0.05
            if ahead > 0:
                time.sleep(ahead)
    except BrokenPipeError:
        os.close(fd)
"""


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def make_rig(folder: Path, rate: int) -> tuple[Path, Path]:
    t = np.arange(rate * 10) / rate
    tone = (6000 * np.sin(2 * np.pi * 220 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 0.5 * t)))
    raw = folder / "tone.raw"
    raw.write_bytes(tone.astype("<i2").tobytes())
    fifo = folder / "live.fifo"
    os.mkfifo(fifo)
    # The file device reads a file of the whole length: a few 10-second copies would do for
    # content, but it must not run dry, so it is a sparse file of zeros after the tone.
    long_raw = folder / "long.raw"
    with open(long_raw, "wb") as out:
        out.write(raw.read_bytes())
    conf = folder / "asoundrc"
    conf.write_text("".join(
        f'pcm.{name} {{\n  type file\n  slave.pcm "null"\n  file "/dev/null"\n'
        f'  infile "{infile}"\n  format "raw"\n}}\n'
        for name, infile in (("bench_fast", long_raw), ("bench_live", fifo))), "utf-8")
    os.environ["ALSA_CONFIG_PATH"] = f"{SYSTEM_ALSA}:{conf}"
    return long_raw, fifo


def open_workspace(folder: Path):  # noqa: ANN201
    from lawdesk.workspace import Workspace
    workspace = Workspace.open(folder / "data", create=True)
    workspace.initialise("admin", "bench-pass-12345")
    return workspace, workspace.login("admin", "bench-pass-12345")


def fast_run(workspace, ctx, seconds: float, rate: int, long_raw: Path) -> None:  # noqa: ANN001
    from capture.audio import AudioRecorder
    # Size the file so the device never reads past its end (reads past it give silence,
    # which is fine, but a sparse tail costs no disk).
    with open(long_raw, "r+b") as out:
        out.truncate(int(seconds * rate * 2) + rate * 2)
    recorder = AudioRecorder(workspace, device="bench_fast", case_id=None, step=None,
                             user=ctx, samplerate=rate, max_seconds=seconds)
    print(f"\n1. simulated {seconds / 3600:.2f} h at {rate} Hz mono, faster than real time")
    print(f"{'recorded':>10} {'wall s':>8} {'x real':>7} {'RSS MB':>8} {'queue':>6} {'dropped':>8}")
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    recorder.start()
    step = seconds / 10
    mark = step
    while not recorder.wait_ended(0.2):
        if recorder.elapsed_s >= mark:
            wall = time.monotonic() - wall0
            print(f"{recorder.elapsed_s:9.0f}s {wall:8.1f} {recorder.elapsed_s / wall:7.0f} "
                  f"{rss_mb():8.1f} {recorder._queue.qsize():6d} "  # noqa: SLF001
                  f"{recorder.dropped_blocks:8d}")
            mark += step
    wall = time.monotonic() - wall0
    cpu = cpu_seconds() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store0 = time.monotonic()
    record = recorder.stop()
    stored = time.monotonic() - store0
    print(f"recorded {record.duration_seconds:.0f} s ({record.size / 1e6:.0f} MB) in {wall:.1f} s "
          f"wall; CPU {cpu:.1f} s = {100 * cpu / record.duration_seconds:.2f} % of one core "
          f"per recorded second (upper bound); peak RSS {peak:.0f} MB; dropped blocks "
          f"{recorder.dropped_blocks}; stored (copy, hash, read back, record) in {stored:.1f} s")


def live_run(workspace, ctx, seconds: float, rate: int) -> None:  # noqa: ANN001
    from capture.audio import AudioRecorder
    if True:
        recorder = AudioRecorder(workspace, device="bench_live", case_id=None, step=None,
                                 user=ctx, samplerate=rate, max_seconds=seconds)
        print(f"\n2. live: {seconds:.0f} s in real time (feeder in its own process)")
        recorder.start()
        time.sleep(1)  # past the start-up
        cpu0, wall0, rss0 = cpu_seconds(), time.monotonic(), rss_mb()
        samples = []
        while not recorder.wait_ended(1.0):
            samples.append(rss_mb())
        cpu, wall = cpu_seconds() - cpu0, time.monotonic() - wall0
        record = recorder.stop()
    print(f"recorded {record.duration_seconds:.1f} s; CPU {100 * cpu / wall:.2f} % of one core "
          f"(target < 3 %); RSS {rss0:.1f} -> {max(samples or [rss0]):.1f} MB; dropped blocks "
          f"{recorder.dropped_blocks}, overflows {recorder.overflows}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hours", type=float, default=2.0)
    parser.add_argument("--live-seconds", type=float, default=30.0)
    parser.add_argument("--rate", type=int, default=44100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lawdesk-capture-bench-") as folder:
        folder = Path(folder)
        long_raw, fifo = make_rig(folder, args.rate)
        # Fed from the start: PortAudio opens every device when it starts, and opening the
        # pipe's device waits for a writer.
        feeder = subprocess.Popen([sys.executable, "-c", FEEDER, str(fifo),
                                   str(folder / "tone.raw"), str(args.rate)])
        workspace, ctx = open_workspace(folder)
        try:
            print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
            if args.hours > 0:
                fast_run(workspace, ctx, args.hours * 3600, args.rate, long_raw)
            if args.live_seconds > 0:
                live_run(workspace, ctx, args.live_seconds, args.rate)
        finally:
            workspace.close()
            feeder.kill()
            feeder.wait()
    return 0


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    sys.exit(main())
