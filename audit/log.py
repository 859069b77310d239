"""Reading the ledger back for people: who did what, newest first."""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from core.context import Context
from core.permissions import Permission, require
from db.models import LedgerEntry


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str
    change: dict

    def as_json(self) -> dict:
        return {"seq": self.seq, "at": self.at, "actor": self.actor, "action": self.action,
                "object_type": self.object_type, "object_id": self.object_id,
                "change": self.change}


def recent_entries(ctx: Context, *, limit: int = 100, object_type: str | None = None,
                   object_id: str | None = None, before_seq: int | None = None) -> list[LogEntry]:
    require(ctx.actor, Permission.VIEW_AUDIT_LOG)
    query = select(LedgerEntry).order_by(LedgerEntry.seq.desc()).limit(limit)
    if object_type:
        query = query.where(LedgerEntry.object_type == object_type)
    if object_id:
        query = query.where(LedgerEntry.object_id == object_id)
    if before_seq:
        query = query.where(LedgerEntry.seq < before_seq)
    with ctx.read() as session:
        return [LogEntry(e.seq, e.at, e.actor, e.action, e.object_type, e.object_id,
                         json.loads(e.change)) for e in session.execute(query).scalars()]
