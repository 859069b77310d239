"""Records up: this workstation's ledger, sent to HQ in order, in batches.

A batch ends at a checkpoint (the workstation signs its head after every transaction), so
every entry HQ accepts is covered by a signature it has verified. After each accepted batch
``SyncProgress.ledger_sent_seq`` moves on; it is bookkeeping, not a record, so it is not in
the ledger (an entry saying "sent" would itself need sending). If the connection drops after
HQ committed a batch but before we noted it, the next pass sends the batch again and HQ,
holding the same hashes, skips it: nothing is ever duplicated. When HQ answers that it holds
more or fewer entries than we think, we take its word (GET ledger/state) and go on from
there."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from audit.chain import ENTRY_FIELDS
from core.jobs import CancelToken, Progress, no_progress
from db.models.sync import SINGLE_ROW
from db.models import Checkpoint, LedgerEntry, SyncProgress
from sync.client import HqClient, HqRefused
from sync.protocol import LEDGER_BATCH

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

_COLUMNS = [getattr(LedgerEntry, name) for name in (*ENTRY_FIELDS, "hash")]


@dataclass
class PushOutcome:
    accepted: int = 0
    skipped: int = 0
    batches: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)


def ledger_head(workspace: "Workspace") -> int:
    with workspace.db.read() as session:
        return session.execute(select(func.max(LedgerEntry.seq))).scalar() or 0


def sent_seq(workspace: "Workspace") -> int:
    with workspace.db.read() as session:
        row = session.get(SyncProgress, SINGLE_ROW)
        return row.ledger_sent_seq if row else 0


def _note_sent(workspace: "Workspace", seq: int) -> None:
    with workspace.db.write(actor="sync", action="sync.progress") as session:
        row = session.get(SyncProgress, SINGLE_ROW)
        if row is None:
            session.add(SyncProgress(id=SINGLE_ROW, ledger_sent_seq=seq))
        else:
            row.ledger_sent_seq = seq


def read_batch(workspace: "Workspace", after: int, size: int = LEDGER_BATCH
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Entries after ``after``: about ``size`` of them, up to and including a checkpoint,
    with the checkpoints among them. One read transaction, so the GUI writing meanwhile
    cannot hand us half a transaction."""
    with workspace.db.read() as session:
        last = session.execute(
            select(LedgerEntry.seq).where(LedgerEntry.seq > after)
            .order_by(LedgerEntry.seq).offset(size - 1).limit(1)).scalar()
        if last is None:
            last = session.execute(select(func.max(LedgerEntry.seq))).scalar() or after
        # Round up to the checkpoint that signs the transaction the batch ends in.
        signed = session.execute(
            select(func.min(Checkpoint.seq)).where(Checkpoint.seq >= last)).scalar()
        last = signed if signed is not None else last
        entries = [dict(zip((*ENTRY_FIELDS, "hash"), row)) for row in session.execute(
            select(*_COLUMNS).where(LedgerEntry.seq > after, LedgerEntry.seq <= last)
            .order_by(LedgerEntry.seq))]
        checkpoints = [{"seq": seq, "head_hash": head, "at": at, "signature": signature}
                       for seq, head, at, signature in session.execute(
                           select(Checkpoint.seq, Checkpoint.head_hash, Checkpoint.at,
                                  Checkpoint.signature)
                           .where(Checkpoint.seq > after, Checkpoint.seq <= last)
                           .order_by(Checkpoint.seq, Checkpoint.id))]
    return entries, checkpoints


def push_ledger(workspace: "Workspace", client: HqClient, *, progress: Progress = no_progress,
                cancel: CancelToken | None = None, note: str = "ledger",
                batch_size: int = LEDGER_BATCH) -> PushOutcome:
    """Send every entry HQ does not hold yet, up to the head as it is now."""
    outcome = PushOutcome()
    head = ledger_head(workspace)
    sent = sent_seq(workspace)
    first = sent
    resynced = False
    while sent < head:
        if cancel:
            cancel.raise_if_cancelled()
        progress(max(0, sent - first), head - first, note)
        entries, checkpoints = read_batch(workspace, sent, batch_size)
        if not entries:
            break
        try:
            answer = client.post_json("ledger/push", {"entries": entries,
                                                      "checkpoints": checkpoints})
        except HqRefused as refused:
            if refused.code != "ledger_gap" or resynced:
                raise
            # HQ holds fewer entries than we noted (its database restored from a backup?):
            # go on from where HQ really is, once.
            resynced = True
            sent = min(client.get_json("ledger/state")["ledger_seq"], head)
            _note_sent(workspace, sent)
            continue
        outcome.batches += 1
        outcome.accepted += answer["accepted"]
        outcome.skipped += answer["skipped"]
        outcome.refused += answer.get("refused", [])
        # HQ may hold more than this batch (a reset counter): go on from where it is.
        sent = max(entries[-1]["seq"], min(answer["ledger_seq"], head))
        _note_sent(workspace, sent)
    progress(head - first, head - first, note)
    return outcome
