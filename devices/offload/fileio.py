"""The boundary between the offload and the disks: every read of a source file, every write
of a staging file and every read-back of a staging file passes here.

Footage passes through the kernel's page cache once: each chunk of a source file is let go
as soon as it is read, and each part of a staging file once it has been read back. Nobody
reads it again soon, a card's worth of cached footage would push the desktop's own files out
of memory, and pages used again are cheaper to write into than fresh ones (on the
benchmark's virtual machine, writing 2 GiB into fresh pages took 1.4 to 4.4 s of kernel time,
into pages the offload had let go 0.5 s).

The real implementation is plain ``os`` calls. Tests put a failing reader or writer at this
boundary to make a device vanish mid-read (EIO) or a disk fill up (ENOSPC), or a read-back
that gives other bytes than were written (a disk that loses or misplaces a write);
everything else they do with real files.
"""
from __future__ import annotations

import errno
import mmap
import os
import stat
from pathlib import Path
from typing import Callable, Protocol

from evidence.hashing import CHUNK, ChunkBuffers, drop_cache, open_read


class SourceFile(Protocol):
    def read(self, size: int) -> bytes: ...
    def stat(self) -> os.stat_result: ...
    def close(self) -> None: ...


class StagingFile(Protocol):
    def write(self, data: bytes) -> None: ...
    def sync(self) -> None: ...
    def close(self) -> None: ...
    # Optional: flush the data written so far (fdatasync), called while writing goes on;
    # None where the platform has no fdatasync (the file is then read back once fsynced).
    datasync: Callable[[], None] | None


class ReadBackFile(Protocol):
    """A staging file read back from its start; ``read`` is only ever asked for bytes
    already flushed to disk (fdatasync or fsync). Optional: ``flushed(end)``, told before
    the bytes up to ``end`` are read back that they have been flushed."""

    def read(self, size: int) -> bytes: ...
    def close(self) -> None: ...


class NotRegular(OSError):
    """Opened something that is not a regular file (a device node, a FIFO)."""


class OsSource:
    # Lent by the copier for the offload: whole chunks are read into its reused buffers.
    buffers: ChunkBuffers | None = None

    def __init__(self, path: Path) -> None:
        # O_NOFOLLOW: a link swapped in after the scan fails here (ELOOP) instead of being
        # read; O_NONBLOCK: a FIFO swapped in does not hang the open.
        self.fd = open_read(path) if not hasattr(os, "O_NONBLOCK") else open_nonblocking(path)
        self.offset = 0
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
        if self.buffers is not None:
            data = self.buffers.read(self.fd, size)
        else:
            data = os.read(self.fd, size)
        if data:  # read once: its pages go at once (see the module's text)
            drop_cache(self.fd, self.offset, len(data))
            self.offset += len(data)
        return data

    def stat(self) -> os.stat_result:
        return os.fstat(self.fd)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def open_nonblocking(path: Path) -> int:
    """Open a source file to read: never through a link swapped in after the scan (ELOOP),
    never hanging on a FIFO swapped in (O_NONBLOCK); without touching its access time."""
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

    def _datasync(self) -> None:
        os.fdatasync(self.fd)

    datasync = _datasync if hasattr(os, "fdatasync") else None

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class OsReadBack:
    """A staging file opened a second time, to be read back from its start behind the
    writer, each part once it has been flushed.

    ``from_disk``: every byte comes from the disk, not from memory. Where the file system
    allows it (Linux, most local file systems) the file is read with O_DIRECT into
    page-aligned buffers: the kernel writes back whatever of the range is still dirty, then
    reads the medium, and the page cache is not involved at all (no pages to fill, copy and
    drop: less of the CPU an offload at the disk's speed is short of; measured, 15-25% less
    time per gigabyte). A file's end is read directly too (the kernel stops at it). Only a
    read at an offset or of a length that is not a multiple of the block size (a writer's
    chunk of odd size) cannot be direct: from there on the parts are read through the cache
    once their cached pages are dropped (clean since the flush, so the kernel lets them go),
    as is everything where O_DIRECT is refused (or on Windows, where the read-back comes
    through the cache either way). Each flushed part's cached pages are let go before it is
    read back, in every mode: with direct reads that is what frees the written pages."""

    buffers: ChunkBuffers | None = None  # as OsSource's

    def __init__(self, path: Path, *, from_disk: bool) -> None:
        self.fd = open_read(path)
        self.from_disk = from_disk
        self.offset = 0
        self.direct: _DirectReader | None = _DirectReader.open(path) if from_disk else None

    def flushed(self, end: int) -> None:
        if self.from_disk and end > self.offset:
            drop_cache(self.fd, self.offset, end - self.offset)

    def read(self, size: int) -> bytes:
        if self.direct is not None:
            data = self.direct.read(self.offset, size)
            if data is not None:
                self.offset += len(data)
                return data
        if self.direct is not None:
            os.lseek(self.fd, self.offset, os.SEEK_SET)  # the direct reads did not move it
        if self.buffers is not None:
            data = self.buffers.read(self.fd, size)
        else:
            data = os.read(self.fd, size)
        if data:
            drop_cache(self.fd, self.offset, len(data))
            self.offset += len(data)
        return data

    def close(self) -> None:
        if self.direct is not None:
            self.direct.close()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class _DirectReader:
    """Reads of a file with O_DIRECT into one page-aligned buffer (anonymous memory is
    page-aligned), at block-aligned offsets and lengths only."""

    ALIGN = 4096  # the largest logical block size in use; any smaller one divides it

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = mmap.mmap(-1, CHUNK)

    @classmethod
    def open(cls, path: Path) -> "_DirectReader | None":
        flag = getattr(os, "O_DIRECT", 0)
        if not flag or not hasattr(os, "preadv"):
            return None
        try:
            fd = os.open(path, os.O_RDONLY | flag | getattr(os, "O_CLOEXEC", 0)
                         | getattr(os, "O_NOFOLLOW", 0))
        except OSError:  # EINVAL: a file system without direct I/O (tmpfs, some FUSE)
            return None
        return cls(fd)

    def read(self, offset: int, size: int) -> memoryview | None:
        """Up to ``size`` bytes at ``offset`` from the disk (fewer at the end of the file);
        None when the request is not aligned, or the file system refuses it after all."""
        size = min(size, len(self.buffer))
        size -= size % self.ALIGN
        if size == 0 or offset % self.ALIGN or self.fd < 0:
            return None
        try:
            count = os.preadv(self.fd, [memoryview(self.buffer)[:size]], offset)
        except OSError as error:
            if error.errno != errno.EINVAL:
                raise
            self.close()  # refused: the rest goes through the cache, pages dropped first
            return None
        return memoryview(self.buffer)[:count]

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

    def read_back(self, path: Path, *, from_disk: bool) -> ReadBackFile:
        return OsReadBack(path, from_disk=from_disk)

    def lstat(self, path: Path) -> os.stat_result:
        return os.lstat(path)

    def remove_source(self, path: Path) -> None:
        """Only ever called for a file verified in the store, under the admin's setting."""
        os.unlink(path)
