"""HTTP: records up (sync.protocol, "Records up")."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from hq.ledger import ledger_state, push
from hq.service import Caller, HqService, caller, hq
from sync.protocol import API, LEDGER_BATCH_LIMIT

router = APIRouter(prefix=API, tags=["ledger"])

SHA_HEX = r"^[0-9a-f]{64}$"


class EntryIn(BaseModel):
    seq: int = Field(ge=1)
    at: str = Field(max_length=32)
    actor: str = Field(max_length=50)
    action: str = Field(max_length=60)
    object_type: str = Field(max_length=40)
    object_id: str = Field(max_length=80)
    change: str
    prev_hash: str = Field(pattern=SHA_HEX)
    hash: str = Field(pattern=SHA_HEX)


class CheckpointIn(BaseModel):
    seq: int = Field(ge=1)
    head_hash: str = Field(pattern=SHA_HEX)
    at: str = Field(max_length=32)
    signature: str = Field(max_length=128)


class PushRequest(BaseModel):
    entries: list[EntryIn] = Field(max_length=LEDGER_BATCH_LIMIT)
    checkpoints: list[CheckpointIn] = Field(default_factory=list,
                                            max_length=LEDGER_BATCH_LIMIT)


class RefusedOut(BaseModel):
    seq: int
    reason: str
    reason_en: str


class PushResponse(BaseModel):
    accepted: int
    skipped: int
    ledger_seq: int
    signed_seq: int
    refused: list[RefusedOut]


class LedgerState(BaseModel):
    ledger_seq: int
    ledger_hash: str
    signed_seq: int
    chain_problem: str | None


@router.post("/ledger/push", response_model=PushResponse)
def post_push(body: PushRequest, service: HqService = Depends(hq),
              who: Caller = Depends(caller)) -> Any:
    result = push(service, who, [e.model_dump() for e in body.entries],
                  [c.model_dump() for c in body.checkpoints])
    return {"accepted": result.accepted, "skipped": result.skipped,
            "ledger_seq": result.ledger_seq, "signed_seq": result.signed_seq,
            "refused": result.refused}


@router.get("/ledger/state", response_model=LedgerState)
def get_state(service: HqService = Depends(hq), who: Caller = Depends(caller)) -> Any:
    return ledger_state(service, who)
