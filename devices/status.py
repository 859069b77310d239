"""A device's status, the moves between statuses, and the history each move leaves.

Every status change goes through ``move`` so the device row and its device_event row are
written together (the ledger records both, through the flush hook).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from db.models import Device, DeviceEvent

IN_STORE, CHECKED_OUT, IN_REPAIR, LOST, RETIRED = (
    "in_store", "checked_out", "in_repair", "lost", "retired")
STATUSES = (IN_STORE, CHECKED_OUT, IN_REPAIR, LOST, RETIRED)
# Devices that count towards the ratio standard: usable today or in an officer's hands.
IN_SERVICE = (IN_STORE, CHECKED_OUT)

STATUS_LABELS = {
    IN_STORE: ("在库", "in store"),
    CHECKED_OUT: ("已领用", "checked out"),
    IN_REPAIR: ("维修中", "in repair"),
    LOST: ("已丢失", "lost"),
    RETIRED: ("已报废", "retired"),
}

# What happened to a device, as its history shows it.
EVENT_LABELS = {
    "registered": ("登记入库", "registered"),
    "checked_out": ("领用", "checked out"),
    "checked_in": ("归还", "checked in"),
    "repair": ("送修", "sent for repair"),
    "repaired": ("修复入库", "back from repair"),
    "lost": ("报失", "reported lost"),
    "found": ("找回入库", "found"),
    "retire": ("报废", "retired"),
}


def status_label(status: str, language: str = "zh_CN") -> str:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return en if language.startswith("en") else zh


def event_label(kind: str, language: str = "zh_CN") -> str:
    zh, en = EVENT_LABELS.get(kind, (kind, kind))
    return en if language.startswith("en") else zh


@dataclass(frozen=True)
class Transition:
    """A status change the custodian records by hand (custody moves are in devices.custody)."""

    action: str
    allowed_from: frozenset[str]
    to: str
    needs_reason: bool
    zh: str  # the verb, as in "cannot <verb>"
    en: str


# The whole table. Not here on purpose: in_repair -> checked_out (repair it first),
# checked_out -> in_repair (check it in as damaged, which puts it in repair, so the officer's
# custody is closed), anything out of retired (retiring is final).
TRANSITIONS: dict[str, Transition] = {t.action: t for t in (
    Transition("repair", frozenset({IN_STORE}), IN_REPAIR, True, "送修", "sent for repair"),
    Transition("repaired", frozenset({IN_REPAIR}), IN_STORE, False, "修复入库",
               "returned from repair"),
    # Lost while checked out: the open custody is closed at the report (devices.registry).
    Transition("lost", frozenset({IN_STORE, CHECKED_OUT, IN_REPAIR}), LOST, True, "报失",
               "reported lost"),
    Transition("found", frozenset({LOST}), IN_STORE, False, "找回入库", "returned as found"),
    Transition("retire", frozenset({IN_STORE, IN_REPAIR, LOST}), RETIRED, True, "报废",
               "retired"),
)}


def move(session: Session, device: Device, *, kind: str, to: str, actor: str, at: datetime,
         custody_id: str | None = None, notes: str | None = None,
         first: bool = False) -> DeviceEvent:
    """Set the device's status and append the event to its history.

    ``first``: the device is new in this session, so its history starts at 1 (saves a
    query per row when importing thousands)."""
    if first:
        seq = 1
    else:
        # PostgreSQL: the next seq is read under the ledger lock, like SQLite's write lock
        # (callers that check the status first took it before their check).
        hold_ledger(session)
        last = session.execute(select(func.max(DeviceEvent.seq))
                               .where(DeviceEvent.device_id == device.id)).scalar()
        seq = (last or 0) + 1
    device.status = to
    event = DeviceEvent(device_id=device.id, seq=seq, at=at, kind=kind, status=to,
                        actor=actor, custody_id=custody_id, notes=notes)
    session.add(event)
    return event
