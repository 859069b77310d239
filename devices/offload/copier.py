"""One read of one source file: into SHA-256 (and SM3), and into a staging file, at once;
and the staging file fsynced, read back and hashed again, rolling behind the writer.

A :class:`Copier` lives as long as an offload, and so do its threads. :meth:`Copier.copy`
runs in the offload's reading thread: each chunk read from the device goes to a hashing lane
(and an SM3 lane) and to a writing lane, so the next chunk is read while the last one is
hashed and written. Behind the writer, every few tens of megabytes, a syncing thread flushes
what was written (fdatasync) and a verifying thread reads that much back through the
file-system boundary, a lane of its own hashing each chunk while the next is read; at the
end of the file the syncing thread fsyncs it and the verifying thread reads back the rest.
So the read-back of a large file is mostly done when its last byte is written, and that of
file N finishes while file N+1 is copied. :meth:`Copier.seal` waits for it: a difference
between the two hashes (or the sizes) refuses the copy. (Where the platform has no
fdatasync, Windows, a file is read back whole once fsynced.) The queues between the
threads are short: the writer is never more than a few rounds ahead of the read-back, so
memory, and the page cache the file occupies, stay small whatever the file's size.

How the read-back reads is the setting ``footage.readback`` (see evidence.store): "cache"
reads each flushed part through the kernel's page cache (what the file system holds for the
file, at memory speed: a short, misplaced or altered write, or a bug of ours, is caught);
"disk" drops those clean cached pages first, so every byte comes from the disk again (the
medium itself is proven, at the cost of a second full read of it); in that mode the staging
file is also written past the cache where it can be (fileio.OsStaging), since nobody would
read those cached pages.

The file's size and modification time are taken before and after the read and compared
with the bytes actually read, so a file that grows, shrinks, changes or vanishes while it is
being read is refused rather than stored half-finished.
"""
from __future__ import annotations

import hashlib
import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from core.jobs import CancelToken
from devices.offload.errors import FileChanged, NotARegularFile, read_error, write_error
from devices.offload.fileio import (
    FileSystem, NotRegular, OsReadBack, OsSource, ReadBackFile, StagingFile,
)
from devices.offload.scan import SourceEntry
from evidence.hashing import CHUNK, ChunkBuffers, Pump
from evidence.store import READ_BACK_CACHE, READ_BACK_DISK, READ_BACK_MODES, ReadBackMismatch

READ_BACK_STEP = 32 << 20  # bytes written between two rounds of flush-and-read-back
# Rounds waiting to be flushed, and flushed rounds waiting to be read back: with the round
# in hand on each side, the writer is at most ten rounds (320 MiB) ahead of the read-back.
SYNC_DEPTH = VERIFY_DEPTH = 4
_ROUND, _FINAL, _ABORT = "round", "final", "abort"


@dataclass(frozen=True)
class Copied:
    """A staging file fsynced, read back and found to hash to ``sha256``."""

    entry: SourceEntry
    size: int
    mtime_ns: int
    sha256: str
    sm3: str | None
    staging: Path


class _ReadBack:
    """One staging file's read-back: what was flushed and read back so far, and its hash."""

    def __init__(self, target: StagingFile, back: ReadBackFile, buffers: ChunkBuffers,
                 rolling: bool, hasher: Pump) -> None:
        self.target, self.back, self.buffers, self.rolling = target, back, buffers, rolling
        self.hasher = hasher
        self.digest = hashlib.sha256()
        self.scheduled = self.checked = 0
        self.longer = False  # bytes found past the end written
        self.error: BaseException | None = None
        self.done = threading.Event()

    def check(self, end: int) -> None:
        """Read back and hash the flushed bytes up to ``end`` (verifying thread). The
        hashing runs in a lane of its own, so the next read is at the disk while the last
        chunk is hashed: done one after the other, the read-back was the slowest thread of
        an offload at the disk's own speed (benchmarks/offload_devices.py)."""
        self._flushed(end)

        def read(_: int) -> bytes:
            if self.checked >= end:
                return b""
            data = self.back.read(min(CHUNK, end - self.checked))
            self.checked += len(data)  # b"": shorter than written, the sizes will differ
            return data
        self.hasher.run(read, [self.digest.update], release=self.buffers.release)

    def check_end(self) -> None:
        self._flushed(self.checked + 1)
        self.longer = bool(self.back.read(1))

    def _flushed(self, end: int) -> None:
        flushed = getattr(self.back, "flushed", None)  # optional (see fileio.ReadBackFile)
        if flushed is not None:
            flushed(end)

    def close(self) -> None:
        try:
            self.back.close()
        except OSError:
            pass


@dataclass(frozen=True)
class Staged:
    """A staging file written, its fsync and read-back under way, and the hashes of what was
    read from the device."""

    entry: SourceEntry
    size: int
    mtime_ns: int
    sha256: str
    sm3: str | None
    staging: Path
    readback: _ReadBack

    def discard(self) -> None:
        self.readback.done.wait()  # the copier's threads are done with the file
        _discard(self.staging, True)


class _Tagged(Exception):
    def __init__(self, side: str, error: OSError) -> None:
        super().__init__(str(error))
        self.side, self.error = side, error


def _tag(side: str, function: Callable):  # noqa: ANN202
    def call(*args):  # noqa: ANN002, ANN202
        try:
            return function(*args)
        except OSError as error:
            raise _Tagged(side, error) from error
    return call


class Copier:
    """The threads of one offload's copying: a hashing lane (two with SM3) and a writing
    lane behind the reader; a syncing and a verifying thread behind the writer, and the
    verifying thread's hashing lane."""

    def __init__(self, fs: FileSystem, *, sm3: bool, readback: str = READ_BACK_CACHE) -> None:
        if readback not in READ_BACK_MODES:
            raise ValueError(f"read-back mode {readback!r} is not one of {READ_BACK_MODES}")
        self.fs, self.sm3, self.from_disk = fs, sm3, readback == READ_BACK_DISK
        # Page-aligned chunks: the staging file writes the source's past the page cache
        # (fileio.OsStaging), and the read-back reads the disk's into its own while the
        # chunk before is hashed (fileio._DirectReader).
        self._buffers = ChunkBuffers(aligned=True)
        self._back_buffers = ChunkBuffers(aligned=True)
        self._lanes = Pump(3 if sm3 else 2, name="lawdesk-copy")
        self._back_hash = Pump(1, name="lawdesk-read-back-hash")
        self._syncs: queue.Queue = queue.Queue(SYNC_DEPTH)
        self._verifies: queue.Queue = queue.Queue(VERIFY_DEPTH)
        self._threads = [threading.Thread(target=self._syncing, name="lawdesk-sync",
                                          daemon=True),
                         threading.Thread(target=self._verifying, name="lawdesk-read-back",
                                          daemon=True)]
        for thread in self._threads:
            thread.start()

    def close(self) -> None:
        self._lanes.close()
        self._syncs.put(None)
        for thread in self._threads:
            thread.join()
        self._back_hash.close()

    def __enter__(self) -> "Copier":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- copying
    def copy(self, entry: SourceEntry, staging: Path, *, cancel: CancelToken | None = None,
             on_bytes: Callable[[int], None] | None = None) -> Staged:
        """Read ``entry`` once into its hashes and into ``staging``; its fsync and read-back
        go on behind (see :meth:`seal`). Raises a DomainError per fault, the staging file
        removed."""
        try:
            source = self.fs.open_source(entry.path)
        except NotRegular:
            raise NotARegularFile(path=entry.relative) from None
        except OSError as error:
            raise read_error(entry.relative, error) from None
        created = False
        target = readback = None
        try:
            before = _tag("read", source.stat)()
            sha256 = hashlib.sha256()
            sm3_hash = _sm3() if self.sm3 else None
            try:
                target = self.fs.create_staging(staging)
                created = True
                write_directly = getattr(target, "write_directly", None)  # optional
                if self.from_disk and write_directly is not None:
                    write_directly()
                back = self.fs.read_back(staging, from_disk=self.from_disk)
            except OSError as error:
                raise write_error(entry.relative, error) from None
            if isinstance(back, OsReadBack):
                back.buffers = self._back_buffers
            readback = _ReadBack(target, back, self._back_buffers,
                                 rolling=getattr(target, "datasync", None) is not None,
                                 hasher=self._back_hash)
            written = [0]

            def write(data: bytes) -> None:
                target.write(data)
                written[0] += len(data)
                if readback.rolling and written[0] - readback.scheduled >= READ_BACK_STEP:
                    readback.scheduled = written[0]
                    self._syncs.put((readback, written[0], _ROUND))
            sinks = [sha256.update]
            if sm3_hash is not None:
                sinks.append(sm3_hash.update)
            sinks.append(_tag("write", write))
            if isinstance(source, OsSource):
                source.buffers = self._buffers
            size = self._lanes.run(_tag("read", source.read), sinks, cancel=cancel,
                                   on_chunk=on_bytes, release=self._buffers.release)
            after = _tag("read", source.stat)()
            _check_unchanged(self.fs, entry, before, after, size)
        except _Tagged as tagged:
            self._abort(readback, target)
            _discard(staging, created)
            if tagged.side == "read":
                raise read_error(entry.relative, tagged.error) from None
            raise write_error(entry.relative, tagged.error) from None
        except BaseException:
            self._abort(readback, target)
            _discard(staging, created)
            raise
        finally:
            source.close()
        self._syncs.put((readback, size, _FINAL))
        return Staged(entry, size, before.st_mtime_ns, sha256.hexdigest(),
                      sm3_hash.finalize().hex() if sm3_hash is not None else None,
                      staging, readback)

    def _abort(self, readback: _ReadBack | None, target: StagingFile | None) -> None:
        """Stop a file's read-back: once the threads behind have let go of it (its rounds
        in flight are skipped), close its files."""
        if readback is not None:
            readback.error = readback.error or _Aborted()
            self._syncs.put((readback, 0, _ABORT))
            readback.done.wait()
            readback.close()
        _close(target)

    # ---------------------------------------------------------------- sealing
    def seal(self, staged: Staged) -> Copied:
        """Wait for the staging file's fsync and read-back; raises a DomainError (the
        staging file removed) unless it holds exactly the bytes hashed."""
        readback = staged.readback
        readback.done.wait()
        error = readback.error
        found = readback.digest.hexdigest()
        if error is None and (readback.checked != staged.size or readback.longer
                              or found != staged.sha256):
            error = ReadBackMismatch(expected=staged.sha256, found=found)
        if error is None:
            return Copied(staged.entry, staged.size, staged.mtime_ns, staged.sha256,
                          staged.sm3, staged.staging)
        _discard(staged.staging, True)
        if isinstance(error, OSError):
            raise write_error(staged.entry.relative, error) from None
        raise error

    def _syncing(self) -> None:
        """Flush each round (fdatasync), fsync and close each finished file; pass them on."""
        while True:
            task = self._syncs.get()
            if task is None:
                self._verifies.put(None)
                return
            readback, _, kind = task
            try:
                # A round's fdatasync is not needed for durability (the final fsync is: nothing
                # is linked into the store before it), nor by a direct read-back, which writes
                # its range back itself. It stays because it lets the writing and the reading
                # back overlap: without it each direct read waited for its range's write-back
                # first, and a gigabyte took 30% longer (benchmarks/offload_devices.py).
                if kind == _ROUND and readback.error is None:
                    readback.target.datasync()
                elif kind == _FINAL:
                    try:
                        if readback.error is None:
                            readback.target.sync()
                    finally:
                        readback.target.close()
            except BaseException as error:  # noqa: BLE001 - the file's, raised by seal()
                readback.error = readback.error or error
            self._verifies.put(task)

    def _verifying(self) -> None:
        """Read back and hash each flushed round; at a file's end, let seal() have it."""
        while True:
            task = self._verifies.get()
            if task is None:
                return
            readback, end, kind = task
            try:
                if kind != _ABORT and readback.error is None:
                    readback.check(end)
                    if kind == _FINAL:
                        readback.check_end()
            except BaseException as error:  # noqa: BLE001 - the file's, raised by seal()
                readback.error = readback.error or error
            if kind == _FINAL:
                readback.close()
            if kind != _ROUND:
                readback.done.set()


class _Aborted(Exception):
    """The file's copy failed; its read-back was stopped."""


def copy_to_staging(fs: FileSystem, entry: SourceEntry, staging: Path, *, sm3: bool,
                    readback: str = READ_BACK_CACHE, cancel: CancelToken | None = None,
                    on_bytes: Callable[[int], None] | None = None) -> Copied:
    """Copy one file to ``staging`` (fsynced, read back) and hash it, with threads of its
    own; raises a DomainError per fault, the staging file removed."""
    with Copier(fs, sm3=sm3, readback=readback) as copier:
        return copier.seal(copier.copy(entry, staging, cancel=cancel, on_bytes=on_bytes))


def _sm3():  # noqa: ANN202 - cryptography's Hash; imported only under the SM3 setting
    from cryptography.hazmat.primitives import hashes
    return hashes.Hash(hashes.SM3())


def _check_unchanged(fs: FileSystem, entry: SourceEntry, before: os.stat_result,
                     after: os.stat_result, size: int) -> None:
    try:
        now = fs.lstat(entry.path)
    except FileNotFoundError:
        raise FileChanged(entry.relative, "vanished") from None
    except OSError as error:
        raise read_error(entry.relative, error) from None
    if after.st_ino and now.st_ino and (now.st_dev, now.st_ino) != (after.st_dev, after.st_ino):
        raise FileChanged(entry.relative, "replaced")
    if size > before.st_size or after.st_size > before.st_size:
        raise FileChanged(entry.relative, "grew")
    if size < before.st_size or after.st_size < before.st_size:
        raise FileChanged(entry.relative, "shrank")
    if after.st_mtime_ns != before.st_mtime_ns or now.st_mtime_ns != before.st_mtime_ns:
        raise FileChanged(entry.relative, "modified")


def _close(target: StagingFile | None) -> None:
    if target is not None:
        try:
            target.close()
        except OSError:
            pass


def _discard(staging: Path, created: bool) -> None:
    if created:
        try:
            staging.unlink()
        except FileNotFoundError:
            pass
