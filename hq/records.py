"""What a verified ledger entry does at HQ: its disposition, and the records rebuilt from it.

Ownership decides (sync.protocol.HQ_OWNED_TABLES): a workstation's writes to its own data
(footage, cases, custody …) are applied to HqRecord; its copy of the reference data HQ sent
down is a "mirror" and changes nothing here; a write to data HQ owns is never applied:
before the workstation enrolled it was its own set-up ("local"), after that a "refused"
write, reported back. Entries that change no row (failed logins …) are "events".

A signed chain proves who wrote an entry, not that the writer was entitled to it, so each
row change is checked against the pushing workstation before it counts (``Scope``):

- a kind of record no workstation owns (HQ's own tables, or a table HQ does not know) is
  refused ("not_owned");
- a record naming another unit of HQ's (a case, a device … whose unit column holds another
  unit's id) is refused ("other_unit"); the workstation's own unit, and units it set up
  before it enrolled (ids HQ never had), are its own;
- a write to HQ's data labelled as the mirror of what HQ sent (REFERENCE_ACTION) must be
  what HQ sent to that unit: each value HQ's row holds now or held before (HQ's own ledger
  keeps every version), a delete only of a row HQ no longer sends, and an update of a row HQ
  never had only as the workstation's own set-up rows being merged; anything else is
  refused ("mirror_mismatch");
- a write to HQ's data after the workstation's link entry, or, when the chain has none yet,
  made after HQ enrolled it (its time past HQ's enrollment time by more than the allowed
  clock skew) is refused ("hq_owned"). Only HQ-owned writes made before enrolling stay
  "local": every workstation's set-up seeds the shipped defaults, which HQ's data replaces.

Every refused entry is kept (the chain needs it), never applied, reported back in the
push's answer and listed at HQ (hq.refusals, `lawdesk hq refused`).

Rebuilding is batched: one SELECT per record type for the records a batch touches, then
bulk INSERT and bulk UPDATE, so a batch of a thousand entries costs a handful of round
trips whatever it holds."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from core.clock import parse_iso_utc
from core.context import Context
from core.permissions import Permission, require
from db.models import Base, HqRecord, HqWorkstation, LedgerEntry, Unit
from sync.protocol import HQ_OWNED_TABLES, REFERENCE_ACTION, TOKEN_CLOCK_SKEW_S

if TYPE_CHECKING:
    from hq.service import Caller, HqService

APPLIED, MIRROR, LOCAL, REFUSED, EVENT = "applied", "mirror", "local", "refused", "event"
OPS = ("insert", "update", "delete")
# The workstation's enrollment, as its own ledger records it: ownership holds after it.
LINK_TABLE = "sync_link"
# Why HQ refused a write (HqRefusedWrite.reason_code).
HQ_OWNED, MIRROR_MISMATCH, OTHER_UNIT, NOT_OWNED = (
    "hq_owned", "mirror_mismatch", "other_unit", "not_owned")
REFUSAL_CODES = (HQ_OWNED, MIRROR_MISMATCH, OTHER_UNIT, NOT_OWNED)


def _tables_of(module: str) -> frozenset[str]:
    return frozenset(m.local_table.name for m in Base.registry.mappers
                     if m.class_.__module__ == module)


# HQ's own tables: a workstation's copy of them is empty, so it never writes them.
HQ_SERVER_TABLES = _tables_of("db.models.hq")
# What a workstation may own: every audited table but HQ's reference data and HQ's own.
WORKSTATION_TABLES = frozenset(
    m.local_table.name for m in Base.registry.mappers
    if getattr(m.class_, "__audited__", True)) - HQ_OWNED_TABLES - HQ_SERVER_TABLES
# Per table, the columns that name a unit.
UNIT_COLUMNS = {table.name: tuple(c.name for c in table.columns
                                  if c.name == "unit_id" or any(
                                      fk.column.table.name == "unit" for fk in c.foreign_keys))
                for table in Base.metadata.tables.values()}


@dataclass
class Disposed:
    """The dispositions of a batch's entries, in order, and the refusals to report."""

    dispositions: list[str] = field(default_factory=list)
    # Per entry: None, or (code, reason, reason_en).
    refusals: list[tuple[str, str, str] | None] = field(default_factory=list)
    linked_seq: int | None = None

    def refused(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"seq": entry["seq"], "reason": reason[1], "reason_en": reason[2]}
                for entry, reason in zip(entries, self.refusals) if reason]


class Scope:
    """What a pushing workstation may write: its unit, when HQ enrolled it, what HQ sends
    its unit. Read lazily, once per batch, only as far as the batch needs."""

    def __init__(self, session: Session, service: "HqService", caller: "Caller",
                 enrolled_at: datetime) -> None:
        self.session, self.service, self.caller = session, service, caller
        self.unit_id = caller.unit_id
        self.enrolled_at = enrolled_at
        self._history: dict[tuple[str, str], dict[str, list[Any]]] = {}

    @cached_property
    def units(self) -> frozenset[str]:
        return frozenset(self.session.execute(select(Unit.id)).scalars())

    @cached_property
    def sent(self) -> dict[str, dict[str, dict[str, Any]]]:
        """What HQ sends the unit now: table -> object id (as the ledger names it) -> row."""
        from hq.reference import reference_for
        from sync.rows import model_for, primary_key
        data = reference_for(self.service, self.caller)
        sent: dict[str, dict[str, dict[str, Any]]] = {}
        for table, rows in data.tables.items():
            key = primary_key(model_for(table))
            sent[table] = {"/".join(str(row[name]) for name in key): row for row in rows}
        return sent

    def after_enrollment(self, entry: dict[str, Any]) -> bool:
        """Written after HQ enrolled the workstation, by its own clock, beyond the skew HQ
        allows a clock (an unreadable time counts as after)."""
        try:
            at = parse_iso_utc(entry["at"])
        except (ValueError, TypeError):
            return True
        return at > self.enrolled_at + timedelta(seconds=TOKEN_CLOCK_SKEW_S)

    def other_unit(self, table: str, change: dict[str, Any]) -> tuple[str, Any] | None:
        """(column, unit id) when the change names another of HQ's units."""
        values = _values_of(change)
        for column in UNIT_COLUMNS.get(table, ()):
            unit = values.get(column)
            if unit is not None and unit != self.unit_id and unit in self.units:
                return column, unit
        return None

    def mirror_problem(self, entry: dict[str, Any], change: dict[str, Any]
                       ) -> tuple[str, str] | None:
        """Why a mirror entry is not what HQ sent (zh, en), or None when it is."""
        table, object_id, op = entry["object_type"], entry["object_id"], change["op"]
        current = self.sent.get(table, {}).get(object_id)
        if op == "delete":
            if current is not None:
                return "总部仍在下发该记录，却被删除", "HQ still sends this record, yet it was deleted"
            return None
        if current is None:
            if op == "update" and not self._known(table, object_id):
                return None  # the workstation's own set-up row, merged into HQ's
            return "总部没有向本科室下发该记录", "HQ did not send this record to this unit"
        for column, value in _values_of(change).items():
            if column not in current or current[column] == value:
                continue  # a column HQ does not have (a newer workstation) is its own
            if value in self._history_of(table, object_id).get(column, ()):
                continue  # what HQ sent before it changed the row again
            return (f"字段 {column} 的值不是总部下发的", f"the value of {column} is not what HQ "
                    "sent")
        return None

    def _known(self, table: str, object_id: str) -> bool:
        """HQ has, or had, a row with this key (in any unit)."""
        from sync.rows import model_for, primary_key
        model = model_for(table)
        key = primary_key(model)
        if len(key) == 1:
            column = model.__table__.c[key[0]]
            try:
                value: Any = int(object_id) if column.type.python_type is int else object_id
            except (ValueError, NotImplementedError):
                value = object_id
            if self.session.execute(select(column).where(column == value)).first():
                return True
        return bool(self._history_of(table, object_id))

    def _history_of(self, table: str, object_id: str) -> dict[str, list[Any]]:
        """Every value each column of this row of HQ's has held, from HQ's own ledger."""
        key = (table, object_id)
        if key not in self._history:
            history: dict[str, list[Any]] = {}
            for text in self.session.execute(select(LedgerEntry.change).where(
                    LedgerEntry.object_type == table,
                    LedgerEntry.object_id == object_id)).scalars():
                change = _parse(text)
                if isinstance(change, dict) and change.get("op") in ("insert", "update"):
                    for column, value in _values_of(change).items():
                        history.setdefault(column, []).append(value)
            self._history[key] = history
        return self._history[key]


def _parse(text: str) -> Any:  # noqa: ANN401
    try:
        return json.loads(text)
    except ValueError:
        return None


def _values_of(change: dict[str, Any]) -> dict[str, Any]:
    """The values a row change writes (an update's new values; a delete's last ones)."""
    values = change.get("after") if change.get("op") == "update" else change.get("values")
    return values if isinstance(values, dict) else {}


def _refusal(code: str, entry: dict[str, Any], detail: tuple[str, str] | None = None
             ) -> tuple[str, str, str]:
    table, action = entry["object_type"], entry["action"]
    if code == HQ_OWNED:
        return (code, f"“{table}”类数据由总部统一管理，工作站的修改（{action}）不予采用",
                f"'{table}' data is managed by HQ; the workstation's change ({action}) is not "
                "applied")
    if code == MIRROR_MISMATCH:
        zh, en = detail or ("", "")
        return (code, f"标为总部下发数据（{REFERENCE_ACTION}）的“{table}”记录与总部下发的不符"
                      f"（{zh}），不予采用",
                f"a change to '{table}' labelled as HQ's data sent down ({REFERENCE_ACTION}) "
                f"is not what HQ sent ({en}); not applied")
    if code == OTHER_UNIT:
        zh, en = detail or ("", "")
        return (code, f"该“{table}”记录属于另一科室（{zh}），工作站只能提交本科室的记录，不予采用",
                f"the '{table}' record names another unit ({en}); a workstation files its own "
                "unit's records only; not applied")
    return (code, f"工作站不能提交“{table}”类记录，不予采用",
            f"a workstation does not own '{table}' records; not applied")


def dispose(entries: list[dict[str, Any]], changes: list[Any], linked_seq: int | None,
            scope: Scope) -> Disposed:
    out = Disposed(linked_seq=linked_seq)
    for entry, change in zip(entries, changes):
        op = change.get("op") if isinstance(change, dict) else None
        table = entry["object_type"]
        reason = None
        if op not in OPS:
            disposition = EVENT
        elif table in HQ_OWNED_TABLES:
            if entry["action"] == REFERENCE_ACTION:
                problem = scope.mirror_problem(entry, change)
                disposition = MIRROR if problem is None else REFUSED
                if problem is not None:
                    reason = _refusal(MIRROR_MISMATCH, entry, problem)
            elif out.linked_seq is None and not scope.after_enrollment(entry):
                disposition = LOCAL
            else:
                disposition, reason = REFUSED, _refusal(HQ_OWNED, entry)
        elif table not in WORKSTATION_TABLES:
            disposition, reason = REFUSED, _refusal(NOT_OWNED, entry)
        elif (named := scope.other_unit(table, change)) is not None:
            column, unit = named
            disposition = REFUSED
            reason = _refusal(OTHER_UNIT, entry, (f"{column} = {unit}", f"{column} = {unit}"))
        else:
            disposition = APPLIED
            if out.linked_seq is None and table == LINK_TABLE and op == "insert":
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
    # "<workstation id prefix>/<object id>": records are kept per workstation (two
    # workstations may well hold a record under the same id), and so they are named.
    key: str = ""

    def as_json(self, _language: str = "zh_CN") -> dict[str, Any]:
        return {"id": self.key, "workstation_id": self.workstation_id,
                "unit": self.unit_name, "object_type": self.object_type,
                "object_id": self.object_id, "seq": self.seq, "deleted": self.deleted,
                "values": self.values}


# The shortest workstation id prefix a record's key uses (as `hq workstations` lists ids,
# a prefix names a workstation as long as it is unambiguous).
KEY_PREFIX = 8


def key_prefix_length(ids: Iterable[str]) -> int:
    """The shortest prefix, at least KEY_PREFIX, that tells every one of ``ids`` apart."""
    ids = set(ids)
    length = KEY_PREFIX
    while length < 32 and len({i[:length] for i in ids}) < len(ids):
        length += 1
    return length


def list_records(ctx: Context, *, workstation_id: str | None = None,
                 object_type: str | None = None, include_deleted: bool = False,
                 limit: int = 1_000) -> list[RecordRow]:
    """Records rebuilt from the workstations' ledgers, newest change first; each record
    once, named by its workstation and its own id."""
    require(ctx.actor, Permission.MANAGE_HQ)
    query = (select(HqRecord, Unit.name).join(Unit, Unit.id == HqRecord.unit_id)
             .order_by(HqRecord.seq.desc(), HqRecord.workstation_id, HqRecord.object_type,
                       HqRecord.object_id).limit(limit))
    if workstation_id:
        query = query.where(HqRecord.workstation_id.in_(workstation_ids(ctx, workstation_id)))
    if object_type:
        query = query.where(HqRecord.object_type == object_type)
    if not include_deleted:
        query = query.where(HqRecord.deleted.is_(False))
    with ctx.read() as session:
        rows = session.execute(query).all()
        width = key_prefix_length(session.execute(select(HqWorkstation.id)).scalars())
    return [RecordRow(r.workstation_id, unit_name, r.object_type, r.object_id, r.seq,
                      r.deleted, json.loads(r.values), f"{r.workstation_id[:width]}/{r.object_id}")
            for r, unit_name in rows]


def workstation_ids(ctx: Context, key: str) -> Iterable[str]:
    """A workstation by its id, an id prefix (as listed) or its name."""
    with ctx.read() as session:
        return [w for w, in session.execute(
            select(HqWorkstation.id).where((HqWorkstation.id == key)
                                           | (HqWorkstation.id.startswith(key, autoescape=True))
                                           | (HqWorkstation.name == key)))] or [key]
