"""Re-checking the whole ledger: every hash, every link, every checkpoint signature."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from audit.chain import GENESIS_HASH, checkpoint_message, entry_hash
from audit.headfile import read_head_file
from audit.keys import load_public_key, verify_signature
from core.jobs import CancelToken, Progress, no_progress
from db.database import Database
from db.models import Checkpoint, LedgerEntry, WorkstationIdentity

BATCH = 5_000


@dataclass(frozen=True)
class Problem:
    seq: int | None
    zh: str
    en: str

    def message(self, language: str = "zh_CN") -> str:
        return self.en if language.startswith("en") else self.zh


@dataclass
class LedgerReport:
    entries: int = 0
    checkpoints: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def first_bad_seq(self) -> int | None:
        return next((p.seq for p in self.problems if p.seq is not None), None)


def _check_chain(database: Database, report: LedgerReport, cancel: CancelToken | None,
                 progress: Progress, total: int, keep: set[int]) -> tuple[dict[int, str], int]:
    """Walk the entries in order; stop at the first break (nothing after it can be trusted).

    Returns the hashes of the entries named in ``keep`` (the signed ones) and the last
    sequence number that verified, so memory stays flat however long the ledger is."""
    hashes: dict[int, str] = {}
    expected_seq, prev_hash = 1, GENESIS_HASH
    last = 0
    with database.read() as session:
        while True:
            rows = session.execute(
                select(LedgerEntry).where(LedgerEntry.seq > last)
                .order_by(LedgerEntry.seq).limit(BATCH)
            ).scalars().all()
            if not rows:
                return hashes, expected_seq - 1
            for entry in rows:
                problem = _entry_problem(entry, expected_seq, prev_hash)
                if problem:
                    report.problems.append(problem)
                    return hashes, expected_seq - 1
                report.entries += 1
                if entry.seq in keep:
                    hashes[entry.seq] = entry.hash
                expected_seq, prev_hash = entry.seq + 1, entry.hash
            last = rows[-1].seq
            progress(report.entries, total, "ledger")
            if cancel:
                cancel.raise_if_cancelled()


def _entry_problem(entry: LedgerEntry, expected_seq: int, prev_hash: str) -> Problem | None:
    if entry.seq != expected_seq:
        return Problem(expected_seq,
                       f"审计日志第 {expected_seq} 条缺失（下一条为第 {entry.seq} 条）",
                       f"ledger entry {expected_seq} is missing (the next one is {entry.seq})")
    fields = {c: getattr(entry, c) for c in
              ("seq", "at", "actor", "action", "object_type", "object_id", "change", "prev_hash")}
    if entry_hash(fields) != entry.hash:
        return Problem(entry.seq, f"审计日志第 {entry.seq} 条内容被改动（哈希不符）",
                       f"ledger entry {entry.seq} was altered (its hash does not match)")
    if entry.prev_hash != prev_hash:
        return Problem(entry.seq,
                       f"审计日志第 {entry.seq} 条与前一条不衔接（有条目被删除、插入或调换顺序）",
                       f"ledger entry {entry.seq} does not follow the one before it "
                       "(an entry was deleted, inserted or reordered)")
    return None


def _check_checkpoints(database: Database, report: LedgerReport, hashes: dict[int, str],
                       last_verified: int, chain_broken: bool) -> None:
    with database.read() as session:
        identity = session.execute(select(WorkstationIdentity)).scalars().first()
        checkpoints = session.execute(select(Checkpoint).order_by(Checkpoint.id)).scalars().all()
    if identity is None:
        if hashes or checkpoints:
            report.problems.append(Problem(None, "工作站身份记录缺失，无法核验签名",
                                           "the workstation identity is missing; "
                                           "signatures cannot be checked"))
        return
    public_key = load_public_key(identity.public_key)
    last_seq = 0
    for checkpoint in checkpoints:
        report.checkpoints += 1
        message = checkpoint_message(checkpoint.workstation_id, checkpoint.seq,
                                     checkpoint.head_hash, checkpoint.at)
        if (checkpoint.workstation_id != identity.id
                or not verify_signature(public_key, checkpoint.signature, message)):
            report.problems.append(Problem(checkpoint.seq,
                                           f"第 {checkpoint.seq} 条处的签名检查点无效",
                                           f"the signed checkpoint at entry {checkpoint.seq} "
                                           "is not valid"))
            continue
        # Entries before a break were verified, so their checkpoints still say something: an
        # entry altered and re-hashed, or inserted, is named where it is, not one entry later.
        verified = hashes.get(checkpoint.seq)
        if (verified is not None or not chain_broken) and verified != checkpoint.head_hash:
            report.problems.append(Problem(checkpoint.seq,
                                           f"审计日志第 {checkpoint.seq} 条与已签名的检查点不符",
                                           f"ledger entry {checkpoint.seq} does not match "
                                           "its signed checkpoint"))
        last_seq = max(last_seq, checkpoint.seq)
    if not chain_broken and last_verified > last_seq:
        first = last_seq + 1
        report.problems.append(Problem(first, f"审计日志第 {first} 条起未经签名（可能被插入）",
                                       f"ledger entries from {first} on are not signed "
                                       "(they may have been inserted)"))


def _check_head_file(head_file: Path | None, report: LedgerReport, hashes: dict[int, str],
                     database: Database, last_verified: int) -> None:
    if head_file is None:
        return
    signed = read_head_file(head_file)
    if signed is None:
        return
    if signed.get("corrupt"):
        report.problems.append(Problem(None, f"签名的日志头文件 {head_file} 已损坏",
                                       f"the signed ledger head file {head_file} is damaged"))
        return
    with database.read() as session:
        identity = session.execute(select(WorkstationIdentity)).scalars().first()
    if identity is None:
        return
    message = checkpoint_message(signed["workstation"], signed["seq"], signed["head_hash"],
                                 signed["at"])
    if not verify_signature(load_public_key(identity.public_key), signed["signature"], message):
        report.problems.append(Problem(None, f"签名的日志头文件 {head_file} 签名无效",
                                       f"the signed ledger head file {head_file} has a bad "
                                       "signature"))
        return
    seq = signed["seq"]
    if seq not in hashes and not report.problems:
        # The chain is whole up to last_verified, so the cut starts right after it.
        first = last_verified + 1
        report.problems.append(Problem(first,
                                       f"审计日志第 {first} 至 {seq} 条缺失：日志末尾的条目被删除",
                                       f"ledger entries {first} to {seq} are missing: entries "
                                       "were cut off the end of the ledger"))
    elif seq in hashes and hashes[seq] != signed["head_hash"]:
        report.problems.append(Problem(seq, f"审计日志第 {seq} 条与签名的日志头不符",
                                       f"ledger entry {seq} does not match the signed head"))


def verify_ledger(database: Database, *, head_file: Path | None = None,
                  progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> LedgerReport:
    report = LedgerReport()
    with database.read() as session:
        total = session.query(LedgerEntry).count()
        keep = set(session.execute(select(Checkpoint.seq)).scalars())
    signed_head = read_head_file(head_file) if head_file else None
    if signed_head and isinstance(signed_head.get("seq"), int):
        keep.add(signed_head["seq"])
    hashes, last_verified = _check_chain(database, report, cancel, progress, total, keep)
    chain_broken = bool(report.problems)
    _check_checkpoints(database, report, hashes, last_verified, chain_broken)
    _check_head_file(head_file, report, hashes, database, last_verified)
    report.problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    return report
