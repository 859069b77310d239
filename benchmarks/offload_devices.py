"""Offloading real block devices: `lawdesk ingest` against `cp -r` + `sync`, cold, at USB speeds.

Builds simulated recorders itself: for each, an ext4 image attached to a loop device with
direct I/O (``losetup --direct-io=on``, so the image's own pages are never cached), filled
with what a GA/T 947 body camera's volume holds (DEVICE.TXT, DCIM/100MEDIA with large
segmented recordings, short clips, photos, audio; each video file a real MP4 written by
opencv followed by random bytes up to its size). Reads from the devices are limited to a USB
speed with the cgroup v1 blkio throttle (blkio.throttle.read_bps_device for the loop
devices' major:minor); the measured commands run inside that cgroup. Writes (the copy, the
store, the read-back from the data folder's disk) are not limited.

Three configurations, each timed ``--runs`` times, cp and LawDesk alternately (the order
swapped every run), every device unmounted and mounted again and the caches dropped before
every timed command, so nothing is read from memory:

  one recorder at 120 MB/s (USB 3)         cp -r + sync   vs  lawdesk ingest
  four recorders at 40 MB/s each (USB 2)   4 x cp -r, sync vs 4 x lawdesk ingest at once,
                                           all on one data folder
  four recorders at 40 MB/s each, in the   4 x cp -r, sync vs the window's Offload view,
  window's four offload lanes              one offload per recorder, one data folder
  one recorder, no limit (the disk's own speed)

LawDesk's time is the whole command, start-up, login and all (`lawdesk ingest --json`,
each run into a fresh data folder with footage.readback as ``--readback`` says, default
"disk"). In the window's configuration it is from the first offload's start to the last
one's end in an already open, logged-in window (offscreen Qt, benchmarks/offload_window.py):
each offload's child process starts inside that time. cp's is `cp -r` then `sync`. Each
line gives both, the ratio and how busy the machine was meanwhile: "CPU not ours" is the
share of all CPUs (/proc/stat) not charged to the measured commands, i.e. other people's
processes plus kernel threads (among them the loop devices' and the write-back's, which
work for both routes); and the load average.
"lawdesk CPU" is the CPU time of the ingest processes and their media-probing processes.

The loop images live on the same disk as the data folder (``--workdir``, default a folder
under /var/tmp): at the unthrottled speed the device's reads and the store's writes and
read-back share one disk, as they would not with a real recorder.

Needs root (loop devices, mount, the blkio cgroup, dropping caches) and Linux with cgroup
v1 blkio; says so and exits 0 without measuring otherwise. Not part of the test suite.

    sudo .venv/bin/python benchmarks/offload_devices.py [--runs 3] [--card-mb 1024]
        [--four-card-mb 512] [--only usb3,usb2x4,usb2x4win,disk] [--readback disk]
        [--workdir DIR]

Targets (issue 22): ingest <= 1.10x cp at 120 and at 4 x 40 MB/s (CLI and window); <= 2.0x
at the disk's own speed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from lawdesk.warm_start import uncompiled_note  # noqa: E402 - stdlib only, after the path
BLKIO = Path("/sys/fs/cgroup/blkio")
PASSWORD = "bench-pass-1"
MB = 1000 * 1000      # USB speeds are quoted in decimal megabytes
MIB = 1 << 20
WINDOW_DRIVER = Path(__file__).resolve().with_name("offload_window.py")
TARGETS = {"usb3": 1.10, "usb2x4": 1.10, "usb2x4win": 1.10, "disk": 2.0}


@dataclass(frozen=True)
class Config:
    key: str
    title: str
    cards: int
    card_mb: int
    bps: int | None           # read limit per device, bytes per second
    window: bool = False      # through the window's offload lanes, not `lawdesk ingest`


# ------------------------------------------------------------------ preconditions
def cannot_run() -> str | None:
    """Why this machine cannot run the benchmark, or None."""
    if not sys.platform.startswith("linux"):
        return "needs Linux (loop devices, the blkio cgroup)"
    if os.geteuid() != 0:
        return "needs root (loop devices, mount, the blkio cgroup, dropping caches)"
    if not (BLKIO / "blkio.throttle.read_bps_device").exists():
        return f"needs the cgroup v1 blkio controller at {BLKIO}"
    for tool in ("losetup", "mkfs.ext4", "mount", "umount", "cp", "sync"):
        if shutil.which(tool) is None:
            return f"needs {tool}"
    return None


def run(*command: str, **kwargs) -> subprocess.CompletedProcess:  # noqa: ANN003
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


# --------------------------------------------------------------------- recorders
def video_head(scratch: Path) -> bytes:
    """One second of real 640x360 MPEG-4 video in an MP4 container: every video file starts
    with it, so the offload's probe (opencv) reads each file as the recording it stands
    for; the bytes after it are random (what matters here is the size)."""
    import cv2
    import numpy as np
    path = scratch / "head.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30, (640, 360))
    rng = np.random.default_rng(0)
    for _ in range(30):
        writer.write(rng.integers(0, 255, (360, 640, 3), np.uint8))
    writer.release()
    data = path.read_bytes()
    path.unlink()
    return data


def card_files(total: int, rng: random.Random) -> list[tuple[str, int]]:
    """(kind, size) of a recorder's files adding up to about ``total`` bytes: a body camera
    cuts a long recording into segments (here 5 minutes of 1080p at ~8 Mbit/s, ~300 MB),
    with short clips, photos and audio notes besides."""
    files, left = [], total
    while left > 0:
        pick = rng.random()
        if pick < 0.45:
            kind, size = "MP4", 300 * MB
        elif pick < 0.75:
            kind, size = "MP4", rng.randint(20 * MB, 120 * MB)
        elif pick < 0.9:
            kind, size = "JPG", rng.randint(1 * MB, 3 * MB)
        else:
            kind, size = "WAV", rng.randint(3 * MB, 15 * MB)
        size = min(size, left) if left > 4 * MB else left
        files.append((kind, max(size, 4 * MB if kind == "MP4" else 256 * 1024)))
        left -= size
    return files


def fill_card(root: Path, serial: str, total: int, head: bytes, seed: int) -> int:
    rng = random.Random(seed)
    (root / "DEVICE.TXT").write_text(f"SN={serial}\n")
    media = root / "DCIM" / "100MEDIA"
    media.mkdir(parents=True)
    block = os.urandom(4 * MIB)
    written = 0
    for index, (kind, size) in enumerate(card_files(total, rng), start=1):
        start = f"20261207{8 + index // 12:02d}{index * 5 % 60:02d}00"
        path = media / f"{serial}_22010001_{start}_{index:04d}.{kind}"
        with open(path, "wb") as handle:
            first = head[:size] if kind == "MP4" else os.urandom(min(size, 4096))
            handle.write(first)
            left = size - len(first)
            while left:
                piece = min(left, len(block))
                # A fresh prefix per chunk: no two chunks or files are alike.
                handle.write(os.urandom(min(piece, 64)) + block[64:piece])
                left -= piece
        written += size
    return written


class Recorder:
    """An ext4 image on a loop device with direct I/O, mounted read-only at ``mount``."""

    def __init__(self, image: Path, mount: Path) -> None:
        self.image, self.mount = image, mount
        self.device: str | None = None
        self.files = self.size = 0

    def build(self, serial: str, total: int, head: bytes, seed: int) -> None:
        with open(self.image, "wb") as handle:  # sparse: room for the files and ext4's own
            handle.truncate(int(total * 1.1) + 128 * MIB)
        self.device = run("losetup", "--direct-io=on", "--show", "-f",
                          str(self.image)).stdout.strip()
        run("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0",
            "-L", serial, self.device)
        self.mount.mkdir(parents=True, exist_ok=True)
        run("mount", self.device, str(self.mount))
        self.size = fill_card(self.mount, serial, total, head, seed)
        self.files = sum(1 for p in self.mount.rglob("*") if p.is_file())
        run("umount", str(self.mount))
        run("mount", "-o", "ro", self.device, str(self.mount))

    def remount(self) -> None:
        """Unmount and mount again: the file system's cached pages go with the unmount (and
        the loop device's direct I/O keeps the image out of the cache), so the next read
        comes from the disk, through the throttle."""
        run("umount", str(self.mount))
        run("mount", "-o", "ro", self.device, str(self.mount))

    @property
    def major_minor(self) -> str:
        st = os.stat(self.device)
        return f"{os.major(st.st_rdev)}:{os.minor(st.st_rdev)}"

    def remove(self) -> None:
        if self.device is None:
            return
        subprocess.run(["umount", str(self.mount)], capture_output=True)
        subprocess.run(["losetup", "-d", self.device], capture_output=True)
        self.device = None


class Throttle:
    """A blkio cgroup whose read limit applies to the given devices; commands run in it."""

    def __init__(self) -> None:
        self.path = BLKIO / f"lawdesk-offload-bench-{os.getpid()}"
        self.path.mkdir()

    def limit(self, recorders: list[Recorder], bps: int | None) -> None:
        for recorder in recorders:  # 0 removes a device's limit
            (self.path / "blkio.throttle.read_bps_device").write_text(
                f"{recorder.major_minor} {bps or 0}\n")

    def enter(self) -> None:  # in the child, before it runs the command
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def remove(self) -> None:
        try:
            self.path.rmdir()
        except OSError:
            pass


# ----------------------------------------------------------------------- timing
def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


@dataclass
class Timing:
    seconds: float
    own_cpu: float          # CPU seconds of the measured commands and their children
    others: float           # share of all CPUs not charged to the commands meanwhile
    load: float


def timed(batches: list[list[list[str]]], throttle: Throttle, env: dict) -> Timing:
    """Run each batch's commands at once, one batch after the other; wall time of it all,
    and how much of the machine's CPU other processes (other people's work) took meanwhile."""
    busy0, total0 = cpu_ticks()
    before = os.times()
    started = time.perf_counter()
    reported: list[float] = []  # the window driver's own count (see offload_window.py)
    for batch in batches:
        children = [subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, preexec_fn=throttle.enter)
                    for command in batch]
        for child in children:
            out, err = child.communicate()
            if child.returncode != 0:
                raise SystemExit(f"{' '.join(child.args[:4])}... failed ({child.returncode}):"
                                 f"\n{err.decode(errors='replace')[-2000:]}")
            reported.extend(_check_ingest(child.args, out))
    seconds = time.perf_counter() - started
    if reported:
        seconds = reported[0]
    after = os.times()
    busy1, total1 = cpu_ticks()
    own = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    hz = os.sysconf("SC_CLK_TCK")
    others = max(0.0, (busy1 - busy0 - own * hz) / max(total1 - total0, 1))
    return Timing(seconds, own, others, os.getloadavg()[0])


def _check_ingest(args: list[str], out: bytes) -> list[float]:
    """Refuse a run that did not store every file; the seconds the window driver counted."""
    window = any(str(arg).endswith(WINDOW_DRIVER.name) for arg in args)
    if "ingest" not in args and not window:
        return []
    report = json.loads(out)
    failed = [f for f in report["files"] if f["status"] != "stored"]
    if failed or report.get("failed_offloads"):
        raise SystemExit(f"the offload did not store every file: {failed[:3]}")
    return [report["seconds"]] if window else []


def lawdesk(data: Path, *args: str) -> list[str]:
    entry = REPO / ".venv" / "bin" / "lawdesk"  # the command an officer's script would run
    head = [str(entry)] if entry.exists() else [sys.executable, "-m", "lawdesk"]
    return [*head, "--data-dir", str(data), "--user", "admin", *args]


def window_offloads(data: Path, sources: list[Path]) -> list[str]:
    return [sys.executable, str(WINDOW_DRIVER), str(data), *map(str, sources)]


def fresh_data(data: Path, readback: str, env: dict) -> None:
    shutil.rmtree(data, ignore_errors=True)
    subprocess.run(lawdesk(data, "init", "--admin", "admin"), env=env, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(lawdesk(data, "settings", "set", "footage.readback", readback), env=env,
                   check=True, stdout=subprocess.DEVNULL)


def measure(config: Config, recorders: list[Recorder], throttle: Throttle, scratch: Path,
            options: argparse.Namespace, env: dict) -> list[tuple[Timing, Timing]]:
    throttle.limit(recorders, config.bps)
    pairs = []
    for number in range(options.runs):
        results: dict[str, Timing] = {}
        order = ("cp", "lawdesk") if number % 2 == 0 else ("lawdesk", "cp")
        for route in order:
            copies = [scratch / f"copy{i}" for i in range(len(recorders))]
            data = scratch / "data"
            for copy in copies:
                shutil.rmtree(copy, ignore_errors=True)
            if route == "lawdesk":
                fresh_data(data, options.readback, env)
            drop_caches()
            for recorder in recorders:
                recorder.remount()
            if route == "cp":
                batches = [[["cp", "-r", str(r.mount), str(c)]
                            for r, c in zip(recorders, copies, strict=True)], [["sync"]]]
            elif config.window:
                batches = [[window_offloads(data, [r.mount for r in recorders])]]
            else:
                batches = [[lawdesk(data, "ingest", str(r.mount), "--json")
                            for r in recorders]]
            results[route] = timed(batches, throttle, env)
        pairs.append((results["cp"], results["lawdesk"]))
        cp, ld = results["cp"], results["lawdesk"]
        print(f"  run {number + 1}: cp {cp.seconds:6.2f} s  lawdesk {ld.seconds:6.2f} s  "
              f"ratio {ld.seconds / cp.seconds:5.2f}  (lawdesk CPU {ld.own_cpu:5.1f} s; "
              f"CPU not ours {cp.others:4.0%} / {ld.others:4.0%} during cp / lawdesk, "
              f"load {cp.load:.2f} / {ld.load:.2f})", flush=True)
    throttle.limit(recorders, None)
    return pairs


def summary(config: Config, pairs: list[tuple[Timing, Timing]], size: int) -> None:
    ratios = [ld.seconds / cp.seconds for cp, ld in pairs]
    target = TARGETS[config.key]
    met = sum(r <= target for r in ratios)
    best_cp = min(cp.seconds for cp, _ in pairs)
    best_ld = min(ld.seconds for _, ld in pairs)
    print(f"  {config.title}: cp best {best_cp:.2f} s ({size / MB / best_cp:.0f} MB/s), "
          f"lawdesk best {best_ld:.2f} s ({size / MB / best_ld:.0f} MB/s); ratios "
          f"{', '.join(f'{r:.2f}' for r in ratios)}; target <= {target:.2f}: met in "
          f"{met} of {len(ratios)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--card-mb", type=int, default=1024,
                        help="size of the single recorder's card (MB)")
    parser.add_argument("--four-card-mb", type=int, default=512,
                        help="size of each of the four recorders' cards (MB)")
    parser.add_argument("--only", default="usb3,usb2x4,usb2x4win,disk",
                        help="configurations to run: usb3, usb2x4, usb2x4win, disk")
    parser.add_argument("--readback", choices=("cache", "disk"), default="disk",
                        help="the setting footage.readback for the ingest (default: disk)")
    parser.add_argument("--workdir", type=Path, default=Path("/var/tmp"),
                        help="where the images, copies and data folder go")
    options = parser.parse_args()
    reason = cannot_run()
    if reason:
        print(f"offload_devices: skipped: {reason}")
        return 0
    if note := uncompiled_note():
        print(note)
    wanted = set(options.only.split(","))
    configs = [c for c in (
        Config("usb3", "one recorder at 120 MB/s", 1, options.card_mb, 120 * MB),
        Config("usb2x4", "four recorders at 40 MB/s each, four processes, one data folder",
               4, options.four_card_mb, 40 * MB),
        Config("usb2x4win", "four recorders at 40 MB/s each, the window's four lanes",
               4, options.four_card_mb, 40 * MB, window=True),
        Config("disk", "one recorder, no limit (the disk's own speed)", 1, options.card_mb,
               None),
    ) if c.key in wanted]
    scratch = Path(tempfile.mkdtemp(prefix="lawdesk-devices-", dir=options.workdir))
    env = {**os.environ, "LAWDESK_PASSWORD": PASSWORD, "PYTHONPATH": str(REPO)}
    env.pop("LAWDESK_HOME", None)
    # An installed LawDesk runs from compiled bytecode: let the first run write it (a shell
    # that forbids it would have every run compile the sources again, ~0.7 s of start-up).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    recorders: list[Recorder] = []
    throttle = Throttle()
    try:
        head = video_head(scratch)
        single = Recorder(scratch / "rec0.img", scratch / "mnt" / "rec0")
        four = [Recorder(scratch / f"rec{i}.img", scratch / "mnt" / f"rec{i}")
                for i in range(1, 5)]
        if wanted & {"usb3", "disk"}:
            recorders.append(single)
            single.build("J000100", options.card_mb * MB, head, seed=100)
        if wanted & {"usb2x4", "usb2x4win"}:
            recorders.extend(four)
            for n, recorder in enumerate(four, start=1):
                recorder.build(f"J00010{n}", options.four_card_mb * MB, head, seed=100 + n)
        print(f"workdir {scratch} ({_disk_of(scratch)}): the loop images are on the same disk "
              f"as the data folder and the copies")
        print(f"cores {os.cpu_count()}, load average {_load()}; read-back: "
              f"{options.readback}; {options.runs} runs, cp and lawdesk alternately, cold")
        for config in configs:
            devices = [single] if config.cards == 1 else four
            size = sum(r.size for r in devices)
            files = sum(r.files for r in devices)
            print(f"{config.title}: {files} files, {size / MB:.0f} MB", flush=True)
            pairs = measure(config, devices, throttle, scratch, options, env)
            summary(config, pairs, size)
        print(f"load average after: {_load()}")
    finally:
        for recorder in recorders:
            recorder.remove()
        throttle.remove()
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _disk_of(path: Path) -> str:
    found = subprocess.run(["df", "--output=source", str(path)], capture_output=True,
                           text=True).stdout.split()
    return found[-1] if found else "?"


if __name__ == "__main__":
    raise SystemExit(main())
