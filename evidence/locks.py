"""An exclusive, non-blocking lock on a file, released by the kernel when its holder dies.

A staging run holds one while it works, so a later offload can tell a dead run's leftovers
(lock free: clean them up) from a live run's (lock held: leave them alone), even after a
kill -9 and even between two threads of one process (each lock is its own open file).
"""
from __future__ import annotations

import os
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class FileLock:
    """Held from a successful :func:`try_lock` until :meth:`release`."""

    def __init__(self, fd: int, path: Path) -> None:
        self.fd, self.path = fd, path

    def release(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing the descriptor drops the lock on every platform
            self.fd = -1


def try_lock(path: Path) -> FileLock | None:
    """Lock ``path`` (creating it), or None when someone else holds it."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    if _lock(fd):
        return FileLock(fd, Path(path))
    os.close(fd)
    return None
