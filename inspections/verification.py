"""Re-running recorded draws: from the database (``draw verify TASK``) or from an exported
file alone (``draw verify --file``), on any machine. A draw verifies when the SHA-256 of
its recorded inputs is its recorded seed and running the algorithm on them gives exactly
the recorded targets and inspectors; otherwise each difference is named."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.context import Context
from core.errors import DomainError, InvalidInput
from core.user_files import read_json_file
from db.models import InspectionAssignment, InspectionDraw
from inspections.algorithm import ALGORITHM, run_draw, seed_of
from inspections.inputs import check_inspectors, recorded_inputs
from inspections.lookup import draws_of, find_task, targets_of

EXPORT_FORMAT = "lawdesk-draw-export/1"


@dataclass
class DrawCheck:
    number: int
    seed: str
    differences: list[tuple[str, str]] = field(default_factory=list)   # (zh, en)

    @property
    def ok(self) -> bool:
        return not self.differences

    def as_json(self, language: str = "zh_CN") -> dict:
        i = 1 if language.startswith("en") else 0
        return {"draw": self.number, "seed": self.seed, "ok": self.ok,
                "differences": [d[i] for d in self.differences]}


@dataclass
class TaskCheck:
    task: str
    draws: list[DrawCheck]

    @property
    def ok(self) -> bool:
        return all(d.ok for d in self.draws)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"task": self.task, "ok": self.ok,
                "draws": [d.as_json(language) for d in self.draws]}


def check_draw(number: int, inputs: dict[str, Any], seed: str,
               result: list[dict[str, Any]]) -> DrawCheck:
    """Compare a recorded draw with a re-run of its inputs (pure: no database)."""
    check = DrawCheck(number, seed)
    if inputs.get("algorithm") != ALGORITHM:
        check.differences.append((f"未知算法“{inputs.get('algorithm')}”",
                                  f"unknown algorithm '{inputs.get('algorithm')}'"))
        return check
    recomputed = seed_of(inputs)
    if recomputed != seed:
        check.differences.append((f"种子不符：记录为 {seed}，由记录的输入重算为 {recomputed}"
                                  "（输入或种子被改动过）",
                                  f"the seed differs: recorded {seed}, the recorded inputs "
                                  f"give {recomputed} (inputs or seed were changed)"))
    try:
        check_inspectors(inputs)
        rerun = run_draw(inputs, recomputed)
    except (DomainError, KeyError, TypeError, ValueError) as error:
        text = error.message("zh_CN") if isinstance(error, DomainError) else repr(error)
        text_en = error.message("en") if isinstance(error, DomainError) else repr(error)
        check.differences.append((f"记录的输入无法重新抽取：{text}",
                                  f"the recorded inputs cannot be drawn again: {text_en}"))
        return check
    if len(rerun) != len(result):
        check.differences.append((f"抽中户数不符：记录 {len(result)} 户，重算 {len(rerun)} 户",
                                  f"the number of targets differs: recorded {len(result)}, "
                                  f"re-run {len(rerun)}"))
    for position, (mine, theirs) in enumerate(zip(rerun, result), start=1):
        if mine["uscc"] != theirs.get("uscc"):
            check.differences.append(
                (f"第 {position} 个抽中对象不符：记录 {theirs.get('uscc')}，重算 {mine['uscc']}",
                 f"drawn target {position} differs: recorded {theirs.get('uscc')}, "
                 f"re-run {mine['uscc']}"))
        elif list(mine["inspectors"]) != list(theirs.get("inspectors") or []):
            check.differences.append(
                (f"{mine['uscc']} 的检查人员不符："
                 f"记录 {'、'.join(theirs.get('inspectors') or [])}，"
                 f"重算 {'、'.join(mine['inspectors'])}",
                 f"the inspectors of {mine['uscc']} differ: recorded "
                 f"{', '.join(theirs.get('inspectors') or [])}, re-run "
                 f"{', '.join(mine['inspectors'])}"))
    return check


def _recorded_result(session, draw: InspectionDraw) -> list[dict[str, Any]]:  # noqa: ANN001
    from sqlalchemy import select
    rows = session.execute(select(InspectionAssignment).where(
        InspectionAssignment.draw_id == draw.id).order_by(InspectionAssignment.seq)).scalars()
    return [{"uscc": a.uscc, "inspectors": json.loads(a.inspectors)} for a in rows]


def task_record(session, task_key: str) -> dict[str, Any]:  # noqa: ANN001
    """A task's draws as the export file holds them: every input, seed and result."""
    task = find_task(session, task_key)
    targets = targets_of(session, task)
    draws = []
    for draw in draws_of(session, task):
        draws.append({"number": draw.number, "inputs": recorded_inputs(task, targets, draw),
                      "seed": draw.seed, "result": _recorded_result(session, draw),
                      "superseded": draw.superseded_at is not None,
                      "redraw_reason": draw.redraw_reason})
    return {"format": EXPORT_FORMAT, "task": task.number, "draws": draws}


def _check_record(record: dict[str, Any]) -> TaskCheck:
    return TaskCheck(record["task"], [check_draw(d["number"], d["inputs"], d["seed"],
                                                 d["result"]) for d in record["draws"]])


def verify_task(ctx: Context, task_key: str) -> TaskCheck:
    """Re-run every draw of a task from what the database recorded."""
    with ctx.read() as session:
        record = task_record(session, task_key)
    if not record["draws"]:
        from inspections.errors import NotDrawn
        raise NotDrawn(task=record["task"])
    return _check_record(record)


def export_task(ctx: Context, task_key: str, out: str | Path) -> Path:
    """Write a task's draws to a JSON file that ``verify_file`` re-runs with nothing else."""
    with ctx.read() as session:
        record = task_record(session, task_key)
    path = Path(out)
    try:
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")
    except OSError as error:
        raise InvalidInput(f"无法写入 {path}：{error.strerror}",
                           f"cannot write {path}: {error.strerror}") from None
    return path


def verify_file(path: str | Path) -> TaskCheck:
    """Re-run the draws of an exported file; needs no data folder and no login."""
    record = read_json_file(path)
    if not isinstance(record, dict) or record.get("format") != EXPORT_FORMAT or not \
            isinstance(record.get("draws"), list):
        raise InvalidInput(f"{path} 不是 LawDesk 导出的抽查记录（format 应为 {EXPORT_FORMAT}）",
                           f"{path} is not a draw record exported by LawDesk (format should "
                           f"be {EXPORT_FORMAT})")
    try:
        return _check_record(record)
    except (KeyError, TypeError, AttributeError) as error:
        raise InvalidInput(f"{path} 的抽查记录不完整（缺少 {error}）",
                           f"{path}: the draw record is incomplete (missing {error})") from None
