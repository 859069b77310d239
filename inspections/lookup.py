"""Finding a task by its number (DR-2026-001) or id, and its rows."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import NotFound
from db.models import InspectionDraw, InspectionTarget, InspectionTask


def find_task(session: Session, key: str) -> InspectionTask:
    key = (key or "").strip()
    task = session.execute(select(InspectionTask).where(
        (InspectionTask.number == key) | (InspectionTask.id == key))).scalars().first()
    if task is None:
        raise NotFound("抽查任务", "inspection task", key)
    return task


def targets_of(session: Session, task: InspectionTask) -> list[InspectionTarget]:
    return list(session.execute(select(InspectionTarget).where(
        InspectionTarget.task_id == task.id).order_by(InspectionTarget.uscc)).scalars())


def draws_of(session: Session, task: InspectionTask) -> list[InspectionDraw]:
    """Every draw of the task, the first first."""
    return list(session.execute(select(InspectionDraw).where(
        InspectionDraw.task_id == task.id).order_by(InspectionDraw.number)).scalars())


def live_draw(session: Session, task: InspectionTask) -> InspectionDraw | None:
    """The draw in force: the newest not superseded."""
    live = [d for d in draws_of(session, task) if d.superseded_at is None]
    return live[-1] if live else None
