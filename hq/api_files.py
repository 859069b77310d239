"""HTTP: footage up by tus 1.0.0 (core, creation, termination, checksum, expiration), the
"which of these do you hold" check and HQ's confirmation of a file it holds.

The rules live in hq.files and the modules it names; here the request body of a PATCH is
streamed to the part file as it arrives: received on the event loop, written and hashed in a
worker thread one block at a time while the next block arrives, so the loop stays free for
other requests and memory stays at about two blocks per upload whatever the file's size.
Every answer on these paths carries Tus-Resumable, refusals included."""
from __future__ import annotations

import asyncio
import functools
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from typing import Any, AsyncIterator, Callable, TypeVar

import anyio.to_thread
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.requests import ClientDisconnect

from core.errors import DomainError, NotFound
from hq.errors import error_body, status_of
from hq.files import Created, Held, Upload, Uploads
from hq.part_files import ChunkWriter
from hq.service import Caller, caller, caller_async, hq
from hq.tus_headers import parse_checksum, parse_length, parse_metadata
from hq.upload_errors import (
    TusVersionUnsupported, UploadBusy, UploadRefused, UploadTooLarge, WrongContentType,
)
from sync.protocol import (
    API, FILES_CHECK_MAX, TUS_CHECKSUMS, TUS_EXTENSIONS, TUS_MAX_SIZE, TUS_VERSION,
)

# Bytes gathered from the socket before they are handed to the writer thread.
BLOCK = 2 << 20
# A PATCH whose body stops arriving for this long is dropped (its chunk is cut off), so a
# half-open connection cannot hold an upload for ever.
IDLE_S = 60.0
# How long a second request for the same upload waits for the first before 423.
BUSY_WAIT_S = IDLE_S + 10.0
OCTETS = "application/offset+octet-stream"
T = TypeVar("T")


class TusRoute(APIRoute):
    """Tus-Resumable on every answer, and refusals in the usual JSON body with it."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            try:
                response = await handler(request)
            except DomainError as error:
                response = JSONResponse(error_body(error), status_code=status_of(error))
                if isinstance(error, TusVersionUnsupported):
                    response.headers["Tus-Version"] = TUS_VERSION
            response.headers["Tus-Resumable"] = TUS_VERSION
            return response

        return run


router = APIRouter(prefix=API, tags=["files"], route_class=TusRoute)


class FileNotHeld(NotFound):
    code = "file_not_held"

    def __init__(self, sha256: str) -> None:
        super().__init__("总部保存的文件", "file held at HQ", sha256)


# ------------------------------------------------------------------------------ state
class UploadLocks:
    """One request at a time per upload (used on the event loop only)."""

    def __init__(self) -> None:
        self._locks: dict[str, list[Any]] = {}

    @asynccontextmanager
    async def hold(self, upload_id: str) -> AsyncIterator[None]:
        entry = self._locks.setdefault(upload_id, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            try:
                await asyncio.wait_for(entry[0].acquire(), BUSY_WAIT_S)
            except asyncio.TimeoutError:
                raise UploadBusy() from None
            try:
                yield
            finally:
                entry[0].release()
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                self._locks.pop(upload_id, None)


@dataclass
class FilesState:
    uploads: Uploads
    locks: UploadLocks = field(default_factory=UploadLocks)


async def files(request: Request) -> FilesState:
    """The process's uploads (shared with hq.sweep), made on first use (async: on the
    loop, so made once)."""
    state = getattr(request.app.state, "files", None)
    if state is None:
        state = request.app.state.files = FilesState(hq(request).uploads)
    return state


async def _in_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await anyio.to_thread.run_sync(functools.partial(function, *args, **kwargs))


def _tus(request: Request) -> None:
    if request.headers.get("Tus-Resumable") != TUS_VERSION:
        raise TusVersionUnsupported()


def _http_date(instant: datetime) -> str:
    return format_datetime(instant, usegmt=True)


def _upload_headers(upload: Upload | Created) -> dict[str, str]:
    return {"Upload-Offset": str(upload.offset), "Upload-Expires": _http_date(upload.expires_at),
            "Cache-Control": "no-store"}


# ------------------------------------------------------------------------------ tus
def _options() -> Response:
    return Response(status_code=204, headers={
        "Tus-Version": TUS_VERSION, "Tus-Extension": ",".join(TUS_EXTENSIONS),
        "Tus-Checksum-Algorithm": ",".join(TUS_CHECKSUMS), "Tus-Max-Size": str(TUS_MAX_SIZE)})


router.add_api_route("/files/", _options, methods=["OPTIONS"], include_in_schema=False)
router.add_api_route("/files", _options, methods=["OPTIONS"], include_in_schema=False)


async def create_upload(request: Request, who: Caller = Depends(caller_async),
                        state: FilesState = Depends(files)) -> Response:
    """tus creation. 201 with Location (and Upload-Offset, non-zero when the caller's
    unfinished upload of the same file is resumed); 200 with HQ's confirmation when HQ
    holds the file already."""
    _tus(request)
    if request.headers.get("Upload-Defer-Length"):
        raise UploadRefused(reason_zh="不支持 Upload-Defer-Length，须给出 Upload-Length",
                            reason_en="Upload-Defer-Length is not supported; give "
                                      "Upload-Length")
    length = parse_length(request.headers.get("Upload-Length"), "Upload-Length")
    metadata = parse_metadata(request.headers.get("Upload-Metadata"))
    result = await _in_thread(state.uploads.create, who, length=length, metadata=metadata)
    if isinstance(result, Held):
        return JSONResponse(result.as_json(), status_code=200)
    return Response(status_code=201, headers={
        "Location": f"{API}/files/{result.upload_id}", **_upload_headers(result)})


router.add_api_route("/files/", create_upload, methods=["POST"], status_code=201)
router.add_api_route("/files", create_upload, methods=["POST"], include_in_schema=False)


@router.head("/files/{upload_id}", status_code=200)
async def upload_offset(upload_id: str, request: Request, who: Caller = Depends(caller_async),
                        state: FilesState = Depends(files)) -> Response:
    _tus(request)
    upload = state.uploads.peek(who, upload_id)
    if upload is None:
        async with state.locks.hold(upload_id):
            upload = await _in_thread(state.uploads.find, who, upload_id)
    return Response(status_code=200, headers={
        "Upload-Length": str(upload.length), **_upload_headers(upload)})


@router.patch("/files/{upload_id}", status_code=204)
async def upload_chunk(upload_id: str, request: Request, who: Caller = Depends(caller_async),
                       state: FilesState = Depends(files)) -> Response:
    _tus(request)
    if request.headers.get("Content-Type", "").split(";")[0].strip().lower() != OCTETS:
        raise WrongContentType()
    given = parse_length(request.headers.get("Upload-Offset"), "Upload-Offset")
    algorithm, expected = parse_checksum(request.headers.get("Upload-Checksum"))
    declared = request.headers.get("Content-Length", "").strip()
    uploads = state.uploads
    async with state.locks.hold(upload_id):
        chunk = (uploads.begin_chunk_now(who, upload_id, given, algorithm)
                 or await _in_thread(uploads.begin_chunk, who, upload_id, given, algorithm))
        upload = chunk.upload
        room = upload.length - upload.offset
        try:
            if declared.isdigit() and int(declared) > room:
                raise UploadTooLarge(limit=upload.length)
            last = await _receive(request, chunk, room)
            await _in_thread(uploads.commit_chunk, who, upload, chunk, expected, last)
        except ClientDisconnect:
            await _in_thread(chunk.abort)
            return Response(status_code=400)  # nobody is listening any more
        except TimeoutError:
            await _in_thread(chunk.abort)
            return Response(status_code=408)
        except Exception:
            await _in_thread(chunk.abort)
            raise
        except BaseException:  # cancelled: no more awaiting; the next chunk cuts back too
            chunk.abort()
            raise
    return Response(status_code=204, headers=_upload_headers(upload))


async def _receive(request: Request, chunk: ChunkWriter, room: int) -> list[bytes]:
    """The body, written and hashed in a worker thread block by block while the next block
    arrives; returns the last pieces, not yet written (the commit writes them: one trip to
    a thread fewer). No write is still running when this returns or raises."""
    loop = asyncio.get_running_loop()
    pending: asyncio.Future | None = None
    pieces: list[bytes] = []
    size = received = 0
    moved = loop.time()
    try:
        async with asyncio.timeout(IDLE_S) as timer:
            async for piece in request.stream():
                if not piece:
                    continue
                now = loop.time()
                if now - moved > 1.0:  # a slow link is not idle; a silent one is
                    timer.reschedule(now + IDLE_S)
                    moved = now
                received += len(piece)
                if received > room:
                    raise UploadTooLarge(limit=chunk.upload.length)
                pieces.append(piece)
                size += len(piece)
                if size >= BLOCK:
                    if pending is not None:
                        await pending
                    pending = asyncio.ensure_future(_in_thread(chunk.write, pieces))
                    pieces, size = [], 0
            if pending is not None:
                await pending
            return pieces
    finally:
        if pending is not None:
            if not pending.done():
                # The thread cannot be stopped; the part file is cut back only after it.
                await asyncio.wait([pending])
            if not pending.cancelled():
                pending.exception()  # retrieved: raised above if it mattered


@router.delete("/files/{upload_id}", status_code=204)
async def terminate_upload(upload_id: str, request: Request, who: Caller = Depends(caller_async),
                           state: FilesState = Depends(files)) -> Response:
    _tus(request)
    async with state.locks.hold(upload_id):
        await _in_thread(state.uploads.terminate, who, upload_id)
    return Response(status_code=204)


# ------------------------------------------------------------------------------ holdings
class CheckRequest(BaseModel):
    sha256: list[str] = Field(max_length=FILES_CHECK_MAX)


class CheckResponse(BaseModel):
    held: list[str]


class FileConfirmation(BaseModel):
    sha256: str
    size: int
    received_at: str


@router.post("/files/check", response_model=CheckResponse)
def check_files(body: CheckRequest, who: Caller = Depends(caller),
                state: FilesState = Depends(files)) -> CheckResponse:
    return CheckResponse(held=state.uploads.check(who, body.sha256))


@router.get("/files/{sha256}", response_model=FileConfirmation)
def file_confirmation(sha256: str, who: Caller = Depends(caller),
                      state: FilesState = Depends(files)) -> FileConfirmation:
    """HQ's confirmation of a file a workstation of the caller's unit sent; 404
    "file_not_held" for any other, whether or not another unit sent it."""
    held = state.uploads.confirmation(who, sha256)
    if held is None:
        raise FileNotHeld(sha256[:64])
    return FileConfirmation(**held.as_json())
