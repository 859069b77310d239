"""uvicorn's HTTP protocol (httptools) with the connection limits uvicorn lacks.

uvicorn closes a connection idle between requests (timeout_keep_alive), but none that is
slow to send a request's head: a client sending one header line a second, or opening a
connection and saying nothing, holds it for ever, and enough of them take every socket HQ
has. Nor does it bound the head's size. So this protocol

- gives each request's line and headers ``header_timeout`` seconds from the connection's
  opening or the request's first byte, then answers 408 and closes;
- answers 431 and closes once a head passes hq.limits.HEAD_BYTES;
- answers 503 and closes a connection beyond ``max_connections`` at once, before it can
  hold a socket any longer (uvicorn's own limit_concurrency only answers after the head).

These answers, and the 400 for bytes that are not HTTP, carry the usual JSON error body
(hq.errors)."""
from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from core.errors import DomainError
from hq.errors import HqError, error_body
from hq.limits import HEAD_BYTES, HEADER_TIMEOUT_S, MAX_CONNECTIONS


class HeaderTimeout(HqError):
    status = 408
    code = "header_timeout"
    zh = "请求头在 {seconds} 秒内没有收全，连接已关闭"
    en = "The request's headers did not arrive within {seconds} seconds; the connection is closed"


class HeadTooLarge(HqError):
    status = 431
    code = "headers_too_large"
    zh = "请求行和请求头超过 {limit} 字节"
    en = "The request line and headers take more than {limit} bytes"


class MalformedHttp(HqError):
    status = 400
    code = "malformed_http"
    zh = "请求不符合 HTTP 格式"
    en = "The request is not valid HTTP"


class TooManyConnections(HqError):
    status = 503
    code = "too_many_connections"
    zh = "总部当前连接数已满（{limit}），请稍后再试"
    en = "HQ holds as many connections as it takes ({limit}); try again shortly"


class LimitedHttpProtocol(HttpToolsProtocol):
    header_timeout: float = HEADER_TIMEOUT_S
    max_connections: int = MAX_CONNECTIONS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None
        self._in_head = True
        self._head_bytes = 0

    # ------------------------------------------------------------ connection
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self._answer_and_close(TooManyConnections(limit=self.max_connections))
            return
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        if self._in_head and self._head_bytes > HEAD_BYTES and not self.transport.is_closing():
            self._answer_and_close(HeadTooLarge(limit=HEAD_BYTES))

    def send_400_response(self, msg: str) -> None:
        """What uvicorn answers to bytes that are not HTTP, in HQ's JSON body."""
        self._answer_and_close(MalformedHttp())

    # ------------------------------------------------------------ parser callbacks
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        if self._head_deadline is None:  # the first request's clock runs from the connection
            self._arm()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head = True  # what comes next on this connection is the next request's head

    def on_headers_complete(self) -> None:
        self._disarm()
        self._in_head = False
        self._head_bytes = 0
        super().on_headers_complete()

    # ------------------------------------------------------------ the deadline
    def _arm(self) -> None:
        self._head_deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _too_slow(self) -> None:
        self._head_deadline = None
        if not self.transport.is_closing():
            self._answer_and_close(HeaderTimeout(seconds=int(self.header_timeout)))

    def _answer_and_close(self, error: DomainError) -> None:
        """A whole response written straight to the socket, then closed. Not while another
        response is under way (a pipelined request): its bytes would be cut into."""
        self._disarm()
        if self.cycle is not None and not self.cycle.response_complete:
            self.transport.close()
            return
        body = json.dumps(error_body(error), ensure_ascii=False).encode()
        head = [STATUS_LINE[error.status]]
        for name, value in self.server_state.default_headers:
            head += [name, b": ", value, b"\r\n"]
        head += [b"content-type: application/json\r\n",
                 b"content-length: " + str(len(body)).encode() + b"\r\n",
                 b"connection: close\r\n\r\n"]
        self.transport.write(b"".join(head) + body)
        self.transport.close()


def limited_protocol(*, header_timeout: float, max_connections: int) -> type[LimitedHttpProtocol]:
    """The protocol class for uvicorn.Config(http=...), with these limits."""
    return type("HqHttpProtocol", (LimitedHttpProtocol,),
                {"header_timeout": header_timeout, "max_connections": max_connections})
