"""Results of inspecting the drawn targets (检查结果), one per target of the draw in force,
recorded by one of the officers drawn for it. Correcting a result changes the row (the
ledger keeps what it said before)."""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.models import InspectionAssignment, InspectionResult
from inspections.errors import NotAmongDrawn, NotAssigned, NotDrawn
from inspections.lookup import find_task, live_draw
from inspections.uscc import clean_uscc
from organisation.lookup import (clean_certificate_number, officer_by_certificate,
                                 officer_id_by_certificate)

# What an inspection of a market subject can find, as results are published (检查结果).
OUTCOMES = {
    "no_problem": ("未发现问题", "no problem found"),
    "problem_found": ("发现问题", "problem found"),
    "rectified": ("发现问题已责令改正", "problem found, ordered to rectify"),
    "not_located": ("通过登记的住所（经营场所）无法联系", "cannot be reached at its address"),
    "no_activity": ("未发现开展本次抽查涉及的经营活动", "no activity of this kind found"),
    "refused": ("不配合检查", "refused the inspection"),
}
# Outcomes that must say what follows: a case number or what was ordered.
NEEDS_FOLLOW_UP = frozenset({"problem_found", "rectified"})
TEXT_LIMIT = 2000


def outcome_text(outcome: str, language: str = "zh_CN") -> str:
    zh, en = OUTCOMES.get(outcome, (outcome, outcome))
    return en if language.startswith("en") else zh


def _optional(text: str | None, zh: str, en: str) -> str | None:
    text = (text or "").strip() or None
    if text is not None and len(text) > TEXT_LIMIT:
        raise InvalidInput(f"{zh}过长（最多 {TEXT_LIMIT} 字）",
                           f"the {en} is too long ({TEXT_LIMIT} characters at most)")
    return text


def record_result(ctx: Context, task_key: str, uscc: str, *, outcome: str, officer: str,
                  inspected_on: date | None = None, case_number: str | None = None,
                  rectification: str | None = None, note: str | None = None) -> None:
    require(ctx.actor, Permission.RECORD_INSPECTIONS)
    if outcome not in OUTCOMES:
        raise InvalidInput(f"未知检查结果“{outcome}”，可选：{'、'.join(OUTCOMES)}",
                           f"unknown outcome '{outcome}'; choose from {', '.join(OUTCOMES)}")
    case_number = _optional(case_number, "案件编号", "case number")
    rectification = _optional(rectification, "整改要求", "rectification")
    note = _optional(note, "备注", "note")
    if outcome in NEEDS_FOLLOW_UP and not (case_number or rectification):
        raise InvalidInput("发现问题的，须填写立案编号（--case）或整改要求（--rectification）",
                           "a problem found needs a case number (--case) or what was ordered "
                           "(--rectification)")
    day = inspected_on or ctx.clock.today()
    if day > ctx.clock.today():
        raise InvalidInput(f"检查日期 {day} 晚于今天",
                           f"the inspection date {day} is in the future")
    code = clean_uscc(uscc)
    with ctx.write("draw.result") as session:
        task = find_task(session, task_key)
        draw = live_draw(session, task)
        if draw is None:
            raise NotDrawn(task=task.number)
        if day < ctx.clock.local(draw.drawn_at).date():
            raise InvalidInput(f"检查日期 {day} 早于抽取日期", f"the inspection date {day} is "
                               "before the draw")
        assignment = session.execute(select(InspectionAssignment).where(
            InspectionAssignment.draw_id == draw.id, InspectionAssignment.uscc == code)
        ).scalars().first()
        if assignment is None:
            raise NotAmongDrawn(uscc=code, task=task.number)
        person = officer_by_certificate(session, officer)
        drawn = json.loads(assignment.inspectors)
        if person.id not in {officer_id_by_certificate(session, c) for c in drawn}:
            raise NotAssigned(name=person.name, cert=clean_certificate_number(officer), uscc=code,
                              inspectors="、".join(drawn))
        result = session.execute(select(InspectionResult).where(
            InspectionResult.assignment_id == assignment.id)).scalars().first()
        if result is None:
            result = InspectionResult(assignment_id=assignment.id)
            session.add(result)
        result.outcome, result.inspected_on = outcome, day
        result.officer_id = person.id
        result.certificate_number = clean_certificate_number(officer)
        result.case_number, result.rectification, result.note = case_number, rectification, note
        result.recorded_at, result.recorded_by = ctx.clock.now(), ctx.actor.username
