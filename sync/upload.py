"""Footage up: every stored file HQ has not confirmed yet, sent by resumable tus upload.

What HQ must receive (``pending_objects``): every object of the footage store (footage and
thumbnails), the offload manifests, the issued document PDFs and the signature images,
each by its SHA-256, less those with an HqReceipt (HQ's confirmation, audited).

``upload_pending`` asks HQ which of them it holds already (those are confirmed without
sending a byte), then sends the rest one by one, chunk by chunk, each chunk with its
checksum (the requests themselves: sync.tus_client). The upload's address is saved
(UploadState) before the first byte goes, so a workstation killed mid-file, a dropped
connection or a restarted server costs at most the one chunk that was on the way: the next
attempt asks HQ for its offset (HEAD) and goes on from there. Chunks are read from the
stored file as they are sent, the next one read and checksummed while the current one is
on the wire, straight from the disk where the system allows (sync.chunk_source); nothing
holds a whole file.

HQ is the judge of the bytes: it hashes the whole file itself and refuses it when that hash
is not the declared one (a damaged local copy shows up there, as ``hash_mismatch``). Only
after HQ's confirmation (GET {API}/files/{sha256}) does the workstation write HqReceipt.
No database transaction is open while the network is used.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from sqlalchemy import select

from core.clock import parse_iso_utc
from core.errors import DomainError
from core.jobs import CancelToken, Progress, no_progress
from db.models import (
    Footage, HqReceipt, IssuedDocument, OffloadSession, SignatureImage, UploadState,
)
from evidence.manifest import HASHDEEP_SUFFIX, JSON_SUFFIX
from sync import tus_client as tus
from sync.chunk_source import ChunkSource, LocalFileProblem, SendBuffers
from sync.client import HqClient, HqRefused, HqUnreachable
from sync.protocol import FILES_CHECK_MAX

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

MiB = 1 << 20
CHECK_BATCH = min(500, FILES_CHECK_MAX)
# Waits before each new attempt after the connection dropped; then the pass gives up.
RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0)
# Refusals of one chunk tolerated before the file is given up for this pass.
MAX_CHUNK_REFUSALS = 3
ACTOR = "sync"


@dataclass(frozen=True)
class PendingObject:
    """A file HQ must hold: its hash, size, what it is, and where its bytes are."""

    sha256: str
    size: int
    kind: str           # sync.protocol.FILE_KINDS
    name: str           # shown in progress and errors
    path: Path | None = None
    data: bytes | None = None


@dataclass
class FilesSummary:
    sent: int = 0            # files uploaded (and confirmed) in this pass
    already_held: int = 0    # files HQ held already: confirmed without an upload
    confirmed: int = 0       # receipts written in this pass (sent + already_held)
    bytes_sent: int = 0      # chunk bytes put on the wire, re-sent ones included
    upload_seconds: float = 0.0  # spent sending files: from creating each upload to HQ's
                                 # confirmation (bytes_sent over it is the upload's rate)
    errors: list[str] = field(default_factory=list)
    pending: int = 0         # files still without HQ's confirmation after the pass

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


# ------------------------------------------------------------------------------ what to send
def pending_objects(workspace: "Workspace") -> list[PendingObject]:
    """Every stored file without an HqReceipt, each hash once, smallest first (so many
    small files are not held up behind one large one)."""
    store = workspace.store
    found: dict[str, PendingObject] = {}
    with workspace.db.read() as session:
        received = set(session.execute(select(HqReceipt.sha256)).scalars())
        footage = {sha: name for sha, name in session.execute(
            select(Footage.sha256, Footage.original_name))}
        thumbnails = {sha: name for sha, name in session.execute(
            select(Footage.thumbnail_sha256, Footage.original_name)
            .where(Footage.thumbnail_sha256.is_not(None)))}
        manifests = session.execute(select(OffloadSession.id, OffloadSession.manifest_sha256,
                                           OffloadSession.manifest_json_sha256)).all()
        documents = session.execute(select(IssuedDocument.sha256, IssuedDocument.number)).all()
        signatures = [sha for sha in session.execute(select(SignatureImage.sha256)).scalars()
                      if sha not in received]

    def add(sha256: str, kind: str, name: str, path: Path | None) -> None:
        if sha256 in received or sha256 in found:
            return
        try:
            size = os.stat(path).st_size if path is not None else 0
        except OSError:
            size = 0  # missing: reported when it is sent
        found[sha256] = PendingObject(sha256, size, kind, name, path=path)

    for sha256, path in store.iter_objects():
        if sha256 is None:
            continue
        if sha256 in footage:
            add(sha256, "footage", footage[sha256], path)
        elif sha256 in thumbnails:
            add(sha256, "thumbnail", thumbnails[sha256], path)  # kind tells it apart
        else:
            add(sha256, "object", sha256[:16], path)
    for session_id, text_hash, json_hash in manifests:
        if text_hash:
            add(text_hash, "manifest", f"{session_id}{HASHDEEP_SUFFIX}",
                store.manifest_path(session_id, HASHDEEP_SUFFIX))
        if json_hash:
            add(json_hash, "manifest", f"{session_id}{JSON_SUFFIX}",
                store.manifest_path(session_id, JSON_SUFFIX))
    if documents:
        from casework.documents.archive import DocumentArchive
        archive = DocumentArchive(workspace.documents_dir)
        for sha256, number in documents:
            add(sha256, "document", f"{number}.pdf", archive.path_for(sha256))
    if signatures:
        with workspace.db.read() as session:
            for image in session.execute(select(SignatureImage).where(
                    SignatureImage.sha256.in_(signatures))).scalars():
                if image.sha256 not in found:
                    data = bytes(image.png)
                    found[image.sha256] = PendingObject(
                        image.sha256, len(data), "signature",
                        f"signature {image.sha256[:12]}.png", data=data)
    return sorted(found.values(), key=lambda o: (o.size, o.sha256))


def chunk_bytes_setting(workspace: "Workspace") -> int:
    from config.settings import get_setting
    return int(get_setting(workspace.db, "sync.chunk_mib")) * MiB


# ------------------------------------------------------------------------------ the pass
def upload_pending(workspace: "Workspace", client: HqClient, *,
                   progress: Progress = no_progress, cancel: CancelToken | None = None,
                   chunk_bytes: int | None = None,
                   retry_delays: Sequence[float] = RETRY_DELAYS) -> FilesSummary:
    """Make HQ hold every pending object. ``chunk_bytes`` defaults to ``sync.chunk_mib``.

    A file HQ refuses (a damaged local copy: ``hash_mismatch``) is named in ``errors`` and
    the others go on. HQ unreachable (after ``retry_delays``) ends the pass, named in
    ``errors``; what was confirmed stays confirmed and an upload under way resumes next
    time. Cancel is honoured between chunks (raises Cancelled)."""
    chunk = chunk_bytes or chunk_bytes_setting(workspace)
    objects = pending_objects(workspace)
    summary = FilesSummary(pending=len(objects))
    if not objects:
        return summary
    meter = _Meter(progress, sum(o.size for o in objects))
    buffers = SendBuffers(chunk)
    try:
        rest = _confirm_held(workspace, client, objects, summary, meter, cancel)
        algorithm = tus.agree_checksum(client) if rest else ""
        for obj in rest:
            if cancel is not None:
                cancel.raise_if_cancelled()
            started = time.monotonic()
            try:
                held = _Sender(workspace, client, obj, buffers, algorithm, chunk, summary,
                               meter, cancel, retry_delays).run()
            except HqRefused as refused:
                _forget_state(workspace, obj.sha256, refused)
                summary.errors.append(_named(obj, refused, workspace))
                meter.skip(obj)
                continue
            except LocalFileProblem as problem:
                summary.errors.append(problem.message(workspace.language))
                meter.skip(obj)
                continue
            finally:
                summary.upload_seconds += time.monotonic() - started
            _write_receipts(workspace, [(obj.sha256, held, "uploaded")])
            summary.sent += 1
            summary.confirmed += 1
    except HqUnreachable as unreachable:
        summary.errors.append(unreachable.message(workspace.language))
    except HqRefused as refused:  # the check or a confirmation: nothing more to do now
        summary.errors.append(refused.message(workspace.language))
    summary.pending = len(objects) - summary.confirmed
    return summary


def _confirm_held(workspace: "Workspace", client: HqClient, objects: list[PendingObject],
                  summary: FilesSummary, meter: "_Meter",
                  cancel: CancelToken | None) -> list[PendingObject]:
    """Ask HQ which objects it holds; confirm those and return the others."""
    rest: list[PendingObject] = []
    for start in range(0, len(objects), CHECK_BATCH):
        if cancel is not None:
            cancel.raise_if_cancelled()
        batch = objects[start:start + CHECK_BATCH]
        held = tus.held_by_hq(client, [o.sha256 for o in batch])
        receipts = []
        for obj in batch:
            if obj.sha256 not in held:
                rest.append(obj)
                continue
            confirmation = tus.confirmation(client, obj.sha256)
            if confirmation is None:
                rest.append(obj)
                continue
            receipts.append((obj.sha256, confirmation, "already_held"))
            meter.skip(obj)
        _write_receipts(workspace, receipts)
        summary.already_held += len(receipts)
        summary.confirmed += len(receipts)
    return rest


def _write_receipts(workspace: "Workspace",
                    receipts: list[tuple[str, dict[str, Any], str]]) -> None:
    """HQ's confirmations, in one short transaction (the upload cursors go with them)."""
    if not receipts:
        return
    with workspace.db.write(actor=ACTOR, action="sync.hq_receipt") as session:
        for sha256, confirmation, how in receipts:
            state = session.get(UploadState, sha256)
            if state is not None:
                session.delete(state)
            if session.get(HqReceipt, sha256) is None:
                session.add(HqReceipt(sha256=sha256, size=int(confirmation["size"]),
                                      held_at=parse_iso_utc(confirmation["received_at"]),
                                      how=how))


def _forget_state(workspace: "Workspace", sha256: str, refused: HqRefused) -> None:
    """After HQ discarded the upload (its hash did not match, or it is gone), start afresh
    next time rather than resume it."""
    if refused.code in ("hash_mismatch", "upload_not_found", "upload_refused"):
        _save_state(workspace, sha256, None)


def _named(obj: PendingObject, error: DomainError, workspace: "Workspace") -> str:
    return f"{obj.name}: {error.message(workspace.language)}"


class _Meter:
    """Progress over all bytes of the pass: uploaded, or confirmed without an upload."""

    def __init__(self, progress: Progress, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def skip(self, obj: PendingObject) -> None:
        self.done += obj.size
        self.progress(min(self.done, self.total), self.total, obj.name)

    def at(self, obj_done: int, base: int, note: str) -> None:
        self.progress(min(base + obj_done, self.total), self.total, note)


# ------------------------------------------------------------------------------ one file
def _load_state(workspace: "Workspace", sha256: str) -> tuple[str, int] | None:
    with workspace.db.read() as session:
        state = session.get(UploadState, sha256)
        return None if state is None else (state.upload_url, state.size)


def _save_state(workspace: "Workspace", sha256: str, url: str | None,
                size: int = 0) -> None:
    with workspace.db.write(actor=ACTOR, action="sync.upload_state") as session:
        state = session.get(UploadState, sha256)
        if url is None:
            if state is not None:
                session.delete(state)
        elif state is None:
            session.add(UploadState(sha256=sha256, upload_url=url, size=size,
                                    created_at=workspace.clock.now()))
        else:
            state.upload_url, state.size = url, size


class _Sender:
    """One object: resume or create its upload, send its chunks, get HQ's confirmation."""

    def __init__(self, workspace: "Workspace", client: HqClient, obj: PendingObject,
                 buffers: SendBuffers, algorithm: str, chunk: int, summary: FilesSummary,
                 meter: _Meter, cancel: CancelToken | None,
                 retry_delays: Sequence[float]) -> None:
        self.workspace, self.client, self.obj, self.chunk = workspace, client, obj, chunk
        self.buffers, self.algorithm = buffers, algorithm
        self.summary, self.meter, self.cancel = summary, meter, cancel
        self.retry_delays = tuple(retry_delays)
        self.base = meter.done

    def run(self) -> dict[str, Any]:
        if self.obj.path is not None:
            try:
                size = os.stat(self.obj.path).st_size
            except OSError as error:
                raise LocalFileProblem(name=self.obj.name, reason=error.strerror) from None
            if size != self.obj.size:
                raise LocalFileProblem(name=self.obj.name,
                                       reason=f"{size} != {self.obj.size}")
        url, offset = self._start()
        if url is None:  # HQ holds it already (another workstation sent it meanwhile)
            confirmation = tus.confirmation(self.client, self.obj.sha256)
            if confirmation is not None:
                self.meter.skip(self.obj)
                return confirmation
            raise HqRefused(status=404, code="file_not_held",
                            message="总部答复已有该文件，却无法确认",
                            message_en="HQ said it holds the file but cannot confirm it")
        self._send(url, offset)
        confirmation = tus.confirmation(self.client, self.obj.sha256)
        if confirmation is None:
            raise HqRefused(status=404, code="file_not_held",
                            message="上传已完成，但总部未确认保存该文件",
                            message_en="the upload finished but HQ does not confirm holding "
                                       "the file")
        self.meter.done = self.base + self.obj.size
        return confirmation

    # -------------------------------------------------------------- the upload's address
    def _start(self) -> tuple[str | None, int]:
        saved = _load_state(self.workspace, self.obj.sha256)
        if saved is not None and saved[1] == self.obj.size:
            offset = self._retrying(lambda: self._head(saved[0]))
            if offset is not None:
                return saved[0], offset
            _save_state(self.workspace, self.obj.sha256, None)
        url, offset = self._retrying(lambda: tus.create_upload(
            self.client, sha256=self.obj.sha256, size=self.obj.size, kind=self.obj.kind,
            name=self.obj.name))
        if url is not None:
            _save_state(self.workspace, self.obj.sha256, url, self.obj.size)
        return url, offset

    def _head(self, url: str) -> int | None:
        """HQ's offset for the upload, or None when HQ no longer has it."""
        return tus.upload_offset(self.client, url, self.obj.size)

    def _retrying(self, call: Callable[[], Any]) -> Any:
        """``call``, tried again after each of ``retry_delays`` while HQ is unreachable."""
        for delay in (*self.retry_delays, None):
            try:
                return call()
            except HqUnreachable:
                if delay is None:
                    raise
            if self.cancel is not None:
                self.cancel.raise_if_cancelled()
            time.sleep(delay)
        raise AssertionError("unreachable")

    # -------------------------------------------------------------- the chunks
    def _send(self, url: str, offset: int) -> None:
        refusals = 0
        with ChunkSource(self.obj) as source, ThreadPoolExecutor(
                1, thread_name_prefix="lawdesk-upload-read") as reader:
            ahead: tuple[int, Future] | None = None
            while offset < self.obj.size:
                if self.cancel is not None:
                    self.cancel.raise_if_cancelled()
                if ahead is not None and ahead[0] == offset:
                    data, checksum = ahead[1].result()
                else:
                    if ahead is not None:
                        ahead[1].result()  # never two reads of one file at once
                    data, checksum = self._read(source, offset)
                following = offset + len(data)
                ahead = None
                if following < self.obj.size:
                    ahead = (following, reader.submit(self._read, source, following))
                try:
                    offset = self._patch(url, offset, data, checksum)
                except HqUnreachable:
                    offset = self._after_drop(url)
                except HqRefused as refused:
                    refusals += 1
                    if refused.status not in (409, 423, 460) or refusals > MAX_CHUNK_REFUSALS:
                        raise
                    # 409: HQ is elsewhere (an earlier attempt did land); 423: HQ still
                    # holds a dropped attempt; 460: the chunk was damaged on the way. Each
                    # time: ask where HQ is and go on from there.
                    offset = self._retrying(lambda: self._head(url))
                    if offset is None:
                        raise
                finally:
                    data.release()
                self.meter.at(offset, self.base, self.obj.name)
            if ahead is not None:
                ahead[1].result()[0].release()

    def _read(self, source: ChunkSource, offset: int) -> tuple[memoryview, str]:
        data = source.read(offset, min(self.chunk, self.obj.size - offset), self.buffers)
        return data, tus.checksum_header(self.algorithm, data)

    def _patch(self, url: str, offset: int, data: memoryview, checksum: str) -> int:
        self.summary.bytes_sent += len(data)
        return tus.send_chunk(self.client, url, offset, data, checksum)

    def _after_drop(self, url: str) -> int:
        """The connection dropped mid-chunk: HQ kept what it had before that chunk."""
        offset = self._retrying(lambda: self._head(url))
        if offset is None:
            raise HqRefused(status=404, code="upload_not_found",
                            message="总部已不再保存该上传，下次同步将重新上传",
                            message_en="HQ no longer has the upload; the next pass starts "
                                       "it again")
        return offset

