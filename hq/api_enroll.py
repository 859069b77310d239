"""HTTP: enrollment, tokens and a greeting that tells a client who it is talking to."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from core.clock import iso_utc
from core.version import __version__
from hq.auth import issue_token
from hq.enrollment import enroll
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


class Hello(BaseModel):
    server_id: str
    version: str
    protocol: int
    time: str


@router.get("/hello", response_model=Hello)
def hello(service: HqService = Depends(hq)) -> Hello:
    return Hello(server_id=service.server_id, version=__version__, protocol=PROTOCOL_VERSION,
                 time=iso_utc(service.clock.now()))


@router.post("/enroll", response_model=EnrollResponse)
def post_enroll(body: EnrollRequest, service: HqService = Depends(hq)) -> EnrollResponse:
    enrolled = enroll(service.db, service.clock.now(), code=body.code,
                      workstation_id=body.workstation_id, public_key=body.public_key,
                      name=body.name)
    return EnrollResponse(workstation_id=enrolled.workstation_id, server_id=service.server_id,
                          unit=UnitOut(id=enrolled.unit_id, name=enrolled.unit_name,
                                       short_name=enrolled.unit_short_name))


@router.post("/auth/token", response_model=TokenResponse)
def post_token(body: TokenRequest, service: HqService = Depends(hq)) -> TokenResponse:
    token, expires = issue_token(service, workstation_id=body.workstation_id, at=body.at,
                                 nonce=body.nonce, signature=body.signature)
    return TokenResponse(token=token, expires_at=iso_utc(expires))
