"""Issuing a token to a workstation that proves it holds its enrolled key."""
from __future__ import annotations

from datetime import datetime, timedelta

from audit.keys import load_public_key, verify_signature
from core.clock import iso_utc, parse_iso_utc
from db.models import HqWorkstation, HqWorkstationState
from hq.errors import Forbidden, NotAuthenticated
from hq.service import HqService
from hq.tokens import TokenClaims
from sync.protocol import TOKEN_CLOCK_SKEW_S, TOKEN_LIFETIME_S, token_request_message


def _refused(zh: str, en: str) -> NotAuthenticated:
    return NotAuthenticated(reason_zh=zh, reason_en=en)


def issue_token(service: HqService, *, workstation_id: str, at: str, nonce: str,
                signature: str) -> tuple[str, datetime]:
    now = service.clock.now()
    try:
        requested = parse_iso_utc(at)
    except (ValueError, TypeError):
        raise _refused("请求时间格式无效", "the request time is not valid") from None
    if abs((now - requested).total_seconds()) > TOKEN_CLOCK_SKEW_S:
        raise _refused(f"工作站时钟与总部相差过大（总部时间 {iso_utc(now)}）",
                       f"the workstation's clock is too far from HQ's (HQ: {iso_utc(now)})")
    if not (8 <= len(nonce) <= 64):
        raise _refused("随机数无效", "the nonce is not valid")
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
        if state.last_auth_at is not None and parse_iso_utc(state.last_auth_at) >= requested:
            raise _refused("请求已使用过（重放）", "the request was already used (a replay)")
        state.last_auth_at = at
        state.last_seen_at = now
        unit_id = workstation.unit_id
    expires = now + timedelta(seconds=TOKEN_LIFETIME_S)
    token = service.keys.issue(TokenClaims(workstation_id, unit_id, int(expires.timestamp())))
    return token, expires
