"""Files workstations send to HQ: tus uploads, HQ's own hash of every byte, the store.

An upload (HqUpload) belongs to the workstation that created it; nobody else sees it. Its
bytes so far are in ``uploads/<id>.part`` under HQ's store (beside ``sha256/``, so a file
becomes a store object by a hard link, never a copy). Each chunk is written as it arrives,
hashed twice on the way (the chunk's own checksum, which the client declared, and the running
SHA-256 of the whole file), fsynced, and only then counted in ``HqUpload.offset``. A chunk
that fails its checksum, or is cut off by a dropped connection, is cut off the part file
again: the client re-sends it whole, and never more than that one chunk.

After a restart the running hash is gone: the first chunk that arrives for the upload
recomputes it from the part file's first ``offset`` bytes, which were fsynced before they
were counted (a part file longer than ``offset`` is cut back first).

The last byte completes the upload: HQ compares its own SHA-256 of the whole file with the
hash the workstation declared. A mismatch discards the upload (422 ``hash_mismatch``); a
match links the part file into the content-addressed store, read-only, and records HqFile
and HqFileHolding in HQ's ledger. ``verify_files`` later re-hashes the store against
HqFile.

One ``Uploads`` per server process holds the uploads being worked on (their running
hashes); the HTTP side (hq.api_files) runs every file operation here in a worker thread.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, delete, event, select, text, update
from sqlalchemy.exc import IntegrityError

from core.canonical import canonical_json
from core.clock import iso_utc
from core.files import fsync_dir, remove_file
from core.jobs import CancelToken, Progress, no_progress
from db.database import BUSY_TIMEOUT_MS, Database
from db.models import HqFile, HqFileHolding, HqUpload
from evidence.hashing import sha256_of_file
from evidence.store import UPLOADS, FootageStore
from hq.errors import HqError
from sync import checksums
from sync.protocol import (
    FILE_KINDS, FILES_CHECK_MAX, TUS_CHECKSUMS, TUS_MAX_SIZE, UPLOAD_EXPIRY_S,
)

if TYPE_CHECKING:
    from evidence.verify import StoreProblem
    from hq.service import Caller, HqService
    from lawdesk.workspace import Workspace

HEX64 = re.compile(r"^[0-9a-f]{64}$")
UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")
# Room HQ keeps free on its disk beyond an upload's length.
DISK_RESERVE = 256 << 20
# Part files no upload names are removed once this old (a crash between creating the file
# and recording the upload); expired uploads are looked for at most this often.
ORPHAN_AGE_S = 3600
SWEEP_INTERVAL_S = 600
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


# ------------------------------------------------------------------------------ refusals
class UploadRefused(HqError):
    """A tus request HQ cannot take as sent; ``reason`` says why."""

    status = 400
    code = "upload_refused"
    zh = "上传请求有误：{reason_zh}"
    en = "The upload request is not valid: {reason_en}"


class TusVersionUnsupported(HqError):
    status = 412
    code = "tus_version"
    zh = "总部只支持 tus 协议 1.0.0 版"
    en = "HQ speaks tus 1.0.0 only"


class WrongContentType(HqError):
    status = 415
    code = "wrong_content_type"
    zh = "上传块的类型须为 application/offset+octet-stream"
    en = "A chunk must be sent as application/offset+octet-stream"


class UploadNotFound(HqError):
    status = 404
    code = "upload_not_found"
    zh = "没有这个上传（可能已完成、已过期或已取消）：{upload_id}"
    en = "No such upload (it may be finished, expired or terminated): {upload_id}"


class OffsetMismatch(HqError):
    status = 409
    code = "offset_mismatch"
    zh = "上传位置不符：总部已收到 {offset} 字节，请求却从第 {given} 字节开始"
    en = "Wrong upload offset: HQ holds {offset} bytes, the request starts at {given}"


class ChecksumMismatch(HqError):
    status = 460
    code = "checksum_mismatch"
    zh = "上传块的校验值不符（{algorithm}），该块已丢弃，请重传"
    en = "The chunk's checksum ({algorithm}) does not match; the chunk was dropped, send it again"


class HashMismatch(HqError):
    status = 422
    code = "hash_mismatch"
    zh = "总部对收到的文件计算的 SHA-256（{found}）与声明的（{declared}）不符，上传已作废"
    en = ("HQ's SHA-256 of the file received ({found}) does not match the one declared "
          "({declared}); the upload was discarded")


class UploadTooLarge(HqError):
    status = 413
    code = "upload_too_large"
    zh = "上传超出声明的长度或总部的上限（{limit} 字节）"
    en = "The upload goes past its declared length or HQ's limit ({limit} bytes)"


class UploadBusy(HqError):
    status = 423
    code = "upload_busy"
    zh = "该上传正在接收另一个请求，请稍后再试"
    en = "The upload is receiving another request; try again shortly"


class HqDiskFull(HqError):
    status = 507
    code = "hq_disk_full"
    zh = "总部磁盘空间不足，无法接收 {length} 字节的文件"
    en = "HQ's disk has no room for a file of {length} bytes"


def _refused(zh: str, en: str) -> UploadRefused:
    return UploadRefused(reason_zh=zh, reason_en=en)


# ------------------------------------------------------------------------------ headers
def parse_metadata(header: str | None) -> dict[str, str]:
    """tus Upload-Metadata: ``key base64value`` pairs separated by commas; values UTF-8."""
    metadata: dict[str, str] = {}
    for item in (header or "").split(","):
        item = item.strip()
        if not item:
            continue
        key, _, value = item.partition(" ")
        if not key or key in metadata or not key.isascii():
            raise _refused("Upload-Metadata 格式有误", "Upload-Metadata is malformed")
        try:
            metadata[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise _refused(f"Upload-Metadata 中 {key} 的值不是 base64 编码的 UTF-8",
                           f"the Upload-Metadata value of {key} is not base64 UTF-8") from None
    return metadata


def parse_checksum(header: str | None) -> tuple[str, bytes]:
    """tus Upload-Checksum: ``<algorithm> <base64 digest>``."""
    algorithm, _, value = (header or "").strip().partition(" ")
    if not algorithm:
        raise _refused("每个上传块须带 Upload-Checksum 校验值",
                       "every chunk must carry an Upload-Checksum")
    if algorithm not in TUS_CHECKSUMS:
        raise _refused(f"不支持的校验算法 {algorithm}",
                       f"the checksum algorithm {algorithm} is not supported")
    try:
        digest = base64.b64decode(value.strip(), validate=True)
    except binascii.Error:
        digest = b""
    if len(digest) != checksums.new(algorithm).digest_size:
        raise _refused("Upload-Checksum 的值无效", "the Upload-Checksum value is not valid")
    return algorithm, digest


def parse_length(header: str | None, name: str) -> int:
    if header is None or not header.strip().isdigit():
        raise _refused(f"缺少或无效的 {name}", f"{name} is missing or not a whole number")
    return int(header.strip())


# ------------------------------------------------------------------------------ uploads
@dataclass
class Upload:
    """An upload being worked on in this process."""

    id: str
    workstation_id: str
    sha256: str
    length: int
    offset: int
    kind: str | None
    filename: str | None
    path: Path
    expires_at: datetime
    # SHA-256 of the bytes [0, offset); None until the first chunk after a (re)start.
    hasher: Any = None


@dataclass(frozen=True)
class Created:
    upload_id: str
    offset: int
    expires_at: datetime


@dataclass(frozen=True)
class Held:
    """HQ holds the file already: the confirmation a workstation records."""

    sha256: str
    size: int
    received_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "size": self.size,
                "received_at": iso_utc(self.received_at)}


class ChunkWriter:
    """One PATCH's bytes, appended at the upload's offset. Not thread-safe: one writer per
    upload at a time (the HTTP side holds the upload's lock). Making one touches no file:
    the part file is opened by the first write, in the worker thread."""

    def __init__(self, upload: Upload, algorithm: str) -> None:
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


class OffsetWriter:
    """Writes HqUpload.offset, once a chunk, without waiting for the disk to confirm.

    The part file's bytes are fsynced before; the offset's own commit need not be: a power
    cut that loses the last of these commits leaves an older offset, and the upload resumes
    from there (the part file is cut back to it), which is safe. A killed process loses
    nothing either way. On SQLite: a connection of its own with synchronous=NORMAL (the
    database's other writes keep FULL); on PostgreSQL: synchronous_commit off for this
    transaction only. HqUpload is not audited, so no ledger entry is involved."""

    def __init__(self, database: Database) -> None:
        self.db = database
        self.engine: Engine | None = None
        if database.is_sqlite:
            self.engine = create_engine(database.url)

            @event.listens_for(self.engine, "connect")
            def _connect(dbapi_connection, _record) -> None:  # noqa: ANN001
                dbapi_connection.isolation_level = None
                cursor = dbapi_connection.cursor()
                cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                cursor.execute("PRAGMA synchronous = NORMAL")
                cursor.close()

            @event.listens_for(self.engine, "begin")
            def _begin(connection) -> None:  # noqa: ANN001
                connection.exec_driver_sql("BEGIN IMMEDIATE")

    def set(self, upload_id: str, offset: int, expires_at: datetime) -> bool:
        statement = (update(HqUpload).where(HqUpload.id == upload_id)
                     .values(offset=offset, expires_at=expires_at))
        if self.engine is not None:
            with self.db.write_gate(), self.engine.begin() as connection:
                return connection.execute(statement).rowcount == 1
        with self.db.write(actor="hq", action="hq.upload") as session:
            if self.db.is_postgresql:
                session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            return session.execute(statement).rowcount == 1


class Uploads:
    """Every upload this HQ process works on, and the rules of creating, receiving,
    completing and ending them. Methods that touch files or the database are blocking: the
    HTTP side calls them in worker threads."""

    def __init__(self, service: "HqService") -> None:
        self.service = service
        self.store = FootageStore(service.store_dir)
        self.dir = self.store.root / UPLOADS
        self._live: dict[str, Upload] = {}
        self._lock = threading.Lock()
        self._loading = threading.Lock()
        self._last_sweep = 0.0
        self._offsets = OffsetWriter(service.db)

    # ---------------------------------------------------------------- creation
    def create(self, caller: "Caller", *, length: int, metadata: dict[str, str]) -> Created | Held:
        sha256 = (metadata.get("sha256") or "").strip().lower()
        if not HEX64.match(sha256):
            raise _refused("Upload-Metadata 须含 sha256（64 位十六进制）",
                           "Upload-Metadata must carry sha256 (64 hex digits)")
        if length > TUS_MAX_SIZE:
            raise UploadTooLarge(limit=TUS_MAX_SIZE)
        kind = metadata.get("kind") or None
        if kind is not None and kind not in FILE_KINDS:
            raise _refused(f"未知的文件类别 {kind}", f"unknown file kind {kind}")
        filename = (metadata.get("filename") or None)
        if filename is not None:
            filename = filename[:255]
        self.sweep()
        held = self.held(caller, sha256, length, kind)
        if held is not None:
            return held
        existing = self._existing(caller, sha256, length)
        if existing is not None:
            return existing
        if shutil.disk_usage(self._ensure_dir()).free < length + DISK_RESERVE:
            raise HqDiskFull(length=length)
        now = self.service.clock.now()
        upload_id = uuid.uuid4().hex
        upload = Upload(upload_id, caller.workstation_id, sha256, length, 0, kind, filename,
                        self._part_path(upload_id), now + timedelta(seconds=UPLOAD_EXPIRY_S))
        # The file first, then the row: a crash in between leaves an orphan file the sweep
        # removes, never a row without its file.
        fd = os.open(upload.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.fsync(fd)
        os.close(fd)
        fsync_dir(self.dir)
        with self.service.db.write(actor=caller.actor, action="hq.upload") as session:
            session.add(HqUpload(
                id=upload.id, workstation_id=caller.workstation_id, sha256=sha256,
                length=length, offset=0, created_at=now, expires_at=upload.expires_at,
                metadata_json=canonical_json({"kind": kind, "filename": filename})))
        upload.hasher = hashlib.sha256()
        if length == 0:  # nothing to send: complete at once
            return self.complete(caller, upload)
        with self._lock:
            self._live[upload.id] = upload
        return Created(upload.id, 0, upload.expires_at)

    def held(self, caller: "Caller", sha256: str, length: int | None = None,
             kind: str | None = None) -> Held | None:
        """HQ's confirmation if it holds the file (recording that the caller has it too).

        A file in the store that no HqFile names (a crash after the link, before the record)
        is hashed again and adopted when it is what its name says."""
        with self.service.db.read() as session:
            row = session.get(HqFile, sha256)
        if row is None:
            if not self.store.has(sha256, length):
                return None
            size, found = sha256_of_file(self.store.path_for(sha256))
            if found != sha256:
                return None  # a damaged leftover: install() replaces it on completion
            return self._record(caller, sha256, size, kind)
        if length is not None and row.size != length:
            raise _refused(f"该哈希的文件总部已有，长度为 {row.size} 字节，而非 {length}",
                           f"HQ holds that hash with {row.size} bytes, not {length}")
        self._hold(caller, [sha256])
        return Held(row.sha256, row.size, row.received_at)

    def _existing(self, caller: "Caller", sha256: str, length: int) -> Created | None:
        """The caller's unfinished upload of the same file, if any: resumed, not doubled
        (a workstation killed between the POST and saving its answer asks again)."""
        with self.service.db.read() as session:
            row = session.execute(select(HqUpload).where(
                HqUpload.workstation_id == caller.workstation_id,
                HqUpload.sha256 == sha256, HqUpload.length == length)).scalars().first()
        if row is None:
            return None
        try:
            upload = self.find(caller, row.id)
        except UploadNotFound:
            return None
        return Created(upload.id, upload.offset, upload.expires_at)

    # ---------------------------------------------------------------- finding
    def peek(self, caller: "Caller", upload_id: str) -> Upload | None:
        """The caller's upload if this process works on it already (no file or database
        access: safe on the event loop)."""
        with self._lock:
            upload = self._live.get(upload_id)
        if (upload is None or upload.workstation_id != caller.workstation_id
                or upload.expires_at <= self.service.clock.now()):
            return None
        return upload

    def find(self, caller: "Caller", upload_id: str) -> Upload:
        """The caller's upload, loaded (and its part file cut back to the offset) on first
        use in this process. Another workstation's upload is not found."""
        if not UPLOAD_ID.match(upload_id):
            raise UploadNotFound(upload_id=upload_id[:40])
        upload = self._known(caller, upload_id)
        if upload is not None:
            return upload
        # Loading cuts the part file back: never while another thread has loaded it and
        # may be writing to it, so load once, under a lock, and look again inside it.
        with self._loading:
            return self._known(caller, upload_id) or self._load(caller, upload_id)

    def _known(self, caller: "Caller", upload_id: str) -> Upload | None:
        with self._lock:
            upload = self._live.get(upload_id)
        if upload is None:
            return None
        if upload.workstation_id != caller.workstation_id:
            raise UploadNotFound(upload_id=upload_id)
        if upload.expires_at <= self.service.clock.now():
            self.discard(upload)
            raise UploadNotFound(upload_id=upload_id)
        return upload

    def _load(self, caller: "Caller", upload_id: str) -> Upload:
        now = self.service.clock.now()
        with self.service.db.read() as session:
            row = session.get(HqUpload, upload_id)
        if row is None or row.workstation_id != caller.workstation_id:
            raise UploadNotFound(upload_id=upload_id)
        meta = _json(row.metadata_json)
        upload = Upload(row.id, row.workstation_id, row.sha256, row.length, row.offset,
                        meta.get("kind"), meta.get("filename"), self._part_path(row.id),
                        row.expires_at)
        if row.expires_at <= now:
            self.discard(upload)
            raise UploadNotFound(upload_id=upload_id)
        try:
            size = os.stat(upload.path).st_size
        except FileNotFoundError:
            # Gone with offset > 0: completed by a process that died before recording it
            # (the object is adopted when the file is offered again), or removed by hand.
            self.discard(upload)
            raise UploadNotFound(upload_id=upload_id) from None
        if size > upload.offset:
            os.chmod(upload.path, 0o600)  # a completion that failed half-way made it 0o444
            with open(upload.path, "r+b") as handle:
                handle.truncate(upload.offset)
                os.fsync(handle.fileno())
        elif size < upload.offset:
            # Counted bytes are fsynced first, so this takes a disk that lost them.
            self._set_offset(caller, upload, size)
        with self._lock:
            self._live[upload_id] = upload
        return upload

    def ensure_hash(self, upload: Upload) -> None:
        """The running hash of [0, offset), recomputed from the part file after a restart."""
        if upload.hasher is not None:
            return
        hasher = hashlib.sha256()
        remaining = upload.offset
        fd = os.open(upload.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            while remaining:
                data = os.read(fd, min(_READ, remaining))
                if not data:
                    raise OSError(f"{upload.path} is shorter than its offset {upload.offset}")
                hasher.update(data)
                remaining -= len(data)
        finally:
            os.close(fd)
        upload.hasher = hasher

    # ---------------------------------------------------------------- receiving
    def begin_chunk_now(self, caller: "Caller", upload_id: str, offset: int,
                        algorithm: str) -> ChunkWriter | None:
        """``begin_chunk`` for an upload this process is working on already: no file or
        database access, so the event loop may call it (None: use ``begin_chunk``)."""
        upload = self.peek(caller, upload_id)
        if upload is None or upload.hasher is None:
            return None
        if offset != upload.offset:
            raise OffsetMismatch(offset=upload.offset, given=offset)
        return ChunkWriter(upload, algorithm)

    def begin_chunk(self, caller: "Caller", upload_id: str, offset: int,
                    algorithm: str) -> ChunkWriter:
        """The caller's upload, ready to take a chunk at ``offset`` (one call, so one trip
        to a worker thread, per chunk)."""
        upload = self.find(caller, upload_id)
        if offset != upload.offset:
            raise OffsetMismatch(offset=upload.offset, given=offset)
        self.ensure_hash(upload)
        return ChunkWriter(upload, algorithm)

    def commit_chunk(self, caller: "Caller", upload: Upload, chunk: ChunkWriter,
                     expected: bytes, last: list[bytes] | None = None) -> Held | None:
        """A received chunk (``last``: its final pieces, not yet written): checked, fsynced,
        then counted. The last chunk completes the upload (returns HQ's confirmation)."""
        if last:
            chunk.write(last)
        chunk.finish(expected)
        upload.hasher = chunk.file_hash
        end = chunk.start + chunk.written
        if end == upload.length:
            upload.offset = end
            return self.complete(caller, upload)
        self._set_offset(caller, upload, end)
        return None

    def _set_offset(self, caller: "Caller", upload: Upload, offset: int) -> None:
        expires = self.service.clock.now() + timedelta(seconds=UPLOAD_EXPIRY_S)
        if not self._offsets.set(upload.id, offset, expires):
            raise UploadNotFound(upload_id=upload.id)
        upload.offset, upload.expires_at = offset, expires

    # ---------------------------------------------------------------- the end of an upload
    def complete(self, caller: "Caller", upload: Upload) -> Held:
        """HQ's own hash of the whole file decides: into the store, or discarded."""
        found = upload.hasher.hexdigest()
        if found != upload.sha256:
            self.discard(upload)
            raise HashMismatch(found=found, declared=upload.sha256)
        try:
            with self.service.db.read() as session:
                recorded = session.get(HqFile, upload.sha256) is not None
            # Read-only and linked into place; a copy someone else sent meanwhile is kept.
            self.store.install(upload.path, upload.sha256, trust_existing=recorded)
            return self._record(caller, upload.sha256, upload.length, upload.kind,
                                upload_id=upload.id)
        finally:
            # Done, or failed half-way: the next request reloads it from the database.
            self._forget(upload.id)

    def terminate(self, caller: "Caller", upload_id: str) -> None:
        self.discard(self.find(caller, upload_id))

    def discard(self, upload: Upload) -> None:
        """The upload and its part file, gone (termination, expiry, a hash mismatch)."""
        remove_file(upload.path)
        with self.service.db.write(actor="hq", action="hq.upload") as session:
            session.execute(delete(HqUpload).where(HqUpload.id == upload.id))
        self._forget(upload.id)

    def _forget(self, upload_id: str) -> None:
        with self._lock:
            self._live.pop(upload_id, None)

    def sweep(self, *, force: bool = False) -> int:
        """Remove expired uploads and orphan part files; at most every SWEEP_INTERVAL_S."""
        clock = time.monotonic()
        if not force and clock - self._last_sweep < SWEEP_INTERVAL_S:
            return 0
        self._last_sweep = clock
        now = self.service.clock.now()
        with self.service.db.read() as session:
            rows = session.execute(select(HqUpload.id, HqUpload.expires_at)).all()
        known = {row_id for row_id, _ in rows}
        removed = 0
        for row_id, expires_at in rows:
            if expires_at <= now:
                with self._lock:
                    live = self._live.get(row_id)
                if live is not None and live.expires_at > now:
                    continue  # extended in memory since read
                remove_file(self._part_path(row_id))
                with self.service.db.write(actor="hq", action="hq.upload") as session:
                    session.execute(delete(HqUpload).where(HqUpload.id == row_id))
                self._forget(row_id)
                removed += 1
        try:
            entries = list(os.scandir(self.dir))
        except FileNotFoundError:
            return removed
        for entry in entries:
            stem = entry.name.removesuffix(".part")
            if stem in known or not entry.is_file(follow_symlinks=False):
                continue
            if time.time() - entry.stat(follow_symlinks=False).st_mtime > ORPHAN_AGE_S:
                remove_file(Path(entry.path))
                removed += 1
        return removed

    # ---------------------------------------------------------------- holdings
    def check(self, caller: "Caller", hashes: list[str]) -> list[str]:
        """Which of ``hashes`` HQ holds; the caller is recorded as holding them too."""
        if len(hashes) > FILES_CHECK_MAX:
            raise _refused(f"一次最多查询 {FILES_CHECK_MAX} 个哈希",
                           f"at most {FILES_CHECK_MAX} hashes per request")
        wanted = []
        for value in hashes:
            value = str(value).strip().lower()
            if not HEX64.match(value):
                raise _refused(f"不是 SHA-256 哈希：{value[:80]}",
                               f"not a SHA-256 digest: {value[:80]}")
            wanted.append(value)
        if not wanted:
            return []
        with self.service.db.read() as session:
            held = set(session.execute(
                select(HqFile.sha256).where(HqFile.sha256.in_(set(wanted)))).scalars())
        answer = [value for value in dict.fromkeys(wanted) if value in held]
        self._hold(caller, answer)
        return answer

    def confirmation(self, sha256: str) -> Held | None:
        sha256 = sha256.strip().lower()
        if not HEX64.match(sha256):
            return None
        with self.service.db.read() as session:
            row = session.get(HqFile, sha256)
        return None if row is None else Held(row.sha256, row.size, row.received_at)

    def _record(self, caller: "Caller", sha256: str, size: int, kind: str | None, *,
                upload_id: str | None = None) -> Held:
        """HqFile (if new) and the caller's holding, in HQ's ledger; the upload row goes in
        the same transaction. A race with another workstation sending the same bytes (on
        PostgreSQL both may insert) is settled by trying again."""
        now = self.service.clock.now()
        for attempt in range(3):
            try:
                with self.service.db.write(actor=caller.actor,
                                           action="hq.file_received") as session:
                    row = session.get(HqFile, sha256)
                    if row is None:
                        row = HqFile(sha256=sha256, size=size, received_at=now,
                                     first_workstation_id=caller.workstation_id, kind=kind)
                        session.add(row)
                        session.flush()
                    if _holding(session, sha256, caller.workstation_id) is None:
                        session.add(HqFileHolding(sha256=sha256,
                                                  workstation_id=caller.workstation_id, at=now))
                    if upload_id is not None:
                        session.execute(delete(HqUpload).where(HqUpload.id == upload_id))
                    return Held(row.sha256, row.size, row.received_at)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _hold(self, caller: "Caller", hashes: list[str]) -> None:
        if not hashes:
            return
        now = self.service.clock.now()
        for attempt in range(3):
            with self.service.db.read() as session:
                have = set(session.execute(select(HqFileHolding.sha256).where(
                    HqFileHolding.workstation_id == caller.workstation_id,
                    HqFileHolding.sha256.in_(hashes))).scalars())
            missing = [value for value in hashes if value not in have]
            if not missing:
                return
            try:
                with self.service.db.write(actor=caller.actor, action="hq.file_held") as session:
                    for value in missing:
                        if _holding(session, value, caller.workstation_id) is None:
                            session.add(HqFileHolding(sha256=value, at=now,
                                                      workstation_id=caller.workstation_id))
                return
            except IntegrityError:
                if attempt == 2:
                    raise

    # ---------------------------------------------------------------- paths
    def _part_path(self, upload_id: str) -> Path:
        return self.dir / f"{upload_id}.part"

    def _ensure_dir(self) -> Path:
        if not self.dir.is_dir():
            self.dir.mkdir(parents=True, exist_ok=True)
            fsync_dir(self.dir.parent)
        return self.dir


def _holding(session: Any, sha256: str, workstation_id: str) -> HqFileHolding | None:
    return session.execute(select(HqFileHolding).where(
        HqFileHolding.sha256 == sha256,
        HqFileHolding.workstation_id == workstation_id)).scalars().first()


def _json(text: str) -> dict[str, Any]:
    import json
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}



# ------------------------------------------------------------------------------ verify
def verify_files(workspace: "Workspace", *, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> list["StoreProblem"]:
    """Re-hash HQ's store against HqFile: a changed byte, a missing file and a file no
    HqFile names are each a problem. Uploads in progress are not looked at."""
    from evidence.verify import verify_paths
    store = workspace.store
    with workspace.db.read() as session:
        hashes = list(session.execute(select(HqFile.sha256)).scalars())
    expected = {store.path_for(sha256): sha256 for sha256 in hashes}
    return verify_paths(store, expected, progress=progress, cancel=cancel).problems

