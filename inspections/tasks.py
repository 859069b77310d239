"""Inspection tasks (抽查任务), their recusals (回避) and their draws: the services.

A task fixes what is drawn from (an item of the random-inspection list in force, the target
pool, a ratio or count, whose officers inspect). A draw takes the day's certified officers
and the recusals recorded so far, the seed text typed at the witnessed draw and the time,
and records them with what it drew (inspections.algorithm). One draw per task: a second
is a redraw, which only an administrator may make, with a reason; the first is then marked
superseded and both stay on record. Every change is one transaction with its ledger entries.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from core.context import Context
from core.control_text import has_controls, unpaired_surrogate
from core.errors import AlreadyExists, InvalidInput, NotFound
from core.permissions import Permission, require
from core.user_files import printable_name
from db.models import (InspectionAssignment, InspectionDraw, InspectionRecusal,
                       InspectionTarget, InspectionTask, Unit)
from inspections.algorithm import (INSPECTORS_PER_TARGET, ALGORITHM, parse_ratio,
                                   result_sha256, run_draw, seed_of)
from inspections.errors import (AlreadyDrawn, NoInspectionList, NothingToRedraw,
                                SameTaskExists, TaskRecorded, TooFewInspectors,
                                UnknownInspectionItem)
from inspections.inputs import build_inputs, check_inspectors
from inspections.lookup import draws_of, find_task, live_draw, targets_of
from inspections.pool import certified_inspectors
from inspections.targets import Target, parse_targets, pool_sha256, read_file
from inspections.uscc import clean_uscc
from organisation.lookup import clean_certificate_number, officer_by_certificate
from organisation.units import find_unit

SEED_TEXT_LIMIT = 500   # a phrase typed at the witnessed draw, not a document
REASON_LIMIT = 1000


@dataclass(frozen=True)
class TaskSpec:
    """What ``draw new`` is given: the item's code, the pool, and how many to draw."""

    item_code: str
    targets: list[Target]
    pool_file: str
    ratio: str | None = None
    count: int | None = None
    unit: str | None = None     # name or short name; None: officers of every unit
    # Recorded with the task, before it is drawn: (certificate number, USCC, reason).
    recusals: tuple[tuple[str, str, str], ...] = ()


def read_spec(item_code: str, targets_file: str | os.PathLike, *, ratio: str | None = None,
              count: int | None = None, unit: str | None = None,
              recusals: tuple[tuple[str, str, str], ...] = ()) -> TaskSpec:
    """A TaskSpec from a target file (CSV, UTF-8 or GBK), checked row by row."""
    targets = parse_targets(read_file(targets_file))
    return TaskSpec(item_code.strip(), targets, printable_name(os.path.basename(targets_file)),
                    ratio, count, unit, tuple(recusals))


def _require(ctx: Context, redraw_reason: str | None) -> str | None:
    """Who may draw, and who may redraw; the redraw's reason, checked."""
    require(ctx.actor, Permission.RUN_DRAWS)
    if redraw_reason is None:
        return None
    require(ctx.actor, Permission.REDRAW)
    return _text(redraw_reason, "重新抽取的理由", "reason for the redraw", REASON_LIMIT)


def _text(value: str | None, what_zh: str, what_en: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"{what_zh}不能为空", f"the {what_en} is empty")
    if len(text) > limit:
        raise InvalidInput(f"{what_zh}过长（最多 {limit} 字）",
                           f"the {what_en} is too long ({limit} characters at most)")
    if has_controls(text) or unpaired_surrogate(text) is not None:
        raise InvalidInput(f"{what_zh}含有控制字符或无效字符", f"the {what_en} holds control "
                           "characters or characters that are not text")
    return text


def _selection(spec: TaskSpec) -> tuple[str | None, int | None]:
    if (spec.ratio is None) == (spec.count is None):
        raise InvalidInput("请给出抽查比例（--ratio）或抽查数量（--count）之一",
                           "give either a ratio (--ratio) or a count (--count)")
    if spec.count is not None:
        if not 1 <= spec.count <= len(spec.targets):
            raise InvalidInput(f"抽查数量 {spec.count} 应在 1 到名录中的 "
                               f"{len(spec.targets)} 户之间",
                               f"the count {spec.count} must be between 1 and the "
                               f"{len(spec.targets)} targets of the list")
        return None, spec.count
    return format(parse_ratio(spec.ratio).normalize(), "f"), None


def _item(session: Session, code: str, ctx: Context) -> dict[str, str]:
    from public_lists.versions import current
    today = ctx.clock.today()
    version, rows = current(session, "inspection_items", today)
    if version is None or not rows:
        raise NoInspectionList(on=today.isoformat())
    for row in rows:
        if row.get("code") == code:
            return {**row, "list_version": str(version.number)}
    raise UnknownInspectionItem(code=code, version=version.number,
                                known="、".join(r.get("code", "") for r in rows))


def _next_number(session: Session, ctx: Context) -> str:
    hold_ledger(session)  # PostgreSQL: two tasks at once must not take one number
    prefix = f"DR-{ctx.clock.today().year}-"
    taken = session.execute(select(func.count()).select_from(InspectionTask).where(
        InspectionTask.number.like(prefix + "%"))).scalar_one()
    return f"{prefix}{taken + 1:03d}"


def _same_task(session: Session, code: str, digest: str) -> InspectionTask | None:
    return session.execute(select(InspectionTask).where(
        InspectionTask.item_code == code, InspectionTask.pool_sha256 == digest)
        .order_by(InspectionTask.created_at)).scalars().first()


def _create(session: Session, ctx: Context, spec: TaskSpec) -> InspectionTask:
    ratio, count = _selection(spec)
    item = _item(session, spec.item_code, ctx)
    unit_id = find_unit(session, spec.unit).id if spec.unit else None
    task = InspectionTask(
        number=_next_number(session, ctx), item_code=spec.item_code,
        item=json.dumps(item, ensure_ascii=False, sort_keys=True), unit_id=unit_id,
        ratio=ratio, count=count, per_target=INSPECTORS_PER_TARGET,
        pool_file=spec.pool_file[:300], pool_sha256=pool_sha256(spec.targets),
        target_count=len(spec.targets), created_at=ctx.clock.now(),
        created_by=ctx.actor.username)
    session.add(task)
    session.flush()
    session.add_all(InspectionTarget(task_id=task.id, **t.as_json()) for t in spec.targets)
    session.flush()
    for certificate, uscc, reason in spec.recusals:
        _recuse(session, ctx, task, certificate, uscc, reason)
    return task


def _recusals_in_force(session: Session, task: InspectionTask,
                       pool: list[dict[str, str]]) -> list[dict[str, str]]:
    """The task's recusals with each officer named by the certificate the pool knows them by
    (they may have renewed since the recusal was recorded)."""
    by_officer = {o["officer_id"]: o["certificate"] for o in pool}
    rows = session.execute(select(InspectionRecusal).where(
        InspectionRecusal.task_id == task.id)).scalars()
    return [{"certificate": by_officer.get(r.officer_id, r.certificate_number),
             "uscc": r.uscc, "reason": r.reason} for r in rows]


def _draw(session: Session, ctx: Context, task: InspectionTask, seed_text: str,
          redraw_reason: str | None) -> InspectionDraw:
    hold_ledger(session)
    previous = live_draw(session, task)
    if previous is not None and redraw_reason is None:
        raise AlreadyDrawn(task=task.number, seed=previous.seed[:16],
                           at=ctx.clock.local(previous.drawn_at).strftime("%Y-%m-%d %H:%M:%S"))
    if previous is None and redraw_reason is not None:
        raise NothingToRedraw(task=task.number)
    today = ctx.clock.today()
    pool = certified_inspectors(session, today, task.unit_id)
    unit = session.get(Unit, task.unit_id) if task.unit_id else None
    if len(pool) < task.per_target:
        raise TooFewInspectors(scope=f"{unit.name}中" if unit else "全局",
                               scope_en=f"The unit {unit.name}" if unit else "The bureau",
                               have=len(pool), need=task.per_target)
    recusals = _recusals_in_force(session, task, pool)
    inspectors = [{k: o[k] for k in ("certificate", "name", "unit")} for o in pool]
    drawn_at = ctx.clock.now().replace(microsecond=0)
    number = len(draws_of(session, task)) + 1
    targets = [{"uscc": t.uscc, "name": t.name, "address": t.address, "category": t.category}
               for t in targets_of(session, task)]
    inputs = build_inputs(task, targets, draw_number=number, inspectors=inspectors,
                          recusals=recusals, seed_text=seed_text, drawn_at=drawn_at)
    check_inspectors(inputs)
    seed = seed_of(inputs)
    result = run_draw(inputs, seed)
    draw = InspectionDraw(task_id=task.id, number=number, algorithm=ALGORITHM,
                          seed_text=seed_text, drawn_at=drawn_at, drawn_by=ctx.actor.username,
                          inspectors=json.dumps(inputs["inspectors"], ensure_ascii=False),
                          recusals=json.dumps(inputs["recusals"], ensure_ascii=False),
                          seed=seed, result_sha256=result_sha256(result),
                          redraw_reason=redraw_reason)
    session.add(draw)
    session.flush()
    session.add_all(InspectionAssignment(draw_id=draw.id, seq=seq, uscc=row["uscc"],
                                         inspectors=json.dumps(row["inspectors"]))
                    for seq, row in enumerate(result, start=1))
    if previous is not None:
        previous.superseded_at, previous.superseded_by = drawn_at, draw.id
    session.flush()
    return draw


def create_task(ctx: Context, spec: TaskSpec) -> str:
    """Record a task without drawing it yet (recusals can then be added); its number."""
    require(ctx.actor, Permission.RUN_DRAWS)
    with ctx.write("draw.task") as session:
        existing = _same_task(session, spec.item_code, pool_sha256(spec.targets))
        if existing is not None and not draws_of(session, existing):
            raise TaskRecorded(task=existing.number)
        if existing is not None:
            raise SameTaskExists(task=existing.number, item=spec.item_code)
        return _create(session, ctx, spec).number


def draw_task(ctx: Context, task_key: str, seed_text: str, *,
              redraw_reason: str | None = None) -> tuple[str, int]:
    """Draw a recorded task (or redraw it, with a reason); (task number, draw number)."""
    redraw_reason = _require(ctx, redraw_reason)
    seed_text = _text(seed_text, "种子文字", "seed text", SEED_TEXT_LIMIT)
    with ctx.write("draw.redraw" if redraw_reason is not None else "draw.draw") as session:
        task = find_task(session, task_key)
        return task.number, _draw(session, ctx, task, seed_text, redraw_reason).number


def new_draw(ctx: Context, spec: TaskSpec, seed_text: str, *,
             redraw_reason: str | None = None) -> tuple[str, int]:
    """``draw new``: record the task and draw it in one transaction. The same item and the
    same target pool again is the same task: refused, or with ``redraw_reason`` (an
    administrator's) redrawn, with the ratio and unit it was given the first time."""
    redraw_reason = _require(ctx, redraw_reason)
    seed_text = _text(seed_text, "种子文字", "seed text", SEED_TEXT_LIMIT)
    with ctx.write("draw.redraw" if redraw_reason is not None else "draw.new") as session:
        task = _same_task(session, spec.item_code, pool_sha256(spec.targets))
        # A task recorded earlier (recusals added) and not drawn yet is simply drawn now.
        undrawn = task is not None and not draws_of(session, task)
        if task is not None and redraw_reason is None and not undrawn:
            raise SameTaskExists(task=task.number, item=spec.item_code)
        if task is None:
            if redraw_reason is not None:
                raise NotFound("可重新抽取的同一事项、同一名录的抽查任务",
                               "earlier task of the same item and target list to redraw",
                               spec.item_code)
            task = _create(session, ctx, spec)
        else:
            _same_selection(session, task, spec)
            for certificate, uscc, reason in spec.recusals:
                _recuse(session, ctx, task, certificate, uscc, reason, again_ok=True)
        return task.number, _draw(session, ctx, task, seed_text, redraw_reason).number


def _same_selection(session: Session, task: InspectionTask, spec: TaskSpec) -> None:
    ratio, count = _selection(spec)
    unit_id = find_unit(session, spec.unit).id if spec.unit else None
    if (ratio, count, unit_id) != (task.ratio, task.count, task.unit_id):
        raise InvalidInput(
            f"重新抽取须沿用任务 {task.number} 的抽查比例或数量和检查科室"
            f"（{task.ratio or task.count}）",
            f"a redraw keeps task {task.number}'s ratio or count and unit "
            f"({task.ratio or task.count})")


def add_recusal(ctx: Context, task_key: str, certificate: str, uscc: str, reason: str) -> None:
    """Record that an officer must not inspect one target of a task (回避), and why."""
    require(ctx.actor, Permission.RUN_DRAWS)
    reason = _text(reason, "回避理由", "reason for the recusal", REASON_LIMIT)
    code = clean_uscc(uscc)
    with ctx.write("draw.recuse") as session:
        _recuse(session, ctx, find_task(session, task_key), certificate, code, reason)


def _recuse(session: Session, ctx: Context, task: InspectionTask, certificate: str, uscc: str,
            reason: str, *, again_ok: bool = False) -> None:
    """Record one recusal; the same officer and target twice is refused (or, with
    ``again_ok``, for a file given again with a redraw, skipped)."""
    code = clean_uscc(uscc)
    reason = _text(reason, "回避理由", "reason for the recusal", REASON_LIMIT)
    if code not in {t.uscc for t in targets_of(session, task)}:
        raise NotFound(f"抽查任务 {task.number} 名录中的检查对象",
                       f"target in task {task.number}'s list", code)
    officer = officer_by_certificate(session, certificate)
    if session.execute(select(InspectionRecusal.id).where(
            InspectionRecusal.task_id == task.id, InspectionRecusal.officer_id == officer.id,
            InspectionRecusal.uscc == code)).first() is not None:
        if again_ok:
            return
        raise AlreadyExists("该执法人员对该检查对象的回避", "recusal of this officer for",
                            code)
    session.add(InspectionRecusal(
        task_id=task.id, officer_id=officer.id,
        certificate_number=clean_certificate_number(certificate), uscc=code, reason=reason,
        recorded_at=ctx.clock.now(), recorded_by=ctx.actor.username))
    session.flush()
