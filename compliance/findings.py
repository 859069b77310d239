"""Reading a case's compliance (re-checked first) and the open findings of all cases."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from casework.cases import load_case, procedure_of
from compliance.checks import OPEN, RESOLVED, finding_json, refresh_case
from compliance.items import CHECKED, all_versions, in_force
from core.context import Context
from core.permissions import Permission, require
from db.models import Case, CaseStep, RecordingFinding


@dataclass(frozen=True)
class RequiredStep:
    """A step of the case's procedure the item list wants recorded."""

    step: str
    name_zh: str
    name_en: str
    mode: str
    activity_zh: str
    activity_en: str
    source: str
    done_on: date | None

    def as_json(self, language: str = "zh_CN") -> dict[str, Any]:
        en = language.startswith("en")
        return {"step": self.step, "name": self.name_en if en else self.name_zh,
                "mode": self.mode, "activity": self.activity_en if en else self.activity_zh,
                "source": self.source,
                "done_on": self.done_on.isoformat() if self.done_on else None}


@dataclass(frozen=True)
class CaseCompliance:
    case: str
    case_status: str
    required: tuple[RequiredStep, ...]
    findings: tuple[dict[str, Any], ...] = field(default=())  # finding_json, not resolved

    @property
    def open(self) -> int:
        return sum(1 for f in self.findings if f["status"] == OPEN)

    @property
    def complies(self) -> bool:
        return self.open == 0

    def as_json(self, language: str = "zh_CN") -> dict[str, Any]:
        return {"case": self.case, "case_status": self.case_status, "complies": self.complies,
                "open": self.open, "required_steps": [r.as_json(language) for r in self.required],
                "findings": list(self.findings)}


def check_case(ctx: Context, key: str, language: str = "zh_CN") -> CaseCompliance:
    """Re-check one case against the item list and return its findings (resolved ones
    left out). The re-check writes only what changed."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.write("compliance.check") as session:
        case = load_case(session, key)
        rows = refresh_case(session, case.id, now=ctx.clock.now())
        done = {s.step: s.done_on for s in session.execute(
            select(CaseStep).where(CaseStep.case_id == case.id)).scalars()}
        versions = all_versions(session)
        required = []
        for step in procedure_of(case).steps:
            day = done.get(step.code)
            item = in_force(versions, day or ctx.clock.today()).requirement(case.type_code,
                                                                           step.code)
            if item is not None and item.mode in CHECKED:
                required.append(RequiredStep(step.code, step.name_zh, step.name_en, item.mode,
                                             item.activity_zh, item.activity_en, item.source,
                                             day))
        return CaseCompliance(case.number, case.status, tuple(required), tuple(
            finding_json(r, language) for r in rows if r.status != RESOLVED))


def list_findings(ctx: Context, *, only_open: bool = False, language: str = "zh_CN",
                  limit: int = 1000) -> list[dict[str, Any]]:
    """Findings of every case, open ones (or also excused and acknowledged), newest first."""
    require(ctx.actor, Permission.VIEW_CASES)
    statuses = (OPEN,) if only_open else (OPEN, "excused", "acknowledged")
    with ctx.read() as session:
        rows = session.execute(
            select(RecordingFinding, Case.number, Case.status)
            .join(Case, Case.id == RecordingFinding.case_id)
            .where(RecordingFinding.status.in_(statuses))
            .order_by(RecordingFinding.found_at.desc(), Case.number, RecordingFinding.key)
            .limit(limit)).all()
        return [{"case": number, "case_status": status, **finding_json(row, language)}
                for row, number, status in rows]
