"""The part of the ledger that proves a package's records, and nothing of other cases but
what shares a transaction with them.

The workstation signs a checkpoint after every transaction (audit.recorder), so the slice
is made of whole transactions: for every entry that records one of the package's records
(its "cited" entries), every entry from the checkpoint before it + 1 up to the checkpoint
that signs it, with both checkpoints. A reader recomputes each entry's hash, follows the
prev_hash links from the earlier checkpoint's head to the later one's, and checks both
signatures with the workstation's public key; an entry altered, dropped or inserted breaks
one of them. A transaction that wrote many entries at once (an import of a thousand
devices, an offload batch) comes whole: the slice is then larger, never weaker.

The slice is checked here as it is cut (the same checks the package's verifier makes), so a
damaged ledger is refused at export rather than discovered in court.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from audit.chain import ENTRY_FIELDS, GENESIS_HASH, checkpoint_message, entry_hash
from audit.keys import load_public_key, verify_signature
from core.canonical import canonical_bytes
from core.errors import DomainError
from db.models import Checkpoint, HqCountersignature, LedgerEntry

_IN_BATCH = 500
# Case records whose rows may have been deleted since (a party replaced, a link undone):
# their ledger entries are found by the case id their insert recorded.
_CASE_CHILDREN = ("case_party", "case_step", "evidence_link", "issued_document",
                  "case_deadline_extension")


class LedgerDamaged(DomainError):
    code = "ledger_damaged"
    zh = ("审计日志第 {seq} 条{what_zh}，不能据此制作证据包。请运行 lawdesk verify 检查审计日志，"
          "并报告系统管理员。")
    en = ("Ledger entry {seq} {what_en}, so no evidence package can be made from it. Run "
          "lawdesk verify to check the ledger and tell the administrator.")


@dataclass
class LedgerSlice:
    entries: list[dict[str, Any]] = field(default_factory=list)     # ENTRY_FIELDS + hash
    checkpoints: list[dict[str, Any]] = field(default_factory=list)  # seq, head_hash, at, …
    cited: list[int] = field(default_factory=list)
    segments: list[tuple[int, int]] = field(default_factory=list)    # first, last seq
    hq: dict[str, str] | None = None     # server, public_key: who countersigned, if anyone

    @property
    def countersigned(self) -> int:
        return sum(1 for c in self.checkpoints if "hq_countersignature" in c)

    @property
    def largest_segment(self) -> int:
        return max((last - first + 1 for first, last in self.segments), default=0)

    def entries_jsonl(self) -> bytes:
        return b"".join(canonical_bytes(e) + b"\n" for e in self.entries)

    def checkpoints_jsonl(self) -> bytes:
        return b"".join(canonical_bytes(c) + b"\n" for c in self.checkpoints)


def _chunks(values: Iterable[str]):  # noqa: ANN202
    items = sorted(values)
    for start in range(0, len(items), _IN_BATCH):
        yield items[start:start + _IN_BATCH]


def cited_seqs(session: Session, records: Mapping[str, set[str]], case_id: str) -> set[int]:
    """The entries that record any of ``records`` (table -> ids), and every entry of the
    case's own child records, deleted ones included."""
    seqs: set[int] = set()
    for object_type, ids in records.items():
        for batch in _chunks(ids):
            seqs.update(session.execute(select(LedgerEntry.seq).where(
                LedgerEntry.object_type == object_type, LedgerEntry.object_id.in_(batch))
            ).scalars())
    # Inserts name the case in their values; an id found that way brings its later
    # updates and its deletion along.
    marker = f'%"case_id":{json.dumps(case_id)}%'
    gone = session.execute(select(LedgerEntry.object_type, LedgerEntry.object_id).where(
        LedgerEntry.object_type.in_(_CASE_CHILDREN), LedgerEntry.change.like(marker))).all()
    by_type: dict[str, set[str]] = {}
    for object_type, object_id in gone:
        if object_id not in records.get(object_type, ()):
            by_type.setdefault(object_type, set()).add(object_id)
    for object_type, ids in by_type.items():
        for batch in _chunks(ids):
            seqs.update(session.execute(select(LedgerEntry.seq).where(
                LedgerEntry.object_type == object_type, LedgerEntry.object_id.in_(batch))
            ).scalars())
    seqs.update(session.execute(select(LedgerEntry.seq).where(
        LedgerEntry.object_type == "case_officer",
        LedgerEntry.object_id.like(f"{case_id}/%"))).scalars())
    return seqs


def _checkpoint_json(checkpoint: Checkpoint) -> dict[str, Any]:
    return {"seq": checkpoint.seq, "head_hash": checkpoint.head_hash, "at": checkpoint.at,
            "workstation": checkpoint.workstation_id, "signature": checkpoint.signature}


def _signing(session: Session, seq: int) -> Checkpoint | None:
    """The checkpoint that signs entry ``seq``: the first at or after it."""
    return session.execute(select(Checkpoint).where(Checkpoint.seq >= seq)
                           .order_by(Checkpoint.seq, Checkpoint.id).limit(1)).scalars().first()


def _before(session: Session, seq: int) -> Checkpoint | None:
    return session.execute(select(Checkpoint).where(Checkpoint.seq < seq)
                           .order_by(Checkpoint.seq.desc(), Checkpoint.id).limit(1)
                           ).scalars().first()


def _segments(session: Session, seqs: set[int]) -> list[tuple[Checkpoint | None, Checkpoint]]:
    """(checkpoint before, signing checkpoint) of each transaction holding a cited entry."""
    found: list[tuple[Checkpoint | None, Checkpoint]] = []
    covered_to = 0
    for seq in sorted(seqs):
        if seq <= covered_to:
            continue
        signing = _signing(session, seq)
        if signing is None:
            raise LedgerDamaged(seq=seq, what_zh="没有签名检查点",
                                what_en="is not covered by any signed checkpoint")
        found.append((_before(session, seq), signing))
        covered_to = signing.seq
    return found


def _check(entries: list[LedgerEntry], previous: Checkpoint | None, signing: Checkpoint,
           workstation_id: str, public_key_hex: str) -> None:
    key = load_public_key(public_key_hex)
    for checkpoint in filter(None, (previous, signing)):
        message = checkpoint_message(checkpoint.workstation_id, checkpoint.seq,
                                     checkpoint.head_hash, checkpoint.at)
        if (checkpoint.workstation_id != workstation_id
                or not verify_signature(key, checkpoint.signature, message)):
            raise LedgerDamaged(seq=checkpoint.seq, what_zh="处的签名检查点无效",
                                what_en="has an invalid signed checkpoint")
    prev_hash = previous.head_hash if previous else GENESIS_HASH
    expected = (previous.seq if previous else 0) + 1
    for entry in entries:
        if entry.seq != expected:
            raise LedgerDamaged(seq=expected, what_zh="缺失", what_en="is missing")
        if entry_hash({k: getattr(entry, k) for k in ENTRY_FIELDS}) != entry.hash:
            raise LedgerDamaged(seq=entry.seq, what_zh="内容被改动（哈希不符）",
                                what_en="was altered (its hash does not match)")
        if entry.prev_hash != prev_hash:
            raise LedgerDamaged(seq=entry.seq, what_zh="与前一条不衔接",
                                what_en="does not follow the one before it")
        prev_hash, expected = entry.hash, entry.seq + 1
    if expected != signing.seq + 1 or prev_hash != signing.head_hash:
        raise LedgerDamaged(seq=signing.seq, what_zh="与已签名的检查点不符",
                            what_en="does not match its signed checkpoint")


def cut_slice(session: Session, records: Mapping[str, set[str]], case_id: str, *,
              workstation_id: str, public_key_hex: str) -> LedgerSlice:
    """The whole transactions that record ``records`` and the case, checked."""
    seqs = cited_seqs(session, records, case_id)
    result = LedgerSlice(cited=sorted(seqs))
    checkpoints: dict[int, dict[str, Any]] = {}
    for previous, signing in _segments(session, seqs):
        first = (previous.seq if previous else 0) + 1
        entries = session.execute(select(LedgerEntry).where(
            and_(LedgerEntry.seq >= first, LedgerEntry.seq <= signing.seq))
            .order_by(LedgerEntry.seq)).scalars().all()
        _check(entries, previous, signing, workstation_id, public_key_hex)
        result.entries.extend({**{k: getattr(e, k) for k in ENTRY_FIELDS}, "hash": e.hash}
                              for e in entries)
        result.segments.append((first, signing.seq))
        for checkpoint in filter(None, (previous, signing)):
            checkpoints.setdefault(checkpoint.seq, _checkpoint_json(checkpoint))
    result.checkpoints = [checkpoints[seq] for seq in sorted(checkpoints)]
    result.hq = _countersign(session, result.checkpoints)
    return result


def _countersign(session: Session, checkpoints: list[dict[str, Any]]) -> dict[str, str] | None:
    """Add HQ's countersignature to each checkpoint HQ countersigned (sync.countersignatures
    checked it on arrival); returns HQ's server id and key, or None when there is none
    (never synced, or the slice is newer than the last pass). Only those of the newest key:
    sync pins it, so there is one unless the database was edited."""
    found = {row.seq: row for row in session.execute(
        select(HqCountersignature).where(
            HqCountersignature.seq.in_([c["seq"] for c in checkpoints]))).scalars()}
    rows = [found[c["seq"]] for c in checkpoints
            if c["seq"] in found and found[c["seq"]].head_hash == c["head_hash"]]
    if not rows:
        return None
    newest = max(rows, key=lambda row: row.seq)
    hq = {"server": newest.server_id, "public_key": newest.public_key}
    for checkpoint in checkpoints:
        row = found.get(checkpoint["seq"])
        if (row is not None and row.head_hash == checkpoint["head_hash"]
                and (row.server_id, row.public_key) == (hq["server"], hq["public_key"])):
            checkpoint["hq_countersignature"] = row.signature
    return hq

