"""The boundary between the offload and the disks: every read of a source file and every
write of a staging file passes here.

The real implementation is plain ``os`` calls. Tests put a failing reader or writer at this
boundary to make a device vanish mid-read (EIO) or a disk fill up (ENOSPC); everything else
they do with real files.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

from evidence.hashing import open_read


class SourceFile(Protocol):
    def read(self, size: int) -> bytes: ...
    def stat(self) -> os.stat_result: ...
    def close(self) -> None: ...


class StagingFile(Protocol):
    def write(self, data: bytes) -> None: ...
    def sync(self) -> None: ...
    def close(self) -> None: ...


class NotRegular(OSError):
    """Opened something that is not a regular file (a device node, a FIFO)."""


class OsSource:
    def __init__(self, path: Path) -> None:
        # O_NOFOLLOW: a link swapped in after the scan fails here (ELOOP) instead of being
        # read; O_NONBLOCK: a FIFO swapped in does not hang the open.
        self.fd = open_read(path) if not hasattr(os, "O_NONBLOCK") else _open_nonblocking(path)
        st = os.fstat(self.fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(self.fd)
            raise NotRegular(0, "not a regular file", str(path))
        advise = getattr(os, "posix_fadvise", None)
        if advise is not None:
            try:
                advise(self.fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
            except OSError:
                pass

    def read(self, size: int) -> bytes:
        return os.read(self.fd, size)

    def stat(self) -> os.stat_result:
        return os.fstat(self.fd)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _open_nonblocking(path: Path) -> int:
    flags = (os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0))
    noatime = getattr(os, "O_NOATIME", 0)
    if noatime:
        try:
            return os.open(path, flags | noatime)
        except PermissionError:
            pass
    return os.open(path, flags)


class OsStaging:
    def __init__(self, path: Path) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        self.fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def sync(self) -> None:
        os.fsync(self.fd)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class FileSystem:
    """Where the offload reads and writes. Subclass to inject faults."""

    def open_source(self, path: Path) -> SourceFile:
        return OsSource(path)

    def create_staging(self, path: Path) -> StagingFile:
        return OsStaging(path)

    def lstat(self, path: Path) -> os.stat_result:
        return os.lstat(path)

    def remove_source(self, path: Path) -> None:
        """Only ever called for a file verified in the store, under the admin's setting."""
        os.unlink(path)
