"""Enrollment: one-time codes an HQ admin issues for a unit, and the workstations they admit.

A code is 20 characters of Crockford base32 (100 bits), shown in groups of four; only its
SHA-256 is stored. Using a code binds a workstation id and its Ed25519 public key to the
code's unit, once: a second use is refused, except the very same workstation asking again
with the same key (its first answer was lost on the way), which gets the same answer.

An unknown, a used and an expired code get one and the same answer, so the answer tells a
prober nothing about which codes exist. Every failed try is an entry in HQ's ledger (the
source address, the time, why, and a short hash of the code, never the code itself), and
hq.enroll_throttle makes an address, or everyone, wait after too many.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from audit.keys import load_public_key
from audit.recorder import record
from core.clock import iso_utc
from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from db.database import Database
from db.models import HqEnrollmentCode, HqWorkstation, HqWorkstationState, Unit, new_id
from hq.errors import EnrollCodeRefused

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 20
DEFAULT_VALID_HOURS = 72


def _normalise(code: str) -> str:
    text = code.strip().upper().replace("-", "").replace(" ", "")
    # Crockford's reading rules: what a person may type for what they saw.
    return text.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def code_digest(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode("ascii", "replace")).hexdigest()


def code_fingerprint(code: str) -> str:
    """What the ledger keeps of a code that was tried: enough to match it with a code an
    admin issued (HqEnrollmentCode.code_sha256 starts with it), not enough to use it."""
    return code_digest(code)[:12]


# Why a code was refused, for HQ's ledger only: the workstation hears one answer for all.
UNKNOWN, USED, EXPIRED = "unknown", "used", "expired"


def _code_refused(why: str) -> EnrollCodeRefused:
    refused = EnrollCodeRefused(reason_zh="不正确、已被使用或已过期",
                                reason_en="is unknown, used or expired")
    refused.why = why
    return refused


def _format(raw: str) -> str:
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@dataclass(frozen=True)
class IssuedCode:
    code: str
    unit_id: str
    unit_name: str
    expires_at: datetime


def _unit(session, key: str) -> Unit:  # noqa: ANN001
    unit = session.execute(
        select(Unit).where((Unit.id == key) | (Unit.name == key) | (Unit.short_name == key))
    ).scalars().first()
    if unit is None:
        raise NotFound("科室", "unit", key)
    return unit


def issue_code(ctx: Context, unit: str, *, valid_hours: int = DEFAULT_VALID_HOURS) -> IssuedCode:
    require(ctx.actor, Permission.MANAGE_HQ)
    if not 1 <= valid_hours <= 24 * 30:
        raise InvalidInput("注册码有效期应在 1 小时到 30 天之间",
                           "an enrollment code is valid for 1 hour to 30 days")
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    now = ctx.clock.now()
    with ctx.write("hq.enroll_code") as session:
        found = _unit(session, unit)
        row = HqEnrollmentCode(id=new_id(), code_sha256=code_digest(raw), unit_id=found.id,
                               created_at=now, created_by=ctx.actor.username,
                               expires_at=now + timedelta(hours=valid_hours))
        session.add(row)
        return IssuedCode(_format(raw), found.id, found.name, row.expires_at)


@dataclass(frozen=True)
class Enrolled:
    workstation_id: str
    unit_id: str
    unit_name: str
    unit_short_name: str


def enroll(db: Database, now: datetime, *, code: str, workstation_id: str, public_key: str,
           name: str | None) -> Enrolled:
    """Admit a workstation with a code, in one transaction (the code is used exactly once)."""
    if len(workstation_id) != 32 or not all(c in "0123456789abcdef" for c in workstation_id):
        raise InvalidInput("工作站标识无效", "the workstation id is not valid")
    try:
        load_public_key(public_key)
    except ValueError:
        raise InvalidInput("工作站公钥无效", "the workstation public key is not valid") from None
    with db.write(actor=f"ws:{workstation_id}", action="hq.enroll") as session:
        row = session.execute(
            select(HqEnrollmentCode).where(HqEnrollmentCode.code_sha256 == code_digest(code))
            .with_for_update()
        ).scalars().first()
        if row is None:
            raise _code_refused(UNKNOWN)
        existing = session.get(HqWorkstation, workstation_id)
        if row.used_at is not None:
            if (row.used_by == workstation_id and existing is not None
                    and existing.public_key == public_key):
                return _answer(session, existing)
            raise _code_refused(USED)
        if row.expires_at <= now:
            raise _code_refused(EXPIRED)
        if existing is not None:
            raise EnrollCodeRefused(reason_zh="对应的工作站已经注册过",
                                    reason_en="was offered by a workstation already enrolled")
        row.used_at, row.used_by = now, workstation_id
        workstation = HqWorkstation(id=workstation_id, unit_id=row.unit_id,
                                    public_key=public_key, name=(name or None),
                                    enrolled_at=now)
        session.add(workstation)
        session.flush()
        session.add(HqWorkstationState(workstation_id=workstation_id))
        return _answer(session, workstation)


def audit_failure(db: Database, now: datetime, *, address: str, code: str,
                  workstation_id: str, why: str, throttled_for: float | None) -> None:
    """One entry in HQ's ledger for a failed enrollment (and, when this failure made the
    address wait, the wait): who tried from where, when and why, never the code."""
    with db.write(actor="hq", action="hq.enroll_refused") as session:
        change = {"address": address, "at": iso_utc(now), "why": why,
                  "code_sha256_prefix": code_fingerprint(code),
                  "workstation_id": workstation_id[:32]}
        if throttled_for is not None:
            change["throttled_seconds"] = round(throttled_for)
        record(session, action="hq.enroll_refused", object_type="hq_enrollment_attempt",
               object_id=address[:80], change=change)


def _answer(session, workstation: HqWorkstation) -> Enrolled:  # noqa: ANN001
    unit = session.get(Unit, workstation.unit_id)
    return Enrolled(workstation.id, unit.id, unit.name, unit.short_name)


@dataclass(frozen=True)
class WorkstationRow:
    id: str
    name: str | None
    unit_name: str
    enrolled_at: datetime
    revoked_at: datetime | None
    ledger_seq: int
    signed_seq: int
    last_seen_at: datetime | None
    chain_problem: str | None

    def as_json(self, _language: str = "zh_CN") -> dict:
        from core.clock import iso_utc
        return {"id": self.id, "name": self.name, "unit": self.unit_name,
                "enrolled_at": iso_utc(self.enrolled_at),
                "revoked_at": self.revoked_at and iso_utc(self.revoked_at),
                "ledger_seq": self.ledger_seq, "signed_seq": self.signed_seq,
                "last_seen_at": self.last_seen_at and iso_utc(self.last_seen_at),
                "chain_problem": self.chain_problem}


def list_workstations(ctx: Context) -> list[WorkstationRow]:
    require(ctx.actor, Permission.MANAGE_HQ)
    with ctx.read() as session:
        rows = session.execute(
            select(HqWorkstation, HqWorkstationState, Unit.name)
            .join(HqWorkstationState, HqWorkstationState.workstation_id == HqWorkstation.id)
            .join(Unit, Unit.id == HqWorkstation.unit_id)
            .order_by(Unit.name, HqWorkstation.enrolled_at)
        ).all()
    return [WorkstationRow(w.id, w.name, unit_name, w.enrolled_at, w.revoked_at, s.ledger_seq,
                           s.signed_seq, s.last_seen_at, w.chain_problem)
            for w, s, unit_name in rows]


def revoke(ctx: Context, workstation_id: str) -> None:
    """A lost or retired workstation: its key is no longer accepted."""
    require(ctx.actor, Permission.MANAGE_HQ)
    with ctx.write("hq.revoke_workstation") as session:
        workstation = session.get(HqWorkstation, workstation_id)
        if workstation is None:
            raise NotFound("工作站", "workstation", workstation_id)
        if workstation.revoked_at is None:
            workstation.revoked_at = ctx.clock.now()
