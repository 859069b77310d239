"""HQ's countersignature of a workstation's checkpoints.

A workstation signs its ledger head after every transaction; a package made from that
ledger proves itself with the workstation's key alone, which its owner holds: a bureau that
rewrote its own ledger could sign the rewrite. HQ's countersignature says "HQ held this
checkpoint (this seq, this head hash) when it was sent", with a key the workstation never
holds, so a rewritten history no longer matches what HQ signed.

HQ signs on request, from the checkpoints it verified and stored at intake (hq.ledger):
Ed25519 is deterministic, so signing again on every request gives the same signature and
nothing needs storing. HQ's key is its own data folder's ledger key (its server id is that
folder's workstation id), the key its own checkpoints are signed with.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from audit.chain import countersignature_message
from db.models import HqCheckpoint
from hq.service import Caller, HqService

# Countersignatures per answer: ~60 µs of signing each, so an answer costs at most ~60 ms.
COUNTERSIGN_BATCH = 1_000


def countersignatures(service: HqService, caller: Caller, after: int,
                      limit: int = COUNTERSIGN_BATCH) -> dict[str, Any]:
    """The caller's checkpoints HQ holds with seq above ``after``, oldest first, each
    countersigned; ``more`` when there are others after these."""
    with service.db.read() as session:
        rows = session.execute(
            select(HqCheckpoint.seq, HqCheckpoint.head_hash, HqCheckpoint.at)
            .where(HqCheckpoint.workstation_id == caller.workstation_id,
                   HqCheckpoint.seq > after)
            .order_by(HqCheckpoint.seq).limit(limit + 1)).all()
    signer = service.workspace.audit.signer
    signed = [{"seq": seq, "head_hash": head, "at": at,
               "signature": signer.sign(countersignature_message(
                   service.server_id, caller.workstation_id, seq, head, at))}
              for seq, head, at in rows[:limit]]
    return {"server": service.server_id, "public_key": signer.public_hex,
            "countersignatures": signed, "more": len(rows) > limit}
