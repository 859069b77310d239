"""Limits HQ applies at the edge, before a request is parsed.

HQ faces every workstation of a bureau, and some requests need no token at all
(enrollment, tokens), so the size of what HQ reads is bounded by the endpoint, not by what a
client declares: a body over its endpoint's limit is answered 413 as soon as Content-Length
says so, or, for a body sent without one (chunked), the moment the bytes counted pass the
limit, never read whole into memory. The limits and their settings (config.settings, "hq.*",
read when the server starts; sync.protocol and the README list them):

  ordinary requests (enrollment, tokens, tus creation, ...)  hq.max_body_kib    8 KiB
  POST {API}/ledger/push                                      hq.max_push_mib   32 MiB
  one ledger entry's change (hq.ledger)                       hq.max_entry_kib  1024 KiB
  POST {API}/files/check                     CHECK_BODY_BYTES, from FILES_CHECK_MAX
  PATCH {API}/files/{id} (tus chunks)        streamed to disk, bounded by Upload-Length
  request line and headers                   HEAD_BYTES (64 KiB), within
                                             hq.header_timeout_seconds (10 s)
  a body read here                           hq.body_timeout_seconds (60 s) plus a
                                             second per BODY_MIN_RATE bytes of its limit
  an idle connection                         hq.keep_alive_seconds (15 s)
  connections at once                        hq.max_connections (1000)

The connection limits are enforced by the HTTP protocol class (hq.http_protocol); the body
limits by the ASGI middleware here: pure ASGI, because Starlette's BaseHTTPMiddleware
would read the body before us."""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from hq.errors import RequestTimeout, RequestTooLarge, error_body, status_of
from sync.protocol import API, FILES_CHECK_MAX, TUS_VERSION

if TYPE_CHECKING:
    from db.database import Database

KIB = 1 << 10
MIB = 1 << 20

# Defaults of the settings above.
MAX_BODY_KIB = 8            # an enrollment is well under 1 KiB, a token request under 0.5
MAX_PUSH_MIB = 32           # a batch of LEDGER_BATCH entries is about 0.5-5 MiB
# The biggest real entries measured are cases (about 4.6 KB of change) and benchmark rows
# (about 1 KB); one MiB is some 200 times the largest.
MAX_ENTRY_KIB = 1024
HEADER_TIMEOUT_S = 10
# A buffered body must arrive within BODY_TIMEOUT_S plus a second per BODY_MIN_RATE bytes
# of its limit (8 KiB: 60.5 s; 32 MiB: 34 minutes, a 128 kbit/s link's pace), else 408: one
# byte a minute cannot hold a connection for days. Tus chunks have their own idle limit.
BODY_TIMEOUT_S = 60
KEEP_ALIVE_S = 15           # a pass sends its requests back to back; passes are 60 s apart
MAX_CONNECTIONS = 1000

# Not settings: fixed by the protocol.
# FILES_CHECK_MAX hashes: 64 hex digits, quotes and a comma each, with room to spare.
CHECK_BODY_BYTES = FILES_CHECK_MAX * 72 + 4 * KIB
HEAD_BYTES = 64 * KIB       # request line and headers (a workstation sends under 1 KiB)
BODY_MIN_RATE = 16 * KIB    # bytes a second, see BODY_TIMEOUT_S

# Numbers HQ stores: ledger positions are 32-bit INTEGER columns on PostgreSQL, file sizes
# and offsets BIGINT. Anything beyond is refused before it reaches the database.
SEQ_MAX = (1 << 31) - 1
SIZE_MAX = (1 << 63) - 1


@dataclass(frozen=True)
class Limits:
    body: int = MAX_BODY_KIB * KIB
    push: int = MAX_PUSH_MIB * MIB
    entry_change: int = MAX_ENTRY_KIB * KIB
    header_timeout_s: float = HEADER_TIMEOUT_S
    body_timeout_s: float = BODY_TIMEOUT_S
    keep_alive_s: int = KEEP_ALIVE_S
    max_connections: int = MAX_CONNECTIONS

    @classmethod
    def from_settings(cls, db: "Database") -> "Limits":
        from config.settings import all_settings
        values = all_settings(db)
        return cls(body=values["hq.max_body_kib"] * KIB, push=values["hq.max_push_mib"] * MIB,
                   entry_change=values["hq.max_entry_kib"] * KIB,
                   header_timeout_s=values["hq.header_timeout_seconds"],
                   body_timeout_s=values["hq.body_timeout_seconds"],
                   keep_alive_s=values["hq.keep_alive_seconds"],
                   max_connections=values["hq.max_connections"])

    def body_limit(self, method: str, path: str) -> tuple[int, str | None] | None:
        """(bytes, the setting that sets them) for a request; None: streamed, unbounded
        here."""
        if path == f"{API}/ledger/push":
            return self.push, "hq.max_push_mib"
        if path == f"{API}/files/check":
            return CHECK_BODY_BYTES, None
        if method == "PATCH" and path.startswith(f"{API}/files/"):
            return None  # tus chunks: written to disk as they arrive, up to Upload-Length
        return self.body, "hq.max_body_kib"


Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: each request's body, read up to its endpoint's limit before the
    application sees it, then handed on; 413 past the limit, 408 when it is too slow.
    Memory per request is at most the limit (the application would hold the body anyway)."""

    def __init__(self, app: Callable[..., Awaitable[None]], limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.body_limit(scope["method"], scope["path"])
        if limit is None:
            await self.app(scope, receive, send)
            return
        size, setting = limit
        too_large = RequestTooLarge(
            path=scope["path"][:100], limit=size,
            note_zh=f"（总部设置项 {setting}）" if setting else "",
            note_en=f" (HQ setting {setting})" if setting else "")
        declared = _content_length(scope)
        if declared is not None and declared > size:
            await _refuse(scope, send, too_large)
            return
        allowed = self.limits.body_timeout_s + size / BODY_MIN_RATE
        try:
            async with asyncio.timeout(allowed):
                body = await _read(receive, size)
        except _TooLarge:
            await _refuse(scope, send, too_large)
            return
        except TimeoutError:
            await _refuse(scope, send, RequestTimeout(seconds=int(allowed)))
            return
        if body is None:
            return  # the client went away: nobody to answer
        await self.app(scope, _replay(body, receive), send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the HTTP parser refuses these before us
    return None


async def _read(receive: Receive, limit: int) -> bytes | None:
    pieces: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        piece = message.get("body", b"")
        size += len(piece)
        if size > limit:
            raise _TooLarge()
        if piece:
            pieces.append(piece)
        if not message.get("more_body", False):
            return b"".join(pieces)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read, once, as one message; then the connection's own receive (which
    tells of a disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(scope: Scope, send: Send, error: Any) -> None:
    """The JSON refusal, and the connection closed after it: the rest of the body is
    never read."""
    content = json.dumps(error_body(error), ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(content)).encode()), (b"connection", b"close")]
    if scope["path"].startswith(f"{API}/files"):
        headers.append((b"tus-resumable", TUS_VERSION.encode()))
    await send({"type": "http.response.start", "status": status_of(error), "headers": headers})
    await send({"type": "http.response.body", "body": content, "more_body": False})
