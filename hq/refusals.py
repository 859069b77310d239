"""The writes HQ refused: kept when a push brings them (hq.ledger, decided by hq.records),
listed for an HQ admin (`lawdesk hq refused`).

A refused entry stays in the workstation's chain at HQ (HqLedgerEntry, disposition
"refused") and is never applied; the workstation hears of it in the push's answer. This
table is the admin's side of the same fact, small enough to list without reading the chains:
one row per refused entry, with the reason's code and words."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core.clock import iso_utc
from core.context import Context
from core.permissions import Permission, require
from db.models import HqWorkstation, Unit
from db.models.hq import HqRefusedWrite
from hq.records import Disposed, key_prefix_length


def store_refusals(session: Session, workstation_id: str, entries: list[dict[str, Any]],
                   disposed: Disposed, now: datetime) -> int:
    """One row per refused entry of a batch, in the push's transaction."""
    rows = [{"workstation_id": workstation_id, "seq": entry["seq"], "at": entry["at"],
             "actor": entry["actor"], "action": entry["action"],
             "object_type": entry["object_type"], "object_id": entry["object_id"],
             "reason_code": reason[0], "reason": reason[1], "reason_en": reason[2],
             "received_at": now}
            for entry, reason in zip(entries, disposed.refusals) if reason]
    if rows:
        session.connection().execute(insert(HqRefusedWrite.__table__), rows)
    return len(rows)


@dataclass(frozen=True)
class RefusedRow:
    workstation_id: str
    workstation_name: str | None
    unit_name: str
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str
    reason_code: str
    reason: str
    reason_en: str
    received_at: datetime
    key: str

    def as_json(self, language: str = "zh_CN") -> dict[str, Any]:
        return {"workstation_id": self.workstation_id, "workstation": self.workstation_name,
                "unit": self.unit_name, "seq": self.seq, "at": self.at, "actor": self.actor,
                "action": self.action, "object_type": self.object_type,
                "object_id": self.object_id, "id": self.key, "code": self.reason_code,
                "reason": self.reason_en if language.startswith("en") else self.reason,
                "received_at": iso_utc(self.received_at)}


def list_refusals(ctx: Context, *, workstation_id: str | None = None,
                  limit: int = 1_000) -> list[RefusedRow]:
    """Refused writes, newest first; ``workstation_id``: an id, a prefix or a name."""
    from hq.records import workstation_ids
    require(ctx.actor, Permission.MANAGE_HQ)
    query = (select(HqRefusedWrite, HqWorkstation.name, Unit.name)
             .join(HqWorkstation, HqWorkstation.id == HqRefusedWrite.workstation_id)
             .join(Unit, Unit.id == HqWorkstation.unit_id)
             .order_by(HqRefusedWrite.received_at.desc(), HqRefusedWrite.workstation_id,
                       HqRefusedWrite.seq.desc())
             .limit(limit))
    if workstation_id:
        query = query.where(
            HqRefusedWrite.workstation_id.in_(workstation_ids(ctx, workstation_id)))
    with ctx.read() as session:
        rows = session.execute(query).all()
        width = key_prefix_length(session.execute(select(HqWorkstation.id)).scalars())
    return [RefusedRow(r.workstation_id, name, unit, r.seq, r.at, r.actor, r.action,
                       r.object_type, r.object_id, r.reason_code, r.reason, r.reason_en,
                       r.received_at, f"{r.workstation_id[:width]}/{r.object_id}")
            for r, name, unit in rows]
