"""One read of one source file: into SHA-256 (and SM3), and into a staging file, at once;
and the staging file read back from disk behind the writer, and hashed again.

The read-back trails the writer: every few tens of megabytes it flushes what was written
(fdatasync) and reads it from the disk, so by the time the last byte is written and the file
fsynced, little is left to read back. The flushed pages are dropped from the kernel's cache
first (posix_fadvise), so the bytes hashed are the disk's, not the cache's. A difference
between the two hashes refuses the copy. (O_DIRECT reads were tried and dropped: on ext4
they contend with the writer for the file's lock and ran two to three times slower.)

The file's size and modification time are taken before and after the read and compared
with the bytes actually read, so a file that grows, shrinks, changes or vanishes while it is
being read is refused rather than stored half-finished.
"""
from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from cryptography.hazmat.primitives import hashes

from core.errors import DomainError
from core.jobs import CancelToken
from devices.offload.errors import FileChanged, NotARegularFile, read_error, write_error
from devices.offload.fileio import FileSystem, NotRegular
from devices.offload.scan import SourceEntry
from evidence.hashing import CHUNK, open_read, pump
from evidence.store import ReadBackMismatch

READ_BACK_STEP = 32 << 20   # bytes written between two flush-and-read-back rounds


@dataclass(frozen=True)
class Copied:
    entry: SourceEntry
    size: int
    mtime_ns: int
    sha256: str
    sm3: str | None
    staging: Path


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


def copy_to_staging(fs: FileSystem, entry: SourceEntry, staging: Path, *, sm3: bool,
                    cancel: CancelToken | None = None,
                    on_bytes: Callable[[int], None] | None = None) -> Copied:
    """Copy ``entry`` to ``staging`` (fsynced) and hash it; raises a DomainError per fault.
    The staging file is removed on any failure."""
    try:
        source = fs.open_source(entry.path)
    except NotRegular:
        raise NotARegularFile(path=entry.relative) from None
    except OSError as error:
        raise read_error(entry.relative, error) from None
    created = False
    read_back = None
    try:
        before = _tag("read", source.stat)()
        sha256 = hashlib.sha256()
        sm3_hash = hashes.Hash(hashes.SM3()) if sm3 else None
        try:
            target = fs.create_staging(staging)
        except OSError as error:
            raise write_error(entry.relative, error) from None
        created = True
        read_back = _tag("write", _ReadBack)(staging)
        written = [0]

        def write(data: bytes) -> None:
            target.write(data)
            written[0] += len(data)
            read_back.wrote(written[0])
        try:
            sinks = [sha256.update]
            if sm3_hash is not None:
                sinks.append(sm3_hash.update)
            sinks.append(_tag("write", write))
            size = pump(_tag("read", source.read), sinks, cancel=cancel, on_chunk=on_bytes)
            _tag("write", target.sync)()
        finally:
            target.close()
        after = _tag("read", source.stat)()
        read_back.finish(size)
        found = _tag("write", read_back.result)()
        if found != sha256.hexdigest():
            raise ReadBackMismatch(expected=sha256.hexdigest(), found=found)
    except _Tagged as tagged:
        _abort(read_back)
        _discard(staging, created)
        if tagged.side == "read":
            raise read_error(entry.relative, tagged.error) from None
        raise write_error(entry.relative, tagged.error) from None
    except BaseException:
        _abort(read_back)
        _discard(staging, created)
        raise
    finally:
        source.close()
    try:
        _check_unchanged(fs, entry, before, after, size)
    except DomainError:
        _discard(staging, True)
        raise
    return Copied(entry, size, before.st_mtime_ns, sha256.hexdigest(),
                  sm3_hash.finalize().hex() if sm3_hash is not None else None, staging)


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


def _discard(staging: Path, created: bool) -> None:
    if created:
        try:
            staging.unlink()
        except FileNotFoundError:
            pass


class _ReadBack(threading.Thread):
    """Reads the staging file back from disk behind its writer and hashes it.

    Where the platform has fdatasync the reading rolls along as the file grows; elsewhere
    (Windows) it reads the whole file once the writer has fsynced it."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True, name="lawdesk-read-back")
        self.fd = open_read(path)
        self.rolling = hasattr(os, "fdatasync")
        self.digest = hashlib.sha256()
        self.cond = threading.Condition()
        self.written = self.checked = 0
        self.final = self.stopped = False
        self.error: BaseException | None = None
        self.start()

    def wrote(self, total: int) -> None:
        if self.rolling and total - self.checked >= READ_BACK_STEP:
            with self.cond:
                self.written = total
                self.cond.notify()

    def finish(self, total: int) -> None:
        """The writer wrote ``total`` bytes and fsynced the file."""
        with self.cond:
            self.written, self.final = total, True
            self.cond.notify()

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.cond.notify()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def result(self) -> str:
        self.join()
        self.close()
        if self.error is not None:
            raise self.error
        return self.digest.hexdigest()

    def run(self) -> None:
        try:
            while True:
                with self.cond:
                    while not (self.stopped or self.final
                               or self.written - self.checked >= READ_BACK_STEP):
                        self.cond.wait()
                    if self.stopped:
                        return
                    end, final = self.written, self.final
                if not final:
                    os.fdatasync(self.fd)  # what the writer wrote so far, onto the disk
                self._check(self.checked, end)
                self.checked = end
                if final:
                    return
        except BaseException as error:  # noqa: BLE001 - handed to result()
            self.error = error

    def _check(self, start: int, end: int) -> None:
        if end <= start:
            return
        advise = getattr(os, "posix_fadvise", None)
        if advise is not None:
            try:
                advise(self.fd, start, end - start, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
        position = start
        if not hasattr(os, "pread"):  # Windows: one sequential read from the start
            os.lseek(self.fd, start, os.SEEK_SET)
        while position < end:
            size = min(CHUNK, end - position)
            data = (os.pread(self.fd, size, position) if hasattr(os, "pread")
                    else os.read(self.fd, size))
            if not data:
                raise OSError(5, "the staging file ended early while read back")
            self.digest.update(data)
            position += len(data)


def _abort(read_back: _ReadBack | None) -> None:
    if read_back is not None:
        read_back.stop()
        read_back.join()
        read_back.close()

