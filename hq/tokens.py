"""Short-lived bearer tokens for enrolled workstations.

A workstation gets a token by signing a fresh request with its enrolled Ed25519 key
(sync.protocol.token_request_message); the token itself is an HMAC over who and until when,
so checking one costs no signature and no database read. The HMAC key lives in HQ's data
folder and survives restarts, so a restart does not log every workstation out."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from core.files import write_private
from hq.errors import NotAuthenticated

KEY_NAME = "hq_token.key"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class TokenClaims:
    workstation_id: str
    unit_id: str
    expires: int  # Unix seconds


class TokenKeys:
    def __init__(self, key: bytes) -> None:
        self._key = key

    @classmethod
    def load_or_create(cls, keys_dir: Path) -> "TokenKeys":
        path = keys_dir / KEY_NAME
        try:
            return cls(path.read_bytes())
        except FileNotFoundError:
            keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            key = secrets.token_bytes(32)
            try:
                write_private(path, key)
            except FileExistsError:
                return cls(path.read_bytes())  # another server process made it first
            return cls(key)

    def issue(self, claims: TokenClaims) -> str:
        payload = _b64(json.dumps({"ws": claims.workstation_id, "unit": claims.unit_id,
                                   "exp": claims.expires}, separators=(",", ":")).encode())
        return f"{payload}.{self._mac(payload)}"

    def check(self, token: str, now: int) -> TokenClaims:
        # A token HQ issued is ASCII; anything else (header bytes past 0x7f arrive as
        # latin-1 text) is not one, and compare_digest would raise on non-ASCII text.
        if not token.isascii():
            raise NotAuthenticated(reason_zh="令牌无效", reason_en="the token is not valid")
        payload, _, mac = token.partition(".")
        if not mac or not hmac.compare_digest(mac.encode(), self._mac(payload).encode()):
            raise NotAuthenticated(reason_zh="令牌无效", reason_en="the token is not valid")
        try:
            data = json.loads(_unb64(payload))
            claims = TokenClaims(str(data["ws"]), str(data["unit"]), int(data["exp"]))
        except (ValueError, KeyError, TypeError):
            raise NotAuthenticated(reason_zh="令牌无效",
                                   reason_en="the token is not valid") from None
        if claims.expires <= now:
            raise NotAuthenticated(reason_zh="令牌已过期", reason_en="the token has expired")
        return claims

    def _mac(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())
