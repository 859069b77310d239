"""How an entry and a checkpoint are hashed and signed: the one definition both the
workstation and HQ use, so a chain verifies the same everywhere."""
from __future__ import annotations

import hashlib
from typing import Any

from core.canonical import canonical_bytes

GENESIS_HASH = "0" * 64
ENTRY_FIELDS = ("seq", "at", "actor", "action", "object_type", "object_id", "change", "prev_hash")


def entry_hash(entry: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes({k: entry[k] for k in ENTRY_FIELDS})).hexdigest()


def checkpoint_message(workstation_id: str, seq: int, head_hash: str, at: str) -> bytes:
    return canonical_bytes(
        {"kind": "lawdesk-ledger-checkpoint", "workstation": workstation_id,
         "seq": seq, "head_hash": head_hash, "at": at}
    )


def countersignature_message(server_id: str, workstation_id: str, seq: int, head_hash: str,
                             at: str) -> bytes:
    """What HQ signs to say it holds a workstation's checkpoint: the checkpoint's own fields
    and the server's id, so a countersignature cannot be moved to another workstation, seq
    or server."""
    return canonical_bytes(
        {"kind": "lawdesk-hq-countersignature", "server": server_id,
         "workstation": workstation_id, "seq": seq, "head_hash": head_hash, "at": at}
    )
