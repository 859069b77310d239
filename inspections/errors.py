"""Refusals of the double-random draw, each with a Chinese and an English message."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from core.errors import DomainError


class NoInspectionList(DomainError):
    code = "no_inspection_list"
    zh = ("随机抽查事项清单（{on}）为空或尚未发布：请先导入清单"
          "（lawdesk list import inspection_items）")
    en = ("The random inspection list in force on {on} is empty or not yet published: import "
          "it first (lawdesk list import inspection_items)")


class UnknownInspectionItem(DomainError):
    code = "unknown_inspection_item"
    zh = "随机抽查事项清单（第 {version} 版）中没有编码为“{code}”的事项；现有：{known}"
    en = "The random inspection list (version {version}) has no item '{code}'; it has: {known}"


class TooFewInspectors(DomainError):
    code = "too_few_inspectors"
    zh = ("{scope}持有有效执法证的执法人员只有 {have} 名，每个检查对象需要 {need} 名，"
          "不能抽取")
    en = ("{scope_en} has only {have} officer(s) holding a valid enforcement certificate; "
          "each target needs {need}, so nothing can be drawn")


class TooFewAfterRecusal(DomainError):
    code = "too_few_after_recusal"
    zh = "检查对象 {name}（{uscc}）除去回避人员后只剩 {have} 名可派执法人员，需要 {need} 名"
    en = ("Target {name} ({uscc}) has only {have} eligible officer(s) left after recusals; "
          "it needs {need}")


class AlreadyDrawn(DomainError):
    code = "already_drawn"
    zh = ("抽查任务 {task} 已于 {at} 抽取（种子 {seed}）；重新抽取须由管理员记录理由"
          "（--redraw --reason 理由），两次抽取都留档")
    en = ("Task {task} was drawn at {at} (seed {seed}); a redraw needs an administrator to "
          "record a reason (--redraw --reason TEXT); both draws stay on record")


class SameTaskExists(DomainError):
    code = "same_task_exists"
    zh = ("抽查任务 {task} 已针对同一事项（{item}）和同一检查对象名录抽取过；重新抽取须由管理员"
          "记录理由（--redraw --reason 理由）")
    en = ("Task {task} already drew from the same item ({item}) and the same target list; a "
          "redraw needs an administrator to record a reason (--redraw --reason TEXT)")


class TaskRecorded(DomainError):
    code = "task_recorded"
    zh = ("同一事项和同一检查对象名录已建立抽查任务 {task}（尚未抽取）：请执行 "
          "lawdesk draw run {task} --seed-text 文字")
    en = ("Task {task} already holds this item and target list (not drawn yet): run "
          "lawdesk draw run {task} --seed-text TEXT")


class NothingToRedraw(DomainError):
    code = "nothing_to_redraw"
    zh = "抽查任务 {task} 还没有抽取过，不是重新抽取：请去掉 --redraw"
    en = "Task {task} has not been drawn yet, so this is no redraw: leave out --redraw"


class NotDrawn(DomainError):
    code = "not_drawn"
    zh = "抽查任务 {task} 还没有抽取"
    en = "Task {task} has not been drawn yet"


class NotAssigned(DomainError):
    code = "not_assigned"
    zh = "{name}（{cert}）不是抽中检查 {uscc} 的执法人员（抽中的是：{inspectors}）"
    en = "{name} ({cert}) was not drawn to inspect {uscc} (drawn: {inspectors})"


class NotAmongDrawn(DomainError):
    code = "not_among_drawn"
    zh = "{uscc} 不在抽查任务 {task} 现行抽取结果中"
    en = "{uscc} is not among the targets task {task}'s current draw chose"


@dataclass(frozen=True)
class RowProblem:
    """One bad row of a target file; ``row`` counts as a spreadsheet does (header = 1)."""

    row: int
    zh: str
    en: str


class TargetFileError(DomainError):
    """Every bad row of a target file, named; nothing of the file was imported."""

    code = "bad_target_file"
    zh = "检查对象名录有误，未导入任何记录。{lines_zh}"
    en = "The target list has errors; nothing was imported. {lines_en}"
    LIMIT = 50  # rows named in the message; the count says how many more

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        shown = self.problems[:self.LIMIT]
        more = len(self.problems) - len(shown)
        zh = [f"第 {p.row} 行：{p.zh}" for p in shown] + ([f"另有 {more} 行有误"] if more else [])
        en = [f"row {p.row}: {p.en}" for p in shown] + ([f"{more} more bad rows"] if more else [])
        # One line, so the command line can print it as its one-line reason.
        super().__init__(lines_zh="；".join(zh), lines_en="; ".join(en))
