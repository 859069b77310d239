"""Probing in a process of its own: the same facts as probing here, and a file that hangs
or kills the decoder costs only the worker, never the offload."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from devices.offload.probe import probe
from devices.offload.probe_worker import ProbeWorker

REPO = Path(__file__).resolve().parents[2]


def test_the_worker_finds_what_probing_here_finds(tmp_path: Path, media) -> None:
    clip = tmp_path / "clip.avi"
    media.write_video(clip, size=(96, 64))
    noise = tmp_path / "damaged.mp4"
    media.write_noise(noise, 20_000)
    with ProbeWorker() as worker:
        found = worker.probe(clip)
        damaged = worker.probe(noise)
        assert worker.restarts == 0
    assert found == probe(clip)  # every fact, the thumbnail's bytes included
    assert found.readable and (found.width, found.height) == (96, 64)
    assert found.duration_s == pytest.approx(1.0) and found.codec == "MJPG"
    assert found.thumbnail_jpeg.startswith(b"\xff\xd8")  # a JPEG
    assert not damaged.readable and damaged.kind == "video"


def test_sound_and_other_files_are_probed_here_without_a_worker(tmp_path: Path) -> None:
    import wave
    sound = tmp_path / "note.wav"
    with wave.open(str(sound), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 16000)
    other = tmp_path / "notes.txt"
    other.write_text("not media")
    with ProbeWorker() as worker:
        assert worker.probe(sound).duration_s == pytest.approx(2.0)
        assert worker.probe(other).kind == "other"
        assert worker.pid is None  # never started


@pytest.fixture
def stuck_and_clip(tmp_path: Path, media) -> tuple[Path, Path]:
    """A "video" opencv hangs on (a named pipe: opened, it waits for a writer that never
    comes), and a good one."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    stuck = tmp_path / "stuck.mp4"
    os.mkfifo(stuck)
    clip = tmp_path / "clip.avi"
    media.write_video(clip)
    return stuck, clip


def test_a_file_that_hangs_the_decoder_is_unreadable_and_the_next_file_is_probed(
        stuck_and_clip: tuple[Path, Path]) -> None:
    stuck, clip = stuck_and_clip
    with ProbeWorker(timeout=3) as worker:
        worker.start()
        first = worker.pid
        started = time.monotonic()
        hung = worker.probe(stuck)
        assert time.monotonic() - started >= 3
        assert not hung.readable and hung.kind == "video"
        assert worker.restarts == 1 and worker.pid is None  # the stuck worker was killed
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)
        assert worker.probe(clip).readable  # a new worker


def test_a_worker_that_dies_mid_probe_costs_only_that_file(
        stuck_and_clip: tuple[Path, Path]) -> None:
    stuck, clip = stuck_and_clip
    with ProbeWorker(timeout=60) as worker:
        worker.start()
        # What a decoder crash looks like from here: the worker gone in the middle of a file.
        killer = threading.Timer(1.0, os.kill, (worker.pid, signal.SIGKILL))
        killer.start()
        started = time.monotonic()
        crashed = worker.probe(stuck)
        killer.join()
        assert time.monotonic() - started < 30  # noticed at once, not at the time-out
        assert not crashed.readable and worker.restarts == 1
        assert worker.probe(clip).readable


def test_a_worker_gone_between_files_is_replaced_without_losing_the_next_file(
        tmp_path: Path, media) -> None:
    clip = tmp_path / "clip.avi"
    media.write_video(clip)
    with ProbeWorker() as worker:
        assert worker.probe(clip).readable
        gone = worker.pid
        os.kill(gone, signal.SIGKILL)
        time.sleep(0.5)  # reaped by nobody yet, but gone
        assert worker.probe(clip).readable  # a new worker; the file is not blamed
        assert worker.pid != gone and worker.restarts == 0


def test_without_a_worker_to_be_had_files_are_probed_here(tmp_path: Path, media,
                                                           monkeypatch) -> None:
    clip = tmp_path / "clip.avi"
    media.write_video(clip)
    monkeypatch.setattr("sys.executable", str(tmp_path / "no-such-python"))
    with ProbeWorker() as worker:
        found = worker.probe(clip)
        assert worker.unavailable and worker.pid is None
    assert found.readable and found == probe(clip)


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"  # dead, not yet reaped
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="following the parent's death is Linux's prctl")
def test_a_worker_stuck_in_the_decoder_dies_with_a_killed_offload(
        stuck_and_clip: tuple[Path, Path]) -> None:
    stuck, _ = stuck_and_clip
    offload = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys\n"
            "from pathlib import Path\n"
            "from devices.offload.probe_worker import ProbeWorker\n"
            "worker = ProbeWorker()\n"
            "worker.start()\n"
            "print(worker.pid, flush=True)\n"
            "worker.probe(Path(sys.argv[1]))\n"), str(stuck)],
        cwd=REPO, stdout=subprocess.PIPE, text=True)
    worker = int(offload.stdout.readline())
    time.sleep(1)  # the request is sent, and the worker waits on the pipe for ever
    assert not _gone(worker)
    offload.kill()
    offload.wait()
    deadline = time.monotonic() + 10
    while not _gone(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(worker)
