"""A section head's decisions on a case's recording findings: approving the reason a step
has no recording (the step's findings become excused), and accepting the open findings so
the case may be closed (an acknowledgement: who, when, why). Each is one transaction with
its ledger entries, and re-checks the case first."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from casework.cases import load_case, load_open_case, procedure_of
from compliance.checks import ACKNOWLEDGED, OPEN, refresh_case
from compliance.errors import NoRecordingRequired, NothingToAcknowledge, ReasonAlreadyApproved
from compliance.items import CHECKED, all_versions, in_force
from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.models import CaseStep, RecordingAcknowledgement, RecordingReason


def _reason_text(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise InvalidInput("须填写理由", "a reason is required")
    if len(text) > 2000:
        raise InvalidInput("理由不超过 2000 字", "the reason is longer than 2000 characters")
    return text


@dataclass(frozen=True)
class ApprovedReason:
    id: str
    case: str
    step: str
    reason: str
    approved_by: str
    approved_at: datetime
    excused: int      # findings of the step now excused

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "case": self.case, "step": self.step, "reason": self.reason,
                "approved_by": self.approved_by, "approved_at": self.approved_at.isoformat(),
                "excused": self.excused}


def approve_reason(ctx: Context, key: str, step: str, reason: str) -> ApprovedReason:
    """Record, as the approving section head, why the step has no (unbroken) recording,
    e.g. the recorder failed on the spot."""
    require(ctx.actor, Permission.ACCEPT_RECORDING_FINDINGS)
    text = _reason_text(reason)
    with ctx.write("compliance.reason") as session:
        case = load_case(session, key)
        chosen = procedure_of(case).step(step)
        existing = session.execute(select(RecordingReason).where(
            RecordingReason.case_id == case.id, RecordingReason.step == chosen.code)
        ).scalar_one_or_none()
        if existing is not None:
            raise ReasonAlreadyApproved(case=case.number, step_zh=chosen.name_zh,
                                        step_en=chosen.name_en, by=existing.approved_by,
                                        at=ctx.clock.local(existing.approved_at)
                                        .strftime("%Y-%m-%d %H:%M"), reason=existing.reason)
        done = session.execute(select(CaseStep.done_on).where(
            CaseStep.case_id == case.id, CaseStep.step == chosen.code)).scalar()
        item = in_force(all_versions(session), done or ctx.clock.today()).requirement(
            case.type_code, chosen.code)
        if item is None or item.mode not in CHECKED:
            raise NoRecordingRequired(case=case.number, step_zh=chosen.name_zh,
                                      step_en=chosen.name_en)
        row = RecordingReason(case_id=case.id, step=chosen.code, reason=text,
                              approved_by=ctx.actor.username, approved_at=ctx.clock.now())
        session.add(row)
        session.flush()
        rows = refresh_case(session, case.id, now=ctx.clock.now())
        excused = sum(1 for r in rows if r.step == chosen.code and r.status == "excused")
        return ApprovedReason(row.id, case.number, chosen.code, text, row.approved_by,
                              row.approved_at, excused)


@dataclass(frozen=True)
class Acknowledgement:
    id: str
    case: str
    accepted_by: str
    accepted_at: datetime
    reason: str
    findings: tuple[str, ...]   # the ids of the findings accepted

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "case": self.case, "accepted_by": self.accepted_by,
                "accepted_at": self.accepted_at.isoformat(), "reason": self.reason,
                "findings": list(self.findings)}


def acknowledge(ctx: Context, key: str, reason: str) -> Acknowledgement:
    """Accept every open finding of an open case, so that it may be closed: the findings
    become acknowledged and name this acknowledgement."""
    require(ctx.actor, Permission.ACCEPT_RECORDING_FINDINGS)
    text = _reason_text(reason)
    with ctx.write("compliance.acknowledge") as session:
        case = load_open_case(session, key)
        now = ctx.clock.now()
        rows = [r for r in refresh_case(session, case.id, now=now) if r.status == OPEN]
        if not rows:
            raise NothingToAcknowledge(case=case.number)
        ack = RecordingAcknowledgement(case_id=case.id, accepted_by=ctx.actor.username,
                                       accepted_at=now, reason=text, findings=len(rows))
        session.add(ack)
        session.flush()
        for row in rows:
            row.status, row.acknowledgement_id, row.changed_at = ACKNOWLEDGED, ack.id, now
        session.flush()
        return Acknowledgement(ack.id, case.number, ack.accepted_by, now, text,
                               tuple(r.id for r in rows))
