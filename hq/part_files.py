"""An upload's bytes on HQ's disk: ``uploads/<id>.part`` under HQ's store, written chunk by
chunk, each chunk hashed on the way and fsynced before it counts."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.files import fsync_dir
from hq.upload_errors import ChecksumMismatch
from sync import checksums

if TYPE_CHECKING:
    from hq.files import Upload

_READ = 4 << 20
_fdatasync = getattr(os, "fdatasync", os.fsync)


def _writeback_starter():  # noqa: ANN202
    """Linux: sync_file_range(SYNC_FILE_RANGE_WRITE) starts writing a range to disk without
    waiting, so the fsync at the chunk's end finds most of it written already."""
    import sys
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    try:
        call = ctypes.CDLL(None, use_errno=True).sync_file_range  # libc, already loaded
    except (OSError, AttributeError):
        return None
    call.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)

    def start(fd: int, offset: int, length: int) -> None:
        call(fd, offset, length, 2)  # SYNC_FILE_RANGE_WRITE; a failure only costs speed
    return start


_start_writeback = _writeback_starter()


def create_part_file(path: Path) -> None:
    """A new, empty part file, durable with its directory entry."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fsync(fd)
    os.close(fd)
    fsync_dir(path.parent)


def cut_back(path: Path, offset: int) -> None:
    """Drop whatever lies past ``offset``: bytes of a chunk that was never counted."""
    os.chmod(path, 0o600)  # a completion that failed half-way made it 0o444
    with open(path, "r+b") as handle:
        handle.truncate(offset)
        os.fsync(handle.fileno())


def hash_of_start(path: Path, length: int) -> Any:
    """SHA-256 of the part file's first ``length`` bytes, to carry on hashing from there."""
    hasher = hashlib.sha256()
    remaining = length
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        while remaining:
            data = os.read(fd, min(_READ, remaining))
            if not data:
                raise OSError(f"{path} is shorter than its offset {length}")
            hasher.update(data)
            remaining -= len(data)
    finally:
        os.close(fd)
    return hasher


class ChunkWriter:
    """One PATCH's bytes, appended at the upload's offset. Not thread-safe: one writer per
    upload at a time (the HTTP side holds the upload's lock). Making one touches no file:
    the part file is opened by the first write, in the worker thread."""

    def __init__(self, upload: "Upload", algorithm: str) -> None:
        self.upload, self.start, self.written = upload, upload.offset, 0
        self.fd = -1
        self.done = False
        self.chunk_hash = checksums.new(algorithm)
        self.file_hash = upload.hasher.copy()

    def _open(self) -> int:
        if self.fd < 0:
            fd = os.open(self.upload.path, os.O_WRONLY | getattr(os, "O_BINARY", 0)
                         | getattr(os, "O_CLOEXEC", 0))
            try:
                # Whatever an aborted chunk or a crash left past the offset goes first.
                os.ftruncate(fd, self.start)
                os.lseek(fd, self.start, os.SEEK_SET)
            except OSError:
                os.close(fd)
                raise
            self.fd = fd
        return self.fd

    def write(self, pieces: list[bytes]) -> None:
        fd = self._open()
        # One block, one write and one update per hash: each of them lets go of the GIL and
        # must win it back from the event loop, so fewer, larger calls run much faster.
        block = pieces[0] if len(pieces) == 1 else b"".join(pieces)
        view = memoryview(block)
        while view:
            view = view[os.write(fd, view):]
        self.chunk_hash.update(block)
        self.file_hash.update(block)
        if _start_writeback is not None:
            _start_writeback(fd, self.start + self.written, len(block))
        self.written += len(block)

    def finish(self, expected: bytes) -> None:
        """The chunk's checksum must match; then its bytes are made durable."""
        if self.chunk_hash.digest() != expected:
            self.abort()
            raise ChecksumMismatch(algorithm=self.chunk_hash.name)
        _fdatasync(self._open())
        os.close(self.fd)
        self.fd, self.done = -1, True

    def abort(self) -> None:
        """Drop the chunk's bytes: they were cut short or failed their checksum."""
        if self.done:
            return
        self.done = True
        if self.fd < 0:
            return  # nothing written; the next chunk cuts back anyway
        try:
            os.ftruncate(self.fd, self.start)
        except OSError:
            pass  # the next chunk cuts back again before writing
        finally:
            os.close(self.fd)
            self.fd = -1
