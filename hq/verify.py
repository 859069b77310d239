"""`lawdesk hq verify`: HQ re-checks every workstation chain it received and re-hashes every
file it stores.

Each chain is walked in seq order in batches, keeping only the running hash, so memory
stays flat however long the ledgers grow. The run itself goes into HQ's ledger."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from audit.chain import GENESIS_HASH, checkpoint_message, entry_hash
from audit.keys import load_public_key, verify_signature
from audit.recorder import record
from audit.verify import Problem
from core.context import Context
from core.jobs import CancelToken, Progress, no_progress
from core.permissions import Permission, require
from db.models import (
    HqCheckpoint,
    HqFile,
    HqLedgerEntry,
    HqWorkstation,
    HqWorkstationState,
    Unit,
)
from hq.file_verification import verify_files

BATCH = 5_000
# One problem in a received chain: the same shape as the workstation's own verify.
Finding = Problem


@dataclass
class ChainReport:
    workstation_id: str
    unit_name: str
    entries: int = 0
    checkpoints: int = 0
    problems: list[Finding] = field(default_factory=list)

    def as_json(self, language: str = "zh_CN") -> dict[str, Any]:
        return {"id": self.workstation_id, "unit": self.unit_name, "entries": self.entries,
                "checkpoints": self.checkpoints,
                "problems": [{"seq": p.seq, "message": p.message(language)}
                             for p in self.problems]}


@dataclass
class HqVerifyReport:
    workstations: list[ChainReport] = field(default_factory=list)
    files_checked: int = 0
    file_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_problems and not any(w.problems for w in self.workstations)

    def as_json(self, language: str = "zh_CN") -> dict[str, Any]:
        return {"workstations": [w.as_json(language) for w in self.workstations],
                "files": {"checked": self.files_checked, "problems": self.file_problems},
                "ok": self.ok}


def _entry_problem(entry: HqLedgerEntry, expected: int, prev_hash: str) -> Finding | None:
    seq = entry.seq
    if seq != expected:
        return Finding(expected, f"第 {expected} 条缺失（下一条为第 {seq} 条）",
                       f"entry {expected} is missing (the next one is {seq})")
    fields = {name: getattr(entry, name) for name in
              ("seq", "at", "actor", "action", "object_type", "object_id", "change", "prev_hash")}
    if entry_hash(fields) != entry.hash:
        return Finding(seq, f"第 {seq} 条内容被改动（哈希不符）",
                       f"entry {seq} was altered (its hash does not match)")
    if entry.prev_hash != prev_hash:
        return Finding(seq, f"第 {seq} 条与前一条不衔接", f"entry {seq} does not follow the one "
                                                       "before it")
    return None


def _check_checkpoints(session, report: ChainReport, key, workstation_id: str,  # noqa: ANN001
                       first: int, last: int, hashes: dict[int, str]) -> None:
    for checkpoint in session.execute(
            select(HqCheckpoint).where(HqCheckpoint.workstation_id == workstation_id,
                                       HqCheckpoint.seq.between(first, last))
            .order_by(HqCheckpoint.seq)).scalars():
        report.checkpoints += 1
        seq = checkpoint.seq
        message = checkpoint_message(workstation_id, seq, checkpoint.head_hash, checkpoint.at)
        if not verify_signature(key, checkpoint.signature, message):
            report.problems.append(Finding(seq, f"第 {seq} 条处的签名检查点无效",
                                           f"the signed checkpoint at entry {seq} is not valid"))
        elif hashes.get(seq) != checkpoint.head_hash:
            report.problems.append(Finding(seq, f"第 {seq} 条与其签名检查点不符",
                                           f"entry {seq} does not match its signed checkpoint"))


def verify_chain(ctx: Context, workstation: HqWorkstation, unit_name: str,
                 state: HqWorkstationState, cancel: CancelToken | None = None) -> ChainReport:
    report = ChainReport(workstation.id, unit_name)
    key = load_public_key(workstation.public_key)
    expected, prev_hash, after = 1, GENESIS_HASH, 0
    with ctx.read() as session:
        while True:
            rows = session.execute(
                select(HqLedgerEntry).where(HqLedgerEntry.workstation_id == workstation.id,
                                            HqLedgerEntry.seq > after)
                .order_by(HqLedgerEntry.seq).limit(BATCH)).scalars().all()
            if not rows:
                break
            hashes: dict[int, str] = {}
            for entry in rows:
                problem = _entry_problem(entry, expected, prev_hash)
                if problem:
                    report.problems.append(problem)
                    return report  # nothing after a break can be trusted
                report.entries += 1
                hashes[entry.seq] = entry.hash
                expected, prev_hash = entry.seq + 1, entry.hash
            _check_checkpoints(session, report, key, workstation.id, after + 1, rows[-1].seq,
                               hashes)
            after = rows[-1].seq
            session.expunge_all()
            if cancel:
                cancel.raise_if_cancelled()
    if report.entries != state.ledger_seq or (report.entries and prev_hash != state.ledger_hash):
        report.problems.append(Finding(None, "收到的条目与记录的进度不符"
                                             f"（进度为第 {state.ledger_seq} 条）",
                                       "the entries held do not match the recorded position "
                                       f"(entry {state.ledger_seq})"))
    if state.signed_seq < state.ledger_seq:
        first = state.signed_seq + 1
        report.problems.append(Finding(first, f"第 {first} 条起没有签名检查点",
                                       f"entries from {first} on carry no signed checkpoint"))
    return report


def _text(problem: Any, language: str) -> str:  # noqa: ANN401
    message = getattr(problem, "message", None)
    return message(language) if callable(message) else str(problem)


def verify_hq(ctx: Context, workspace: Any, *, language: str = "zh_CN",  # noqa: ANN401
              progress: Progress = no_progress,
              cancel: CancelToken | None = None) -> HqVerifyReport:
    require(ctx.actor, Permission.MANAGE_HQ)
    report = HqVerifyReport()
    with ctx.read() as session:
        rows = session.execute(
            select(HqWorkstation, HqWorkstationState, Unit.name)
            .join(HqWorkstationState, HqWorkstationState.workstation_id == HqWorkstation.id)
            .join(Unit, Unit.id == HqWorkstation.unit_id)
            .order_by(Unit.name, HqWorkstation.enrolled_at)).all()
        files = session.execute(select(func.count()).select_from(HqFile)).scalar_one()
    for done, (workstation, state, unit_name) in enumerate(rows):
        progress(done, len(rows), workstation.name or workstation.id)
        report.workstations.append(verify_chain(ctx, workstation, unit_name, state, cancel))
    report.files_checked = files
    report.file_problems = [_text(p, language) for p in
                            verify_files(workspace, progress=progress, cancel=cancel)]
    with ctx.write("hq.verify") as session:
        record(session, action="hq.verify", object_type="hq", object_id="verify",
               change={"workstations": len(report.workstations),
                       "entries": sum(w.entries for w in report.workstations),
                       "files": report.files_checked, "ok": report.ok,
                       "problems": sum(len(w.problems) for w in report.workstations)
                       + len(report.file_problems)})
    return report
