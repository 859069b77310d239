"""What a verified ledger entry does at HQ: its disposition, and the records rebuilt from it.

Ownership decides (sync.protocol.HQ_OWNED_TABLES): a workstation's writes to its own data
(footage, cases, custody …) are applied to HqRecord; its copy of the reference data HQ sent
down is a "mirror" and changes nothing here; a write to data HQ owns is never applied:
before the workstation enrolled it was its own set-up ("local"), after that a "refused"
write, reported back. Entries that change no row (failed logins …) are "events".

Rebuilding is batched: one SELECT per record type for the records a batch touches, then
bulk INSERT and bulk UPDATE, so a batch of a thousand entries costs a handful of round
trips whatever it holds."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from core.context import Context
from core.permissions import Permission, require
from db.models import HqRecord, HqWorkstation, Unit
from sync.protocol import HQ_OWNED_TABLES, REFERENCE_ACTION

APPLIED, MIRROR, LOCAL, REFUSED, EVENT = "applied", "mirror", "local", "refused", "event"
OPS = ("insert", "update", "delete")
# The workstation's enrollment, as its own ledger records it: ownership holds after it.
LINK_TABLE = "sync_link"


@dataclass
class Disposed:
    """The dispositions of a batch's entries, in order, and the refusals to report."""

    dispositions: list[str] = field(default_factory=list)
    refusals: list[tuple[str, str] | None] = field(default_factory=list)
    linked_seq: int | None = None

    def refused(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"seq": entry["seq"], "reason": reason[0], "reason_en": reason[1]}
                for entry, reason in zip(entries, self.refusals) if reason]


def _refusal(entry: dict[str, Any]) -> tuple[str, str]:
    table = entry["object_type"]
    return (f"“{table}”类数据由总部统一管理，工作站的修改（{entry['action']}）不予采用",
            f"'{table}' data is managed by HQ; the workstation's change "
            f"({entry['action']}) is not applied")


def dispose(entries: list[dict[str, Any]], changes: list[Any],
            linked_seq: int | None) -> Disposed:
    out = Disposed(linked_seq=linked_seq)
    for entry, change in zip(entries, changes):
        op = change.get("op") if isinstance(change, dict) else None
        reason = None
        if op not in OPS:
            disposition = EVENT
        elif entry["object_type"] in HQ_OWNED_TABLES:
            if entry["action"] == REFERENCE_ACTION:
                disposition = MIRROR
            elif out.linked_seq is None:
                disposition = LOCAL
            else:
                disposition, reason = REFUSED, _refusal(entry)
        else:
            disposition = APPLIED
            if out.linked_seq is None and entry["object_type"] == LINK_TABLE and op == "insert":
                out.linked_seq = entry["seq"]
        out.dispositions.append(disposition)
        out.refusals.append(reason)
    return out


def _load(session: Session, workstation_id: str,
          keys: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The held records among ``keys``: one SELECT per record type, by the primary key."""
    by_type: dict[str, list[str]] = {}
    for object_type, object_id in keys:
        by_type.setdefault(object_type, []).append(object_id)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for object_type, ids in by_type.items():
        for start in range(0, len(ids), 5_000):
            rows = session.execute(
                select(HqRecord.object_id, HqRecord.values)
                .where(HqRecord.workstation_id == workstation_id,
                       HqRecord.object_type == object_type,
                       HqRecord.object_id.in_(ids[start:start + 5_000]))).all()
            for object_id, values in rows:
                found[(object_type, object_id)] = json.loads(values)
    return found


def _canonical(values: dict[str, Any]) -> str:
    """core.canonical.canonical_json for values that are JSON already (they came out of a
    canonical change): the same text, without walking the values again to convert them."""
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def rebuild(session: Session, workstation_id: str, unit_id: str,
            entries: list[dict[str, Any]], changes: list[Any], dispositions: list[str]) -> None:
    """Apply the applied entries of a batch to HqRecord, in ledger order."""
    applied = [(e, c) for e, c, d in zip(entries, changes, dispositions) if d == APPLIED]
    if not applied:
        return
    held = _load(session, workstation_id, {(e["object_type"], e["object_id"]) for e, _ in applied})
    state: dict[tuple[str, str], tuple[dict[str, Any], int, bool]] = {}
    for entry, change in applied:
        key = (entry["object_type"], entry["object_id"])
        current = state[key][0] if key in state else held.get(key, {})
        op = change["op"]
        if op == "insert":
            values, deleted = dict(change.get("values") or {}), False
        elif op == "update":
            values, deleted = {**current, **(change.get("after") or {})}, False
        else:  # delete: the last values stay readable, marked deleted
            values, deleted = dict(current or change.get("values") or {}), True
        state[key] = (values, entry["seq"], deleted)
    rows = [{"workstation_id": workstation_id, "object_type": key[0], "object_id": key[1],
             "unit_id": unit_id, "values": _canonical(values), "seq": seq,
             "deleted": deleted} for key, (values, seq, deleted) in state.items()]
    new = [row for row in rows if (row["object_type"], row["object_id"]) not in held]
    known = [row for row in rows if (row["object_type"], row["object_id"]) in held]
    table = HqRecord.__table__
    if new:
        session.connection().execute(insert(table), new)
    if known:
        session.connection().execute(
            update(table).where(table.c.workstation_id == bindparam("b_ws"),
                                table.c.object_type == bindparam("b_type"),
                                table.c.object_id == bindparam("b_id"))
            .values(unit_id=bindparam("unit_id"), values=bindparam("values"),
                    seq=bindparam("seq"), deleted=bindparam("deleted")),
            [{"b_ws": r["workstation_id"], "b_type": r["object_type"], "b_id": r["object_id"],
              "unit_id": r["unit_id"], "values": r["values"], "seq": r["seq"],
              "deleted": r["deleted"]} for r in known])


# ---------------------------------------------------------------- reading, for HQ admins
@dataclass(frozen=True)
class RecordRow:
    workstation_id: str
    unit_name: str
    object_type: str
    object_id: str
    seq: int
    deleted: bool
    values: dict[str, Any]

    def as_json(self, _language: str = "zh_CN") -> dict[str, Any]:
        return {"workstation_id": self.workstation_id, "unit": self.unit_name,
                "object_type": self.object_type, "object_id": self.object_id,
                "seq": self.seq, "deleted": self.deleted, "values": self.values}


def list_records(ctx: Context, *, workstation_id: str | None = None,
                 object_type: str | None = None, include_deleted: bool = False,
                 limit: int = 1_000) -> list[RecordRow]:
    """Records rebuilt from the workstations' ledgers, newest change first."""
    require(ctx.actor, Permission.MANAGE_HQ)
    query = (select(HqRecord, Unit.name).join(Unit, Unit.id == HqRecord.unit_id)
             .order_by(HqRecord.seq.desc()).limit(limit))
    if workstation_id:
        query = query.where(HqRecord.workstation_id.in_(_workstation_ids(ctx, workstation_id)))
    if object_type:
        query = query.where(HqRecord.object_type == object_type)
    if not include_deleted:
        query = query.where(HqRecord.deleted.is_(False))
    with ctx.read() as session:
        rows = session.execute(query).all()
    return [RecordRow(r.workstation_id, unit_name, r.object_type, r.object_id, r.seq,
                      r.deleted, json.loads(r.values)) for r, unit_name in rows]


def _workstation_ids(ctx: Context, key: str) -> Iterable[str]:
    """A workstation by its id, an id prefix (as listed) or its name."""
    with ctx.read() as session:
        return [w for w, in session.execute(
            select(HqWorkstation.id).where((HqWorkstation.id == key)
                                           | (HqWorkstation.id.startswith(key, autoescape=True))
                                           | (HqWorkstation.name == key)))] or [key]
