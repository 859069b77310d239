"""What a task and its draws look like to a reader: the list of tasks, one task in full.
Draws are public (一公开), so reading them needs no permission beyond a login."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock, iso_utc
from core.context import Context
from db.models import (InspectionAssignment, InspectionDraw, InspectionRecusal,
                       InspectionResult, InspectionTask, Unit)
from inspections.lookup import draws_of, find_task, targets_of
from inspections.results import outcome_text


@dataclass(frozen=True)
class TaskRow:
    number: str
    item_code: str
    item_content: str
    unit: str | None
    selection: str           # "5%" style ratio text or "N 户"/"N targets"
    target_count: int
    created_at: datetime
    draws: int
    drawn_at: datetime | None     # of the draw in force
    seed: str | None
    drawn: int                    # targets the draw in force chose
    results: int                  # of them with a result recorded

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"task": self.number, "item": self.item_code, "content": self.item_content,
                "unit": self.unit, "selection": self.selection, "pool": self.target_count,
                "created_at": iso_utc(self.created_at), "draws": self.draws,
                "drawn_at": iso_utc(self.drawn_at) if self.drawn_at else None,
                "seed": self.seed, "drawn": self.drawn, "results": self.results}


def selection_text(task: InspectionTask, language: str = "zh_CN") -> str:
    if task.count is not None:
        return f"{task.count} targets" if language.startswith("en") else f"{task.count} 户"
    return task.ratio or ""


def _draw_view(session: Session, task: InspectionTask, draw: InspectionDraw,
               clock: Clock, language: str) -> dict[str, Any]:
    names = {t.uscc: t.name for t in targets_of(session, task)}
    pool = {o["certificate"]: o for o in json.loads(draw.inspectors)}
    rows = session.execute(
        select(InspectionAssignment, InspectionResult)
        .outerjoin(InspectionResult, InspectionResult.assignment_id == InspectionAssignment.id)
        .where(InspectionAssignment.draw_id == draw.id).order_by(InspectionAssignment.seq)).all()
    targets = []
    for assignment, result in rows:
        certs = json.loads(assignment.inspectors)
        targets.append({
            "uscc": assignment.uscc, "name": names.get(assignment.uscc, ""),
            "inspectors": certs,
            "inspector_names": [pool.get(c, {}).get("name", "") for c in certs],
            "result": None if result is None else {
                "outcome": result.outcome, "text": outcome_text(result.outcome, language),
                "inspected_on": result.inspected_on.isoformat(),
                "officer": result.certificate_number, "case_number": result.case_number,
                "rectification": result.rectification, "note": result.note}})
    return {"draw": draw.number, "seed": draw.seed, "seed_text": draw.seed_text,
            "algorithm": draw.algorithm, "drawn_at": iso_utc(draw.drawn_at),
            "drawn_on": clock.local(draw.drawn_at).date().isoformat(),
            "drawn_by": draw.drawn_by, "superseded": draw.superseded_at is not None,
            "redraw_reason": draw.redraw_reason, "inspector_pool": len(pool),
            "recusals": len(json.loads(draw.recusals)), "targets": targets}


def task_view(session: Session, task: InspectionTask, clock: Clock,
              language: str = "zh_CN") -> dict[str, Any]:
    unit = session.get(Unit, task.unit_id) if task.unit_id else None
    recusals = session.execute(select(InspectionRecusal).where(
        InspectionRecusal.task_id == task.id).order_by(InspectionRecusal.recorded_at)).scalars()
    return {"task": task.number, "item": json.loads(task.item), "unit": unit.name if unit else None,
            "ratio": task.ratio, "count": task.count, "per_target": task.per_target,
            "pool": task.target_count, "pool_file": task.pool_file,
            "pool_sha256": task.pool_sha256, "created_at": iso_utc(task.created_at),
            "created_by": task.created_by,
            "recusals": [{"certificate": r.certificate_number, "uscc": r.uscc,
                          "reason": r.reason} for r in recusals],
            "draws": [_draw_view(session, task, d, clock, language)
                      for d in draws_of(session, task)]}


def task_detail(ctx: Context, task_key: str, language: str = "zh_CN") -> dict[str, Any]:
    with ctx.read() as session:
        return task_view(session, find_task(session, task_key), ctx.clock, language)


def drawn_json(detail: dict[str, Any], number: int | None = None) -> dict[str, Any]:
    """What ``draw new --json`` prints: the task, the seed and the drawn targets."""
    draws = detail["draws"]
    draw = next(d for d in draws if d["draw"] == number) if number else draws[-1]
    return {"task": detail["task"], "draw": draw["draw"], "seed": draw["seed"],
            "targets": [{"uscc": t["uscc"], "name": t["name"], "inspectors": t["inspectors"]}
                        for t in draw["targets"]]}


def list_tasks(ctx: Context, language: str = "zh_CN") -> list[TaskRow]:
    rows = []
    with ctx.read() as session:
        tasks = session.execute(select(InspectionTask).order_by(
            InspectionTask.created_at.desc(), InspectionTask.number.desc())).scalars().all()
        for task in tasks:
            draws = draws_of(session, task)
            live = [d for d in draws if d.superseded_at is None]
            draw = live[-1] if live else None
            drawn = results = 0
            if draw is not None:
                drawn = session.query(InspectionAssignment).filter_by(draw_id=draw.id).count()
                results = session.query(InspectionResult).join(
                    InspectionAssignment,
                    InspectionAssignment.id == InspectionResult.assignment_id).filter(
                    InspectionAssignment.draw_id == draw.id).count()
            unit = session.get(Unit, task.unit_id) if task.unit_id else None
            rows.append(TaskRow(task.number, task.item_code,
                                json.loads(task.item).get("content", ""),
                                unit.name if unit else None, selection_text(task, language),
                                task.target_count, task.created_at, len(draws),
                                draw.drawn_at if draw else None, draw.seed if draw else None,
                                drawn, results))
    return rows


@dataclass(frozen=True)
class DrawChoices:
    """What the new-draw form offers: the items of the list in force, and the units."""

    items: list[tuple[str, str]]      # (code, content)
    list_version: int | None
    units: list[str]


def draw_choices(ctx: Context) -> DrawChoices:
    from public_lists.versions import current
    with ctx.read() as session:
        version, rows = current(session, "inspection_items", ctx.clock.today())
        from organisation.units import unit_order
        units = list(session.execute(select(Unit.name).order_by(unit_order())).scalars())
    return DrawChoices([(r.get("code", ""), r.get("content", "")) for r in rows],
                       version.number if version else None, units)
