"""HTTP: enrollment, tokens and a greeting that tells a client who it is talking to."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from core.clock import iso_utc
from core.errors import InvalidInput
from hq.auth import issue_token
from hq.enroll_throttle import EnrollThrottled
from hq.enrollment import audit_failure, enroll
from hq.errors import EnrollCodeRefused, error_body, error_responses
from hq.service import HqService, hq
from sync.protocol import API, PROTOCOL_VERSION

router = APIRouter(prefix=API, tags=["enrollment"])


class EnrollRequest(BaseModel):
    code: str = Field(max_length=64)
    workstation_id: str = Field(max_length=32)
    public_key: str = Field(max_length=64)
    name: str | None = Field(default=None, max_length=100)


class UnitOut(BaseModel):
    id: str
    name: str
    short_name: str


class EnrollResponse(BaseModel):
    workstation_id: str
    server_id: str
    unit: UnitOut


class TokenRequest(BaseModel):
    workstation_id: str = Field(max_length=32)
    at: str = Field(max_length=40)
    nonce: str = Field(max_length=64)
    signature: str = Field(max_length=128)


class TokenResponse(BaseModel):
    token: str
    expires_at: str
    # HQ's clock as it answered: the workstation learns how far its own is off.
    server_time: str


class Hello(BaseModel):
    """What a workstation needs before it enrolls; not the software or its version."""

    server_id: str
    protocol: int
    time: str


@router.get("/hello", response_model=Hello)
def hello(service: HqService = Depends(hq)) -> Hello:
    return Hello(server_id=service.server_id, protocol=PROTOCOL_VERSION,
                 time=iso_utc(service.clock.now()))


@router.post("/enroll", response_model=EnrollResponse,
             responses=error_responses(403, 422, 429))
def post_enroll(body: EnrollRequest, request: Request,
                service: HqService = Depends(hq)) -> Any:
    """403 "enroll_code_refused" for an unknown, used or expired code alike; 429
    "enroll_throttled" with Retry-After after too many failures (hq.enroll_throttle)."""
    address = request.client.host if request.client else "unknown"
    try:
        service.enroll_throttle.check(address)
    except EnrollThrottled as throttled:
        return _throttled(throttled)
    now = service.clock.now()
    try:
        enrolled = enroll(service.db, now, code=body.code,
                          workstation_id=body.workstation_id, public_key=body.public_key,
                          name=body.name)
    except (EnrollCodeRefused, InvalidInput) as refused:
        wait = service.enroll_throttle.failed(address)
        audit_failure(service.db, now, address=address, code=body.code,
                      workstation_id=body.workstation_id,
                      why=getattr(refused, "why", refused.code), throttled_for=wait)
        raise
    return EnrollResponse(workstation_id=enrolled.workstation_id, server_id=service.server_id,
                          unit=UnitOut(id=enrolled.unit_id, name=enrolled.unit_name,
                                       short_name=enrolled.unit_short_name))


def _throttled(throttled: EnrollThrottled) -> JSONResponse:
    return JSONResponse(error_body(throttled), status_code=throttled.status,
                        headers={"Retry-After": str(throttled.retry_after)})


@router.post("/auth/token", response_model=TokenResponse)
def post_token(body: TokenRequest, service: HqService = Depends(hq)) -> TokenResponse:
    issued = issue_token(service, workstation_id=body.workstation_id, at=body.at,
                         nonce=body.nonce, signature=body.signature)
    return TokenResponse(token=issued.token, expires_at=iso_utc(issued.expires_at),
                         server_time=iso_utc(issued.server_time))
