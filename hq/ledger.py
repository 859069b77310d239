"""Receiving a workstation's ledger: HQ re-verifies the chain and the signatures, stores
the entries, rebuilds the records, and flags a workstation whose chain does not verify.

One push is one transaction, under a lock on the workstation's state row, so two pushes of
one workstation never interleave and a batch is stored whole or not at all. A retried
batch finds its entries held with the same hashes and changes nothing. What HQ decides of
its own (flagging, clearing a flag) goes into HQ's own ledger."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from audit.chain import checkpoint_message, entry_hash
from audit.keys import load_public_key, verify_signature
from audit.recorder import record
from core.actor import SYSTEM
from core.clock import iso_utc
from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import HqCheckpoint, HqLedgerEntry, HqWorkstation, HqWorkstationState
from hq.errors import HqError, LedgerEntryTooLarge
from hq.limits import MAX_ENTRY_KIB
from hq.records import Scope, dispose, rebuild
from hq.refusals import store_refusals
from hq.service import Caller, HqService
from sync.protocol import LEDGER_BATCH_LIMIT


class ChainBroken(HqError):
    status = 409
    code = "chain_broken"
    zh = "本工作站的审计日志未通过总部核验：{problem_zh}"
    en = "This workstation's ledger did not pass HQ's check: {problem_en}"


class LedgerGap(HqError):
    status = 409
    code = "ledger_gap"
    zh = "总部只收到第 {held} 条为止，这批却从第 {first} 条开始：请按总部的进度重新发送"
    en = "HQ holds entries up to {held}, but this batch starts at {first}: resend from there"


@dataclass(frozen=True)
class Break:
    """Why a chain does not verify, naming the entry."""

    seq: int
    zh: str
    en: str


class _Broken(Exception):
    def __init__(self, found: Break) -> None:
        super().__init__(found.en)
        self.found = found


@dataclass
class PushResult:
    accepted: int
    skipped: int
    ledger_seq: int
    signed_seq: int
    refused: list[dict[str, Any]] = field(default_factory=list)


def _span(first: int, last: int) -> tuple[str, str]:
    if first >= last:
        return f"第 {last} 条", f"entry {last}"
    return f"第 {first} 至 {last} 条", f"entries {first} to {last}"


# ------------------------------------------------------------------------ checks
def _check_order(entries: list[dict[str, Any]]) -> None:
    for before, after in zip(entries, entries[1:]):
        if after["seq"] != before["seq"] + 1:
            missing = before["seq"] + 1
            raise _Broken(Break(missing, f"审计日志第 {missing} 条缺失"
                                         f"（下一条为第 {after['seq']} 条）",
                                f"ledger entry {missing} is missing "
                                f"(the next one is {after['seq']})"))


def _check_held(session: Session, workstation_id: str, held: list[dict[str, Any]]) -> None:
    """Entries HQ already holds must be the very same: a retry, not a rewrite."""
    if not held:
        return
    stored = dict(session.execute(
        select(HqLedgerEntry.seq, HqLedgerEntry.hash)
        .where(HqLedgerEntry.workstation_id == workstation_id,
               HqLedgerEntry.seq.between(held[0]["seq"], held[-1]["seq"]))).all())
    for entry in held:
        known = stored.get(entry["seq"])
        if known is not None and (entry["hash"] != known or entry_hash(entry) != known):
            seq = entry["seq"]
            raise _Broken(Break(seq, f"审计日志第 {seq} 条与总部已收到的不同（发送后被改动）",
                                f"ledger entry {seq} differs from the one HQ received "
                                "(it was changed after it was sent)"))


def _check_chain(new: list[dict[str, Any]], prev_hash: str) -> None:
    for entry in new:
        seq = entry["seq"]
        if entry_hash(entry) != entry["hash"]:
            raise _Broken(Break(seq, f"审计日志第 {seq} 条内容被改动（哈希不符）",
                                f"ledger entry {seq} was altered (its hash does not match)"))
        if entry["prev_hash"] != prev_hash:
            raise _Broken(Break(seq, f"审计日志第 {seq} 条与前一条不衔接"
                                     "（有条目被删除、插入或调换顺序）",
                                f"ledger entry {seq} does not follow the one before it "
                                "(an entry was deleted, inserted or reordered)"))
        prev_hash = entry["hash"]


def _check_checkpoints(session: Session, workstation: HqWorkstation, state: HqWorkstationState,
                       new: list[dict[str, Any]],
                       checkpoints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Verify each checkpoint not yet held; returns those to store, in order."""
    top = new[-1]["seq"] if new else state.ledger_seq
    seqs = [c["seq"] for c in checkpoints]
    held = set(session.execute(
        select(HqCheckpoint.seq).where(HqCheckpoint.workstation_id == workstation.id,
                                       HqCheckpoint.seq.in_(seqs))).scalars()) if seqs else set()
    known = {e["seq"]: e["hash"] for e in new}
    older = [s for s in seqs if s not in known and s not in held]
    if older:
        known.update(session.execute(
            select(HqLedgerEntry.seq, HqLedgerEntry.hash)
            .where(HqLedgerEntry.workstation_id == workstation.id,
                   HqLedgerEntry.seq.in_(older))).all())
    key = load_public_key(workstation.public_key)
    fresh: list[dict[str, Any]] = []
    taken: set[int] = set()
    previous = state.signed_seq
    for checkpoint in sorted(checkpoints, key=lambda c: c["seq"]):
        seq = checkpoint["seq"]
        if seq in held or seq in taken:
            continue
        if seq > top or seq < 1:
            raise InvalidInput(f"签名检查点第 {seq} 条不在已发送的审计日志范围内",
                               f"the checkpoint at entry {seq} is beyond the entries sent")
        message = checkpoint_message(workstation.id, seq, checkpoint["head_hash"],
                                     checkpoint["at"])
        if not verify_signature(key, checkpoint["signature"], message):
            raise _Broken(Break(seq, f"第 {seq} 条处的签名检查点无效（与注册的公钥不符）",
                                f"the signed checkpoint at entry {seq} is not valid "
                                "(it does not match the enrolled key)"))
        if known.get(seq) != checkpoint["head_hash"]:
            span_zh, span_en = _span(previous + 1, seq)
            raise _Broken(Break(seq, f"审计日志{span_zh}与第 {seq} 条处的签名检查点不符"
                                     "（条目被改动后重新计算了哈希）",
                                f"ledger {span_en} do not match the signed checkpoint at "
                                f"entry {seq} (entries were altered and re-hashed)"))
        previous = max(previous, seq)
        fresh.append(checkpoint)
        taken.add(seq)
    if new and new[-1]["seq"] > previous:
        span_zh, span_en = _span(previous + 1, new[-1]["seq"])
        raise _Broken(Break(new[-1]["seq"], f"审计日志{span_zh}没有签名检查点（检查点被删除）",
                            f"ledger {span_en} carry no signed checkpoint "
                            "(checkpoints were deleted)"))
    return fresh


# ------------------------------------------------------------------------ intake
def _flagged(problem: str) -> ChainBroken:
    return ChainBroken(problem_zh=f"本工作站已被总部标记为日志异常（{problem}），"
                                  "须总部管理员核查后解除标记",
                       problem_en=f"HQ flagged this workstation's ledger ({problem}); an HQ "
                                  "administrator must investigate and clear the flag")


def _receive(session: Session, caller: Caller, entries: list[dict[str, Any]],
             checkpoints: list[dict[str, Any]], service: HqService) -> PushResult:
    # Lock first, then read the flag: a push that waited for another's lock sees the flag
    # that one may have set.
    state = session.execute(
        select(HqWorkstationState)
        .where(HqWorkstationState.workstation_id == caller.workstation_id)
        .with_for_update()).scalar_one()
    workstation = session.get(HqWorkstation, caller.workstation_id)
    if workstation.chain_problem:
        raise _flagged(workstation.chain_problem)
    entries = sorted(entries, key=lambda e: e["seq"])
    _check_order(entries)
    held = [e for e in entries if e["seq"] <= state.ledger_seq]
    new = [e for e in entries if e["seq"] > state.ledger_seq]
    if new and new[0]["seq"] != state.ledger_seq + 1:
        raise LedgerGap(held=state.ledger_seq, first=new[0]["seq"])
    _check_held(session, workstation.id, held)
    _check_chain(new, state.ledger_hash)
    fresh = _check_checkpoints(session, workstation, state, new, checkpoints)
    changes = [_parse(e["change"]) for e in new]
    disposed = dispose(new, changes, state.linked_seq,
                       Scope(session, service, caller, workstation.enrolled_at))
    rebuild(session, workstation.id, caller.unit_id, new, changes, disposed.dispositions)
    now = service.clock.now()
    if new:
        session.connection().execute(insert(HqLedgerEntry.__table__), [
            {**e, "workstation_id": workstation.id, "received_at": now, "disposition": d,
             "refusal": reason and f"{reason[1]} / {reason[2]}"}
            for e, d, reason in zip(new, disposed.dispositions, disposed.refusals)])
        store_refusals(session, workstation.id, new, disposed, now)
        state.ledger_seq, state.ledger_hash = new[-1]["seq"], new[-1]["hash"]
    if fresh:
        session.connection().execute(insert(HqCheckpoint.__table__), [
            {"workstation_id": workstation.id, "seq": c["seq"], "head_hash": c["head_hash"],
             "at": c["at"], "signature": c["signature"]} for c in fresh])
        state.signed_seq = max(state.signed_seq, max(c["seq"] for c in fresh))
    state.linked_seq = disposed.linked_seq
    state.last_seen_at = now
    return PushResult(len(new), len(held), state.ledger_seq, state.signed_seq,
                      disposed.refused(new))


def _parse(change: str) -> Any:  # noqa: ANN401
    try:
        return json.loads(change)
    except ValueError:
        return None  # not a row change: kept as an event


def _check_sizes(entries: list[dict[str, Any]], max_change: int) -> None:
    """Each entry's change within HQ's limit, naming the first that is not (before any
    work: nothing is stored, nothing flagged; raise the setting to take it)."""
    for entry in entries:
        change = entry["change"]
        # UTF-8 takes at most 4 bytes a character: encode only what might be too big.
        if len(change) * 4 > max_change and len(change.encode("utf-8")) > max_change:
            raise LedgerEntryTooLarge(seq=entry["seq"], size=len(change.encode("utf-8")),
                                      limit=max_change)


def push(service: HqService, caller: Caller, entries: list[dict[str, Any]],
         checkpoints: list[dict[str, Any]], *,
         max_change: int = MAX_ENTRY_KIB * 1024) -> PushResult:
    """Receive one batch of a workstation's ledger (sync.protocol, "Records up").
    ``max_change``: bytes of one entry's change (hq.limits, the setting hq.max_entry_kib)."""
    if len(entries) > LEDGER_BATCH_LIMIT:
        raise InvalidInput(f"一次最多发送 {LEDGER_BATCH_LIMIT} 条审计日志",
                           f"at most {LEDGER_BATCH_LIMIT} ledger entries per request")
    _check_sizes(entries, max_change)
    try:
        with service.db.write(actor=caller.actor, action="hq.ledger_push") as session:
            return _receive(session, caller, entries, checkpoints, service)
    except _Broken as broken:
        flag(service, caller.workstation_id, broken.found)
        raise ChainBroken(problem_zh=broken.found.zh, problem_en=broken.found.en) from None


def flag(service: HqService, workstation_id: str, found: Break) -> None:
    """Mark the workstation, in its own committed transaction: the refused batch is gone,
    the finding stays, in the workstation row and as an entry in HQ's own ledger."""
    now = service.clock.now()
    with service.db.write(actor=SYSTEM, action="hq.chain_refused") as session:
        workstation = session.get(HqWorkstation, workstation_id)
        workstation.chain_problem = f"{found.zh} / {found.en}"
        workstation.chain_problem_at = now
        record(session, action="hq.chain_refused", object_type="hq_workstation",
               object_id=workstation_id,
               change={"seq": found.seq, "problem": found.zh, "problem_en": found.en,
                       "at": iso_utc(now)})


def clear_flag(ctx: Context, workstation_id: str) -> str | None:
    """After an investigation: accept the workstation's pushes again. Returns the problem
    that was cleared (None when the workstation was not flagged)."""
    require(ctx.actor, Permission.MANAGE_HQ)
    with ctx.write("hq.clear_flag") as session:
        workstation = session.get(HqWorkstation, workstation_id)
        if workstation is None:
            raise NotFound("工作站", "workstation", workstation_id)
        problem = workstation.chain_problem
        workstation.chain_problem = None
        workstation.chain_problem_at = None
        return problem


def ledger_state(service: HqService, caller: Caller) -> dict[str, Any]:
    with service.db.read() as session:
        state = session.get(HqWorkstationState, caller.workstation_id)
        workstation = session.get(HqWorkstation, caller.workstation_id)
    return {"ledger_seq": state.ledger_seq, "ledger_hash": state.ledger_hash,
            "signed_seq": state.signed_seq, "chain_problem": workstation.chain_problem}
