"""Starting one of our own modules as a child process that talks in lines of JSON.

Used for work that must not share the caller's process: probing media (a decoder may crash
or hang) and the desktop's offloads (whose threads would compete with the window for the
interpreter lock). The child answers on a private copy of its standard output, pointed away
from fd 1 first, so nothing a native library prints can be taken for an answer.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

_ROOT = Path(__file__).resolve().parents[1]  # where our packages are imported from
PARENT_ENV = "LAWDESK_PARENT_PID"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def start_module(module: str, *, stderr: Any = subprocess.DEVNULL,
                 creationflags: int = 0) -> subprocess.Popen:
    """``python -m module`` with pipes on stdin and stdout (bytes).

    Raises OSError when no process can be started (out of memory, no interpreter to run);
    callers then do the work in their own process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(_ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env[PARENT_ENV] = str(os.getpid())
    return subprocess.Popen(
        [sys.executable, "-m", module], env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
        creationflags=creationflags | getattr(subprocess, "CREATE_NO_WINDOW", 0))


def answer_channel() -> IO[str]:
    """In the child: a private text stream to the parent; fd 1 now goes to standard error."""
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    return answers


def die_with_parent() -> None:
    """In the child, on Linux: be killed when the thread that started it ends, even while
    stuck in native code that never reads its input again. Elsewhere, and where the kernel
    will not, the child only notices its input ending.

    The kernel watches the starting *thread*, not the process: start such a child from a
    thread that outlives it."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):
        return
    parent = os.environ.get(PARENT_ENV)
    if parent is not None and str(os.getppid()) != parent:
        os._exit(0)  # the parent died before we asked to follow it
