"""Reading a stream once and handing every chunk to several consumers at the same time.

The reader runs in the calling thread; each consumer (a hash, a file being written) runs in
a thread of its own (a "lane") behind a small bounded queue, so reading, hashing and writing
overlap (os.read, os.write, hashlib and cryptography's hashes all release the GIL on large
buffers) while memory stays at a few chunks whatever the file size.

A :class:`Pump` keeps its lanes for as long as it lives, so an offload of a thousand files
starts its threads once, not once per file; :func:`pump` is the one-off form. With
:class:`ChunkBuffers` the chunks are read into buffers used again once every lane is done with
them, rather than into fresh memory the allocator maps and unmaps (and the kernel zeroes)
for every chunk.
"""
from __future__ import annotations

import hashlib
import mmap
import os
import queue
import threading
from pathlib import Path
from typing import Callable, Sequence

from core.jobs import CancelToken, Cancelled

CHUNK = 4 << 20   # 4 MiB: large enough for fast syscalls and hashing, small enough to stay flat
DEPTH = 3         # chunks queued per lane (a chunk shared by several lanes is one chunk)
_END = object()   # a job's last item on each lane
_CLOSE = None     # a lane's last item

Sink = Callable[[bytes], object]


class ChunkBuffers:
    """Chunk-sized buffers to read into, each used again once released.

    ``read(fd, size)`` returns one of them when it is filled whole, a view of
    one (a memoryview) for a file's last, short chunk, and plain bytes for a size other than
    this pool's. Whoever receives a buffer or view must not keep it past :meth:`release`; the
    Pump releases each chunk once every lane has had it. At most as many buffers are made as
    are ever in flight at once, and never more than ``most`` (past that, should buffers not
    come back, reads are plain).

    The short chunk is a view rather than a copy because a copy is made holding the
    interpreter lock: up to 4 MiB into fresh memory, which on a virtual machine whose host
    hands pages out slowly held every other thread (the window's among them) for tens of
    milliseconds, once per file.

    ``aligned``: the buffers are anonymous memory maps instead of bytearrays, so each starts
    on a page boundary, as a write past the page cache (O_DIRECT) needs its memory to
    (devices.offload.fileio.OsStaging)."""

    def __init__(self, size: int = CHUNK, most: int = 16, *, aligned: bool = False) -> None:
        self.size, self.most = size, most
        self._make = (lambda: mmap.mmap(-1, size)) if aligned else (lambda: bytearray(size))
        self._free: list[bytearray | mmap.mmap] = []
        # By id; held here, so an id is never reused.
        self._ours: dict[int, bytearray | mmap.mmap] = {}
        self._lock = threading.Lock()

    def take(self) -> bytearray | mmap.mmap | None:
        """A free buffer of this pool (made if none is free and fewer than ``most``
        exist), to fill and hand back through :meth:`release`; None past ``most``."""
        with self._lock:
            buffer = self._free.pop() if self._free else None
            if buffer is None and len(self._ours) < self.most:
                buffer = self._make()
                self._ours[id(buffer)] = buffer
        return buffer

    def read(self, fd: int, size: int) -> bytes | bytearray | memoryview:
        readv = getattr(os, "readv", None)  # not on Windows: plain reads there
        if size != self.size or readv is None:
            return os.read(fd, size)
        buffer = self.take()
        if buffer is None:
            return os.read(fd, size)
        try:
            count = readv(fd, [buffer])
        except BaseException:
            self.release(buffer)
            raise
        if count == size:
            return buffer
        if count == 0:
            self.release(buffer)
            return b""
        return memoryview(buffer)[:count]

    def release(self, data: object) -> None:
        if isinstance(data, memoryview):
            data = data.obj
        if id(data) in self._ours:  # anything else (made from a chunk by a caller) is not
            with self._lock:
                self._free.append(data)


class _Chunk:
    __slots__ = ("data", "left")

    def __init__(self, data: bytes, left: int) -> None:
        self.data, self.left = data, left


class _Job:
    """One stream through the lanes: its first error, and how many lanes are still on it."""

    def __init__(self, lanes: int, release: Callable[[object], None] | None = None) -> None:
        self.error: BaseException | None = None
        self.failed = False
        self.release = release
        self._left = lanes
        self._done = threading.Condition()
        self._chunks = threading.Lock()

    def chunk_done(self, chunk: _Chunk) -> None:
        """A lane is done with ``chunk``; the last one hands it back."""
        with self._chunks:
            chunk.left -= 1
            last = chunk.left == 0
        if last:
            self.release(chunk.data)

    def fail(self, error: BaseException) -> None:
        if self.error is None:
            self.error = error
        self.failed = True

    def lane_done(self) -> None:
        with self._done:
            self._left -= 1
            if self._left == 0:
                self._done.notify_all()

    def wait(self) -> None:
        with self._done:
            while self._left:
                self._done.wait()


class _Lane(threading.Thread):
    def __init__(self, name: str, depth: int) -> None:
        super().__init__(daemon=True, name=name)
        self.queue: queue.Queue = queue.Queue(depth)

    def run(self) -> None:
        while True:
            item = self.queue.get()
            if item is _CLOSE:
                return
            job, sink, data = item
            if data is _END:
                job.lane_done()
                continue
            chunk = data if job.release is not None else None
            if chunk is not None:
                data = chunk.data
            if not job.failed:  # after a failure the job's chunks are only drained
                try:
                    sink(data)
                except BaseException as error:  # noqa: BLE001 - handed back to the reader
                    job.fail(error)
            if chunk is not None:
                job.chunk_done(chunk)


class Pump:
    """Lanes that outlive one stream: ``run`` may be called again and again (from one thread
    at a time), with up to ``lanes`` sinks each time."""

    def __init__(self, lanes: int, *, depth: int = DEPTH, name: str = "lawdesk-pump") -> None:
        self._lanes = [_Lane(name, depth) for _ in range(lanes)]
        for lane in self._lanes:
            lane.start()

    def run(self, read: Callable[[int], bytes], sinks: Sequence[Sink], *,
            cancel: CancelToken | None = None,
            on_chunk: Callable[[int], None] | None = None, chunk: int = CHUNK,
            release: Callable[[object], None] | None = None) -> int:
        """Read with ``read(n)`` until it returns b"", giving every chunk to every sink in
        order. Returns the number of bytes read. The first error of the reader or of any
        sink stops the stream and is raised here once every lane has let go of it (no sink
        is called for this stream after ``run`` returns); a cancelled token raises
        Cancelled. ``release`` (ChunkBuffers.release) is given each chunk once every lane
        is done with it; sinks must not keep a chunk."""
        if len(sinks) > len(self._lanes):
            raise ValueError(f"{len(sinks)} sinks for {len(self._lanes)} lanes")
        lanes = self._lanes[:len(sinks)]
        job = _Job(len(lanes), release)
        total = 0
        try:
            while not job.failed:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
                data = read(chunk)
                if not data:
                    break
                total += len(data)
                item = data if release is None else _Chunk(data, len(lanes))
                for lane, sink in zip(lanes, sinks, strict=True):
                    lane.queue.put((job, sink, item))
                if on_chunk is not None:
                    on_chunk(total)
        except BaseException:
            job.failed = True  # the lanes skip what is queued; the reader's error wins
            raise
        finally:
            for lane in lanes:
                lane.queue.put((job, None, _END))
            job.wait()
        if job.error is not None:
            raise job.error
        return total

    def close(self) -> None:
        for lane in self._lanes:
            lane.queue.put(_CLOSE)
        for lane in self._lanes:
            lane.join()

    def __enter__(self) -> "Pump":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def pump(read: Callable[[int], bytes], sinks: Sequence[Sink], *,
         cancel: CancelToken | None = None,
         on_chunk: Callable[[int], None] | None = None, chunk: int = CHUNK) -> int:
    """:meth:`Pump.run` once, with lanes of its own."""
    with Pump(len(sinks)) as lanes:
        return lanes.run(read, sinks, cancel=cancel, on_chunk=on_chunk, chunk=chunk)


def open_read(path: Path) -> int:
    """Open a file to read, never through a symbolic link, without updating its access time
    where the platform allows."""
    flags = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0))
    noatime = getattr(os, "O_NOATIME", 0)
    if noatime:
        try:
            return os.open(path, flags | noatime)
        except PermissionError:  # O_NOATIME needs the file's owner; fine without it
            pass
    return os.open(path, flags)


def drop_cache(fd: int, offset: int = 0, length: int = 0) -> None:
    """Ask the kernel to forget the file's clean cached pages (``length`` 0: to the end), so
    the next read comes from disk. Dirty pages are kept until written back."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        try:
            advise(fd, offset, length, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


def sha256_of_fd(fd: int, *, cancel: CancelToken | None = None,
                 on_chunk: Callable[[int], None] | None = None) -> tuple[int, str]:
    digest = hashlib.sha256()
    if os.fstat(fd).st_size >= CHUNK:
        size = pump(lambda n: os.read(fd, n), [digest.update], cancel=cancel,
                    on_chunk=on_chunk)
        return size, digest.hexdigest()
    size = 0  # a thumbnail, a manifest: read and hashed here, no thread started for it
    while True:
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        data = os.read(fd, CHUNK)
        if not data:
            return size, digest.hexdigest()
        digest.update(data)
        size += len(data)
        if on_chunk is not None:
            on_chunk(size)


def sha256_of_file(path: Path, *, from_disk: bool = False, cancel: CancelToken | None = None,
                   on_chunk: Callable[[int], None] | None = None) -> tuple[int, str]:
    """Size and SHA-256 of a file. ``from_disk``: drop its cached pages first, so what is
    hashed is what the disk holds, not what the kernel still remembers writing."""
    fd = open_read(path)
    try:
        if from_disk:
            drop_cache(fd)
        return sha256_of_fd(fd, cancel=cancel, on_chunk=on_chunk)
    finally:
        os.close(fd)


def sha256_of_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
