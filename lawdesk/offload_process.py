"""The desktop's offloads, each in a process of its own.

An offload runs nine threads that hand chunks to one another many times a second. In the
window's process they share its interpreter lock, which CPython hands to whichever waiter
wakes first: during a 4 GB offload the UI thread waited up to 145 ms for it (uprobes on
CPython's take_gil), against a target of 50. In a child process the offload has an
interpreter of its own; the window's job thread only reads lines from a pipe.

The parent writes one request line (JSON), then a "cancel" line if the user cancels. The
child answers with progress lines and then one line with the result, the refusal (a domain
error, such as an unknown certificate number) or the crash, on a private copy of its
standard output (core.child_process). If its standard input ends before that, the window
is gone, closed or killed: the child cancels, so the offload ends after the file in hand
with its session and manifest written, as when the user cancels.

Who acts: the child acts for the user the window names. Only a window whose user logged in
starts it, and anything else running as the workstation's account could open the database
itself, so a password here would protect nothing; the offload still checks that user's
permission, and every record it makes is in that user's name in the ledger.

    python -m lawdesk.offload_process      (started by OffloadProcess; not for people)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import traceback
from dataclasses import asdict
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from core.actor import Actor
from core.child_process import answer_channel, start_module
from core.context import Context
from core.error_wire import error_from_wire, error_to_wire
from core.errors import DomainError
from core.jobs import CancelToken, Progress, no_progress
from core.priority import BACKGROUND_NICE, lower_this_process
from devices.offload.results import OffloadResult

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

MODULE = "lawdesk.offload_process"
CANCEL = "cancel"
# The child yields the CPU to the window (and to whatever else the clerk does), at the nice
# value itself: a relative os.nice(10) from the window's pool thread, once lowered too, made
# it 19, and under other programs' load an offload crawled at a seventh of its speed.
CHILD_NICE = BACKGROUND_NICE
STDERR_TAIL = 4000  # characters of a crashed child's standard error kept for the report


class OffloadProcessFailed(DomainError):
    code = "offload_process_failed"
    zh = ("导入进程意外结束（{how}）；已核验入库的文件不受影响，再次导入即可完成其余文件")
    en = ("The offload process ended unexpectedly ({how}); files already verified and "
          "stored are safe, offload again to finish the rest")


class CannotStart(Exception):
    """No child process could be started (out of memory, no interpreter to run)."""


class OffloadProcess:
    """One offload in a child process. ``pid`` is set while it runs.

    :meth:`run` has the shape of long work (core.jobs): progress and cancel pass through the
    pipe; the result, or the child's refusal, comes back as if the offload had run here."""

    def __init__(self, data_dir: Path, actor: Actor, source: Path | str, *,
                 device_serial: str | None = None,
                 officer_certificate: str | None = None) -> None:
        self.request = {"data_dir": str(data_dir), "actor": _actor_to_wire(actor),
                        "source": str(source), "device_serial": device_serial,
                        "officer_certificate": officer_certificate}
        self.pid: int | None = None

    def run(self, progress: Progress = no_progress,
            cancel: CancelToken | None = None) -> OffloadResult:
        """Raises CannotStart when no process can be started (the caller may offload here
        instead), the child's DomainError for a refusal, OffloadProcessFailed for a crash."""
        cancel = cancel or CancelToken()
        with tempfile.TemporaryFile() as errors:
            try:
                process = start_module(MODULE, stderr=errors, creationflags=getattr(
                    subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))
            except OSError as error:
                raise CannotStart(str(error)) from error
            self.pid = process.pid
            try:
                return self._talk(process, progress, cancel, errors)
            finally:
                _close(process)
                self.pid = None

    def _talk(self, process: subprocess.Popen, progress: Progress, cancel: CancelToken,
              errors: IO[bytes]) -> OffloadResult:
        send_lock = threading.Lock()

        def send(line: str) -> None:
            with send_lock:
                try:
                    process.stdin.write(line.encode("utf-8") + b"\n")
                    process.stdin.flush()
                except (OSError, ValueError):
                    pass  # the child is gone or done; its exit says what happened

        send(json.dumps(self.request, ensure_ascii=False))
        cancel.when_cancelled(lambda: send(CANCEL))
        for line in process.stdout:
            try:
                answer = json.loads(line)
            except ValueError:
                raise _failure("unreadable answer", line[:200].decode("utf-8", "replace"))
            if "progress" in answer:
                progress(*answer["progress"])
            elif "result" in answer:
                return OffloadResult.from_wire(answer["result"])
            elif "refused" in answer:
                raise error_from_wire(answer["refused"])
            elif "crashed" in answer:
                raise _failure(answer["crashed"]["summary"], answer["crashed"]["traceback"])
        raise _failure(_exit_text(process.wait()), _tail(errors))


def _failure(how: str, details: str) -> OffloadProcessFailed:
    failure = OffloadProcessFailed(how=how)
    failure.formatted_traceback = details  # type: ignore[attr-defined] - as desktop.jobs does
    return failure


def offload_apart(workspace: "Workspace", ctx: Context, source: Path | str, *,
                  device_serial: str | None = None, officer_certificate: str | None = None,
                  progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> OffloadResult:
    """Offload in a child process; in this one when no process can be started."""
    child = OffloadProcess(workspace.data_dir, ctx.actor, source, device_serial=device_serial,
                           officer_certificate=officer_certificate)
    try:
        return child.run(progress, cancel)
    except CannotStart:
        pass  # as before offloads had processes of their own: slower to the eye, not wrong
    from devices.offload.pipeline import offload
    return offload(ctx, workspace.store, source, device_serial=device_serial,
                   officer_certificate=officer_certificate, progress=progress, cancel=cancel)


def _actor_to_wire(actor: Actor) -> dict[str, Any]:
    wire = asdict(actor)
    wire["roles"] = sorted(actor.roles)
    return wire


def _actor_from_wire(wire: dict[str, Any]) -> Actor:
    return Actor(username=wire["username"], roles=frozenset(wire["roles"]),
                 user_id=wire.get("user_id"), officer_id=wire.get("officer_id"))


def _close(process: subprocess.Popen) -> None:
    try:
        process.stdin.close()  # the child's cue that nobody waits for it any more
    except OSError:
        pass
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()  # it answered already; what it still does is not worth waiting for
        process.wait()
    process.stdout.close()


def _exit_text(code: int) -> str:
    if code < 0:
        return f"signal {-code}"
    return f"exit code {code}"


def _tail(errors: IO[bytes]) -> str:
    errors.seek(0)
    return errors.read().decode("utf-8", "replace")[-STDERR_TAIL:]


# ------------------------------------------------------------------------------ the child
class _Answers:
    """Lines to the parent from several threads; once the parent is gone, nothing is sent."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.lock = threading.Lock()
        self.gone = False

    def send(self, message: dict[str, Any]) -> None:
        line = json.dumps(message, ensure_ascii=False) + "\n"
        with self.lock:
            if self.gone:
                return
            try:
                self.stream.write(line)
                self.stream.flush()
            except (OSError, ValueError):
                self.gone = True  # the window is gone; the offload still ends cleanly

    def progress(self, done: int, total: int, note: str = "") -> None:
        self.send({"progress": [done, total, note]})


def _listen(cancel: CancelToken) -> None:
    for line in sys.stdin:
        if line.strip() == CANCEL:
            break
    cancel.cancel()  # a cancel, or the end of input: the window no longer waits


def serve() -> None:
    lower_this_process(CHILD_NICE)  # before any thread starts: its threads inherit it
    answers = _Answers(answer_channel())
    request = json.loads(sys.stdin.readline() or "null")
    if request is None:
        return  # the parent went away before asking
    cancel = CancelToken()
    threading.Thread(target=_listen, args=(cancel,), name="lawdesk-offload-cancel",
                     daemon=True).start()
    try:
        answers.send({"result": _offload(request, answers, cancel).to_wire()})
    except DomainError as refusal:
        answers.send({"refused": error_to_wire(refusal)})
    except Exception as crash:  # noqa: BLE001 - reported to the window, which shows it
        answers.send({"crashed": {"summary": f"{type(crash).__name__}: {crash}",
                                  "traceback": traceback.format_exc()}})


def _offload(request: dict[str, Any], answers: _Answers, cancel: CancelToken) -> OffloadResult:
    # The recorder starts giving its bytes before the database layer is even imported.
    from devices.offload.readahead import ReadAhead
    with ReadAhead(request["source"]) as readahead:
        from devices.offload.pipeline import offload
        from lawdesk.workspace import Workspace
        with Workspace.open(Path(request["data_dir"])) as workspace:
            ctx = workspace.context(_actor_from_wire(request["actor"]))
            return offload(ctx, workspace.store, request["source"],
                           device_serial=request["device_serial"],
                           officer_certificate=request["officer_certificate"],
                           progress=answers.progress, cancel=cancel, readahead=readahead)


if __name__ == "__main__":
    serve()
