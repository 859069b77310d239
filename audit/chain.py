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
