"""Tables of the double-random inspections (双随机、一公开); added by migration 0013.

A task (抽查任务) names a random-inspection item, the pool of market subjects to draw from
and how many to draw; a draw records every public input it used (the inspector pool and
the recusals as they stood, the seed text typed at the witnessed draw, the time) and what
it drew, so anyone can re-run it (inspections.algorithm, docs/double-random-draw.md). A
redraw adds a second draw and marks the first superseded: both stay. Every row is audited.

Workstation-owned: the draw is made where the witnesses stand; HQ receives it through the
ledger like cases.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id

__all__ = ["InspectionTask", "InspectionTarget", "InspectionRecusal", "InspectionDraw",
           "InspectionAssignment", "InspectionResult"]

ID = String(32)


class InspectionTask(Base):
    """What is to be drawn: an item of the random-inspection list in force, a target pool,
    a ratio or a count, and whose officers may inspect (a unit, or everyone)."""

    __tablename__ = "inspection_task"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    item_code: Mapped[str] = mapped_column(String(40), index=True)
    item: Mapped[str] = mapped_column(Text)       # JSON: the item's row and list version
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"))
    ratio: Mapped[str | None] = mapped_column(String(20))   # decimal text, e.g. "0.05"
    count: Mapped[int | None] = mapped_column(Integer)
    per_target: Mapped[int] = mapped_column(Integer)        # inspectors per target
    pool_file: Mapped[str] = mapped_column(String(300))
    pool_sha256: Mapped[str] = mapped_column(String(64), index=True)  # of the sorted pool
    target_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str] = mapped_column(String(50))


class InspectionTarget(Base):
    """One market subject of a task's pool, as the imported file gave it."""

    __tablename__ = "inspection_target"
    __table_args__ = (UniqueConstraint("task_id", "uscc", name="uq_inspection_target_task_id"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    task_id: Mapped[str] = mapped_column(ForeignKey("inspection_task.id"), index=True)
    uscc: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(100))


class InspectionRecusal(Base):
    """An officer who must not inspect one target of a task (回避), and why."""

    __tablename__ = "inspection_recusal"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    task_id: Mapped[str] = mapped_column(ForeignKey("inspection_task.id"), index=True)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"))
    certificate_number: Mapped[str] = mapped_column(String(40))  # as given
    uscc: Mapped[str] = mapped_column(String(18))
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    recorded_by: Mapped[str] = mapped_column(String(50))


class InspectionDraw(Base):
    """One draw of a task with the inputs only it knows (the task's own are in the task and
    target rows). ``seed`` is the SHA-256 of the canonical JSON of all inputs."""

    __tablename__ = "inspection_draw"
    __table_args__ = (UniqueConstraint("task_id", "number", name="uq_inspection_draw_task_id"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    task_id: Mapped[str] = mapped_column(ForeignKey("inspection_task.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)            # 1, then 2 for a redraw, ...
    algorithm: Mapped[str] = mapped_column(String(40))
    seed_text: Mapped[str] = mapped_column(Text)
    drawn_at: Mapped[datetime] = mapped_column(UtcDateTime())
    drawn_by: Mapped[str] = mapped_column(String(50))
    inspectors: Mapped[str] = mapped_column(Text)   # JSON: the eligible pool on the day
    recusals: Mapped[str] = mapped_column(Text)     # JSON: the recusals in force
    seed: Mapped[str] = mapped_column(String(64))
    result_sha256: Mapped[str] = mapped_column(String(64))
    redraw_reason: Mapped[str | None] = mapped_column(Text)
    superseded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    superseded_by: Mapped[str | None] = mapped_column(String(32))


class InspectionAssignment(Base):
    """One drawn target of a draw, in draw order, with its inspectors' certificate numbers."""

    __tablename__ = "inspection_assignment"
    __table_args__ = (UniqueConstraint("draw_id", "seq", name="uq_inspection_assignment_draw_id"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    draw_id: Mapped[str] = mapped_column(ForeignKey("inspection_draw.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    uscc: Mapped[str] = mapped_column(String(18))
    inspectors: Mapped[str] = mapped_column(Text)   # JSON array of certificate numbers


class InspectionResult(Base):
    """What the inspection of one drawn target found (检查结果), for the results disclosure."""

    __tablename__ = "inspection_result"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    assignment_id: Mapped[str] = mapped_column(ForeignKey("inspection_assignment.id"),
                                               unique=True)
    outcome: Mapped[str] = mapped_column(String(20))
    inspected_on: Mapped[date] = mapped_column(Date)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"))
    certificate_number: Mapped[str] = mapped_column(String(40))
    case_number: Mapped[str | None] = mapped_column(String(80))
    rectification: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    recorded_by: Mapped[str] = mapped_column(String(50))
