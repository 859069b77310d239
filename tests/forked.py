"""`lawdesk` in a real child process without a fresh interpreter's start-up.

A child started with ``python -m lawdesk`` spends one to several seconds (on a loaded
two-core runner) starting Python and importing LawDesk, FastAPI and SQLAlchemy before it does
anything. Here the children are forked from one helper process per test run that has
imported those modules once (multiprocessing's fork server, started with the environment a
child gets: ``child_env``). Each child is still a process of its own, with its own memory,
pid, exit code, standard streams (files here) and signals (kill -9 is a power cut), and it
runs the same entry point as ``python -m lawdesk`` with the same arguments.

What only a freshly started interpreter shows (which modules a command imports, the start-up
itself, the frozen build) still needs ``python -m lawdesk``: see tests/conftest.py ``cli``."""
from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import child_env

# What `lawdesk hq serve` imports before it serves (python -X importtime -m lawdesk ...).
PRELOAD = [
    "lawdesk.cli", "lawdesk.commands.common", "lawdesk.commands.hq", "lawdesk.workspace",
    "hq.app", "hq.server", "hq.http_protocol", "hq.limits", "sync.link",
    "uvicorn", "uvicorn.protocols.http.httptools_impl", "uvicorn.lifespan.on",
    "uvicorn.loops.uvloop", "tests.forked",
]

_context: multiprocessing.context.BaseContext | None = None


def _fork_server() -> multiprocessing.context.BaseContext:
    global _context
    if _context is None:
        from multiprocessing import forkserver
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(child_env())  # what the preloaded modules see when imported
        try:
            forkserver.ensure_running()
        finally:
            os.environ.clear()
            os.environ.update(saved)
        _context = context
    return _context


def _run_lawdesk(args: list[str], env: dict[str, str], cwd: str, stdout: str,
                 stderr: str) -> None:
    """In the forked child: the environment, folder and streams of a `python -m lawdesk`
    child, then its entry point (lawdesk/__main__.py)."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for fd, path in ((1, stdout), (2, stderr)):
        opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(opened, fd)
        os.close(opened)
    from lawdesk.cli import main
    raise SystemExit(main(args))


class ForkedLawdesk:
    """The forked child, with the part of subprocess.Popen's interface the tests use."""

    def __init__(self, process: multiprocessing.process.BaseProcess) -> None:
        self._process = process

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.exitcode

    def poll(self) -> int | None:
        return self._process.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self._process.exitcode is None:
            raise subprocess.TimeoutExpired(["lawdesk"], timeout)
        return self._process.exitcode

    def send_signal(self, sig: int) -> None:
        if self._process.exitcode is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def start_lawdesk(args: Sequence[str], *, stdout: Path, stderr: Path,
                  env: dict[str, str] | None = None, cwd: Path) -> ForkedLawdesk:
    """Start `lawdesk ARGS…` (without ``python -m lawdesk``) in a forked child whose standard
    output and error are appended to the files ``stdout`` and ``stderr``, and standard input
    is empty; ``env`` is its whole environment (``child_env()`` unless given)."""
    process = _fork_server().Process(
        target=_run_lawdesk, args=(list(args), env if env is not None else child_env(),
                                   str(cwd), str(stdout), str(stderr)),
        # Daemonic: a test that fails with its server running does not keep pytest from
        # exiting (multiprocessing joins other children at exit).
        daemon=True)
    process.start()
    return ForkedLawdesk(process)
