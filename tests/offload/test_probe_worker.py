"""Probing in a process of its own: the same facts as probing here, and a file that hangs
or kills the decoder costs only the worker, never the offload."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from devices.offload.probe import probe
from devices.offload.probe_worker import ProbeWorker
from tests.waiting import wait_until

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


@contextmanager
def decoding(stuck: Path, timeout: float = 30.0) -> Iterator[None]:
    """Wait until a worker has the stuck file open: the request reached it and it is in the
    decoder (its import of opencv, most of a second, is behind it).

    Seen by opening the pipe to write without blocking, which Linux refuses (ENXIO) until a
    reader has it open, even one still waiting in open(). That open lets the worker's open()
    return; it then waits in read() on a pipe nobody writes to: just as stuck, for as long
    as the write end stays open (to the end of the ``with``)."""
    def opened() -> list[int] | None:
        try:
            return [os.open(stuck, os.O_WRONLY | os.O_NONBLOCK)]  # in a list: fd 0 is falsy
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
            return None
    [writer] = wait_until(opened, timeout, what=f"a probe worker to open {stuck.name}")
    try:
        yield
    finally:
        os.close(writer)


def _exited(pid: int) -> bool:
    """Our child ``pid`` is dead. Not reaped here (WNOWAIT): ProbeWorker must find that out
    for itself."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True  # already reaped (by ProbeWorker): dead all the more


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
        pid, failed = worker.pid, []

        def crash() -> None:
            # What a decoder crash looks like from here: the worker gone in the middle of a
            # file (not before the request reached it: that would be a worker gone between
            # files, another test).
            try:
                # The pipe is kept open until the worker is dead: at its end of file the
                # worker might answer instead of crashing.
                with decoding(stuck):
                    os.kill(pid, signal.SIGKILL)
                    wait_until(lambda: _exited(pid), what="the killed worker to die")
            except Exception as error:  # noqa: BLE001 - reported below
                failed.append(error)
                with suppress(ProcessLookupError):  # the probe must not wait 60 s for it
                    os.kill(pid, signal.SIGKILL)

        killer = threading.Thread(target=crash)
        killer.start()
        started = time.monotonic()
        crashed = worker.probe(stuck)
        killer.join()  # bounded: its waits have deadlines
        assert failed == []
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
        # Dead before the next file is asked for, but reaped by nobody yet: the worker must
        # notice for itself.
        wait_until(lambda: _exited(gone), what=f"the killed worker {gone} to die")
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
    try:
        worker = int(offload.stdout.readline())
        with decoding(stuck):  # the request is sent, and the worker waits on the pipe for ever
            assert not _gone(worker)
            offload.kill()
            offload.wait()
            # The pipe is kept open meanwhile: a worker let out of the decoder would find
            # its requests (the dead offload's pipe) ended and return, dying without the
            # parent-death signal this is about.
            wait_until(lambda: _gone(worker),
                       what=f"the worker {worker} to die with its killed offload")
    finally:
        if offload.poll() is None:
            offload.kill()
            offload.wait()
