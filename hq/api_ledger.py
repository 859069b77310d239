"""HTTP: records up (sync.protocol, "Records up")."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import AfterValidator, BaseModel, Field

from hq.countersign import countersignatures
from hq.ledger import ledger_state, push
from hq.limits import SEQ_MAX
from hq.service import Caller, HqService, caller, hq
from sync.protocol import API, LEDGER_BATCH_LIMIT

router = APIRouter(prefix=API, tags=["ledger"])

SHA_HEX = r"^[0-9a-f]{64}$"


def _no_nul(text: str) -> str:
    # PostgreSQL's text columns cannot hold NUL; a workstation never writes one (JSON
    # escapes it), so one here is refused as malformed rather than failing in the database.
    if "\x00" in text:
        raise ValueError("NUL characters are not allowed")
    return text


Text = Annotated[str, AfterValidator(_no_nul)]
# Ledger positions as HQ stores them (hq.limits.SEQ_MAX: a 32-bit column on PostgreSQL).
Seq = Annotated[int, Field(ge=1, le=SEQ_MAX)]


class EntryIn(BaseModel):
    seq: Seq
    at: Text = Field(max_length=32)
    actor: Text = Field(max_length=50)
    action: Text = Field(max_length=60)
    object_type: Text = Field(max_length=40)
    object_id: Text = Field(max_length=80)
    change: Text  # bounded per entry by hq.ledger (the setting hq.max_entry_kib)
    prev_hash: str = Field(pattern=SHA_HEX)
    hash: str = Field(pattern=SHA_HEX)


class CheckpointIn(BaseModel):
    seq: Seq
    head_hash: str = Field(pattern=SHA_HEX)
    at: Text = Field(max_length=32)
    signature: Text = Field(max_length=128)


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
def post_push(body: PushRequest, request: Request, service: HqService = Depends(hq),
              who: Caller = Depends(caller)) -> Any:
    result = push(service, who, [e.model_dump() for e in body.entries],
                  [c.model_dump() for c in body.checkpoints],
                  max_change=request.app.state.limits.entry_change)
    return {"accepted": result.accepted, "skipped": result.skipped,
            "ledger_seq": result.ledger_seq, "signed_seq": result.signed_seq,
            "refused": result.refused}


@router.get("/ledger/state", response_model=LedgerState)
def get_state(service: HqService = Depends(hq), who: Caller = Depends(caller)) -> Any:
    return ledger_state(service, who)


class CountersignatureOut(BaseModel):
    seq: int
    head_hash: str
    at: str
    signature: str


class CountersignaturesOut(BaseModel):
    server: str
    public_key: str
    countersignatures: list[CountersignatureOut]
    more: bool


@router.get("/ledger/countersignatures", response_model=CountersignaturesOut)
def get_countersignatures(after: int = Query(0, ge=0, le=SEQ_MAX),
                          service: HqService = Depends(hq),
                          who: Caller = Depends(caller)) -> Any:
    return countersignatures(service, who, after)
