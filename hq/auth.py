"""Issuing a token to a workstation that proves it holds its enrolled key.

A token request is signed over (workstation, at, nonce). ``at`` must lie within
TOKEN_CLOCK_SKEW_S of HQ's clock, either way; a replay is the same nonce again while a request
with that ``at`` is still acceptable, so HQ keeps each accepted nonce (HqAuthNonce) until its
``at`` falls out of the window and then forgets it: no high-water time. A workstation whose
clock ran ahead and was then corrected backwards is not locked out; it only has to send a
fresh nonce, which it always does. The answer carries HQ's time, so the workstation knows how
far its clock is off (sync.client records it, the Sync area warns)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from audit.keys import load_public_key, verify_signature
from core.clock import iso_utc, parse_iso_utc
from db.models import HqWorkstation, HqWorkstationState
from db.models.hq import HqAuthNonce
from hq.errors import Forbidden, NotAuthenticated
from hq.service import HqService
from hq.tokens import TokenClaims
from sync.protocol import TOKEN_CLOCK_SKEW_S, TOKEN_LIFETIME_S, token_request_message

# What a nonce may be made of: workstations send 32 hex digits; anything printable and
# unambiguous is taken, so other clients need not match that exactly.
NONCE = re.compile(r"^[0-9A-Za-z_-]{8,64}$")


def _refused(zh: str, en: str) -> NotAuthenticated:
    return NotAuthenticated(reason_zh=zh, reason_en=en)


@dataclass(frozen=True)
class Issued:
    token: str
    expires_at: datetime
    # HQ's clock when it answered: the workstation compares its own with it.
    server_time: datetime


def issue_token(service: HqService, *, workstation_id: str, at: str, nonce: str,
                signature: str) -> Issued:
    now = service.clock.now()
    try:
        requested = parse_iso_utc(at)
    except (ValueError, TypeError):
        raise _refused("请求时间格式无效", "the request time is not valid") from None
    if abs((now - requested).total_seconds()) > TOKEN_CLOCK_SKEW_S:
        raise _refused(f"工作站时钟与总部相差过大（总部时间 {iso_utc(now)}）",
                       f"the workstation's clock is too far from HQ's (HQ: {iso_utc(now)})")
    if not NONCE.match(nonce):
        raise _refused("随机数无效", "the nonce is not valid")
    try:
        unit_id = _accept(service, now, workstation_id, at, requested, nonce, signature)
    except IntegrityError:
        # The same nonce, accepted by a concurrent request a moment ago.
        raise _refused("请求已使用过（重放）", "the request was already used (a replay)") from None
    expires = now + timedelta(seconds=TOKEN_LIFETIME_S)
    token = service.keys.issue(TokenClaims(workstation_id, unit_id, int(expires.timestamp())))
    return Issued(token, expires, now)


def _accept(service: HqService, now: datetime, workstation_id: str, at: str,
            requested: datetime, nonce: str, signature: str) -> str:
    """Check the signature and the nonce, and keep the nonce; returns the unit."""
    with service.db.write(actor=f"ws:{workstation_id}"[:50], action="hq.token") as session:
        workstation = session.get(HqWorkstation, workstation_id)
        if workstation is None:
            raise _refused("该工作站未在总部注册", "this workstation is not enrolled")
        if workstation.revoked_at is not None:
            raise Forbidden(reason_zh="该工作站已被注销", reason_en="this workstation was revoked")
        message = token_request_message(workstation_id, at, nonce)
        if not verify_signature(load_public_key(workstation.public_key), signature, message):
            raise _refused("签名与注册的公钥不符", "the signature does not match the enrolled key")
        state = session.get(HqWorkstationState, workstation_id, with_for_update=True)
        # Nonces whose request time is out of the window can never be used again anyway.
        session.execute(delete(HqAuthNonce).where(
            HqAuthNonce.workstation_id == workstation_id,
            HqAuthNonce.at < now - timedelta(seconds=TOKEN_CLOCK_SKEW_S)))
        if session.execute(select(HqAuthNonce.nonce).where(
                HqAuthNonce.workstation_id == workstation_id,
                HqAuthNonce.nonce == nonce)).first() is not None:
            raise _refused("请求已使用过（重放）", "the request was already used (a replay)")
        session.add(HqAuthNonce(workstation_id=workstation_id, nonce=nonce, at=requested))
        state.last_seen_at = now
        return workstation.unit_id


def purge_nonces(service: HqService) -> int:
    """Forget every nonce out of the window (the sweep calls this; a workstation's own token
    request purges its own). Returns how many went."""
    limit = service.clock.now() - timedelta(seconds=TOKEN_CLOCK_SKEW_S)
    with service.db.write(actor="hq", action="hq.token") as session:
        return session.execute(delete(HqAuthNonce).where(HqAuthNonce.at < limit)).rowcount or 0
