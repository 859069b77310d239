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
and HqFileHolding in HQ's ledger. hq.file_verification later re-hashes the store against
HqFile.

What HQ says it holds, it says per unit: a file counts as held for a caller only when a
workstation of the caller's own unit sent it (or was confirmed holding it), so knowing a hash
tells nobody whether another unit has that file. A file HQ holds from another unit only is
uploaded again like a new one; its bytes are hashed as they arrive, and when they match the
file already in the store they are dropped (the store keeps one copy) and the caller's
workstation is added as a holder.

New uploads are bounded by hq.quota (bytes declared by open uploads per workstation and per
unit, and HQ's free disk); expired ones are removed by hq.sweep in the background.

One ``Uploads`` per server process holds the uploads being worked on (their running
hashes); the HTTP side (hq.api_files) runs every file operation here in a worker thread.
The pieces: the request headers (hq.tus_headers), the part files and the chunk writer
(hq.part_files), the offset's commit (hq.offset_writer), the refusals (hq.upload_errors).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from core.canonical import canonical_json
from core.clock import iso_utc
from core.files import fsync_dir, remove_file
from db.models import HqFile, HqFileHolding, HqUpload, HqWorkstation
from evidence.store import UPLOADS, FootageStore
from hq.offset_writer import OffsetWriter
from hq.part_files import ChunkWriter, create_part_file, cut_back, hash_of_start
from hq.quota import check_room
from hq.upload_errors import (
    HashMismatch, OffsetMismatch, UploadNotFound, UploadTooLarge, refused,
)
from sync.protocol import FILE_KINDS, FILES_CHECK_MAX, TUS_MAX_SIZE, UPLOAD_EXPIRY_S

if TYPE_CHECKING:
    from hq.service import Caller, HqService

HEX64 = re.compile(r"^[0-9a-f]{64}$")
UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")
# Part files no upload names are removed once this old (a crash between creating the file
# and recording the upload).
ORPHAN_AGE_S = 3600


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
        # New uploads one at a time: the quota is checked and the upload recorded under it,
        # so two at once cannot both fit in the room left for one.
        self._creating = threading.Lock()
        self._offsets = OffsetWriter(service.db)

    # ---------------------------------------------------------------- creation
    def create(self, caller: "Caller", *, length: int, metadata: dict[str, str]) -> Created | Held:
        sha256 = (metadata.get("sha256") or "").strip().lower()
        if not HEX64.match(sha256):
            raise refused("Upload-Metadata 须含 sha256（64 位十六进制）",
                          "Upload-Metadata must carry sha256 (64 hex digits)")
        if length > TUS_MAX_SIZE:
            raise UploadTooLarge(limit=TUS_MAX_SIZE)
        kind = metadata.get("kind") or None
        if kind is not None and kind not in FILE_KINDS:
            raise refused(f"未知的文件类别 {kind}", f"unknown file kind {kind}")
        filename = (metadata.get("filename") or None)
        if filename is not None:
            filename = filename[:255]
        held = self.held(caller, sha256, length, kind)
        if held is not None:
            return held
        existing = self._existing(caller, sha256, length)
        if existing is not None:
            return existing
        with self._creating:
            now = self.service.clock.now()
            check_room(self.service.db, caller, now, length, self._ensure_dir())
            upload_id = uuid.uuid4().hex
            upload = Upload(upload_id, caller.workstation_id, sha256, length, 0, kind,
                            filename, self._part_path(upload_id),
                            now + timedelta(seconds=UPLOAD_EXPIRY_S))
            # The file first, then the row: a crash in between leaves an orphan file the
            # sweep removes, never a row without its file.
            create_part_file(upload.path)
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
        """HQ's confirmation if it holds the file from the caller's unit (recording that the
        caller has it too); None otherwise, and then the caller sends the bytes.

        A file in the store that no HqFile names (a crash after the link, before the record)
        has no holder to vouch for it: it is sent again, and install() keeps one copy."""
        with self.service.db.read() as session:
            row = session.get(HqFile, sha256)
            ours = row is not None and _unit_holds(session, caller.unit_id, [sha256])
        if not ours:
            return None
        if length is not None and row.size != length:
            raise refused(f"该哈希的文件总部已有，长度为 {row.size} 字节，而非 {length}",
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
            cut_back(upload.path, upload.offset)
        elif size < upload.offset:
            # Counted bytes are fsynced first, so this takes a disk that lost them.
            self._set_offset(caller, upload, size)
        with self._lock:
            self._live[upload_id] = upload
        return upload

    def ensure_hash(self, upload: Upload) -> None:
        """The running hash of [0, offset), recomputed from the part file after a restart."""
        if upload.hasher is None:
            upload.hasher = hash_of_start(upload.path, upload.offset)

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

    def sweep(self) -> int:
        """Remove expired uploads and orphan part files (hq.sweep calls this on a timer)."""
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
        """Which of ``hashes`` HQ holds from the caller's unit; the caller is recorded as
        holding them too. A file only another unit sent is not named."""
        if len(hashes) > FILES_CHECK_MAX:
            raise refused(f"一次最多查询 {FILES_CHECK_MAX} 个哈希",
                          f"at most {FILES_CHECK_MAX} hashes per request")
        wanted = []
        for value in hashes:
            value = str(value).strip().lower()
            if not HEX64.match(value):
                raise refused(f"不是 SHA-256 哈希：{value[:80]}",
                              f"not a SHA-256 digest: {value[:80]}")
            wanted.append(value)
        if not wanted:
            return []
        with self.service.db.read() as session:
            held = _unit_holds(session, caller.unit_id, set(wanted))
        answer = [value for value in dict.fromkeys(wanted) if value in held]
        self._hold(caller, answer)
        return answer

    def confirmation(self, caller: "Caller", sha256: str) -> Held | None:
        """HQ's confirmation of a file it holds from the caller's unit, else None."""
        sha256 = sha256.strip().lower()
        if not HEX64.match(sha256):
            return None
        with self.service.db.read() as session:
            row = session.get(HqFile, sha256)
            if row is None or not _unit_holds(session, caller.unit_id, [sha256]):
                return None
        return Held(row.sha256, row.size, row.received_at)

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


def _unit_holds(session: Any, unit_id: str, hashes: Any) -> set[str]:
    """Those of ``hashes`` a workstation of the unit holds (sent, or was confirmed)."""
    hashes = list(hashes)
    found: set[str] = set()
    for start in range(0, len(hashes), 1_000):
        found.update(session.execute(
            select(HqFileHolding.sha256).distinct()
            .join(HqWorkstation, HqWorkstation.id == HqFileHolding.workstation_id)
            .where(HqWorkstation.unit_id == unit_id,
                   HqFileHolding.sha256.in_(hashes[start:start + 1_000]))).scalars())
    return found


def _holding(session: Any, sha256: str, workstation_id: str) -> HqFileHolding | None:
    return session.execute(select(HqFileHolding).where(
        HqFileHolding.sha256 == sha256,
        HqFileHolding.workstation_id == workstation_id)).scalars().first()


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
