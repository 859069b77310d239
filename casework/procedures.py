"""Procedures and their ordered steps, read from resources/casework/procedures.toml.

The order rule is a pure function of the procedure and the steps already recorded, so the
case service, the editor's "next step" choices and the tests all ask the same question.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import date
from typing import Mapping

from core.errors import InvalidInput
from resources import resource_path

SIMPLIFIED, ORDINARY = "simplified", "ordinary"


@dataclass(frozen=True)
class Step:
    code: str
    name_zh: str
    name_en: str
    optional: bool = False
    enforcement: bool = False

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language.startswith("en") else self.name_zh


@dataclass(frozen=True)
class Procedure:
    code: str
    name_zh: str
    name_en: str
    min_officers: int
    steps: tuple[Step, ...]

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language.startswith("en") else self.name_zh

    def step(self, key: str) -> Step:
        """A step by its code or its Chinese name; InvalidInput lists the choices."""
        key = key.strip()
        for step in self.steps:
            if key in (step.code, step.name_zh):
                return step
        choices = "、".join(f"{s.code}（{s.name_zh}）" for s in self.steps)
        raise InvalidInput(f"{self.name_zh}没有“{key}”环节，可选：{choices}",
                           f"the {self.name_en} has no step '{key}'; choose from "
                           + ", ".join(s.code for s in self.steps))

    def index(self, code: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.code == code)


@dataclass(frozen=True)
class OrderProblem:
    """Why a step cannot be recorded now."""

    zh: str
    en: str


@functools.cache
def procedures() -> Mapping[str, Procedure]:
    with resource_path("casework", "procedures.toml").open("rb") as handle:
        data = tomllib.load(handle)
    result = {}
    for code, spec in data.items():
        steps = tuple(Step(s["code"], s["name_zh"], s["name_en"], bool(s.get("optional")),
                           bool(s.get("enforcement"))) for s in spec["step"])
        result[code] = Procedure(code, spec["name_zh"], spec["name_en"],
                                 int(spec["min_officers"]), steps)
    return result


def procedure(key: str) -> Procedure:
    """A procedure by code or Chinese name (普通、普通程序)."""
    key = key.strip()
    for proc in procedures().values():
        if key in (proc.code, proc.name_zh, proc.name_zh.removesuffix("程序")):
            return proc
    choices = ", ".join(f"{p.code}（{p.name_zh}）" for p in procedures().values())
    raise InvalidInput(f"未知办案程序“{key}”，可选：{choices}",
                       f"unknown procedure '{key}'; choose from "
                       + ", ".join(procedures()))


def order_problem(proc: Procedure, step: Step, done: Mapping[str, date],
                  on: date) -> OrderProblem | None:
    """Whether ``step`` may be recorded on ``on`` after the steps ``done`` (code -> date).

    Refused: a later step is already recorded; an earlier step that is not optional is
    missing (the first such is named); the date is before the latest recorded step's."""
    position = proc.index(step.code)
    later = [s for s in proc.steps[position + 1:] if s.code in done]
    if later:
        return OrderProblem(f"已记录后续环节“{later[0].name_zh}”",
                            f"the later step '{later[0].name_en}' is already recorded")
    for earlier in proc.steps[:position]:
        if earlier.code not in done and not earlier.optional:
            return OrderProblem(f"前一环节“{earlier.name_zh}”尚未记录，须按程序顺序办理",
                                f"the earlier step '{earlier.name_en}' has not been recorded; "
                                "steps follow the procedure's order")
    previous = [(done[s.code], s) for s in proc.steps[:position] if s.code in done]
    if previous:
        last_on, last = max(previous, key=lambda item: item[0])
        if on < last_on:
            return OrderProblem(f"日期 {on} 早于“{last.name_zh}”环节的日期 {last_on}",
                                f"the date {on} is before the date of '{last.name_en}', "
                                f"{last_on}")
    return None


def next_steps(proc: Procedure, done: Mapping[str, date]) -> list[Step]:
    """The steps that could be recorded next (an optional one, and the one after it)."""
    result = []
    for step in proc.steps:
        if step.code in done:
            result = []
            continue
        result.append(step)
        if not step.optional:
            break
    return result
