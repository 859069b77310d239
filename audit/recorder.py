"""Writes the ledger from inside every write transaction.

Hooked on the session factory, so no service can change a record without its entry:
after each flush, every inserted, updated and deleted audited object becomes one entry,
chained to the previous one; before commit, the new head is signed as a checkpoint. Both
land in the same transaction as the change itself.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from audit.chain import GENESIS_HASH, checkpoint_message, entry_hash
from audit.headfile import write_head_file
from audit.keys import Signer
from core.actor import SYSTEM
from core.canonical import canonical_json, to_jsonable
from core.clock import iso_utc
from db.database import AFTER_WRITE, LEDGER_LOCK_KEY, advisory_xact_lock, is_postgresql
from db.models import Checkpoint, LedgerEntry

REDACTED = "[redacted]"


def _audited_value(column, value: Any) -> Any:  # noqa: ANN001
    """What the ledger keeps of a column's value, as the column's ``info["audit"]`` asks.

    "redact": a secret (a password hash) never enters the ledger. "digest": a large binary
    (a signature image) enters as its SHA-256 only, which still proves which bytes were
    stored without copying them into every entry that verify re-hashes."""
    mode = column.info.get("audit")
    if value is None:
        return None
    if mode == "redact":
        return REDACTED
    if mode == "digest":
        return {"sha256": hashlib.sha256(bytes(value)).hexdigest()}
    return to_jsonable(value)


@dataclass
class AuditSettings:
    workstation_id: str
    signer: Signer
    now: Callable[[], Any]
    # Written after each commit: a signed copy of the head kept outside the database, so
    # cutting entries off the end of the ledger with a database tool is also caught.
    head_file: Path | None = None


def _values(obj: object, *, before: bool = False) -> dict[str, Any]:
    state = inspect(obj)
    values: dict[str, Any] = {}
    for column_attr in state.mapper.column_attrs:
        column = column_attr.columns[0]
        if before:
            history = state.attrs[column_attr.key].history
            value = history.deleted[0] if history.deleted else (
                history.unchanged[0] if history.unchanged else None)
        else:
            value = getattr(obj, column_attr.key)
        values[column.name] = _audited_value(column, value)
    return values


def _diff(obj: object) -> dict[str, Any]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for column_attr in state.mapper.column_attrs:
        history = state.attrs[column_attr.key].history
        if not history.has_changes():
            continue
        column = column_attr.columns[0]
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if column.info.get("audit") == "redact":
            old, new = REDACTED, REDACTED
        if old == new and column.info.get("audit") != "redact":
            continue
        before[column.name] = _audited_value(column, old)
        after[column.name] = _audited_value(column, new)
    return {"before": before, "after": after} if after or before else {}


def _object_id(obj: object) -> str:
    identity = inspect(obj).identity or inspect(obj).mapper.primary_key_from_instance(obj)
    return "/".join(str(part) for part in identity)


def _is_audited(obj: object) -> bool:
    return getattr(type(obj), "__audited__", True)


class LedgerHead:
    """The last entry's sequence and hash, read once per transaction under the write lock.

    SQLite: the transaction holds the database's only write lock (BEGIN IMMEDIATE).
    PostgreSQL has none, so the ledger takes its own: an advisory lock held until commit.
    Only transactions that write ledger entries queue for it; other writes run freely."""

    def __init__(self, session: Session) -> None:
        advisory_xact_lock(session, LEDGER_LOCK_KEY)
        row = session.execute(
            select(LedgerEntry.seq, LedgerEntry.hash).order_by(LedgerEntry.seq.desc()).limit(1)
        ).first()
        self.seq, self.hash = (row[0], row[1]) if row else (0, GENESIS_HASH)


def _head(session: Session) -> LedgerHead:
    head = session.info.get("ledger_head")
    if head is None:
        head = session.info["ledger_head"] = LedgerHead(session)
    return head


def hold_ledger(session: Session) -> None:
    """Take the ledger lock now, before the checks of a change that must see every change
    committed before it (the next document number, a device's status and history).

    Every transaction that changes an audited record holds the lock from before its first
    write until its commit, so from here on nothing that could change the answer commits
    in between. SQLite: nothing to do, BEGIN IMMEDIATE already serialises writers."""
    if is_postgresql(session):
        _head(session)


def _append(session: Session, settings: AuditSettings, entries: list[dict[str, Any]]) -> None:
    head = _head(session)
    at = iso_utc(settings.now())
    rows = []
    for entry in entries:
        row = {"seq": head.seq + 1, "at": at, "prev_hash": head.hash, **entry}
        row["hash"] = entry_hash(row)
        head.seq, head.hash = row["seq"], row["hash"]
        rows.append(row)
    session.connection().execute(insert(LedgerEntry.__table__), rows)
    session.info["ledger_dirty"] = True


def record(session: Session, *, action: str, object_type: str, object_id: str,
           change: dict[str, Any]) -> None:
    """An explicit entry for an event that changes no row (a failed login of an unknown
    name, a verification run)."""
    actor = session.info.get("actor", SYSTEM)
    _append(session, session.info["audit"], [{
        "actor": actor, "action": action, "object_type": object_type,
        "object_id": object_id, "change": canonical_json(change),
    }])


def install(factory: sessionmaker, settings: AuditSettings) -> None:
    """Attach the ledger to every session the factory makes."""
    factory.configure(info={"audit": settings})

    @event.listens_for(factory, "before_flush")
    def _before_flush(session: Session, _context, _instances) -> None:  # noqa: ANN001
        # PostgreSQL: take the ledger lock before this flush's rows are written, not after.
        # A writer that locked rows first and then queued for the ledger could deadlock
        # with the ledger's holder wanting one of those rows.
        if "ledger_head" not in session.info and is_postgresql(session) and any(
                _is_audited(obj) for obj in (*session.new, *session.dirty, *session.deleted)):
            _head(session)

    @event.listens_for(factory, "after_flush")
    def _after_flush(session: Session, _context) -> None:  # noqa: ANN001
        actor = session.info.get("actor", SYSTEM)
        action = session.info.get("action", "change")
        entries = []
        for op, objects in (("insert", session.new), ("update", session.dirty),
                            ("delete", session.deleted)):
            for obj in objects:
                if not _is_audited(obj):
                    continue
                if op == "update":
                    change = _diff(obj)
                    if not change:
                        continue
                elif op == "insert":
                    change = {"values": _values(obj)}
                else:
                    change = {"values": _values(obj, before=True)}
                entries.append({
                    "actor": actor, "action": action,
                    "object_type": inspect(obj).mapper.local_table.name,
                    "object_id": _object_id(obj),
                    "change": canonical_json({"op": op, **change}),
                })
        if entries:
            _append(session, settings, entries)

    @event.listens_for(factory, "before_commit")
    def _before_commit(session: Session) -> None:
        session.flush()
        if not session.info.pop("ledger_dirty", False):
            return
        head = _head(session)
        at = iso_utc(settings.now())
        signature = settings.signer.sign(
            checkpoint_message(settings.workstation_id, head.seq, head.hash, at))
        session.connection().execute(insert(Checkpoint.__table__).values(
            seq=head.seq, head_hash=head.hash, at=at,
            workstation_id=settings.workstation_id, signature=signature))
        session.info["signed_head"] = {
            "workstation": settings.workstation_id, "seq": head.seq,
            "head_hash": head.hash, "at": at, "signature": signature,
        }

    @event.listens_for(factory, "after_commit")
    def _after_commit(session: Session) -> None:
        session.info.pop("ledger_head", None)
        signed = session.info.pop("signed_head", None)
        if signed and settings.head_file is not None:
            after_write = session.info.get(AFTER_WRITE)
            if after_write is not None:
                after_write.append(functools.partial(write_head_file, settings.head_file,
                                                     signed))
            else:
                write_head_file(settings.head_file, signed)

    @event.listens_for(factory, "after_rollback")
    def _after_rollback(session: Session) -> None:
        session.info.pop("ledger_head", None)
        session.info.pop("ledger_dirty", None)
        session.info.pop("signed_head", None)
