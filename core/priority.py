"""Lowering the CPU priority of work that must yield to the window.

Which work may be lowered, measured with benchmarks/ui_responsiveness.py on a two-core
machine kept busy by two other programs (2026-12-07):

- a separate process (an offload), and threads that spend their time in native code that
  lets go of the interpreter lock (the camera's reading, decoding and encoding, and the
  FFmpeg threads it starts): yes. The window's thread is then first in line for a CPU,
  and nothing it waits for is held by the lowered work for long.
- a thread of the window's own process running Python: no. It holds the interpreter lock
  while it runs, and the window's thread needs that lock for every slot and every Python
  override Qt calls. Lowered, a worker holding the lock was kept off the CPU by the other
  programs for tens of milliseconds while the window's thread waited for the lock: UI blocks
  of up to 72 ms, five over 50 ms per 1 GiB offload. The same work at normal priority: none
  over 24 ms. (desktop.jobs keeps its pool threads at normal priority for that reason.)

Linux gives each thread its own nice value, inherited by the threads and processes it
starts; elsewhere only the calling thread is lowered where the system allows it.
"""
from __future__ import annotations

import os
import sys
import threading

BACKGROUND_NICE = 10


def lower_this_thread(nice: int = BACKGROUND_NICE) -> None:
    """Set the calling thread's nice value to ``nice``, never raising its priority: a thread
    already lower stays as it is (an unprivileged process could not raise it again). Never
    fails: a priority is a courtesy, never a reason for work to fail."""
    try:
        if sys.platform.startswith("linux"):
            thread = threading.get_native_id()
            if os.getpriority(os.PRIO_PROCESS, thread) < nice:
                os.setpriority(os.PRIO_PROCESS, thread, nice)
        elif sys.platform.startswith("win"):
            import ctypes
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetThreadPriority(kernel32.GetCurrentThread(), -1)  # BELOW_NORMAL
    except (OSError, AttributeError):
        pass


def lower_this_process(nice: int = BACKGROUND_NICE) -> None:
    """Lower the whole calling process to ``nice``, never raising it; call before it starts
    any thread (on Linux the threads inherit the calling thread's value)."""
    if sys.platform.startswith("win"):
        try:
            import ctypes
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), 0x4000)  # BELOW_NORMAL
        except (OSError, AttributeError):
            pass
        return
    lower_this_thread(nice)


def thread_nice() -> int | None:
    """The calling thread's nice value (Linux); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
