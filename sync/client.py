"""The workstation's HTTP client for HQ: tokens obtained with the workstation key, refused
requests turned into errors a person can read.

One HqClient per sync pass; it keeps its connection open for the whole pass."""
from __future__ import annotations

import os
import ssl
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

import httpx

from audit.keys import Signer
from core.clock import iso_utc, parse_iso_utc
from core.errors import DomainError
from sync.protocol import API, token_request_message

TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class HqUnreachable(DomainError):
    code = "hq_unreachable"
    zh = "无法连接总部服务器 {url}：{reason}"
    en = "Cannot reach the HQ server {url}: {reason}"


class HqRefused(DomainError):
    """HQ answered with a refusal; its own words, in both languages, are kept."""

    zh = "总部拒绝了请求：{message}"
    en = "HQ refused the request: {message_en}"

    def __init__(self, *, status: int, code: str, message: str, message_en: str) -> None:
        self.code = code  # type: ignore[misc] - per instance: HQ's refusal code
        self.status = status
        super().__init__(message=message, message_en=message_en)


def refusal(response: httpx.Response) -> HqRefused:
    try:
        error = response.json()["error"]
        return HqRefused(status=response.status_code, code=error["code"],
                         message=error["message"], message_en=error["message_en"])
    except (ValueError, KeyError, TypeError):
        text = response.text[:200] or response.reason_phrase
        return HqRefused(status=response.status_code, code=f"http_{response.status_code}",
                         message=f"HTTP {response.status_code} {text}",
                         message_en=f"HTTP {response.status_code} {text}")


@dataclass
class Credentials:
    workstation_id: str
    signer: Signer
    now: Callable[[], Any]
    # Told how far HQ's clock is ahead of ``now`` (seconds; negative: behind) after each
    # token request, and when it was measured (sync.status.clock_recorder keeps it).
    on_clock: Callable[[float, Any], None] | None = None


class HqClient:
    def __init__(self, server_url: str, *, credentials: Credentials | None = None,
                 ca_file: str | None = None, timeout: httpx.Timeout = TIMEOUT) -> None:
        self.server_url = server_url.rstrip("/")
        self.credentials = credentials
        verify: Any = ssl.create_default_context(cafile=ca_file) if ca_file else True
        self._http = httpx.Client(base_url=self.server_url, timeout=timeout, verify=verify,
                                  headers={"User-Agent": "LawDesk-workstation"})
        self._token: str | None = None
        # Seconds HQ's clock is ahead of ours, from the last token answer (None: not yet).
        self.clock_offset: float | None = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "HqClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ requests
    def request(self, method: str, path: str, *, authenticated: bool = True,
                expect: tuple[int, ...] = (200,), **kwargs: Any) -> httpx.Response:
        """One request; ``path`` is relative to the API root unless it starts with "/".

        A 401 (the token expired) gets one fresh token and one retry. Any status not in
        ``expect`` becomes HqRefused; a network failure HqUnreachable."""
        url = path if path.startswith(("/", "http")) else f"{API}/{path}"
        headers = dict(kwargs.pop("headers", None) or {})
        response = self._send(method, url, authenticated, headers, kwargs)
        if response.status_code == 401 and authenticated:
            self._token = None
            response = self._send(method, url, authenticated, headers, kwargs)
        if response.status_code not in expect:
            raise refusal(response)
        return response

    def _send(self, method: str, url: str, authenticated: bool, headers: dict[str, str],
              kwargs: dict[str, Any]) -> httpx.Response:
        if authenticated:
            headers = {**headers, "Authorization": f"Bearer {self.token()}"}
        try:
            return self._http.request(method, url, headers=headers, **kwargs)
        except httpx.HTTPError as error:
            raise HqUnreachable(url=self.server_url, reason=_reason(error)) from error

    def token(self) -> str:
        if self._token is None:
            if self.credentials is None:
                raise RuntimeError("an authenticated request needs credentials")
            credentials = self.credentials
            sent = credentials.now()
            at = iso_utc(sent)
            nonce = os.urandom(16).hex()
            signature = credentials.signer.sign(
                token_request_message(credentials.workstation_id, at, nonce))
            try:
                response = self._http.post(f"{API}/auth/token", json={
                    "workstation_id": credentials.workstation_id, "at": at, "nonce": nonce,
                    "signature": signature})
            except httpx.HTTPError as error:
                raise HqUnreachable(url=self.server_url, reason=_reason(error)) from error
            if response.status_code != 200:
                raise refusal(response)
            answer = response.json()
            self._token = answer["token"]
            self.clock_offset = clock_offset(answer.get("server_time"), sent,
                                             credentials.now())
            if self.clock_offset is not None and credentials.on_clock is not None:
                credentials.on_clock(self.clock_offset, sent)
        return self._token

    def get_json(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs).json()

    def post_json(self, path: str, body: Any, **kwargs: Any) -> Any:
        return self.request("POST", path, json=body, **kwargs).json()


def clock_offset(server_time: Any, sent: datetime, received: datetime) -> float | None:
    """How far HQ's clock is ahead of ours: its time as it answered against the middle of
    our request's round trip (None when HQ did not say: an older HQ)."""
    if not isinstance(server_time, str):
        return None
    try:
        theirs = parse_iso_utc(server_time)
    except ValueError:
        return None
    return round((theirs - (sent + (received - sent) / 2)).total_seconds(), 3)


def _reason(error: httpx.HTTPError) -> str:
    text = str(error) or type(error).__name__
    return text[:200]
