"""Probing media in a process of its own.

opencv (FFmpeg underneath) parses whatever a recorder wrote, and a damaged file can make a
decoder crash or hang. In the offload's own process such a file would take the whole
offload down with it, or stall it for ever; here it costs the worker, which is started
again for the next file, and the file is flagged unreadable like any other that opencv
cannot read (the footage itself is stored and verified all the same). The worker also keeps
opencv's import (most of a second, much of it holding the interpreter lock) and its
decoding off the process whose threads are copying.

One request at a time: the offload's recording thread asks, the worker answers. Lines of
JSON go both ways; the worker writes its answers on a private copy of its standard output,
which it points at standard error first, so nothing a native library prints can be taken
for an answer.

    python -m devices.offload.probe_worker      (started by ProbeWorker; not for people)
"""
from __future__ import annotations

import base64
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path

from core.child_process import answer_channel, die_with_parent, start_module
from devices.offload.probe import Probe, kind_of, probe

# A probe reads the container's header and decodes one frame: seconds at most, even for a
# long 4K recording from a slow disk. A worker that takes longer is stuck.
PROBE_TIMEOUT_S = 60.0
# Kinds the worker probes; the rest (sound files: the standard library's wave) stay here.
WORKER_KINDS = frozenset({"video", "photo"})


class ProbeWorker:
    """A probing process, started on first use (or by :meth:`start`), started again after it
    dies or hangs. Not thread-safe: one thread asks at a time, and on Linux the worker is
    killed when the thread that started it ends (core.child_process.die_with_parent)."""

    def __init__(self, timeout: float = PROBE_TIMEOUT_S) -> None:
        self.timeout = timeout
        self._process: subprocess.Popen | None = None
        self._answers: queue.Queue = queue.Queue()
        self.restarts = 0  # workers lost to a crash or a hang
        self.unavailable = False  # no worker could be started: probing is done here

    def start(self) -> None:
        """Start the worker now, so its imports overlap whatever the caller does next."""
        if self._process is not None:
            if self._process.poll() is None:
                return
            self._stop()  # died since its last answer: not this file's doing
        if self.unavailable:
            return
        try:
            process = start_module("devices.offload.probe_worker")
        except OSError:
            # No process to be had (out of memory, no interpreter to run): probe here, as
            # before workers, rather than leave every file without its facts.
            self.unavailable = True
            return
        answers: queue.Queue = queue.Queue()
        # A thread per worker reads its answers: a pipe read cannot time out on Windows.
        threading.Thread(target=_read_answers, args=(process.stdout, answers),
                         name="lawdesk-probe-answers", daemon=True).start()
        self._process, self._answers = process, answers

    def probe(self, path: Path, name: str | None = None) -> Probe:
        kind = kind_of(name or path.name)
        if kind not in WORKER_KINDS:
            return probe(path, name)
        self.start()
        if self.unavailable:
            return probe(path, name)
        request = json.dumps({"path": str(path), "name": name}) + "\n"
        try:
            self._process.stdin.write(request.encode())
            self._process.stdin.flush()
            answer = self._answers.get(timeout=self.timeout)
        except (OSError, queue.Empty):
            answer = None
        if answer is None:  # it died, or hangs on this file: the next file gets a new one
            self._stop()
            self.restarts += 1
            return Probe(kind, readable=False)
        return _probe_from(answer)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def close(self) -> None:
        process = self._process
        if process is None:
            return
        try:
            process.stdin.close()  # end of requests: the worker returns
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self._stop()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def __enter__(self) -> "ProbeWorker":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_answers(stdout, answers: queue.Queue) -> None:  # noqa: ANN001 - a pipe
    for line in stdout:
        try:
            answers.put(json.loads(line))
        except ValueError:
            break
    answers.put(None)  # the worker is gone


def _answer_of(found: Probe) -> dict:
    answer = {key: getattr(found, key) for key in
              ("kind", "readable", "duration_s", "width", "height", "fps", "codec")}
    answer["thumbnail"] = (base64.b64encode(found.thumbnail_jpeg).decode()
                           if found.thumbnail_jpeg else None)
    return answer


def _probe_from(answer: dict) -> Probe:
    thumbnail = answer.get("thumbnail")
    return Probe(answer["kind"], bool(answer["readable"]), answer.get("duration_s"),
                 answer.get("width"), answer.get("height"), answer.get("fps"),
                 answer.get("codec"), base64.b64decode(thumbnail) if thumbnail else None)


def serve() -> None:
    """The worker: answer each request line until standard input ends."""
    # A worker stuck in a decoder never reads its input again, so it would outlive an
    # offload killed with -9 (or crashed) for as long as the decoder hangs.
    die_with_parent()
    answers = answer_channel()
    from devices.offload.probe import _cv2
    try:
        _cv2()  # the import first, while the offload's first file is still being copied
    except Exception:  # noqa: BLE001 - then each probe finds the file unreadable, and says so
        pass
    for line in sys.stdin:
        request = json.loads(line)
        found = probe(Path(request["path"]), request.get("name"))
        answers.write(json.dumps(_answer_of(found)) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve()
