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

DROP_STEP = 32 << 20  # bytes of a source file read between two drops of its cached pages


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
    # Optional: ``write_directly()``, asked before the first write when the read-back will
    # come from the disk: write what can be written past the page cache (see OsStaging).


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
        self.offset = self.dropped = 0
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
        self.offset += len(data)
        if self.offset - self.dropped >= DROP_STEP or (not data and self.offset > self.dropped):
            self._drop()
        return data

    def _drop(self) -> None:
        """Read once: the pages read so far go (see the module's text). Every DROP_STEP, not
        every chunk: the advice can wait for every CPU to hand its freshly cached pages
        over (lru_add_drain_all), and this is the offload's reading thread: at every 4 MiB
        it held the reading up by a fifth on the benchmark's unthrottled recorder."""
        drop_cache(self.fd, self.dropped, self.offset - self.dropped)
        self.dropped = self.offset

    def stat(self) -> os.stat_result:
        return os.fstat(self.fd)

    def close(self) -> None:
        if self.fd >= 0:
            if self.offset > self.dropped:
                self._drop()
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
    """A staging file being written.

    After :meth:`write_directly` (the copier asks when the read-back comes from the disk),
    whole blocks at block-aligned offsets from page-aligned memory (the copier's source
    buffers, evidence.hashing.ChunkBuffers(aligned=True)) are written with O_DIRECT: from
    the buffer to the disk, the page cache not involved. A buffered write copies every byte
    into fresh cache pages and the kernel writes them back later, only for the read-back to
    drop them unread; on the benchmark's unthrottled recorder that copy was the largest
    single cost of an offload (a sixth of its CPU time). What cannot go direct (a file's
    last, partial block; memory that is not aligned, such as a test's altered chunk; a file
    system that refuses O_DIRECT) is written through the cache as before, from there on."""

    def __init__(self, path: Path) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        self.path = path
        self.fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
        self.offset = 0
        self.direct: _DirectWriter | None = None
        self.direct_bytes = 0  # written past the cache
        self._cached = False  # bytes written through the cache and not flushed since

    def write_directly(self) -> None:
        if self.offset == 0 and self.direct is None:
            self.direct = _DirectWriter.open(self.path)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        if self.direct is not None:
            done = self.direct.write(self.offset, view)
            self.offset += done
            self.direct_bytes += done
            view = view[done:]
            if not view:
                return
            self.direct.close()  # the rest goes through the cache (see the class's text)
            self.direct = None
            os.lseek(self.fd, self.offset, os.SEEK_SET)  # the direct writes did not move it
        self._cached = self._cached or bool(view)
        while view:
            count = os.write(self.fd, view)
            self.offset += count
            view = view[count:]

    def sync(self) -> None:
        os.fsync(self.fd)

    def _datasync(self) -> None:
        # Bytes written directly are on the disk already: a direct read-back finds them
        # there; their durability is the final fsync's (sync), as for all of the file.
        if self._cached:
            os.fdatasync(self.fd)
            self._cached = False

    datasync = _datasync if hasattr(os, "fdatasync") else None

    def close(self) -> None:
        if self.direct is not None:
            self.direct.close()
            self.direct = None
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class _DirectWriter:
    """Writes of a file with O_DIRECT, of whole aligned blocks only."""

    ALIGN = 4096  # as _DirectReader's

    def __init__(self, fd: int) -> None:
        self.fd = fd

    @classmethod
    def open(cls, path: Path) -> "_DirectWriter | None":
        fd = _open_direct(path, os.O_WRONLY) if hasattr(os, "pwrite") else None
        return None if fd is None else cls(fd)

    def write(self, offset: int, view: memoryview) -> int:
        """Write the whole blocks at the start of ``view`` at ``offset``; how many bytes were
        written (0 when the offset, the memory or the file system does not allow it)."""
        size = len(view) - len(view) % self.ALIGN
        if size == 0 or offset % self.ALIGN:
            return 0
        done = 0
        while done < size:
            try:
                done += os.pwrite(self.fd, view[done:size], offset + done)
            except OSError as error:
                if error.errno != errno.EINVAL:
                    raise
                break  # memory not aligned, or refused after all: the cache takes it
        return done

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
            data = self.direct.read(self.offset, size, self.buffers)
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
    """Reads of a file with O_DIRECT into page-aligned buffers (anonymous memory is
    page-aligned), at block-aligned offsets and lengths only."""

    ALIGN = 4096  # the largest logical block size in use; any smaller one divides it

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer: mmap.mmap | None = None  # its own, where no pool is lent

    @classmethod
    def open(cls, path: Path) -> "_DirectReader | None":
        fd = _open_direct(path, os.O_RDONLY) if hasattr(os, "preadv") else None
        return None if fd is None else cls(fd)

    def read(self, offset: int, size: int,
             pool: ChunkBuffers | None = None) -> memoryview | None:
        """Up to ``size`` bytes at ``offset`` from the disk (fewer at the end of the file);
        None when the request is not aligned, or the file system refuses it after all.

        ``pool`` (page-aligned, of CHUNK-sized buffers): each read goes into a buffer of its
        own, which the caller hands back with ``pool.release``, so a chunk can be hashed
        while the next one is read. Without one, every read reuses one buffer."""
        size = min(size, CHUNK)  # every buffer, lent or its own, is CHUNK long
        size -= size % self.ALIGN
        if size == 0 or offset % self.ALIGN or self.fd < 0:
            return None
        buffer = self._buffer(pool)
        try:
            count = os.preadv(self.fd, [memoryview(buffer)[:size]], offset)
        except OSError as error:
            if pool is not None:
                pool.release(buffer)
            if error.errno != errno.EINVAL:
                raise
            self.close()  # refused: the rest goes through the cache, pages dropped first
            return None
        return memoryview(buffer)[:count]

    def _buffer(self, pool: ChunkBuffers | None) -> mmap.mmap:
        if pool is None:
            if self.buffer is None:
                self.buffer = mmap.mmap(-1, CHUNK)
            return self.buffer
        lent = pool.take() if pool.size == CHUNK else None
        if isinstance(lent, mmap.mmap):
            return lent
        if lent is not None:  # a pool of bytearrays: not page-aligned, no use here
            pool.release(lent)
        return mmap.mmap(-1, CHUNK)  # none to lend: a fresh one, the caller's alone

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _open_direct(path: Path, mode: int) -> int | None:
    """``path`` opened with O_DIRECT, or None where there is no such thing (Windows) or the
    file system refuses it (EINVAL: tmpfs, some FUSE)."""
    flag = getattr(os, "O_DIRECT", 0)
    if not flag:
        return None
    try:
        return os.open(path, mode | flag | getattr(os, "O_CLOEXEC", 0)
                       | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None


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
